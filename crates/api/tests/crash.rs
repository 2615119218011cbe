//! `kill -9` under load: a `puente serve` process is killed with SIGKILL three times while
//! clients comment, upload and move cases, and each time started again on the same database and
//! data folder (SQLite in a plain run; PostgreSQL where `PUENTE_TEST_DATABASE_URL` is set).
//! Afterwards everything it acknowledged with a 2xx is there, once; nothing is there twice; the
//! history verifies; every document row has its object and reads back byte for byte (`puente
//! storage verify` too); and no e-mail went out twice (a message sent but not yet marked sent when
//! the process died would go again only when its five-minute lease ends: the documented case,
//! which this run does not reach).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::files::{hex, pdf};
use crate::common::process::Server;
use crate::common::*;
use puente_api::entity::{case_event, comment, document};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const KILLS: usize = 3;
const WRITERS: usize = 4;

/// What one writer sent and what the server acknowledged, on its own case.
#[derive(Default, Debug)]
struct Ledger {
    case: String,
    comments_sent: BTreeSet<String>,
    comments_acknowledged: BTreeSet<String>,
    uploads_sent: usize,
    /// (document id, SHA-256) of each acknowledged upload.
    documents_acknowledged: Vec<(String, String)>,
    transitions_sent: usize,
    transitions_acknowledged: usize,
    /// Answers with a 5xx status (a live server must give none, whatever happened before).
    server_errors: Vec<StatusCode>,
}

impl Ledger {
    fn note(&mut self, status: StatusCode) {
        if status.is_server_error() {
            self.server_errors.push(status);
        }
    }
}

/// The server's current address, which changes at each restart.
type Address = Arc<Mutex<String>>;

fn current(address: &Address) -> String {
    address.lock().unwrap().clone()
}

