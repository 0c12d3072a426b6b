//! The `studyguide` command line: parse arguments, call the library, print
//! diagnostics, and exit 0 (success), 2 (bad input) or 1 (anything else).

use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use studyguide::{Diagnostic, Difficulty, Failure, NoticeKind, Options, Severity};

/// Turn a question bank into print-ready study material.
#[derive(Parser)]
#[command(name = "studyguide", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: after a build, what the page flow did to each question
    /// (as `build --report` does).
    #[arg(long, short, global = true)]
    verbose: bool,
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
    Build(BuildArgs),
    /// Build, then rebuild whenever the config, a bank or a template
    /// changes. A failed rebuild keeps the last good PDFs.
    Watch(WatchArgs),
    /// Validate the config, banks, selection and templates; write nothing.
    Check(CheckArgs),
    /// List the questions of the guide's banks.
    List(ListArgs),
    /// Write the guide, its selected questions and custom templates into one
    /// self-contained TOML file that builds anywhere.
    Pack(PackArgs),
    /// Turn a list of questions found elsewhere (an article, or Markdown)
    /// into a bank file.
    Import(ImportArgs),
    /// Scaffold a project: a commented guide.toml with candidate,
    /// interviewer, cheat sheet and flash card outputs, and a starter bank.
    Init(InitArgs),
    /// Print a shell completion script: `studyguide completions bash > ...`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff) to standard output: studyguide(1), or with a
    /// command's name its own page, studyguide-COMMAND(1), with every option.
    Man {
        /// The command whose page to print (build, check, list, …).
        command: Option<String>,
    },
    /// Print a synthetic bank for benchmarks: realistic lengths,
    /// deterministic for a seed.
    BenchBank {
        /// Number of questions.
        #[arg(long, default_value_t = 500)]
        questions: usize,
        /// Seed for the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print a two-page test sheet for duplex printers: print it
    /// double-sided, hold it to the light, and read `back_offset` off the
    /// ruler.
    Calibrate(CalibrateArgs),
    /// Typeset any Markdown file (notes, a README, a whole collection) as a
    /// PDF. Front matter sets the title block and any `[[output]]` key.
    Render(RenderArgs),
}

// The argument structs carry no doc comment of their own: clap would take it
// as the subcommand's description, which the variant's doc comment gives.

#[derive(Args)]
struct BuildArgs {
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
    /// Print the time spent in each stage.
    #[arg(long)]
    timings: bool,
}

#[derive(Args)]
struct WatchArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Output folder (default: `out/` beside the config).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Open the first PDF with the system viewer after the first build.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Check against the lock file's selection.
    #[arg(long)]
    locked: bool,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Only questions with this tag (repeatable: any of them).
    #[arg(long)]
    tag: Vec<String>,
    /// Only questions in this bank section.
    #[arg(long)]
    section: Option<String>,
    /// Only questions of this difficulty.
    #[arg(long)]
    difficulty: Option<Difficulty>,
    /// Print JSON for other programs.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct PackArgs {
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
}

#[derive(Args)]
struct ImportArgs {
    /// The text file to read, or a folder: every Markdown file under it,
    /// as one bank.
    file: PathBuf,
    /// Its layout; `auto` goes by the extension for `.csv` and `.tsv`,
    /// reads Anki's export by its `#separator:` header (or a `.txt` with
    /// tabs and no column names), Markdown if the text has question
    /// headings (levels 2 to 4), else an article.
    #[arg(long, value_enum, default_value_t = studyguide::Format::Auto)]
    format: studyguide::Format,
    /// For CSV and TSV: the header names of the columns, as
    /// `question=Front,answer=Back`; fields are question, answer, why,
    /// section, tags and difficulty, each named after itself by default.
    #[arg(long, value_name = "FIELD=NAME,…")]
    columns: Option<studyguide::Columns>,
    /// The bank file to write (default: print it).
    #[arg(short = 'o', long = "out", value_name = "BANK.toml")]
    target: Option<PathBuf>,
    /// Replace the bank file if it exists.
    #[arg(long)]
    force: bool,
    /// Print the summary only: write no bank, print none.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct InitArgs {
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
}

#[derive(Args)]
struct RenderArgs {
    /// The Markdown file, or `-` to read standard input.
    file: PathBuf,
    /// The PDF to write (default: FILE with `.pdf`); `-` writes to standard
    /// output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Set an `[[output]]` key, overriding the front matter: `--set
    /// columns=2`, `--set paper=letter`, `--set toc=true` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Let font and picture paths leave the file's folder.
    #[arg(long)]
    allow_outside: bool,
}

