//! `cargo xtask generate`: regenerate the client crate from the spec, or check
//! that the checked-in crate is up to date.
//!
//! Defaults come from `[workspace.metadata.generate]` in the workspace's
//! `Cargo.toml`; flags override them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apigen::config::Config;
use apigen::{Diagnostic, output};

const USAGE: &str = "\
usage: cargo xtask generate [--spec PATH] [--out DIR] [--name NAME] [--check] [--dump-ir]

  --spec PATH   the OpenAPI 3.0 document (YAML or JSON); default from Cargo.toml
  --out DIR     the crate directory to write; default from Cargo.toml
  --name NAME   the crate name; default from the spec's title or file name
  --check       write nothing; fail, naming the files, if DIR is not up to date
  --dump-ir     write nothing; print the lowered IR as JSON";

#[derive(Debug, Default)]
struct Args {
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: Option<String>,
    check: bool,
    dump_ir: bool,
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    match run(&arguments) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// `generate --help` prints the usage and succeeds.
const HELP_REQUESTED: &str = "help requested";

fn run(arguments: &[String]) -> Result<(), String> {
    let (command, rest) = arguments
        .split_first()
        .ok_or_else(|| format!("error: no command given\n{USAGE}"))?;
    match command.as_str() {
        "generate" => match parse_args(rest) {
            Ok(args) => generate(args),
            Err(message) if message == HELP_REQUESTED => {
                println!("{USAGE}");
                Ok(())
            }
            Err(message) => Err(message),
        },
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("error: unknown command {other:?}\n{USAGE}")),
    }
}

fn parse_args(arguments: &[String]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut iter = arguments.iter();
    while let Some(argument) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("error: {flag} needs a value\n{USAGE}"))
        };
        match argument.as_str() {
            "--spec" => args.spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => args.out = Some(PathBuf::from(value("--out")?)),
            "--name" => args.name = Some(value("--name")?),
            "--check" => args.check = true,
            "--dump-ir" => args.dump_ir = true,
            "--help" | "-h" => return Err(HELP_REQUESTED.to_owned()),
            other => return Err(format!("error: unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Paths from Cargo.toml are relative to the workspace root; show them
/// relative to the current directory when they are inside it.
fn display_path(path: &Path) -> PathBuf {
    let current = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&current)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The command that regenerates what `--check` checked, flags included.
fn regenerate_command(args: &Args) -> String {
    let mut command = String::from("cargo xtask generate");
    if let Some(spec) = &args.spec {
        command.push_str(&format!(" --spec {}", spec.display()));
    }
    if let Some(out) = &args.out {
        command.push_str(&format!(" --out {}", out.display()));
    }
    if let Some(name) = &args.name {
        command.push_str(&format!(" --name {name}"));
    }
    command
}

/// How many places are shown for one warning; big specs repeat the same
/// unsupported keyword hundreds of times.
const PLACES_PER_WARNING: usize = 3;

/// Each warning at its first few places, then how many more places share it.
fn print_warnings(warnings: &[Diagnostic]) {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for warning in warnings {
        let position = match seen
            .iter()
            .position(|(message, _)| *message == warning.message)
        {
            Some(position) => position,
            None => {
                seen.push((&warning.message, 0));
                seen.len() - 1
            }
        };
        seen[position].1 += 1;
        if seen[position].1 <= PLACES_PER_WARNING {
            eprintln!("{warning}");
        }
    }
    for (message, count) in seen {
        if count > PLACES_PER_WARNING {
            let more = count - PLACES_PER_WARNING;
            eprintln!("warning: {more} more places: {message}");
        }
    }
}

/// `1 operation`, `2 operations`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One crate to generate: where from, where to, under which name.
struct Target {
    spec: PathBuf,
    out: PathBuf,
    name: Option<String>,
    /// The main crate's warnings are shown; fixtures' are asserted by tests.
    show_warnings: bool,
}

fn generate(args: Args) -> Result<(), String> {
    let regenerate = regenerate_command(&args);
    let root = workspace_root();
    let config = Config::from_manifest(&root.join("Cargo.toml"))?;
    let defaults = args.spec.is_none() && args.out.is_none();
    let mut targets = vec![Target {
        spec: args
            .spec
            .unwrap_or_else(|| display_path(&root.join(&config.spec))),
        out: args
            .out
            .unwrap_or_else(|| display_path(&root.join(&config.out))),
        name: args.name,
        show_warnings: true,
    }];
    // Without flags, the fixture crates are regenerated (or checked) too.
    if defaults && !args.dump_ir {
        for fixture in config.fixture_crates(&root)? {
            targets.push(Target {
                spec: display_path(&fixture.spec),
                out: display_path(&fixture.out),
                name: Some(fixture.name),
                show_warnings: false,
            });
        }
    }
    // Everything is generated in memory first: an error in any spec leaves
    // every directory as it was.
    let mut generated = Vec::with_capacity(targets.len());
    for target in &targets {
        let mut generator = config.generator();
        if let Some(name) = &target.name {
            generator = generator.crate_name(name);
        }
        let crate_ = generator
            .generate(&target.spec)
            .map_err(|error: Diagnostic| error.to_string())?;
        if target.show_warnings {
            print_warnings(&crate_.warnings);
        }
        generated.push(crate_);
    }
    if args.dump_ir {
        let json = serde_json::to_string_pretty(&generated[0].api)
            .map_err(|error| format!("cannot print the IR: {error}"))?;
        println!("{json}");
        return Ok(());
    }
    if args.check {
        let mut stale = Vec::new();
        for (target, crate_) in targets.iter().zip(&generated) {
            stale.extend(output::check(&target.out, &crate_.files).map_err(|error| {
                format!("error: cannot read {}: {error}", target.out.display())
            })?);
        }
        if stale.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = stale
            .iter()
            .map(|path| format!("  {}", path.display()))
            .collect();
        return Err(format!(
            "error: the generated crate is out of date with {}:\n{}\n  help: run `{regenerate}` and commit the result",
            targets[0].spec.display(),
            list.join("\n")
        ));
    }
    for (target, crate_) in targets.iter().zip(&generated) {
        output::write(&target.out, &crate_.files)
            .map_err(|error| format!("error: cannot write {}: {error}", target.out.display()))?;
    }
    let main = &generated[0];
    eprintln!(
        "wrote {} files ({}, {}) to {}",
        main.files.len(),
        count(main.api.operations.len(), "operation"),
        count(main.api.types.len(), "type"),
        targets[0].out.display()
    );
    if targets.len() > 1 {
        eprintln!("wrote {} fixture crates", targets.len() - 1);
    }
    Ok(())
}
