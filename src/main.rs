//! The `studyguide` command line: parse arguments, call the library, print
//! diagnostics, and exit 0 (success), 2 (bad input) or 1 (anything else).

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::{Diagnostic, Failure, Severity};

/// Turn a question bank into print-ready study material.
#[derive(Parser)]
#[command(name = "studyguide", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build every output of the guide into PDF and Markdown files.
    Build {
        /// The guide config.
        #[arg(long, short, default_value = "guide.toml")]
        config: PathBuf,
        /// Output folder (default: `out/` beside the config).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build only the output with this name.
        #[arg(long)]
        output: Option<String>,
        /// Print every question the page flow moved to a new page or column,
        /// or split across two, by id.
        #[arg(long)]
        report: bool,
        /// Fail if a question's heading ends a page apart from its text.
        #[arg(long)]
        strict: bool,
    },
    /// Validate the config, banks, selection and templates; write nothing.
    Check {
        /// The guide config.
        #[arg(long, short, default_value = "guide.toml")]
        config: PathBuf,
    },
    /// List the questions of the guide's banks.
    List {
        /// The guide config.
        #[arg(long, short, default_value = "guide.toml")]
        config: PathBuf,
        /// Print JSON for other programs.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Build {
            config,
            out,
            output,
            report: show_report,
            strict,
        } => studyguide::build_with(&config, out.as_deref(), output.as_deref(), strict).map(
            |report| {
                print_warnings(&report.warnings, color);
                for w in &report.written {
                    println!(
                        "wrote {} ({} {}, {})",
                        w.pdf.display(),
                        w.pages,
                        if w.pages == 1 { "page" } else { "pages" },
                        human_size(w.bytes)
                    );
                    println!("wrote {}", w.markdown.display());
                }
                if show_report {
                    print_report(&report.written);
                }
            },
        ),
        Command::Check { config } => studyguide::check(&config).map(|report| {
            print_warnings(&report.warnings, color);
            println!("{}: ok", config.display());
        }),
        Command::List { config, json } => studyguide::list(&config).map(|questions| {
            if json {
                let rows: Vec<serde_json::Value> = questions
                    .iter()
                    .map(|q| {
                        serde_json::json!({
                            "id": q.id,
                            "section": q.section,
                            "tags": q.tags,
                            "difficulty": q.difficulty.as_str(),
                            "question": q.question,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                let width = questions
                    .iter()
                    .map(|q| q.id.len())
                    .max()
                    .unwrap_or(2)
                    .max(2);
                for q in &questions {
                    println!(
                        "{:width$}  {:6}  {:26}  {}",
                        q.id,
                        q.difficulty.as_str(),
                        q.section,
                        q.tags.join(", ")
                    );
                }
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(&failure, color),
    }
}

/// `--report`: what the page flow did to each question, one line each.
fn print_report(written: &[studyguide::Written]) {
    for w in written {
        if w.notices.is_empty() {
            println!("{}: every question fits where it starts", w.name);
        }
        for n in &w.notices {
            let what = match n.kind {
                "moved" => "did not fit below the text before it and starts a new column",
                "split" => "is taller than a column and continues",
                _ => "has its heading at the end of a column, apart from its text",
            };
            println!("{}: {:8} {} {what} (page {})", w.name, n.kind, n.id, n.page);
        }
    }
}

fn print_warnings(warnings: &[Diagnostic], color: bool) {
    for w in warnings {
        eprint!("{}", w.render(color));
    }
}

fn report_failure(failure: &Failure, color: bool) -> ExitCode {
    for d in &failure.diagnostics {
        eprint!("{}", d.render(color));
    }
    let errors = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!(
        "studyguide: {errors} {}",
        if errors == 1 { "error" } else { "errors" }
    );
    ExitCode::from(failure.exit_code() as u8)
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}