#[derive(Args)]
struct CalibrateArgs {
    /// Paper size: a4, letter, a5 or legal.
    #[arg(long, default_value = "a4")]
    paper: String,
    /// The PDF to write.
    #[arg(short = 'o', long = "out", default_value = "calibrate.pdf")]
    target: PathBuf,
}

/// On SIGINT or SIGTERM, removes this process's temporary files (a build's
/// half-written outputs) and exits 130 or 143, as a shell reports the
/// signal; the outputs already in place stay as they were. Without this the
/// default action would end the process and leave the files behind.
fn remove_temps_on_signal() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        // Without a handler a signal still stops the build, and the next
        // build removes what it left.
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            studyguide::remove_temps();
            std::process::exit(128 + signal);
        }
    });
}

/// The global flags and the terminal, which every command prints through.
struct Ui {
    quiet: bool,
    verbose: bool,
    color: bool,
}

fn main() -> ExitCode {
    return_freed_memory();
    let cli = Cli::parse();
    remove_temps_on_signal();
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let result = match cli.command {
        // Commands that typeset run on a worker of the thread pool that lays
        // out their pages: what the loading and parsing before layout frees
        // is then reused by layout, instead of staying in the main thread's
        // allocator arena (5,000 questions: 425 → 353 MB peak, same time).
        Command::Build(args) => on_pool(|| build(args, &ui)),
        Command::Watch(args) => watch(args, ui.color),
        Command::Check(args) => on_pool(|| check(args, &ui)),
        Command::List(args) => list(args),
        Command::Pack(args) => on_pool(|| pack(args, &ui)),
        Command::Import(args) => import(args),
        Command::Init(args) => init(args, &ui),
        Command::Completions { shell } => completions(shell),
        Command::Man { command } => man(command.as_deref()),
        Command::BenchBank { questions, seed } => {
            print!("{}", studyguide::bench_bank(questions.min(100_000), seed));
            Ok(())
        }
        Command::Calibrate(args) => calibrate(args),
        Command::Render(args) => on_pool(|| render(args, &ui)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report_failure(&failure, ui.color),
    }
}

/// Has glibc give memory back to the system whenever 128 KB at the top of
/// a heap are free, its default. By default that limit rises each time a
/// large block is freed, up to 64 MB per heap, and a build frees many
/// (the Markdown as it grows, parse trees, each part's lines): memory that
/// layout had used then stayed with the process to its end. Fixed, the
/// peak at 5,000 questions is 125 MB instead of 148, and 31 MB instead of
/// 35 at 500, in the same time. Blocks of 128 KB and more
/// are then always mapped on their own, as they are by default at first.
///
/// A heap also grows 4 MB beyond what it needs at a time instead of 128 KB:
/// each worker thread's heap grows by a system call, and the example guide
/// made 330 of them, now 15 (22.3 → 21.4 ms in 200 alternated runs). The
/// room is address space until it is used, so the peak is the same (19 MB
/// for the example, 117 MB at 5,000 questions).
fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets parameters of the allocator; it is called
    // first thing in `main`, before any other thread exists, and a value
    // it refused would leave the default in place.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TOP_PAD, 4 << 20);
    }
}

/// Runs `f` on a worker of rayon's global pool, the main thread waiting.
fn on_pool<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    // `scope` called from outside the pool runs its body on a worker.
    rayon::scope(|_| f())
}

/// `studyguide build`: every output, then one line per file written.
fn build(args: BuildArgs, ui: &Ui) -> studyguide::Result<()> {
    let started = std::time::Instant::now();
    let bar = progress_bar(ui.quiet);
    let options = Options {
        only: args.output,
        strict: args.strict,
        locked: args.locked,
        allow_outside: args.config.allow_outside,
        out_dir: args.out,
        deny_warnings: args.config.deny_warnings,
        progress: bar.clone().map(|bar| progress(bar, started)),
    };
    let built = studyguide::build(&args.config.path(), &options)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    print_warnings(&built.warnings, ui.color);
    if args.timings {
        print_timings(&built.timings, started.elapsed());
    }
    if ui.quiet {
        return Ok(());
    }
    for w in &built.written {
        let (one, many) = if w.style.is_pdf() {
            ("page", "pages")
        } else {
            ("note", "notes")
        };
        println!(
            "wrote {} ({} {}, {})",
            w.file.display(),
            w.pages,
            noun(w.pages, one, many),
            human_size(w.bytes)
        );
        if let Some(markdown) = &w.markdown {
            println!("wrote {}", markdown.display());
        }
        if let Some(summary) = &w.summary {
            println!("{}: {summary}", w.name);
        }
    }
    if args.report || ui.verbose {
        print_report(&built.written);
    }
    Ok(())
}

