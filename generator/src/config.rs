//! `[workspace.metadata.generate]` in the workspace's `Cargo.toml`: the one
//! place that says which spec to generate from, where the crate goes and what
//! its hand-written tests need, read by both `cargo xtask generate` and
//! `build.rs` so the two cannot drift apart.

use std::path::{Path, PathBuf};

/// The generation settings of a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The spec, relative to the workspace root.
    pub spec: PathBuf,
    /// The generated crate's directory, relative to the workspace root.
    pub out: PathBuf,
    /// The crate name, when the spec's title should not decide it.
    pub name: Option<String>,
    /// The `[dev-dependencies]` table of the generated crate, as TOML.
    pub dev_dependencies: Option<String>,
    /// A directory of test fixtures: `specs/NAME.yaml` generates the crate
    /// `crates/NAME` (package `hostile-NAME`), unless `specs/NAME.error` holds
    /// the error that spec must give instead.
    pub fixtures: Option<PathBuf>,
}

/// One fixture crate to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub name: String,
}

impl Config {
    /// The fixture crates under `root`, sorted by name.
    pub fn fixture_crates(&self, root: &Path) -> Result<Vec<Fixture>, String> {
        let Some(dir) = &self.fixtures else {
            return Ok(Vec::new());
        };
        let specs = root.join(dir).join("specs");
        let entries = std::fs::read_dir(&specs)
            .map_err(|error| format!("{}: cannot read: {error}", specs.display()))?;
        let mut fixtures = Vec::new();
        for entry in entries {
            let path = entry.map_err(|error| error.to_string())?.path();
            let is_spec = path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json");
            if !is_spec || path.with_extension("error").exists() {
                continue;
            }
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            fixtures.push(Fixture {
                out: root.join(dir).join("crates").join(&stem),
                name: format!("hostile-{stem}"),
                spec: path,
            });
        }
        fixtures.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(fixtures)
    }

    /// Reads the settings from `manifest` (a workspace `Cargo.toml`).
    pub fn from_manifest(manifest: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(manifest)
            .map_err(|error| format!("{}: cannot read: {error}", manifest.display()))?;
        Config::parse(&text).map_err(|error| format!("{}: {error}", manifest.display()))
    }

    pub fn parse(manifest: &str) -> Result<Config, String> {
        let table: toml::Table = manifest
            .parse()
            .map_err(|error| format!("invalid TOML: {error}"))?;
        let settings = table
            .get("workspace")
            .and_then(|workspace| workspace.get("metadata"))
            .and_then(|metadata| metadata.get("generate"))
            .ok_or("no [workspace.metadata.generate] table")?;
        let text = |key: &str| -> Result<Option<String>, String> {
            match settings.get(key) {
                None => Ok(None),
                Some(toml::Value::String(value)) => Ok(Some(value.clone())),
                Some(_) => Err(format!(
                    "[workspace.metadata.generate] `{key}` must be a string"
                )),
            }
        };
        let dev_dependencies = match settings.get("dev-dependencies") {
            None => None,
            // One `name = value` line per dependency, values as inline TOML.
            Some(toml::Value::Table(table)) => Some(
                table
                    .iter()
                    .map(|(name, value)| format!("{name} = {value}\n"))
                    .collect(),
            ),
            Some(_) => {
                return Err(
                    "[workspace.metadata.generate] `dev-dependencies` must be a table".to_owned(),
                );
            }
        };
        Ok(Config {
            spec: PathBuf::from(
                text("spec")?.ok_or("[workspace.metadata.generate] has no `spec`")?,
            ),
            out: PathBuf::from(text("out")?.ok_or("[workspace.metadata.generate] has no `out`")?),
            name: text("name")?,
            dev_dependencies,
            fixtures: text("fixtures")?.map(PathBuf::from),
        })
    }

    /// The generator these settings describe.
    pub fn generator(&self) -> crate::Generator {
        let mut generator = crate::Generator::new();
        if let Some(name) = &self.name {
            generator = generator.crate_name(name);
        }
        if let Some(dev_dependencies) = &self.dev_dependencies {
            generator = generator.dev_dependencies(dev_dependencies);
        }
        generator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_generate_table() {
        let config = Config::parse(
            r#"
            [workspace.metadata.generate]
            spec = "spec/a.yaml"
            out = "client"
            [workspace.metadata.generate.dev-dependencies]
            tokio = { version = "1", features = ["macros"] }
            wiremock = "0.6"
            "#,
        )
        .unwrap();
        assert_eq!(config.spec, Path::new("spec/a.yaml"));
        assert_eq!(config.out, Path::new("client"));
        assert_eq!(config.name, None);
        assert_eq!(config.fixtures, None);
        assert_eq!(
            config.dev_dependencies.as_deref(),
            Some("tokio = { features = [\"macros\"], version = \"1\" }\nwiremock = \"0.6\"\n")
        );
    }

    #[test]
    fn names_what_is_missing() {
        assert_eq!(
            Config::parse("[package]\nname = 'x'\n"),
            Err("no [workspace.metadata.generate] table".to_owned())
        );
        assert_eq!(
            Config::parse("[workspace.metadata.generate]\nout = 'x'\n"),
            Err("[workspace.metadata.generate] has no `spec`".to_owned())
        );
    }
}
