//! The layers hold: routes and pages → service → repositories, store and workflow. Only the
//! repositories build queries; outside `src/service/` no module names them (the `testing` feature makes them public for
//! these tests only, so the compiler alone does not see it in a test build), and no page or
//! route reads an untyped JSON answer by its keys.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Whether `line` names `word` followed by `::` as a whole path segment.
fn names(line: &str, word: &str) -> bool {
    let pattern = format!("{word}::");
    line.match_indices(&pattern).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The code lines of a file, without its comments.
fn code(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line.to_owned()))
        .collect()
}

#[test]
fn only_the_service_reaches_the_repositories() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "{}", files.len());
    let mut offences = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(src.join("service"))) {
        for (n, line) in code(file) {
            if names(&line, "repo") {
                offences.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn only_the_repositories_build_queries() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let allowed = [
        src.join("service/repo"),
        src.join("entity"),
        src.join("db.rs"),
    ];
    let mut offences = Vec::new();
    for file in files
        .iter()
        .filter(|f| !allowed.iter().any(|a| f.starts_with(a)))
    {
        for (n, line) in code(file) {
            let builds = [
                "EntityTrait",
                "QueryFilter",
                "QuerySelect",
                "QueryOrder",
                "sea_query",
                "Statement::",
                "::find()",
                "update_many()",
                "delete_many()",
            ]
            .iter()
            .any(|word| line.contains(word));
            if builds {
                offences.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn no_page_or_route_reads_json_by_its_keys() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["web", "routes"] {
        sources(&src.join(dir), &mut files);
    }
    let mut offences = Vec::new();
    for file in &files {
        for (n, line) in code(file) {
            // `answer["items"]`, `body["intake"]["proposed_names"]`, `row["status"].as_str()`
            let indexes = line.match_indices("[\"").any(|(at, _)| {
                line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ')' | ']'))
            });
            if indexes {
                offences.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}