/// The build's progress callback, drawing on `bar`.
fn progress(bar: indicatif::ProgressBar, started: std::time::Instant) -> studyguide::Progress {
    std::sync::Arc::new(move |name: &str, done: usize, total: usize| {
        // Builds that finish within half a second show no bar.
        if started.elapsed().as_millis() > 500 && bar.is_hidden() {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.set_message(name.to_string());
    })
}

/// `studyguide check`: validate everything, write nothing.
fn check(args: CheckArgs, ui: &Ui) -> studyguide::Result<()> {
    let options = Options {
        locked: args.locked,
        allow_outside: args.config.allow_outside,
        deny_warnings: args.config.deny_warnings,
        ..Options::default()
    };
    let path = args.config.path();
    let report = studyguide::check(&path, &options)?;
    print_warnings(&report.warnings, ui.color);
    println!("{}: ok", path.display());
    Ok(())
}

/// `studyguide list`: the banks' questions that pass the filters.
fn list(args: ListArgs) -> studyguide::Result<()> {
    let questions = studyguide::list(&args.config.path(), args.config.allow_outside)?;
    let shown: Vec<&studyguide::Question> = questions
        .iter()
        .filter(|q| {
            args.tag.is_empty() || args.tag.iter().any(|t| q.tags.contains(&t.to_lowercase()))
        })
        .filter(|q| {
            args.section
                .as_ref()
                .is_none_or(|s| q.section.eq_ignore_ascii_case(s))
        })
        .filter(|q| args.difficulty.is_none_or(|d| q.difficulty == d))
        .collect();
    if shown.is_empty() && !questions.is_empty() {
        // An empty list would read as "no output"; say what matched nothing.
        let mut filters = Vec::new();
        if !args.tag.is_empty() {
            filters.push(format!("tag {}", args.tag.join(" or ")));
        }
        if let Some(s) = &args.section {
            filters.push(format!("section \"{s}\""));
        }
        if let Some(d) = args.difficulty {
            filters.push(format!("difficulty {}", d.as_str()));
        }
        eprintln!(
            "no question of {} matches {}",
            questions.len(),
            studyguide::escape(&filters.join(" and "))
        );
    }
    print_list(&shown, args.json);
    Ok(())
}

/// `studyguide pack`: one self-contained TOML file.
fn pack(args: PackArgs, ui: &Ui) -> studyguide::Result<()> {
    let options = Options {
        only: args.output,
        locked: args.locked,
        allow_outside: args.config.allow_outside,
        ..Options::default()
    };
    let warnings = studyguide::pack(&args.config.path(), &args.target, &options)?;
    print_warnings(&warnings, ui.color);
    if !ui.quiet {
        println!("wrote {}", args.target.display());
    }
    Ok(())
}

/// `studyguide import`: a bank from an article, Markdown, a spreadsheet or
/// an Anki export, to a file or
/// standard output, with a summary of what was found on standard error.
fn import(args: ImportArgs) -> studyguide::Result<()> {
    let ImportArgs {
        file,
        format,
        columns,
        target,
        force,
        dry_run,
    } = args;
    let to = match (&target, dry_run) {
        (_, true) => studyguide::ImportTarget::DryRun,
        (Some(path), false) => studyguide::ImportTarget::File { path, force },
        (None, false) => studyguide::ImportTarget::Stdout,
    };
    let imported = studyguide::import_file(&file, format, &columns.unwrap_or_default(), to)?;
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    eprint!("{}", imported.summary(&file.display().to_string()));
    match to {
        studyguide::ImportTarget::File { path, .. } => println!("wrote {}", path.display()),
        studyguide::ImportTarget::Stdout => {
            print!("{}", imported.to_toml(&file.display().to_string())?)
        }
        studyguide::ImportTarget::DryRun => eprintln!("dry run: wrote nothing"),
    }
    Ok(())
}

/// `studyguide init`: scaffold a project and say what to run next.
fn init(args: InitArgs, ui: &Ui) -> studyguide::Result<()> {
    let done = studyguide::init(&args.dir, args.minimal, args.templates, args.force)?;
    if ui.quiet {
        return Ok(());
    }
    for f in &done.written {
        println!("wrote {}", f.display());
    }
    for f in &done.kept {
        println!(
            "kept {} (it was there already; --force replaces it)",
            f.display()
        );
    }
    let cd = if args.dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", args.dir.display())
    };
    println!("next: {cd}studyguide build");
    Ok(())
}

