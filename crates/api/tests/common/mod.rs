//! `TestApp`: the real application on `127.0.0.1:0` with a database of its own (a SQLite file,
//! or a fresh PostgreSQL database when `PUENTE_TEST_DATABASE_URL` is set), and a client with one
//! method per need.
#![allow(
    dead_code,
    unreachable_pub,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used
)]

pub mod browser;
pub mod endpoints;
pub mod files;
pub mod nginx;
pub mod process;
pub mod proxy;

use std::net::SocketAddr;

use puente_api::service::auth::password;
use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::{self, NewOrg, OrgKind};
use puente_api::service::repo::users::{self, NewUser};
use puente_api::{AppState, Settings};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

/// A moment given in RFC 3339.
pub fn at(text: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap()
}

/// The fields a problem document's `errors` name, in order.
pub fn error_fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default()
}

pub const SECRET: &str = "test-secret-0123456789abcdef-0123456789";
pub const PASSWORD: &str = "contraseña-segura-1";

/// A database of its own for one test.
pub async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("PUENTE_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => {
            let name = format!("puente_test_{}", Uuid::new_v4().simple());
            let db = sea_orm::Database::connect(&admin)
                .await
                .expect("PostgreSQL answers");
            sea_orm::ConnectionTrait::execute_unprepared(&db, &format!("CREATE DATABASE {name}"))
                .await
                .expect("create the test database");
            db.close().await.ok();
            let base = admin
                .rsplit_once('/')
                .map(|(base, _)| base)
                .unwrap_or(&admin);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("puente.db").display()),
    }
}

pub fn settings(dir: &std::path::Path, database_url: &str, extra: &[(&str, &str)]) -> Settings {
    let mut env: Vec<(String, String)> = vec![
        ("PUENTE_DATA_DIR".into(), dir.display().to_string()),
        ("PUENTE_DATABASE_URL".into(), database_url.into()),
        ("PUENTE_JWT_SECRET".into(), SECRET.into()),
        ("PUENTE_DATABASE_POOL".into(), "5".into()),
        // Tests write digests when they mean to, at the time they set.
        ("PUENTE_MAIL_DIGESTS".into(), "false".into()),
        // Second factors are asked for where a test means it (the security suite).
        ("PUENTE_MFA_REQUIRED_FOR".into(), String::new()),
    ];
    // With an S3 service named, documents go there, each test under a prefix of its own.
    if let Ok(endpoint) = std::env::var("PUENTE_TEST_S3_ENDPOINT")
        && !endpoint.is_empty()
    {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        env.extend([
            ("PUENTE_STORAGE".into(), "s3".into()),
            ("PUENTE_S3_ENDPOINT".into(), endpoint.clone()),
            (
                "PUENTE_S3_ALLOW_HTTP".into(),
                endpoint.starts_with("http://").to_string(),
            ),
            ("PUENTE_S3_BUCKET".into(), var("PUENTE_TEST_S3_BUCKET")),
            (
                "PUENTE_S3_ACCESS_KEY_ID".into(),
                var("PUENTE_TEST_S3_ACCESS_KEY_ID"),
            ),
            (
                "PUENTE_S3_SECRET_ACCESS_KEY".into(),
                var("PUENTE_TEST_S3_SECRET_ACCESS_KEY"),
            ),
            (
                "PUENTE_STORAGE_PREFIX".into(),
                format!("test-{}", Uuid::new_v4().simple()),
            ),
        ]);
    }
    // A test's own settings replace the harness's.
    for (key, value) in extra {
        env.retain(|(existing, _)| existing != key);
        env.push((key.to_string(), value.to_string()));
    }
    Settings::from_sources(None, &env).expect("test settings")
}

