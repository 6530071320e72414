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

fn run(arguments: &[String]) -> Result<(), String> {
    let (command, rest) = arguments
        .split_first()
        .ok_or_else(|| format!("error: no command given\n{USAGE}"))?;
    match command.as_str() {
        "generate" => generate(parse_args(rest)?),
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

fn generate(args: Args) -> Result<(), String> {
    let regenerate = regenerate_command(&args);
    let root = workspace_root();
    let config = Config::from_manifest(&root.join("Cargo.toml"))?;
    let spec = args
        .spec
        .unwrap_or_else(|| display_path(&root.join(&config.spec)));
    let out = args
        .out
        .unwrap_or_else(|| display_path(&root.join(&config.out)));
    let mut generator = config.generator();
    if let Some(name) = args.name {
        generator = generator.crate_name(name);
    }
    let generated = generator
        .generate(&spec)
        .map_err(|error: Diagnostic| error.to_string())?;
    for warning in &generated.warnings {
        eprintln!("{warning}");
    }
    if args.dump_ir {
        let json = serde_json::to_string_pretty(&generated.api)
            .map_err(|error| format!("cannot print the IR: {error}"))?;
        println!("{json}");
        return Ok(());
    }
    if args.check {
        let stale = output::check(&out, &generated.files)
            .map_err(|error| format!("error: cannot read {}: {error}", out.display()))?;
        if stale.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = stale
            .iter()
            .map(|path| format!("  {}", path.display()))
            .collect();
        return Err(format!(
            "error: the generated crate is out of date with {}:\n{}\n  help: run `{regenerate}` and commit the result",
            spec.display(),
            list.join("\n")
        ));
    }
    output::write(&out, &generated.files)
        .map_err(|error| format!("error: cannot write {}: {error}", out.display()))?;
    eprintln!(
        "wrote {} ({} operations, {} types) to {}",
        generated.files.len(),
        generated.api.operations.len(),
        generated.api.types.len(),
        out.display()
    );
    Ok(())
}