/// `studyguide completions SHELL`: the completion script on standard output.
fn completions(shell: clap_complete::Shell) -> studyguide::Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "studyguide", &mut std::io::stdout());
    Ok(())
}

/// `studyguide man [COMMAND]`: a man page on standard output, written only
/// once it has rendered whole. The main page's SEE ALSO names one page per
/// command, and each of those is here.
fn man(name: Option<&str>) -> studyguide::Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let (page, title) = match name {
        None => (command, "studyguide".to_string()),
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            let Some(sub) = command.find_subcommand(name) else {
                return Err(Diagnostic::error(format!("no command named `{name}`"))
                    .hint(format!("man pages: {}", names.join(", ")))
                    .into());
            };
            (sub.clone(), format!("studyguide-{name}"))
        }
    };
    let man = clap_mangen::Man::new(page).title(title);
    let mut out = Vec::new();
    match man.render(&mut out) {
        Ok(()) => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&out);
            Ok(())
        }
        Err(e) => Err(Diagnostic::environment(format!("cannot render the man page: {e}")).into()),
    }
}

/// `studyguide calibrate`: the duplex test sheet.
/// `studyguide render`: one Markdown file into one PDF.
fn render(args: RenderArgs, ui: &Ui) -> studyguide::Result<()> {
    let options = studyguide::RenderOptions {
        input: args.file,
        output: args.output,
        set: args.set,
        allow_outside: args.allow_outside,
    };
    let report = studyguide::render(&options)?;
    print_warnings(&report.warnings, ui.color);
    // The PDF itself may be on standard output: the summary goes to stderr.
    if !ui.quiet {
        eprintln!(
            "wrote {} ({} {}, {} KB)",
            report.target.display(),
            report.pages,
            if report.pages == 1 { "page" } else { "pages" },
            report.bytes.div_ceil(1024)
        );
    }
    Ok(())
}

fn calibrate(args: CalibrateArgs) -> studyguide::Result<()> {
    studyguide::calibrate(&args.paper, &args.target)?;
    println!(
        "wrote {} (2 pages): print it double-sided, then hold it to the light",
        args.target.display()
    );
    Ok(())
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
    // JSON escapes control characters itself; plain text must not let a
    // bank's ESC or OSC sequences reach the terminal.
    for q in questions {
        println!(
            "{:width$}  {:6}  {:26}  {}",
            q.id,
            q.difficulty.as_str(),
            studyguide::escape(&q.section),
            studyguide::escape(&q.tags.join(", "))
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
            let column = if n.columns > 1 { "column" } else { "page" };
            let what = match n.kind {
                NoticeKind::Moved => {
                    format!("did not fit below the text before it and starts a new {column}")
                }
                NoticeKind::Split => format!("is taller than a {column} and continues"),
                NoticeKind::Continued => {
                    format!("continues into the next {column}, which is labelled \"(continued)\"")
                }
                NoticeKind::Stranded => {
                    format!("has its heading at the end of a {column}, apart from its text")
                }
            };
            let kind = n.kind.as_str();
            println!("{}: {kind:8} {} {what} (page {})", w.name, n.id, n.page);
        }
    }
}

/// `studyguide watch`: build, then rebuild once per burst of changes to the
/// config, a bank or a template, one line each (see [`studyguide::WatchFilter`]
/// for what counts as a change).
fn watch(args: WatchArgs, color: bool) -> studyguide::Result<()> {
    let path = args.config.path();
    let allow_outside = args.config.allow_outside;
    let options = Options {
        allow_outside,
        out_dir: args.out,
        ..Options::default()
    };
    let mut to_open = args.open;
    // A Markdown file is watched as `studyguide render` would build it.
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let mut rebuild = || {
        let written = if markdown {
            watch_render(&path, color)
        } else {
            watch_build(&path, &options, color).map(|w| w.into_iter().map(|w| w.file).collect())
        };
        if let (Some(written), true) = (written, to_open) {
            to_open = !open_first(&written);
        }
    };
    rebuild();
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(tx)
        .map_err(|e| Diagnostic::environment(format!("cannot watch files: {e}")))?;
    let mut folders = Folders {
        watcher,
        watching: Vec::new(),
    };
    let out_dir = options.out_dir.as_deref();
    let mut filter = folders.follow(&path, allow_outside, out_dir);
    eprintln!(
        "watching {} files; press Ctrl-C to stop",
        filter.files().len()
    );
    while studyguide::next_burst(&rx, |e| filter.triggers(e)) {
        rebuild();
        filter = folders.follow(&path, allow_outside, out_dir);
    }
    Ok(())
}

