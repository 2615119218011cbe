//! Three `puente serve` processes on one database and one document store, behind nginx, as a
//! program with several replicas runs them: claims contended from every side give one winner per
//! case; a token issued by one process works on the others, and a replayed refresh token ends
//! the session on all of them; the daily digests, written by all three at the same moment, go out
//! once each; a master key rotated while they run wraps the documents uploaded through each of
//! them, and every document still reads back byte for byte through each.
//!
//! It needs Debian's nginx, so a plain `cargo test` skips it; `.ci/run` runs it on PostgreSQL
//! with documents in S3 (SeaweedFS), printing its figures.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::common::endpoints::{Upload, download_at, upload_at};
use crate::common::files::{MARKER, pdf};
use crate::common::nginx::Nginx;
use crate::common::process::Server;
use crate::common::*;
use puente_api::config::StorageKind;
use puente_api::entity::{case, document, outbox};
use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use sea_orm::EntityTrait;
use sea_orm::sea_query::Expr;
use serde_json::{Value, json};

const REPLICAS: usize = 3;
const CASES: usize = 4;
const LAWYERS: usize = 12;

/// What every replica is started with, besides the database and the shared data folder: the
/// harness's document store (S3 under the test's prefix, when it names one), nginx as a trusted
/// proxy, e-mail into `mail_dir` and the daily digests due at once.
fn replica_env(app: &TestApp, mail_dir: &str) -> Vec<(String, String)> {
    let settings = &app.state.settings;
    let mut env: Vec<(String, String)> = [
        ("PUENTE_MFA_REQUIRED_FOR", ""),
        ("PUENTE_TRUSTED_PROXIES", "127.0.0.1/32"),
        ("PUENTE_MAIL_DIR", mail_dir),
        ("PUENTE_MAIL_POLL_MS", "50"),
        ("PUENTE_MAIL_DIGESTS", "true"),
        ("PUENTE_DIGEST_HOUR", "0"),
        ("PUENTE_LAWYER_CAPACITY", "10"),
        ("PUENTE_LOG", "warn"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    if settings.storage == StorageKind::S3 {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        env.extend([
            ("PUENTE_STORAGE".into(), "s3".into()),
            ("PUENTE_S3_ENDPOINT".into(), text(&settings.s3_endpoint)),
            ("PUENTE_S3_BUCKET".into(), text(&settings.s3_bucket)),
            (
                "PUENTE_STORAGE_PREFIX".into(),
                text(&settings.storage_prefix),
            ),
            (
                "PUENTE_S3_ACCESS_KEY_ID".into(),
                text(&settings.s3_access_key_id),
            ),
            (
                "PUENTE_S3_SECRET_ACCESS_KEY".into(),
                settings
                    .s3_secret_access_key
                    .as_ref()
                    .map(|s| s.expose().to_owned())
                    .unwrap_or_default(),
            ),
            (
                "PUENTE_S3_ALLOW_HTTP".into(),
                settings.s3_allow_http.to_string(),
            ),
        ]);
    }
    env
}

/// Uploads `bytes` as an `other` document of `case` through `base`: the document's id.
async fn upload(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    case: &str,
    bytes: Vec<u8>,
) -> String {
    let upload = Upload {
        kind: "other",
        associate: None,
        name: "acta.pdf",
        bytes,
    };
    let (status, body) = upload_at(client, base, token, case, upload).await;
    assert_eq!(status, StatusCode::CREATED, "upload through {base}: {body}");
    body["id"].as_str().unwrap().to_owned()
}

async fn download(client: &reqwest::Client, base: &str, token: &str, document: &str) -> Vec<u8> {
    let (status, _, bytes) = download_at(client, base, token, document).await;
    assert_eq!(status, StatusCode::OK, "download through {base}");
    bytes
}

/// Waits until the outbox holds at least `count` rows of `kind`, all of them sent.
async fn digests_sent(app: &TestApp, kind: Notice, count: usize) -> Vec<outbox::Model> {
    let started = Instant::now();
    loop {
        let rows: Vec<outbox::Model> = outbox::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|row| row.kind == kind)
            .collect();
        if rows.len() >= count && rows.iter().all(|row| row.sent_at.is_some()) {
            return rows;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "expected {count} sent {kind:?} messages: {rows:#?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The Message-ID of each file in `mail_dir`, with how many files carry it.
fn delivered(mail_dir: &std::path::Path) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for entry in std::fs::read_dir(mail_dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        if let Some(line) = text
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
        {
            *ids.entry(line.to_owned()).or_default() += 1;
        }
    }
    ids
}

/// The id of the master key that wraps new documents, from the shared key file.
fn current_master_key(app: &TestApp) -> String {
    let path = app.dir.path().join(puente_api::storage::keys::FILE);
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    file["current"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs Debian's nginx; .ci/run runs it on PostgreSQL with documents in S3"]
async fn three_replicas_behind_nginx_act_as_one_program() {
    // The in-process application prepares the program and is only read from afterwards.
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut cases = Vec::new();
    for _ in 0..CASES {
        cases.push(open_case(&app, &program).await);
    }
    let mut lawyers = Vec::new();
    for i in 0..LAWYERS {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        lawyers.push(app.person(firm, "lawyer", false).await.token);
    }
    let shelter = app
        .org(OrgKind::Shelter, "Albergue Hermanos en el Camino", true)
        .await;
    let staff = app.person_with_password(shelter, "shelter").await;
    // The cases opened yesterday, before this morning's digest hour (midnight here): today's
    // digests list them.
    let offset = app.state.settings.utc_offset();
    let midnight = app
        .state
        .now()
        .to_offset(offset)
        .replace_time(time::Time::MIDNIGHT);
    case::Entity::update_many()
        .col_expr(
            case::Column::StatusChangedAt,
            Expr::value(midnight - Duration::from_secs(3600)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();

    // Three replicas sharing the database, the data folder (the master key file) and the store,
    // started at the same moment: each writes the day's digests as it starts.
    let mail = app.dir.path().join("mail");
    std::fs::create_dir_all(&mail).unwrap();
    let env = replica_env(&app, &mail.display().to_string());
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let started = Instant::now();
    let replicas: Vec<Server> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..REPLICAS)
            .map(|_| scope.spawn(|| Server::start_on(&app.database_url, app.dir.path(), &env)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let urls: Vec<String> = replicas.iter().map(|r| r.url.clone()).collect();
    let nginx = Nginx::start(&urls);
    println!(
        "replicas: {REPLICAS} ready behind nginx in {} ms",
        started.elapsed().as_millis()
    );
    let client = reqwest::Client::new();

    // Claims from every lawyer on every case at once, through nginx: one winner per case.
    let started = Instant::now();
    let transitions: Vec<String> = cases
        .iter()
        .map(|case| format!("{}/api/v1/cases/{case}/transitions", nginx.url))
        .collect();
    // Request i is lawyer i / CASES claiming case i % CASES: every lawyer claims every case.
    let tokens: Vec<String> = (0..LAWYERS * CASES)
        .map(|i| lawyers[i / CASES].clone())
        .collect();
    let statuses = claims_in_parallel(&transitions, &tokens).await;
    for (n, case) in cases.iter().enumerate() {
        let mine: Vec<StatusCode> = statuses.iter().skip(n).step_by(CASES).copied().collect();
        let won = mine.iter().filter(|s| **s == StatusCode::OK).count();
        let lost = mine.iter().filter(|s| **s == StatusCode::CONFLICT).count();
        assert_eq!((won, lost), (1, LAWYERS - 1), "case {case}: {mine:?}");
        assert_eq!(claim_events(&app, &program.manager, case).await, 1);
    }
    println!(
        "replicas: {} simultaneous claims on {CASES} cases through nginx in {} ms, one winner each",
        statuses.len(),
        started.elapsed().as_millis()
    );

    // A token issued by the first replica works on the others and through nginx; its refresh
    // at the second gives one that works on the third; replaying the used refresh token at the
    // third ends the session everywhere.
    let me = |base: &str, token: &str| {
        let (client, base, token) = (client.clone(), base.to_owned(), token.to_owned());
        async move {
            call_at(
                &client,
                &base,
                Method::GET,
                "/api/v1/me",
                Some(&token),
                None,
            )
            .await
        }
    };
    let post = |base: &str, path: &'static str, body: Value| {
        let (client, base) = (client.clone(), base.to_owned());
        async move { call_at(&client, &base, Method::POST, path, None, Some(body)).await }
    };
    let credentials = json!({"email": staff.email, "password": PASSWORD});
    let (status, first) = post(&urls[0], "/api/v1/auth/login", credentials).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let access = first["access_token"].as_str().unwrap();
    for base in urls.iter().chain([&nginx.url]) {
        let (status, body) = me(base, access).await;
        assert_eq!(status, StatusCode::OK, "{base}: {body}");
    }
    let used = json!({"refresh_token": first["refresh_token"]});
    let (status, second) = post(&urls[1], "/api/v1/auth/refresh", used.clone()).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let renewed = second["access_token"].as_str().unwrap();
    assert_eq!(me(&urls[2], renewed).await.0, StatusCode::OK);
    let (status, _) = post(&urls[2], "/api/v1/auth/refresh", used).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a replayed refresh token");
    for base in &urls {
        let (status, _) = me(base, renewed).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{base}: the session ended"
        );
    }

    // The digests the three wrote as they started: one per lawyer with room, each sent once.
    let rows = digests_sent(&app, Notice::OpenRequestsDigest, LAWYERS).await;
    let mut per_recipient: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        *per_recipient
            .entry(format!("{:?}", row.recipient_id))
            .or_default() += 1;
    }
    assert!(
        per_recipient.values().all(|n| *n == 1),
        "one digest each: {per_recipient:?}"
    );
    // Every message the outbox holds, once it is all sent, arrived once.
    let started = Instant::now();
    loop {
        let all = outbox::Entity::find().all(&app.state.db).await.unwrap();
        if all.iter().all(|row| row.sent_at.is_some()) {
            let ids = delivered(&mail);
            assert_eq!(ids.len(), all.len(), "each message delivered: {ids:?}");
            let twice: Vec<_> = ids.iter().filter(|(_, n)| **n > 1).collect();
            assert!(twice.is_empty(), "delivered twice: {twice:?}");
            println!(
                "replicas: {} messages ({} digests) delivered once each",
                all.len(),
                rows.len()
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{all:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A document uploaded through nginx before a rotation of the master key, run from the
    // command line while the replicas serve; then one uploaded through each replica.
    let manager = &program.manager.token;
    let case = &cases[0];
    let mut sent: Vec<(String, Vec<u8>)> = Vec::new();
    let mut bytes = pdf(40_000);
    bytes.extend_from_slice(MARKER);
    sent.push((
        upload(&client, &nginx.url, manager, case, bytes.clone()).await,
        bytes,
    ));
    let before = current_master_key(&app);
    let mut rotate = std::process::Command::new(env!("CARGO_BIN_EXE_puente"));
    rotate
        .args(["keys", "rotate"])
        .env("PUENTE_DATABASE_URL", &app.database_url)
        .env("PUENTE_DATA_DIR", app.dir.path())
        .env("PUENTE_JWT_SECRET", SECRET);
    for (key, value) in &env {
        rotate.env(key, value);
    }
    let output = rotate.output().unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let after = current_master_key(&app);
    assert_ne!(before, after, "a new master key");
    for (n, base) in urls.iter().enumerate() {
        let bytes = pdf(20_000 + n * 1_000);
        sent.push((
            upload(&client, base, manager, case, bytes.clone()).await,
            bytes,
        ));
    }
    let rows = document::Entity::find().all(&app.state.db).await.unwrap();
    for (id, _) in &sent {
        let row = rows.iter().find(|r| r.id.to_string() == *id).unwrap();
        assert_eq!(row.key_id, after, "document {id} is wrapped by the new key");
    }
    for base in urls.iter().chain([&nginx.url]) {
        for (id, bytes) in &sent {
            assert!(
                download(&client, base, manager, id).await == *bytes,
                "{id} through {base}"
            );
        }
    }
    println!(
        "replicas: master key {before} rotated to {after}; {} documents read back through each replica",
        sent.len()
    );
    assert!(
        !nginx.log().contains("[error]"),
        "nginx logged errors: {}",
        nginx.log()
    );
    drop(nginx);
    drop(replicas);
}