pub struct TestApp {
    pub address: SocketAddr,
    pub state: AppState,
    pub client: reqwest::Client,
    pub database_url: String,
    pub dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// A signed-in person.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: Uuid,
    pub org: Uuid,
    pub email: String,
    pub token: String,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&[]).await
    }

    pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
        TestApp::start(extra, None).await
    }

    /// The application with every statement it sends to the database counted in `queries`
    /// (the outbox worker waits an hour between looks, so that the count is the requests').
    pub async fn spawn_counting_queries(
        queries: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ) -> TestApp {
        TestApp::start(&[("PUENTE_MAIL_POLL_MS", "3600000")], Some(queries)).await
    }

    async fn start(
        extra: &[(&str, &str)],
        queries: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
    ) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let database_url = database_url(dir.path()).await;
        let settings = settings(dir.path(), &database_url, extra);
        let db = puente_api::db::connect(&settings).await.expect("database");
        puente_api::db::migrate(&db).await.expect("migrations");
        db.close().await.ok();
        let mut state = puente_api::prepare(settings).await.expect("start");
        if let Some(queries) = queries {
            state.db.set_metric_callback(move |_| {
                queries.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = state.clone();
        tokio::spawn(async move {
            puente_api::serve(listener, served, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        TestApp {
            address,
            state,
            client: reqwest::Client::new(),
            database_url,
            dir,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// Sends a request; `body` as JSON when given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let base = format!("http://{}", self.address);
        call_at(&self.client, &base, method, path, token, body).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn org(&self, kind: OrgKind, name: &str, verified: bool) -> Uuid {
        orgs::create(
            &self.state.db,
            NewOrg {
                kind,
                name,
                state: Some("MX-CHH"),
                municipality: Some("Juárez"),
                verified,
            },
            self.state.now(),
        )
        .await
        .expect("organization")
        .id
    }

    /// An account made directly in the database, signed in with a session of its own (no
    /// password hashing, so tests that need many people stay fast).
    pub async fn person(&self, org: Uuid, role: &str, admin: bool) -> Person {
        let email = format!("{}-{}@prueba.mx", role, Uuid::new_v4().simple());
        let user = users::create(
            &self.state.db,
            NewUser {
                organization: org,
                email: &email,
                name: "Persona de Prueba",
                role: role.parse().expect("a role"),
                admin,
                password_hash: password::decoy().to_owned(),
                locale: "es",
                email_confirmed: true,
            },
            self.state.now(),
        )
        .await
        .expect("user");
        let token = puente_api::service::auth::session::start(
            &self.state,
            &user,
            &puente_api::service::auth::session::Client::default(),
            false,
        )
        .await
        .expect("a session")
        .access_token;
        Person {
            id: user.id,
            org,
            email,
            token,
        }
    }

    /// An account with a real password, for the login tests.
    pub async fn person_with_password(&self, org: Uuid, role: &str) -> Person {
        let mut person = self.person(org, role, false).await;
        let user = users::find(&self.state.db, person.id)
            .await
            .unwrap()
            .unwrap();
        let hash = password::hash(PASSWORD).unwrap();
        users::update(
            &self.state.db,
            user,
            users::Changes {
                password_hash: Some(hash),
                ..Default::default()
            },
            self.state.now(),
        )
        .await
        .unwrap();
        person.token = self.login(&person.email, PASSWORD).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        person
    }

    /// Sets Puente up as `puente setup` would: the program and its first admin, without whom
    /// shelters may not register.
    pub async fn set_up(&self) -> Person {
        let program = self.org(OrgKind::Program, "Programa Puente", true).await;
        self.person(program, "manager", true).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Value {
        let (status, body) = self
            .call(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "login: {body}");
        body
    }

    /// The e-mails queued for the account with `email`, oldest first: (kind, facts).
    pub async fn mail_to(&self, email: &str) -> Vec<(Notice, Value)> {
        use puente_api::entity::outbox;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let Some(person) = users::by_email(&self.state.db, email).await.unwrap() else {
            return Vec::new();
        };
        outbox::Entity::find()
            .filter(outbox::Column::RecipientId.eq(person.id))
            .order_by_asc(outbox::Column::CreatedAt)
            .order_by_asc(outbox::Column::Id)
            .all(&self.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|message| (message.kind, message.payload))
            .collect()
    }

    /// The path of the latest link that confirms `email`'s address.
    pub async fn confirmation_link(&self, email: &str) -> String {
        let links: Vec<String> = self
            .mail_to(email)
            .await
            .into_iter()
            .filter(|(kind, _)| *kind == Notice::ConfirmEmail)
            .filter_map(|(_, facts)| facts["path"].as_str().map(str::to_owned))
            .collect();
        links
            .last()
            .cloned()
            .unwrap_or_else(|| panic!("no confirmation link for {email}"))
    }

    /// Confirms `email`'s address as its owner would, by the link's token.
    pub async fn confirm_email(&self, email: &str) {
        let link = self.confirmation_link(email).await;
        let token = link.trim_start_matches("/confirm-email/");
        let (status, body) = self
            .call(
                Method::POST,
                "/api/v1/auth/confirm-email",
                None,
                Some(json!({"token": token})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "confirm-email: {body}");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A complete intake, ready to submit.
pub fn intake() -> Value {
    json!({
        "proposed_names": ["Casa del Migrante Paso Libre", "Albergue Paso Libre"],
        "purpose": "Brindar albergue, alimentación y orientación legal a personas migrantes en tránsito.",
        "domicile": {"state": "MX-CHH", "municipality": "Juárez", "address": "Calle Niños Héroes 123, Centro, C.P. 32000"},
        "associates": [
            {"full_name": "Gloria Hernández García", "nationality": "MX", "curp": "HEGG560427MVZRRL04", "rfc": "GODE561231GR8", "email": "gloria@pasolibre.org.mx", "board_role": "president",
             "particulars": {"birth_date": "1956-04-27", "birth_place": "Xalapa, Veracruz", "civil_status": "widowed", "occupation": "trabajadora social", "address": "Calle Mina 45, Centro, Juárez, Chihuahua", "id_kind": "voter_card", "id_number": "HRGRGL56042730M800"}},
            {"full_name": "Jean-Baptiste Noël", "nationality": "HT", "email": "jb@pasolibre.org.mx", "board_role": "secretary",
             "particulars": {"birth_date": "1990-01-15", "birth_place": "Jacmel, Haití", "civil_status": "single", "occupation": "enfermero", "address": "Calle Mina 45, Centro, Juárez, Chihuahua", "treatment": "male", "id_kind": "passport", "id_number": "HT1234567", "immigration_status": "humanitarian_visitor", "immigration_number": "VRH2026001122"}}
        ],
        "governance": "board",
        "legal_representative": 0,
        "donataria_autorizada": true,
        "privacy_consent": true,
        "associates_consent": true,
        "contact": {"name": "Gloria Hernández", "phone": "+52 656 123 4567", "email": "contacto@pasolibre.org.mx"}
    })
}

/// A notary in the common intake's state, for `PUT /api/v1/cases/{id}/notary`.
pub fn notary() -> Value {
    json!({
        "name": "Rosa Elena Márquez Soto", "number": "27", "state": "MX-CHH",
        "district": "Bravos", "contact": "656 612 3456", "fees": "pro_bono",
    })
}

/// The people of a small program: a verified shelter with staff, another shelter, two law
/// firms, and managers.
pub struct Program {
    pub shelter: Person,
    pub other_shelter: Person,
    pub lawyer: Person,
    pub colleague: Person,
    pub outsider: Person,
    pub manager: Person,
    pub admin: Person,
}

impl Program {
    pub async fn new(app: &TestApp) -> Program {
        let shelter = app
            .org(OrgKind::Shelter, "Casa del Migrante Paso Libre", true)
            .await;
        let other = app.org(OrgKind::Shelter, "Albergue La 72", true).await;
        let firm = app
            .org(OrgKind::LawFirm, "Bufete Solidario, S.C.", true)
            .await;
        let other_firm = app
            .org(OrgKind::LawFirm, "Abogados del Norte, S.C.", true)
            .await;
        let program = app.org(OrgKind::Program, "Programa Puente", true).await;
        Program {
            shelter: app.person(shelter, "shelter", false).await,
            other_shelter: app.person(other, "shelter", false).await,
            lawyer: app.person(firm, "lawyer", false).await,
            colleague: app.person(firm, "lawyer", false).await,
            outsider: app.person(other_firm, "lawyer", false).await,
            manager: app.person(program, "manager", false).await,
            admin: app.person(program, "manager", true).await,
        }
    }
}

/// The attestation a lawyer gives when claiming.
pub fn attestation() -> Value {
    json!({"conflict_check": {"no_conflict": true, "reference": "CONF-2026-001"}})
}

/// A case of the program's shelter, created and moved to `open`.
pub async fn open_case(app: &TestApp, program: &Program) -> String {
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.fire(&program.shelter.token, &id, "submit", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.fire(&program.manager.token, &id, "accept", json!({}))
            .await
            .0,
        StatusCode::OK
    );
    id
}

/// Each of `tokens` claims through `urls` (in turn) at the same moment: the statuses, in order.
pub async fn claims_in_parallel(urls: &[String], tokens: &[String]) -> Vec<StatusCode> {
    let client = reqwest::Client::new();
    let requests = tokens.iter().enumerate().map(|(i, token)| {
        let request = client
            .post(&urls[i % urls.len()])
            .bearer_auth(token)
            .json(&json!({"event": "claim", "data": attestation()}));
        async move {
            request
                .send()
                .await
                .map(|r| r.status())
                .unwrap_or(StatusCode::BAD_GATEWAY)
        }
    });
    futures::future::join_all(requests).await
}

/// How many claims the history of `case` records.
pub async fn claim_events(app: &TestApp, manager: &Person, case: &str) -> usize {
    let (_, history) = app
        .get(&format!("/api/v1/cases/{case}/history"), &manager.token)
        .await;
    history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "claim")
        .count()
}

/// Sends a request to `base` (a server's or a proxy's `http://host:port`); `body` as JSON when
/// given: the status and the body, as JSON when it is.
pub async fn call_at(
    client: &reqwest::Client,
    base: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = client.request(method, format!("{base}{path}"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}
