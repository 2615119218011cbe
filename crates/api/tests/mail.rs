//! Notifications by e-mail. The digests and the profile settings behind them are checked on
//! the outbox itself; delivery is checked against a real SMTP server on loopback (Python's
//! aiosmtpd, `tests/smtp/sink.py`), which is why those tests are marked ignored in a plain
//! `cargo test` and run by `.ci/run`: messages reach the right people in their language, wait
//! while the server is down and arrive when it returns, and arrive once each with three
//! `puente serve` processes sharing one database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;
use puente_api::entity::outbox;
use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

/// The SMTP server the messages go to.
struct Sink {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sink {
    /// A port with nothing listening yet, and the folder messages will land in.
    fn new() -> Sink {
        Sink {
            port: free_port(),
            dir: tempfile::tempdir().unwrap().keep(),
            child: None,
        }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn start(&mut self) {
        let python = std::env::var("PUENTE_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp/sink.py");
        let child = Command::new(&python)
            .arg(&script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{python} {}: {e}", script.display()));
        self.child = Some(child);
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "the SMTP sink did not start (is aiosmtpd installed for {python}?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn received(&self) -> Vec<Value> {
        let mut messages: Vec<Value> = std::fs::read_dir(&self.dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
            .collect();
        messages.sort_by_key(|m| m["message_id"].as_str().unwrap_or_default().to_owned());
        messages
    }

    /// Waits until `count` messages arrived and `app`'s outbox holds nothing more to send
    /// (each message sent or given up), so that no later one can still arrive.
    async fn expect(&self, app: &TestApp, count: usize) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let settled = outbox_rows(app)
                .await
                .iter()
                .all(|row| row.sent_at.is_some() || row.failed_at.is_some());
            if settled && self.received().len() >= count {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "expected {count} messages, got {}: {:#?}",
                self.received().len(),
                self.received()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let received = self.received();
        assert_eq!(received.len(), count, "{received:#?}");
        received
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn to_address(message: &Value) -> String {
    message["rcpt_tos"][0].as_str().unwrap().to_owned()
}

async fn new_case(app: &TestApp, program: &Program) -> String {
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED);
    case["id"].as_str().unwrap().to_owned()
}

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::CreatedAt)
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_profile_sets_preferred_states_capacity_and_muted_notices_and_refuses_bad_values() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, me) = app
        .patch_me(
            &program.lawyer.token,
            json!({"preferred_states": ["mx-son", "MX-CHH", "MX-SON"], "case_capacity": 2,
               "muted_notifications": ["comment"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["preferred_states"], json!(["MX-CHH", "MX-SON"]));
    assert_eq!(me["case_capacity"], 2);
    assert_eq!(me["muted_notifications"], json!(["comment"]));
    let (_, me) = app
        .patch_me(&program.lawyer.token, json!({"case_capacity": null}))
        .await;
    assert_eq!(me["case_capacity"], Value::Null);
    assert_eq!(
        me["preferred_states"],
        json!(["MX-CHH", "MX-SON"]),
        "untouched"
    );

    for (person, body, field, code) in [
        (
            &program.lawyer,
            json!({"preferred_states": ["MX-ZZZ"]}),
            "preferred_states[0]",
            "state.unknown",
        ),
        (
            &program.lawyer,
            json!({"case_capacity": 51}),
            "case_capacity",
            "capacity.range",
        ),
        (
            &program.lawyer,
            json!({"case_capacity": -1}),
            "case_capacity",
            "capacity.range",
        ),
        (
            &program.lawyer,
            json!({"muted_notifications": ["case_assigned"]}),
            "muted_notifications[0]",
            "notification.essential",
        ),
        (
            &program.lawyer,
            json!({"muted_notifications": ["spam"]}),
            "muted_notifications[0]",
            "invalid_choice",
        ),
        (
            &program.shelter,
            json!({"preferred_states": ["MX-CHH"]}),
            "preferred_states",
            "lawyers_only",
        ),
        (
            &program.manager,
            json!({"case_capacity": 3}),
            "case_capacity",
            "lawyers_only",
        ),
    ] {
        let (status, problem) = app.patch_me(&person.token, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
        assert_eq!(problem["errors"][0]["code"], code, "{body}: {problem}");
    }
    let (_, me) = app.get("/api/v1/me", &program.lawyer.token).await;
    assert_eq!(
        me["preferred_states"],
        json!(["MX-CHH", "MX-SON"]),
        "nothing changed"
    );
    assert_eq!(me["muted_notifications"], json!(["comment"]));
}

fn for_user<'a>(rows: &'a [outbox::Model], kind: Notice, user: &Person) -> Vec<&'a outbox::Model> {
    rows.iter()
        .filter(|r| r.kind == kind && r.recipient_id == Some(user.id))
        .collect()
}

#[tokio::test]
async fn the_daily_digests_go_to_those_with_room_preferred_states_first_once_a_day() {
    let app = TestApp::spawn_with(&[("PUENTE_DIGEST_HOUR", "8")]).await;
    let program = Program::new(&app).await;
    let clock = &app.state.clock;
    // Two requests open on 2026-05-04 (Mexico City), one in Sonora, one in Chihuahua; an older
    // one opened the week before.
    clock.set(at("2026-04-27T16:00:00Z"));
    let older = open_case(&app, &program).await;
    let mut sonora = intake();
    sonora["domicile"]["state"] = json!("MX-SON");
    clock.set(at("2026-05-04T15:00:00Z"));
    let chihuahua = open_case(&app, &program).await;
    clock.set(at("2026-05-04T16:00:00Z"));
    let (_, case) = app.create_case(&program.shelter.token, sonora).await;
    let sonora = case["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.fire(&program.shelter.token, &sonora, "submit", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.fire(&program.manager.token, &sonora, "accept", json!({}))
            .await
            .0,
        StatusCode::OK
    );

    // The lawyer prefers Sonora; the colleague takes one case at most and holds one; the
    // outsider turned the digest off.
    assert_eq!(
        app.patch_me(
            &program.lawyer.token,
            json!({"preferred_states": ["MX-SON"]})
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        app.patch_me(&program.colleague.token, json!({"case_capacity": 1}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.patch_me(
            &program.outsider.token,
            json!({"muted_notifications": ["open_requests_digest"]})
        )
        .await
        .0,
        StatusCode::OK
    );
    clock.set(at("2026-04-28T16:00:00Z"));
    assert_eq!(
        app.fire(&program.colleague.token, &older, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );

    // The morning of 2026-05-05, after the digest hour (08:00 in Mexico City is 14:00 UTC).
    let morning = at("2026-05-05T14:30:00Z");
    clock.set(morning);
    let queued = puente_api::service::mail::digests::run(&app.state, morning)
        .await
        .unwrap();
    let rows = outbox_rows(&app).await;
    let digests = for_user(&rows, Notice::OpenRequestsDigest, &program.lawyer);
    assert_eq!(digests.len(), 1);
    let listed: Vec<(&str, bool)> = digests[0].payload["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["state"].as_str().unwrap(),
                c["preferred"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [("MX-SON", true), ("MX-CHH", false)],
        "preferred first; the older request is not new"
    );
    assert!(
        for_user(&rows, Notice::OpenRequestsDigest, &program.colleague).is_empty(),
        "at capacity"
    );
    assert!(
        for_user(&rows, Notice::OpenRequestsDigest, &program.outsider).is_empty(),
        "turned off"
    );
    assert_eq!(queued, 1, "{rows:#?}");

    // Run again the same day (another server, a restart): nothing more.
    let again =
        puente_api::service::mail::digests::run(&app.state, morning + time::Duration::hours(3))
            .await
            .unwrap();
    assert_eq!(again, 0);

    // No alert yet, so no managers' digest.
    assert!(for_user(&rows, Notice::AlertsDigest, &program.manager).is_empty());

    // Two weeks later nothing new opened, so no lawyer's digest; both requests of 2026-05-04
    // are now unclaimed, and the managers' digest lists them.
    let later = at("2026-05-20T14:30:00Z");
    clock.set(later);
    puente_api::service::mail::digests::run(&app.state, later)
        .await
        .unwrap();
    let rows = outbox_rows(&app).await;
    assert_eq!(
        for_user(&rows, Notice::OpenRequestsDigest, &program.lawyer).len(),
        1
    );
    for manager in [&program.manager, &program.admin] {
        let alerts = for_user(&rows, Notice::AlertsDigest, manager);
        assert_eq!(alerts.len(), 1);
        let mut listed: Vec<(String, Value)> = alerts[0].payload["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["reference"].as_str().unwrap().to_owned(),
                    c["alerts"].clone(),
                )
            })
            .collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut expected = Vec::new();
        for case in [&chihuahua, &sonora] {
            let (_, view) = app.case(case, &program.manager.token).await;
            expected.push((
                view["reference"].as_str().unwrap().to_owned(),
                json!(["unclaimed"]),
            ));
        }
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(listed, expected);
    }
}

#[tokio::test]
async fn a_lawyer_is_warned_as_the_name_authorization_nears_its_lapse_and_once_it_lapsed() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let clock = &app.state.clock;
    clock.set(at("2026-01-05T16:00:00Z"));
    let case = open_case(&app, &program).await;
    assert_eq!(
        app.fire(&program.lawyer.token, &case, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );
    for (kind, associate) in [
        ("founder_id", Some("0")),
        ("founder_id", Some("1")),
        ("proof_of_address", None),
        ("name_authorization", None),
    ] {
        let (status, _) = app
            .upload(
                &program.lawyer.token,
                &case,
                kind,
                associate,
                "a.pdf",
                crate::common::files::pdf(500),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    assert_eq!(
        app.fire(&program.lawyer.token, &case, "request_name", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    let (status, _) = app
        .fire(
            &program.lawyer.token,
            &case,
            "name_authorized",
            json!({
                "authorized_name": "Casa del Migrante Paso Libre",
                "authorized_on": "2026-01-05",
                "cud": "A202601051234567890",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Lapses 180 days later: 2026-07-04.
    let warnings = |rows: &[outbox::Model]| -> Vec<i64> {
        for_user(rows, Notice::NameAuthorizationLapsing, &program.lawyer)
            .iter()
            .map(|r| r.payload["days_left"].as_i64().unwrap())
            .collect()
    };
    for (day, expected) in [
        ("2026-06-03", vec![]),          // 31 days left
        ("2026-06-04", vec![30]),        // 30: the first warning
        ("2026-06-10", vec![30]),        // still within the first stage
        ("2026-06-27", vec![30, 7]),     // a week left
        ("2026-07-04", vec![30, 7]),     // the last valid day
        ("2026-07-05", vec![30, 7, -1]), // lapsed
        ("2026-07-09", vec![30, 7, -1]),
    ] {
        let now = at(&format!("{day}T15:00:00Z"));
        clock.set(now);
        puente_api::service::mail::digests::run(&app.state, now)
            .await
            .unwrap();
        assert_eq!(warnings(&outbox_rows(&app).await), expected, "{day}");
    }
}

#[tokio::test]
#[ignore = "needs Python's aiosmtpd (tests/smtp/sink.py); .ci/run runs it"]
async fn messages_reach_the_right_people_in_their_language() {
    let mut sink = Sink::new();
    sink.start();
    let app = TestApp::spawn_with(&[
        ("PUENTE_SMTP_URL", &sink.url()),
        ("PUENTE_MAIL_POLL_MS", "100"),
        ("PUENTE_PUBLIC_URL", "https://puente.example.org"),
    ])
    .await;
    let program = Program::new(&app).await;
    // The admin reads English; the manager turned off new-submission notices.
    assert_eq!(
        app.patch_me(&program.admin.token, json!({"locale": "en"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.patch_me(
            &program.manager.token,
            json!({"muted_notifications": ["new_submission"]})
        )
        .await
        .0,
        StatusCode::OK
    );
    let case = new_case(&app, &program).await;
    let (_, view) = app.case(&case, &program.shelter.token).await;
    let reference = view["reference"].as_str().unwrap().to_owned();

    // Submitted: the admin hears of it (the shelter did it, and is not told of its own act).
    assert_eq!(
        app.fire(&program.shelter.token, &case, "submit", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    let received = sink.expect(&app, 1).await;
    assert_eq!(to_address(&received[0]), program.admin.email);
    assert_eq!(received[0]["content_language"], "en");
    assert_eq!(
        received[0]["subject"],
        format!("{reference}: a new request to screen")
    );
    assert!(
        received[0]["body"]
            .as_str()
            .unwrap()
            .contains(&format!("https://puente.example.org/cases/{case}"))
    );
    assert_eq!(received[0]["charset"], "utf-8");

    // More information asked: the shelter must act (in Spanish).
    assert_eq!(
        app.fire(
            &program.manager.token,
            &case,
            "request_info",
            json!({"message": "Falta la CURP de Gloria."})
        )
        .await
        .0,
        StatusCode::OK
    );
    let received = sink.expect(&app, 2).await;
    let to_shelter: Vec<&Value> = received
        .iter()
        .filter(|m| to_address(m) == program.shelter.email)
        .collect();
    assert_eq!(to_shelter.len(), 1);
    assert_eq!(to_shelter[0]["content_language"], "es");
    assert_eq!(
        to_shelter[0]["subject"],
        format!("{reference}: necesitamos tu respuesta")
    );
    let body = to_shelter[0]["body"].as_str().unwrap();
    assert!(body.contains("más información"), "{body}");
    assert!(
        !body.contains("CURP de Gloria"),
        "the manager's words stay in Puente: {body}"
    );

    // Resubmitted, accepted, assigned: the shelter follows, the lawyer is told of the assignment.
    assert_eq!(
        app.fire(&program.shelter.token, &case, "submit", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.fire(&program.manager.token, &case, "accept", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    let mut assign = attestation();
    assign["lawyer_id"] = json!(program.lawyer.id);
    assert_eq!(
        app.fire(&program.manager.token, &case, "assign", assign)
            .await
            .0,
        StatusCode::OK
    );
    // Commented by the lawyer: the shelter is told; the lawyer is not.
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/comments"),
            &program.lawyer.token,
            json!({"body": "Necesito el acta de nacimiento de Jean-Baptiste."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // Admin: 2 submissions; shelter: needs info, submitted→… wait, open, claimed, comment.
    let received = sink.expect(&app, 2 + 1 + 2 + 1 + 1).await;
    let by_person: HashMap<String, Vec<String>> =
        received.iter().fold(HashMap::new(), |mut map, m| {
            map.entry(to_address(m))
                .or_default()
                .push(m["subject"].as_str().unwrap().to_owned());
            map
        });
    assert_eq!(by_person[&program.admin.email].len(), 2, "{by_person:#?}");
    assert!(
        !by_person.contains_key(&program.manager.email),
        "turned off: {by_person:#?}"
    );
    let shelter = &by_person[&program.shelter.email];
    assert_eq!(shelter.len(), 4, "{shelter:#?}");
    assert!(
        shelter.contains(&format!(
            "{reference}: tu solicitud ahora está «Abierta a voluntarios»"
        )),
        "{shelter:#?}"
    );
    assert!(
        shelter.contains(&format!(
            "{reference}: tu solicitud ahora está «Asignada a abogado»"
        )),
        "{shelter:#?}"
    );
    assert!(
        shelter.contains(&format!("{reference}: hay un comentario nuevo")),
        "{shelter:#?}"
    );
    assert_eq!(
        by_person[&program.lawyer.email],
        [format!("{reference}: se te asignó un caso")]
    );
    let comment = received
        .iter()
        .find(|m| m["subject"].as_str().unwrap().ends_with("comentario nuevo"))
        .unwrap();
    assert!(
        !comment["body"]
            .as_str()
            .unwrap()
            .contains("acta de nacimiento"),
        "comments stay in Puente"
    );

    // Every row of the outbox was delivered once.
    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), received.len());
    assert!(
        rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 1),
        "{rows:#?}"
    );
}

#[tokio::test]
#[ignore = "needs Python's aiosmtpd (tests/smtp/sink.py); .ci/run runs it"]
async fn with_the_smtp_server_down_messages_wait_and_arrive_when_it_returns() {
    let mut sink = Sink::new();
    let app = TestApp::spawn_with(&[
        ("PUENTE_SMTP_URL", &sink.url()),
        ("PUENTE_MAIL_POLL_MS", "100"),
        ("PUENTE_MAIL_RETRY_SECONDS", "1"),
    ])
    .await;
    let program = Program::new(&app).await;
    for _ in 0..3 {
        let case = new_case(&app, &program).await;
        assert_eq!(
            app.fire(&program.shelter.token, &case, "submit", json!({}))
                .await
                .0,
            StatusCode::OK
        );
    }
    // Nobody answers: the messages wait, tried and not given up on.
    let started = Instant::now();
    loop {
        let rows = outbox_rows(&app).await;
        assert_eq!(rows.len(), 6, "two managers, three submissions");
        if rows.iter().all(|r| r.attempts >= 2) {
            assert!(
                rows.iter().all(|r| r.sent_at.is_none()
                    && r.failed_at.is_none()
                    && r.last_error.is_some())
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{rows:#?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    sink.start();
    let received = sink.expect(&app, 6).await;
    let mut ids: Vec<&str> = received
        .iter()
        .map(|m| m["message_id"].as_str().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 6, "each once");
    let rows = outbox_rows(&app).await;
    assert!(rows.iter().all(|r| r.sent_at.is_some()));
}

#[tokio::test]
#[ignore = "needs Python's aiosmtpd (tests/smtp/sink.py); .ci/run runs it"]
async fn a_reset_link_arrives_by_smtp_and_works_once() {
    let mut sink = Sink::new();
    sink.start();
    let app = TestApp::spawn_with(&[
        ("PUENTE_SMTP_URL", &sink.url()),
        ("PUENTE_MAIL_POLL_MS", "100"),
        ("PUENTE_PUBLIC_URL", "https://puente.example.org"),
    ])
    .await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let ask = json!({"email": person.email});
    let path = "/api/v1/auth/password-reset";
    let (status, _) = app.call(Method::POST, path, None, Some(ask)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let received = sink.expect(&app, 1).await;
    assert_eq!(to_address(&received[0]), person.email);
    assert_eq!(received[0]["subject"], "Restablece tu contraseña de Puente");
    let body = received[0]["body"].as_str().unwrap();
    let prefix = "https://puente.example.org/password-reset/";
    let token = body
        .lines()
        .find_map(|line| line.trim().strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no link in {body}"));
    let confirm = |password: &str| json!({"token": token, "new_password": password});
    let path = "/api/v1/auth/password-reset/confirm";
    let (status, problem) = app
        .call(
            Method::POST,
            path,
            None,
            Some(confirm("la frase del enlace")),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");
    app.login(&person.email, "la frase del enlace").await;
    let (status, problem) = app
        .call(
            Method::POST,
            path,
            None,
            Some(confirm("otra frase del enlace")),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "token.invalid");
}

/// A `puente serve` process on a shared database.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
#[ignore = "needs Python's aiosmtpd (tests/smtp/sink.py); .ci/run runs it on PostgreSQL"]
async fn three_servers_sharing_a_database_deliver_each_message_exactly_once() {
    let mut sink = Sink::new();
    sink.start();
    // This process writes the events; three servers deliver.
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let servers: Vec<Server> = (0..3)
        .map(|_| {
            let data = tempfile::tempdir().unwrap().keep();
            Server(
                Command::new(env!("CARGO_BIN_EXE_puente"))
                    .arg("serve")
                    .env("PUENTE_LISTEN", "127.0.0.1:0")
                    .env("PUENTE_DATA_DIR", &data)
                    .env("PUENTE_DATABASE_URL", &app.database_url)
                    .env("PUENTE_JWT_SECRET", SECRET)
                    .env("PUENTE_SMTP_URL", sink.url())
                    .env("PUENTE_MAIL_POLL_MS", "20")
                    .env("PUENTE_MAIL_DIGESTS", "false")
                    .env("PUENTE_LOG", "warn")
                    .env_remove("PUENTE_TEST_DATABASE_URL")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap(),
            )
        })
        .collect();
    // While they poll: twenty submissions, each told to both managers.
    for _ in 0..20 {
        let case = new_case(&app, &program).await;
        assert_eq!(
            app.fire(&program.shelter.token, &case, "submit", json!({}))
                .await
                .0,
            StatusCode::OK
        );
    }
    let received = sink.expect(&app, 40).await;
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40, "no message twice");
    let rows = outbox_rows(&app).await;
    assert_eq!(rows.len(), 40);
    assert!(
        rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 1),
        "{rows:#?}"
    );
    drop(servers);
}

/// A database that cannot read the recipient's shelter is a reason to wait, not to give up: the
/// message is tried again, and delivered once the database answers (here into `mail_dir`).
#[tokio::test]
async fn a_message_waits_while_the_shelter_cannot_be_read_then_goes() {
    use puente_api::service::mail::Notice;
    use puente_api::service::repo::orgs::OrgKind;
    use puente_api::service::repo::outbox::{Message, To};
    use sea_orm::ConnectionTrait;

    let mail = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(&[
        ("PUENTE_MAIL_DIR", mail.path().to_str().unwrap()),
        ("PUENTE_MAIL_POLL_MS", "50"),
        ("PUENTE_MAIL_RETRY_SECONDS", "1"),
    ])
    .await;
    let shelter = app.org(OrgKind::Shelter, "Casa Ejemplo", true).await;
    let person = app.person(shelter, "shelter", false).await;
    let rename = |from: &str, to: &str| format!("ALTER TABLE {from} RENAME TO {to}");
    app.state
        .db
        .execute_unprepared(&rename("organizations", "organizations_away"))
        .await
        .unwrap();
    let message = Message {
        notice: Notice::ConfirmEmail,
        case: None,
        to: To::User(person.id),
        payload: json!({"path": "/confirm-email/x", "email": person.email, "hours": 48}),
        except: None,
        dedupe: None,
    };
    puente_api::service::repo::outbox::enqueue(&app.state.db, message, app.state.now())
        .await
        .unwrap();
    let row = wait_for(&app, |row| row.last_error.is_some()).await;
    assert_eq!((row.failed_at, row.sent_at), (None, None), "{row:?}");
    assert!(row.attempts >= 1);
    app.state
        .db
        .execute_unprepared(&rename("organizations_away", "organizations"))
        .await
        .unwrap();
    let row = wait_for(&app, |row| row.sent_at.is_some()).await;
    assert_eq!(row.failed_at, None, "{row:?}");
    let files = std::fs::read_dir(mail.path()).unwrap().count();
    assert_eq!(files, 1);
}

/// The only outbox row, once `done` holds for it (at most ten seconds).
async fn wait_for(app: &TestApp, done: impl Fn(&outbox::Model) -> bool) -> outbox::Model {
    let started = Instant::now();
    loop {
        let rows = outbox_rows(app).await;
        if let [row] = rows.as_slice()
            && done(row)
        {
            return row.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the outbox never got there: {rows:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
