//! Accessibility and the record of each page: axe-core (from npm, `node_modules/axe-core`) run
//! inside the page, failing on every serious or critical violation, then a screenshot named in
//! story order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::driver::Driver;
use crate::error::{Context, Error, Result};

/// Injects axe-core unless the page has it already. WebDriver runs scripts through the
/// DevTools protocol, which the pages' `Content-Security-Policy: default-src 'none'` does not
/// block.
const INJECT: &str = "if (!window.axe) { AXE_SOURCE\n } return typeof window.axe;";

/// Runs axe on the whole page and hands back its violations, or `{error}`.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
window.axe
  .run(document, { resultTypes: ["violations"] })
  .then((results) => done({ violations: results.violations }))
  .catch((error) => done({ error: String(error) }));
"#;

/// The impacts that fail the story.
const FAILING: [&str; 2] = ["serious", "critical"];

impl Driver {
    /// Checks the page shown with axe-core, failing on any serious or critical violation,
    /// then saves a screenshot as `screenshots/<size>-<nn>-<name>.png`.
    pub async fn audit(&mut self, name: &str) -> Result<()> {
        let path = self.current_path().await?;
        let source = axe_source()?;
        let injected = self
            .client
            .execute(&INJECT.replace("AXE_SOURCE", &source), vec![])
            .await
            .context(format!("inject axe-core into {path}"))?;
        if injected != "object" {
            return Err(Error::new(format!(
                "axe-core did not load in {path} (window.axe is {injected})"
            )));
        }
        let outcome = self
            .client
            .execute_async(RUN, vec![])
            .await
            .context(format!("run axe-core on {path}"))?;
        if let Some(error) = outcome.get("error") {
            return Err(Error::new(format!("axe-core failed on {path}: {error}")));
        }
        // The screenshot first: a failing page is the one worth looking at.
        let shot = self.screenshot(name).await?;
        for note in notes(&outcome["violations"]) {
            println!("axe-core, {path}: {note}");
        }
        let report = violations(&outcome["violations"]);
        if report.is_empty() {
            Ok(())
        } else {
            Err(Error::new(format!(
                "axe-core found serious or critical problems on {path} ({}):\n{report}",
                shot.display()
            )))
        }
    }

    /// Saves the viewport as `screenshots/<size>-<nn>-<name>.png` and returns its path.
    pub async fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        let dir = Driver::screenshots_dir();
        std::fs::create_dir_all(&dir).context(format!("create {}", dir.display()))?;
        if self.shots == 0 {
            remove_old(&dir, self.size.name())?;
        }
        self.shots += 1;
        let file = dir.join(format!("{}-{:02}-{name}.png", self.size.name(), self.shots));
        let png = self.client.screenshot().await?;
        std::fs::write(&file, png).context(format!("write {}", file.display()))?;
        println!("screenshot: {}", file.display());
        Ok(file)
    }
}

/// `node_modules/axe-core/axe.min.js`, read at run time.
fn axe_source() -> Result<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&file).context(format!(
        "read {} (run `npm ci` in tests/browser)",
        file.display()
    ))
}

/// The previous run's screenshots at this size, so the folder shows one story.
fn remove_old(dir: &Path, size: &str) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(&format!("{size}-")) && name.ends_with(".png") {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// One paragraph per serious or critical violation: rule, impact, help and each element.
fn violations(list: &Value) -> String {
    let mut report = String::new();
    for violation in list.as_array().into_iter().flatten() {
        let impact = violation["impact"].as_str().unwrap_or_default();
        if !FAILING.contains(&impact) {
            continue;
        }
        let _ = writeln!(
            report,
            "- {} ({impact}): {} <{}>",
            violation["id"].as_str().unwrap_or_default(),
            violation["help"].as_str().unwrap_or_default(),
            violation["helpUrl"].as_str().unwrap_or_default(),
        );
        for node in violation["nodes"].as_array().into_iter().flatten() {
            let _ = writeln!(report, "    at {}", node["target"]);
            let summary = node["failureSummary"].as_str().unwrap_or_default();
            for line in summary.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let _ = writeln!(report, "      {line}");
            }
        }
    }
    report
}

/// The moderate and minor violations, one line each: printed, not failing.
fn notes(list: &Value) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|v| !FAILING.contains(&v["impact"].as_str().unwrap_or_default()))
        .map(|v| {
            format!(
                "{} ({}): {} on {} element(s)",
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                v["nodes"].as_array().map_or(0, Vec::len)
            )
        })
        .collect()
}