/// Comments (as the manager), uploads (as the shelter) and holds or resumes (as the manager) on
/// `case`, in turn, until `stop`; a request the dead server never answered is simply unknown.
async fn write(
    case: String,
    (manager, shelter): (String, String),
    address: Address,
    stop: Arc<AtomicBool>,
) -> Ledger {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut ledger = Ledger {
        case: case.clone(),
        ..Ledger::default()
    };
    // Whether the case is on hold, when known (an unanswered transition leaves it unknown).
    let mut held = Some(false);
    let mut turn = 0usize;
    while !stop.load(Ordering::SeqCst) {
        let base = current(&address);
        turn += 1;
        let answered = match turn % 3 {
            0 => {
                let body = format!("Comentario {turn} sobre {case}");
                ledger.comments_sent.insert(body.clone());
                let sent = client
                    .post(format!("{base}/api/v1/cases/{case}/comments"))
                    .bearer_auth(&manager)
                    .json(&json!({ "body": body }))
                    .send()
                    .await;
                sent.map(|response| {
                    ledger.note(response.status());
                    if response.status() == StatusCode::CREATED {
                        ledger.comments_acknowledged.insert(body);
                    }
                })
                .is_ok()
            }
            1 => {
                let mut bytes = pdf(4096);
                bytes.extend_from_slice(format!("{case}-{turn}").as_bytes());
                let sha256 = hex(&bytes);
                ledger.uploads_sent += 1;
                let form = Form::new().text("kind", "proof_of_address").part(
                    "file",
                    Part::bytes(bytes)
                        .file_name("comprobante.pdf")
                        .mime_str("application/pdf")
                        .unwrap(),
                );
                let sent = client
                    .post(format!("{base}/api/v1/cases/{case}/documents"))
                    .bearer_auth(&shelter)
                    .multipart(form)
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status() == StatusCode::CREATED => {
                        // The acknowledgement is the status; the body names the document.
                        if let Ok(stored) = response.json::<Value>().await {
                            let id = stored["id"].as_str().unwrap_or_default().to_owned();
                            ledger.documents_acknowledged.push((id, sha256));
                        }
                        true
                    }
                    Ok(response) => {
                        ledger.note(response.status());
                        true
                    }
                    Err(_) => false,
                }
            }
            _ => {
                if held.is_none() {
                    held = match client
                        .get(format!("{base}/api/v1/cases/{case}"))
                        .bearer_auth(&manager)
                        .send()
                        .await
                    {
                        Ok(response) if response.status() == StatusCode::OK => response
                            .json::<Value>()
                            .await
                            .ok()
                            .map(|c| c["status"] == "on_hold"),
                        _ => None,
                    };
                }
                match held {
                    None => false,
                    Some(on_hold) => {
                        let body = if on_hold {
                            json!({"event": "resume"})
                        } else {
                            json!({"event": "hold", "data": {"reason": "Prueba de caída"}})
                        };
                        ledger.transitions_sent += 1;
                        let sent = client
                            .post(format!("{base}/api/v1/cases/{case}/transitions"))
                            .bearer_auth(&manager)
                            .json(&body)
                            .send()
                            .await;
                        match sent {
                            Ok(response) if response.status() == StatusCode::OK => {
                                ledger.transitions_acknowledged += 1;
                                held = Some(!on_hold);
                                true
                            }
                            Ok(response) => {
                                ledger.note(response.status());
                                held = None;
                                true
                            }
                            Err(_) => {
                                held = None;
                                false
                            }
                        }
                    }
                }
            }
        };
        if !answered {
            // The server is down: wait for the next one.
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    ledger
}

/// Starts a server on the database, delivering e-mail to `mail_dir` every tenth of a second, off
/// the async threads (starting blocks until it listens).
async fn launch(database_url: &str, data: &std::path::Path, mail_dir: &str) -> Server {
    let (database_url, data, mail_dir) = (
        database_url.to_owned(),
        data.to_owned(),
        mail_dir.to_owned(),
    );
    tokio::task::spawn_blocking(move || {
        Server::start_on(
            &database_url,
            &data,
            &[
                ("PUENTE_MAIL_DIR", mail_dir.as_str()),
                ("PUENTE_MAIL_POLL_MS", "100"),
                ("PUENTE_MFA_REQUIRED_FOR", ""),
            ],
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_under_load_keeps_every_acknowledged_write_once() {
    // The in-process server only prepares the program; it does not deliver e-mail meanwhile.
    let app = TestApp::spawn_with(&[("PUENTE_MAIL_POLL_MS", "3600000")]).await;
    let program = Program::new(&app).await;
    let mut cases = Vec::new();
    for _ in 0..WRITERS {
        cases.push(open_case(&app, &program).await);
    }
    let data = app.dir.path().join("served");
    let mail = app.dir.path().join("mail");
    let mail_dir = mail.display().to_string();
    let start = || launch(&app.database_url, &data, &mail_dir);
    let mut server = start().await;
    let address: Address = Arc::new(Mutex::new(server.url.clone()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = cases
        .iter()
        .map(|case| {
            tokio::spawn(write(
                case.clone(),
                (program.manager.token.clone(), program.shelter.token.clone()),
                Arc::clone(&address),
                Arc::clone(&stop),
            ))
        })
        .collect();
    for _ in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.kill();
        server = start().await;
        *address.lock().unwrap() = server.url.clone();
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::SeqCst);
    let mut ledgers = Vec::new();
    for writer in writers {
        ledgers.push(writer.await.unwrap());
    }
    // The messages queued meanwhile have their turn.
    tokio::time::sleep(Duration::from_millis(1000)).await;

    let client = reqwest::Client::new();
    let db = &app.state.db;
    let mut acknowledged = [0usize; 3];
    for ledger in &ledgers {
        assert!(
            ledger.server_errors.is_empty(),
            "a live server answered {:?}",
            ledger.server_errors
        );
        let case: uuid::Uuid = ledger.case.parse().unwrap();
        // Comments: each acknowledged one there, none twice, none never sent.
        let stored: Vec<String> = comment::Entity::find()
            .filter(comment::Column::CaseId.eq(case))
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.body)
            .collect();
        let distinct: BTreeSet<String> = stored.iter().cloned().collect();
        assert_eq!(distinct.len(), stored.len(), "a comment stored twice");
        assert!(distinct.is_subset(&ledger.comments_sent));
        assert!(
            ledger.comments_acknowledged.is_subset(&distinct),
            "acknowledged comments lost: {:?}",
            ledger.comments_acknowledged.difference(&distinct)
        );
        // Documents: each acknowledged one reads back byte for byte; none stored twice.
        let rows = document::Entity::find()
            .filter(document::Column::CaseId.eq(case))
            .all(db)
            .await
            .unwrap();
        let shas: BTreeSet<&str> = rows.iter().map(|d| d.sha256.as_str()).collect();
        assert_eq!(shas.len(), rows.len(), "a document stored twice");
        assert!(rows.len() <= ledger.uploads_sent);
        for (id, sha256) in &ledger.documents_acknowledged {
            let response = client
                .get(format!("{}/api/v1/documents/{id}/content", server.url))
                .bearer_auth(&program.shelter.token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "document {id}");
            assert_eq!(&hex(&response.bytes().await.unwrap()), sha256, "{id}");
        }
        // Transitions: every acknowledged one recorded, none beyond those sent.
        let moves = case_event::Entity::find()
            .filter(case_event::Column::CaseId.eq(case))
            .filter(case_event::Column::Event.is_in(["hold", "resume"]))
            .all(db)
            .await
            .unwrap()
            .len();
        assert!(
            (ledger.transitions_acknowledged..=ledger.transitions_sent).contains(&moves),
            "{moves} recorded, {} acknowledged, {} sent",
            ledger.transitions_acknowledged,
            ledger.transitions_sent
        );
        acknowledged[0] += ledger.comments_acknowledged.len();
        acknowledged[1] += ledger.documents_acknowledged.len();
        acknowledged[2] += ledger.transitions_acknowledged;
    }
    // The run did real work between the kills, and some of it was cut off.
    let sent: usize = ledgers
        .iter()
        .map(|l| l.comments_sent.len() + l.uploads_sent + l.transitions_sent)
        .sum();
    println!(
        "crash test: {KILLS} kills; acknowledged {} comments, {} documents, {} transitions of {sent} requests",
        acknowledged[0], acknowledged[1], acknowledged[2]
    );
    assert!(acknowledged.iter().all(|n| *n >= 5), "{acknowledged:?}");

    // The history verifies, through the server and from the command line.
    let (status, verdict) = app
        .get("/api/v1/audit/verify", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(verdict["ok"], true, "{verdict}");
    // Every document row has its object, which decrypts to its SHA-256.
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["storage", "verify"])
        .env("PUENTE_DATABASE_URL", &app.database_url)
        .env("PUENTE_DATA_DIR", &data)
        .env("PUENTE_JWT_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}{}",
        String::from_utf8_lossy(&verify.stdout),
        String::from_utf8_lossy(&verify.stderr)
    );

    // No message went out twice: each file's Message-ID (the outbox row's) is its own.
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for entry in std::fs::read_dir(&mail).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if let Some(line) = text
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        {
            *ids.entry(line.to_owned()).or_default() += 1;
        }
    }
    assert!(!ids.is_empty(), "the servers sent e-mail meanwhile");
    let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}");
    server.kill();
}
