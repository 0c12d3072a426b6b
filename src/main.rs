//! The `studyguide` command line: parse arguments, call the library, print
//! diagnostics, and exit 0 (success), 2 (bad input) or 1 (anything else).

use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::{Diagnostic, Difficulty, Failure, Options, Severity};

/// Turn a question bank into print-ready study material.
#[derive(Parser)]
#[command(name = "studyguide", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Which config to read.
#[derive(Args)]
struct ConfigArgs {
    /// The guide config or pack (default: guide.toml).
    #[arg(value_name = "CONFIG")]
    file: Option<PathBuf>,
    /// The guide config or pack, as a flag.
    #[arg(long, short, value_name = "FILE", conflicts_with = "file")]
    config: Option<PathBuf>,
    /// Let the config name files outside its own folder. Only for configs
    /// you trust: a shared pack must stay in its folder.
    #[arg(long)]
    allow_outside: bool,
    /// Treat warnings (a missing glyph, a question selected twice) as errors.
    #[arg(long)]
    deny_warnings: bool,
}

impl ConfigArgs {
    fn path(&self) -> PathBuf {
        self.file
            .clone()
            .or_else(|| self.config.clone())
            .unwrap_or_else(|| PathBuf::from("guide.toml"))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build every output of the guide into PDF and Markdown files, and
    /// write the lock file beside the config.
    Build {
        #[command(flatten)]
        config: ConfigArgs,
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
        /// Use the selection recorded in the lock file (CONFIG.lock).
        #[arg(long)]
        locked: bool,
    },
    /// Validate the config, banks, selection and templates; write nothing.
    Check {
        #[command(flatten)]
        config: ConfigArgs,
        /// Check against the lock file's selection.
        #[arg(long)]
        locked: bool,
    },
    /// List the questions of the guide's banks.
    List {
        #[command(flatten)]
        config: ConfigArgs,
        /// Only questions with this tag (repeatable: any of them).
        #[arg(long)]
        tag: Vec<String>,
        /// Only questions in this bank section.
        #[arg(long)]
        section: Option<String>,
        /// Only questions of this difficulty: easy, medium or hard.
        #[arg(long, value_parser = parse_difficulty)]
        difficulty: Option<Difficulty>,
        /// Print JSON for other programs.
        #[arg(long)]
        json: bool,
    },
    /// Write the guide, its selected questions and custom templates into one
    /// self-contained TOML file that builds anywhere.
    Pack {
        #[command(flatten)]
        config: ConfigArgs,
        /// Pack only the output with this name.
        #[arg(long)]
        output: Option<String>,
        /// Pack the selection recorded in the lock file.
        #[arg(long)]
        locked: bool,
        /// The pack file to write.
        #[arg(short = 'o', long = "out", value_name = "FILE.toml")]
        target: PathBuf,
    },
    /// Turn a list of questions found elsewhere (an article, or Markdown)
    /// into a bank file.
    Import {
        /// The text file to read.
        file: PathBuf,
        /// Its layout (default: Markdown if it has `##` headings, else article).
        #[arg(long, value_parser = parse_format)]
        format: Option<studyguide::Format>,
        /// The bank file to write (default: print it).
        #[arg(short = 'o', long = "out", value_name = "BANK.toml")]
        target: Option<PathBuf>,
    },
    /// Scaffold a project: a commented guide.toml with candidate,
    /// interviewer, cheat sheet and flash card outputs, and a starter bank.
    Init {
        /// The folder to create or fill (default: the current one).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Start from a 3-question bank instead of the shipped 25.
        #[arg(long)]
        minimal: bool,
        /// Also copy the built-in templates, to edit.
        #[arg(long)]
        templates: bool,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script: `studyguide completions bash > ...`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man,
    /// Print a two-page test sheet for duplex printers: print it
    /// double-sided, hold it to the light, and read `back_offset` off the
    /// ruler.
    Calibrate {
        /// Paper size: a4, letter, a5 or legal.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// The PDF to write.
        #[arg(short = 'o', long = "out", default_value = "calibrate.pdf")]
        target: PathBuf,
    },
}

fn parse_format(s: &str) -> Result<studyguide::Format, String> {
    match s {
        "article" => Ok(studyguide::Format::Article),
        "markdown" => Ok(studyguide::Format::Markdown),
        _ => Err("use article or markdown".to_string()),
    }
}

fn parse_difficulty(s: &str) -> Result<Difficulty, String> {
    match s {
        "easy" => Ok(Difficulty::Easy),
        "medium" => Ok(Difficulty::Medium),
        "hard" => Ok(Difficulty::Hard),
        _ => Err("use easy, medium or hard".to_string()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match cli.command {
        Command::Build {
            config,
            out,
            output,
            report,
            strict,
            locked,
        } => {
            let options = Options {
                only: output,
                strict,
                locked,
                allow_outside: config.allow_outside,
                out_dir: out,
            };
            let deny = config.deny_warnings;
            let checked = if deny {
                // Check first, so that denied warnings leave every file as it was.
                studyguide::check(&config.path(), &options).and_then(|r| denied(r.warnings))
            } else {
                Ok(())
            };
            checked
                .and_then(|()| studyguide::build(&config.path(), &options))
                .map(|built| {
                    print_warnings(&built.warnings, color);
                    for w in &built.written {
                        println!(
                            "wrote {} ({} {}, {})",
                            w.pdf.display(),
                            w.pages,
                            if w.pages == 1 { "page" } else { "pages" },
                            human_size(w.bytes)
                        );
                        println!("wrote {}", w.markdown.display());
                        if let Some(summary) = &w.summary {
                            println!("{}: {summary}", w.name);
                        }
                    }
                    if report {
                        print_report(&built.written);
                    }
                })
        }
        Command::Check { config, locked } => {
            let options = Options {
                locked,
                allow_outside: config.allow_outside,
                ..Options::default()
            };
            let path = config.path();
            let deny = config.deny_warnings;
            studyguide::check(&path, &options).and_then(|report| {
                if deny {
                    denied(report.warnings.clone())?;
                }
                print_warnings(&report.warnings, color);
                println!("{}: ok", path.display());
                Ok(())
            })
        }
        Command::List {
            config,
            tag,
            section,
            difficulty,
            json,
        } => studyguide::list(&config.path(), config.allow_outside).map(|questions| {
            let shown: Vec<&studyguide::Question> = questions
                .iter()
                .filter(|q| {
                    tag.is_empty() || tag.iter().any(|t| q.tags.contains(&t.to_lowercase()))
                })
                .filter(|q| {
                    section
                        .as_ref()
                        .is_none_or(|s| q.section.eq_ignore_ascii_case(s))
                })
                .filter(|q| difficulty.is_none_or(|d| q.difficulty == d))
                .collect();
            print_list(&shown, json);
        }),
        Command::Pack {
            config,
            output,
            locked,
            target,
        } => {
            let options = Options {
                only: output,
                locked,
                allow_outside: config.allow_outside,
                ..Options::default()
            };
            studyguide::pack(&config.path(), &target, &options).map(|warnings| {
                print_warnings(&warnings, color);
                println!("wrote {}", target.display());
            })
        }
        Command::Import {
            file,
            format,
            target,
        } => studyguide::import_file(&file, format, target.as_deref()).map(|imported| {
            for w in &imported.warnings {
                eprintln!("warning: {w}");
            }
            eprintln!(
                "found {} {} in {}",
                imported.questions.len(),
                if imported.questions.len() == 1 {
                    "question"
                } else {
                    "questions"
                },
                file.display()
            );
            match &target {
                Some(t) => println!("wrote {}", t.display()),
                None => print!("{}", imported.to_toml(&file.display().to_string())),
            }
        }),
        Command::Init {
            dir,
            minimal,
            templates,
            force,
        } => studyguide::init(&dir, minimal, templates, force).map(|files| {
            for f in &files {
                println!("wrote {}", f.display());
            }
            let cd = if dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            println!("next: {cd}studyguide build");
        }),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "studyguide", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let man = clap_mangen::Man::new(command);
            let mut out = Vec::new();
            match man.render(&mut out) {
                Ok(()) => {
                    use std::io::Write;
                    let _ = std::io::stdout().write_all(&out);
                    Ok(())
                }
                Err(e) => {
                    Err(Diagnostic::environment(format!("cannot render the man page: {e}")).into())
                }
            }
        }
        Command::Calibrate { paper, target } => studyguide::calibrate(&paper, &target).map(|()| {
            println!(
                "wrote {} (2 pages): print it double-sided, then hold it to the light",
                target.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(&failure, color),
    }
}

fn print_list(questions: &[&studyguide::Question], json: bool) {
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
        return;
    }
    let width = questions
        .iter()
        .map(|q| q.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    for q in questions {
        println!(
            "{:width$}  {:6}  {:26}  {}",
            q.id,
            q.difficulty.as_str(),
            q.section,
            q.tags.join(", ")
        );
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

/// `--deny-warnings`: warnings become errors.
fn denied(warnings: Vec<Diagnostic>) -> Result<(), Failure> {
    if warnings.is_empty() {
        return Ok(());
    }
    Err(warnings
        .into_iter()
        .map(|mut w| {
            w.severity = Severity::Error;
            w.hints
                .push("this is a warning, made an error by --deny-warnings".into());
            w
        })
        .collect::<Vec<_>>()
        .into())
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
