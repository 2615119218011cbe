//! Tamper evidence: a history row edited, deleted or swapped directly in the database makes
//! `GET /api/v1/audit/verify` and `puente audit verify` fail at that row, naming it.

use crate::common::{Program, TestApp, attestation, open_case};
use puente_api::entity::case_event::{self, Entity as Events};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

/// Two cases with histories: the first is claimed (4 events), the second only opened (3).
async fn two_cases(app: &TestApp, program: &Program) -> (String, String) {
    let first = open_case(app, program).await;
    let (status, _) = app
        .fire(&program.lawyer.token, &first, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK);
    let second = open_case(app, program).await;
    (first, second)
}

async fn verify(app: &TestApp, program: &Program) -> Value {
    let (status, answer) = app
        .get("/api/v1/audit/verify", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

/// Changes one history row behind Puente's back; the row must exist.
async fn tamper(app: &TestApp, case: &str, seq: i32, change: Change) {
    let case = Uuid::parse_str(case).unwrap();
    let row = |seq| {
        Events::update_many()
            .filter(case_event::Column::CaseId.eq(case))
            .filter(case_event::Column::Seq.eq(seq))
    };
    let done = match change {
        Change::Set(column, value) => {
            row(seq)
                .col_expr(column, Expr::value(value))
                .exec(&app.state.db)
                .await
                .unwrap()
                .rows_affected
        }
        Change::Delete => {
            Events::delete_many()
                .filter(case_event::Column::CaseId.eq(case))
                .filter(case_event::Column::Seq.eq(seq))
                .exec(&app.state.db)
                .await
                .unwrap()
                .rows_affected
        }
        Change::SwapWithNext => {
            // Through a free number, as (case, seq) is unique.
            for (from, to) in [(seq, -1), (seq + 1, seq), (-1, seq + 1)] {
                let moved = row(from)
                    .col_expr(case_event::Column::Seq, Expr::value(to))
                    .exec(&app.state.db)
                    .await
                    .unwrap()
                    .rows_affected;
                assert_eq!(moved, 1);
            }
            1
        }
    };
    assert_eq!(done, 1, "the row to tamper with exists");
}

enum Change {
    Set(case_event::Column, sea_orm::Value),
    Delete,
    SwapWithNext,
}

/// `puente audit verify` on the test's database: its exit status and what it printed.
fn cli_verify(app: &TestApp) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["audit", "verify"])
        .env("PUENTE_DATABASE_URL", &app.database_url)
        .env("PUENTE_DATA_DIR", app.dir.path())
        .env("PUENTE_JWT_SECRET", crate::common::SECRET)
        .output()
        .expect("puente runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

fn reference(app_answer: &Value) -> String {
    app_answer["first_broken"]["reference"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn case_reference(app: &TestApp, program: &Program, case: &str) -> String {
    let (_, case) = app.case(case, &program.manager.token).await;
    case["reference"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_untouched_history_verifies_in_the_api_and_on_the_command_line() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    two_cases(&app, &program).await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer, json!({"ok": true, "checked": 7}));
    let (ok, text) = cli_verify(&app);
    assert!(ok, "{text}");
    assert!(text.contains("7 events checked"), "{text}");
}

#[tokio::test]
async fn an_edited_event_breaks_the_chain_at_that_event() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (first, _) = two_cases(&app, &program).await;
    // The claim's attestation reference rewritten after the fact.
    let data = json!({"conflict_check": {"no_conflict": true, "reference": "OTRA"}});
    tamper(
        &app,
        &first,
        4,
        Change::Set(case_event::Column::Data, data.into()),
    )
    .await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["first_broken"]["case_id"], first.as_str());
    assert_eq!(answer["first_broken"]["seq"], 4);
    assert_eq!(answer["first_broken"]["reason"], "data_mismatch");
    let (ok, text) = cli_verify(&app);
    assert!(!ok, "{text}");
    assert!(
        text.contains(&format!("{} ", reference(&answer))) && text.contains("at event 4"),
        "{text}"
    );

    // Changing who did it or when is found the same way.
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (_, second) = two_cases(&app, &program).await;
    tamper(
        &app,
        &second,
        2,
        Change::Set(case_event::Column::ActorRole, "manager".into()),
    )
    .await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["first_broken"]["case_id"], second.as_str());
    assert_eq!(answer["first_broken"]["seq"], 2);
    assert_eq!(answer["first_broken"]["reason"], "hash_mismatch");
    assert_eq!(
        reference(&answer),
        case_reference(&app, &program, &second).await
    );

    // Data emptied and marked redacted, as a purge would, but with no purge recorded.
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (first, _) = two_cases(&app, &program).await;
    tamper(
        &app,
        &first,
        4,
        Change::Set(case_event::Column::Data, json!({}).into()),
    )
    .await;
    tamper(
        &app,
        &first,
        4,
        Change::Set(
            case_event::Column::RedactedAt,
            Some(time::OffsetDateTime::now_utc()).into(),
        ),
    )
    .await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["first_broken"]["seq"], 4);
    assert_eq!(answer["first_broken"]["reason"], "unexplained_redaction");
}

#[tokio::test]
async fn a_deleted_event_breaks_the_chain_where_it_was() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (first, _) = two_cases(&app, &program).await;
    tamper(&app, &first, 2, Change::Delete).await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["first_broken"]["case_id"], first.as_str());
    assert_eq!(answer["first_broken"]["seq"], 2);
    assert_eq!(answer["first_broken"]["reason"], "sequence_gap");
    let (ok, text) = cli_verify(&app);
    assert!(!ok && text.contains("at event 2"), "{text}");

    // The last event removed, with the numbering left whole: the case's head no longer matches.
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (first, _) = two_cases(&app, &program).await;
    tamper(&app, &first, 4, Change::Delete).await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["first_broken"]["case_id"], first.as_str());
    assert_eq!(answer["first_broken"]["seq"], 4);
    assert_eq!(answer["first_broken"]["reason"], "head_mismatch");
}

#[tokio::test]
async fn swapped_events_break_the_chain_at_the_first_of_them() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (_, second) = two_cases(&app, &program).await;
    // `submit` (2) and `accept` (3) trade places, numbering and all.
    tamper(&app, &second, 2, Change::SwapWithNext).await;
    let answer = verify(&app, &program).await;
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["first_broken"]["case_id"], second.as_str());
    assert_eq!(answer["first_broken"]["seq"], 2);
    assert_eq!(answer["first_broken"]["reason"], "chain_mismatch");
    // The first case, checked before, was whole: its four events were counted.
    assert_eq!(answer["checked"], 4 + 2);
    let (ok, text) = cli_verify(&app);
    assert!(!ok && text.contains("at event 2"), "{text}");
}
