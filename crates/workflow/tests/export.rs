//! The exported definition (JSON and diagram) is the table, labelled in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use std::collections::BTreeSet;

use puente_i18n::{Lang, has_text};
use puente_workflow::export::{definition, dot, edges};
use puente_workflow::field_error::ERROR_CODES;
use puente_workflow::intake::IntakeSection;
use puente_workflow::table::TABLE;
use puente_workflow::*;

#[test]
fn the_json_definition_lists_the_table_row_by_row() {
    let json = serde_json::to_value(definition()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), TABLE.len());
    for (event, row) in events.iter().zip(TABLE.iter()) {
        assert_eq!(event["name"], row.kind.as_str());
        let from: Vec<&str> = event["from"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(
            from,
            row.from.iter().map(|s| s.as_str()).collect::<Vec<_>>()
        );
        let requires: Vec<String> = event["requires"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            requires,
            row.requires.iter().map(|r| r.code()).collect::<Vec<_>>()
        );
        assert!(!event["label"]["es"].as_str().unwrap().is_empty());
    }
    let record_filing = &events[17];
    assert_eq!(record_filing["to"], serde_json::json!({"state": "filed"}));
    assert_eq!(record_filing["label"]["es"], "Registrar inscripción");
    assert_eq!(record_filing["label"]["en"], "Record the filing");
    assert_eq!(events[7]["to"], "unchanged");
    assert_eq!(events[21]["to"], "held_from");
    assert_eq!(json["states"].as_array().unwrap().len(), 15);
    assert_eq!(json["states"][10]["kind"], "active");
    assert_eq!(json["states"][12]["kind"], "terminal");
}

#[test]
fn the_diagram_draws_every_arrow_of_the_table_and_nothing_else() {
    let text = dot();
    assert!(text.starts_with("digraph puente_workflow {"));
    let arrows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" -> ") && !l.trim_start().starts_with("legend_"))
        .collect();
    assert_eq!(arrows.len(), edges().len());
    for edge in edges() {
        let label = Labels::of(&edge.event.label_key());
        let start = format!("  {} -> {} [", edge.from, edge.to);
        let tooltip = format!("tooltip=\"{}\\n({})\"", label.es, label.en);
        assert!(
            arrows
                .iter()
                .any(|l| l.starts_with(&start) && l.contains(&tooltip)),
            "missing: {start}{tooltip}"
        );
    }
    // The legal path's arrows are labelled on the drawing itself.
    assert!(
        text.contains("  signed -> filed [label=\"Registrar inscripción\\n(Record the filing)\"")
    );
    // Every (state, event) the machine accepts has its arrow.
    for row in &TABLE {
        for from in row.from {
            assert!(
                edges()
                    .iter()
                    .any(|e| e.from == *from && e.event == row.kind),
                "{} from {from}",
                row.kind
            );
        }
    }
    for state in Status::ALL {
        assert!(
            text.contains(&format!("  {} [label=", state.as_str())),
            "{state}"
        );
    }
}

use puente_i18n::Labels;

#[test]
fn every_label_and_message_exists_in_both_languages() {
    let mut keys: BTreeSet<String> = BTreeSet::new();
    keys.insert("workflow-title".into());
    keys.extend(Status::ALL.map(|s| s.label_key()));
    keys.extend(EventKind::ALL.map(|e| e.label_key()));
    keys.extend(DocumentKind::ALL.map(|d| d.label_key()));
    keys.extend(Alert::ALL.map(|a| a.label_key()));
    keys.extend(Milestone::ALL.map(|m| m.label_key()));
    for row in &TABLE {
        keys.extend(row.who.iter().map(|p| p.label_key()));
        keys.extend(row.requires.iter().map(|r| r.label_key()));
    }
    let mut missing: Vec<Missing> = vec![
        Missing::ShelterVerified,
        Missing::EmailConfirmed,
        Missing::ActiveLawyer,
        Missing::OtherLawyer,
        Missing::NameAuthorizationInForce,
    ];
    missing.extend(IntakeSection::ALL.map(Missing::Intake));
    missing.extend(DocumentKind::ALL.map(Missing::Document));
    for row in &TABLE {
        missing.extend(row.accepted_fields().into_iter().map(Missing::Field));
    }
    missing.extend(
        [
            Field::ConflictCheckNoConflict,
            Field::ConflictCheckReference,
        ]
        .map(Missing::Field),
    );
    keys.extend(missing.iter().map(|m| m.label_key()));
    for key in &keys {
        for lang in Lang::ALL {
            assert!(has_text(lang, key, &[]), "{key} has no {lang} text");
        }
    }
    // Error messages may mention a limit, the template and line that failed, the malware found
    // in an upload or the storage quota.
    for code in ERROR_CODES {
        let key = FieldError::new("x", code).message_key();
        for lang in Lang::ALL {
            let args = [
                ("max", "5".into()),
                ("min", "2".into()),
                ("template", "bylaws.md".into()),
                ("line", "3".into()),
                ("message", "…".into()),
                ("lines", "one".into()),
                ("signature", "Eicar-Test-Signature".into()),
                ("quota_mb", "20".into()),
            ];
            assert!(has_text(lang, &key, &args), "{key} has no {lang} text");
        }
    }
    assert_ne!(
        puente_i18n::text(Lang::Es, "state-filed", &[]),
        puente_i18n::text(Lang::En, "state-filed", &[])
    );
}