/// One watch build: its warnings or errors, and a line with the time of day.
/// Returns what was written, or `None` when the build failed.
/// One render of a watched Markdown file; the PDF written, if it was.
fn watch_render(path: &Path, color: bool) -> Option<Vec<PathBuf>> {
    let started = Instant::now();
    let stamp = clock();
    let options = studyguide::RenderOptions {
        input: path.to_path_buf(),
        ..Default::default()
    };
    match studyguide::render(&options) {
        Ok(report) => {
            print_warnings(&report.warnings, color);
            println!(
                "{stamp} rendered {} ({} pages) in {:.2} s",
                report.target.display(),
                report.pages,
                started.elapsed().as_secs_f64()
            );
            Some(vec![report.target])
        }
        Err(failure) => {
            for d in &failure.diagnostics {
                eprint!("{}", d.render(color));
            }
            println!("{stamp} render failed; the last good PDF is kept");
            None
        }
    }
}

fn watch_build(path: &Path, options: &Options, color: bool) -> Option<Vec<studyguide::Written>> {
    let started = Instant::now();
    let stamp = clock();
    match studyguide::build(path, options) {
        Ok(report) => {
            print_warnings(&report.warnings, color);
            let pages: usize = report.written.iter().map(|w| w.pages).sum();
            println!(
                "{stamp} built {} {}, {pages} pages, in {:.2} s",
                report.written.len(),
                noun(report.written.len(), "output", "outputs"),
                started.elapsed().as_secs_f64()
            );
            Some(report.written)
        }
        Err(failure) => {
            for d in &failure.diagnostics {
                eprint!("{}", d.render(color));
            }
            println!("{stamp} build failed; the last good PDFs are kept");
            None
        }
    }
}

/// `watch --open`: shows the first PDF in the system viewer. Returns whether
/// there was one to show, so a build that wrote nothing leaves it for the next.
fn open_first(written: &[PathBuf]) -> bool {
    let Some(first) = written.first() else {
        return false;
    };
    let viewer = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(viewer).arg(first).spawn();
    true
}

/// The folders `watch` listens to. It watches folders, not files: editors
/// often save by replacing a file, which ends a watch on the file itself.
struct Folders {
    watcher: notify::RecommendedWatcher,
    watching: Vec<PathBuf>,
}

impl Folders {
    /// Starts watching the folder of every file the guide reads now (the
    /// config may have named new banks), and returns what to rebuild for.
    fn follow(
        &mut self,
        config: &Path,
        allow_outside: bool,
        out_dir: Option<&Path>,
    ) -> studyguide::WatchFilter {
        use notify::Watcher as _;
        let filter = studyguide::WatchFilter::new(config, allow_outside, out_dir);
        for file in filter.files() {
            let folder = if file.is_dir() {
                file.clone()
            } else {
                match file.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                }
            };
            if !self.watching.contains(&folder) {
                let _ = self
                    .watcher
                    .watch(&folder, notify::RecursiveMode::NonRecursive);
                self.watching.push(folder);
            }
        }
        filter
    }
}

/// The time of day, UTC, for watch lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60
    )
}

/// A progress bar for long builds on a terminal; `None` when stderr is not
/// a terminal or `--quiet` is given. It starts hidden and shows itself once
/// a build has run for half a second.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::hidden());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} building [{bar:30}] {pos}/{len} {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// `--timings`: time per stage, summed over outputs, and the wall time.
fn print_timings(timings: &studyguide::Timings, wall: std::time::Duration) {
    eprintln!("stage      time (summed over outputs)");
    for (stage, time) in timings.stages() {
        eprintln!("{stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
    }
    eprintln!("{:<10} {:>8.1} ms", "wall", wall.as_secs_f64() * 1000.0);
    if let Some(kb) = peak_rss_kb() {
        eprintln!("{:<10} {:>8.1} MB", "peak RSS", kb as f64 / 1024.0);
    }
}

/// The process's peak resident memory in KiB, where the system reports it
/// (Linux's `/proc/self/status`), so benchmarks need no outside tool.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn print_warnings(warnings: &[Diagnostic], color: bool) {
    eprint!("{}", studyguide::render_diagnostics(warnings, color));
}

fn report_failure(failure: &Failure, color: bool) -> ExitCode {
    eprint!(
        "{}",
        studyguide::render_diagnostics(&failure.diagnostics, color)
    );
    let errors = studyguide::distinct_diagnostics(&failure.diagnostics)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    eprintln!("studyguide: {errors} {}", noun(errors, "error", "errors"));
    ExitCode::from(failure.exit_code() as u8)
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}

/// `one` for a count of 1, else `many`.
fn noun(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 {
        one
    } else {
        many
    }
}
