//! Account recovery and care: a reset link asked for by the person (the same answer for any
//! address) or sent by an admin, good once; a deactivated person told so; nobody deactivating
//! their own account or the last admin; the operator's `user set-password`, `activate` and
//! `deactivate`.

use std::process::{Command, Output};

use puente_api::entity::outbox;
use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

use crate::common::browser::Browser;
use crate::common::*;

/// The paths of the reset links queued so far, oldest first, with whom each is for.
async fn reset_links(app: &TestApp) -> Vec<(uuid::Uuid, String)> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::CreatedAt)
        .order_by_asc(outbox::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.kind == Notice::PasswordReset)
        .map(|row| {
            let path = row.payload["path"].as_str().unwrap().to_owned();
            (row.recipient_id.unwrap(), path)
        })
        .collect()
}

async fn ask(app: &TestApp, email: &str) -> StatusCode {
    app.call(
        Method::POST,
        "/api/v1/auth/password-reset",
        None,
        Some(json!({"email": email})),
    )
    .await
    .0
}

async fn reset(app: &TestApp, token: &str, password: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/v1/auth/password-reset/confirm",
        None,
        Some(json!({"token": token, "new_password": password})),
    )
    .await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(json!({"email": email, "password": password})),
    )
    .await
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_the_sessions() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;

    // The same answer for an address without an account, and nothing is sent to it.
    assert_eq!(ask(&app, "nadie@ejemplo.mx").await, StatusCode::ACCEPTED);
    assert!(reset_links(&app).await.is_empty());
    assert_eq!(
        ask(&app, &format!("  {}  ", person.email.to_uppercase())).await,
        StatusCode::ACCEPTED
    );
    let links = reset_links(&app).await;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].0, person.id);
    let token = links[0].1.trim_start_matches("/password-reset/").to_owned();

    // A refused password names its field and leaves the link good.
    let (status, problem) = reset(&app, &token, "password1234").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "new_password");
    let (status, problem) = reset(&app, &token, "un puente entre albergues").await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{problem}");

    // The old password and the old session are gone; the new password works.
    assert_eq!(
        sign_in(&app, &person.email, PASSWORD).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.me(&person.token).await.0, StatusCode::UNAUTHORIZED);
    app.login(&person.email, "un puente entre albergues").await;

    // Once only; a mangled token is the same.
    for used in [token.as_str(), "x", &"A".repeat(43)] {
        let (status, problem) = reset(&app, used, "otra frase bastante larga").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(problem["errors"][0]["field"], "token");
        assert_eq!(problem["errors"][0]["code"], "token.invalid");
    }

    // A newer link retires the one before.
    ask(&app, &person.email).await;
    ask(&app, &person.email).await;
    let links = reset_links(&app).await;
    let older = links[1].1.trim_start_matches("/password-reset/");
    let newer = links[2].1.trim_start_matches("/password-reset/");
    assert_eq!(
        reset(&app, older, "otra frase bastante larga").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        reset(&app, newer, "otra frase bastante larga").await.0,
        StatusCode::NO_CONTENT
    );

    // Asking is limited per address.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(ask(&app, &person.email).await);
    }
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn deactivation_is_told_and_guarded_and_an_admin_sends_reset_links() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let user = |id: uuid::Uuid| format!("/api/v1/users/{id}");

    // Nobody deactivates their own account.
    let (status, problem) = app
        .call(
            Method::PATCH,
            &user(program.admin.id),
            Some(&program.admin.token),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], "own_account");

    // An admin sends a reset link; not to a deactivated account.
    let send = |id: uuid::Uuid| {
        let path = format!("{}/password-reset", user(id));
        let token = program.admin.token.clone();
        let app = &app;
        async move { app.call(Method::POST, &path, Some(&token), None).await.0 }
    };
    assert_eq!(send(person.id).await, StatusCode::ACCEPTED);
    assert_eq!(reset_links(&app).await.len(), 1);
    let path = format!("{}/password-reset", user(person.id));
    let (status, _) = app
        .call(Method::POST, &path, Some(&program.manager.token), None)
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a manager who is not an admin"
    );

    let (status, _) = app
        .call(
            Method::PATCH,
            &user(person.id),
            Some(&program.admin.token),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(send(person.id).await, StatusCode::CONFLICT);
    // The link sent before no longer opens anything for a deactivated account.
    let token = reset_links(&app).await[0]
        .1
        .trim_start_matches("/password-reset/")
        .to_owned();
    assert_eq!(
        reset(&app, &token, "otra frase bastante larga").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Asking for one sends nothing.
    assert_eq!(ask(&app, &person.email).await, StatusCode::ACCEPTED);
    assert_eq!(reset_links(&app).await.len(), 1);

    // With the right password, the person is told their account is deactivated; with a wrong
    // one, nothing is told.
    let (status, problem) = sign_in(&app, &person.email, PASSWORD).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert_eq!(problem["code"], "account_deactivated");
    let (status, problem) = sign_in(&app, &person.email, "no es la contraseña").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{problem}");
    assert_eq!(problem["code"], "invalid_credentials");
}

#[tokio::test]
async fn a_person_recovers_their_account_in_the_browser() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, false);
    let login = browser.get("/login").await;
    assert!(login.html.contains("href=\"/password-reset\""));
    assert!(login.html.contains("¿Olvidaste tu contraseña?"));

    let form = browser.get("/password-reset").await;
    assert_eq!(form.status, StatusCode::OK);
    let empty = browser.post("/password-reset", &[("email", "")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.html.contains("id=\"f-email-error\""));
    for email in ["nadie@ejemplo.mx", person.email.as_str()] {
        let sent = browser.post("/password-reset", &[("email", email)]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.html);
        assert_eq!(sent.location.as_deref(), Some("/login?done=reset_sent"));
    }
    let told = browser.get("/login?done=reset_sent").await;
    assert!(
        told.html
            .contains("Si el correo tiene una cuenta en Puente")
    );

    let link = reset_links(&app).await[0].1.clone();
    let page = browser.get(&link).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.contains("Elige tu contraseña"));
    let mismatch = browser
        .post(
            &link,
            &[
                ("new_password", "un puente entre albergues"),
                ("confirm_password", "un puente entre albergue"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mismatch.html.contains("id=\"f-confirm-password-error\""));
    let saved = browser
        .choose_password(&link, "un puente entre albergues")
        .await;
    assert_eq!(
        saved.location.as_deref(),
        Some("/login?done=password_reset")
    );
    app.login(&person.email, "un puente entre albergues").await;

    // Used, the link says so and offers a new one.
    let used = browser.get(&link).await;
    assert_eq!(used.status, StatusCode::NOT_FOUND);
    assert!(used.html.contains("Este enlace ya no sirve"));
    assert!(used.html.contains("href=\"/password-reset\""));
}

#[tokio::test]
async fn an_admin_confirms_before_deactivating_and_a_deactivated_person_is_told_why() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut admin = Browser::signed_in(&app, &program.admin);
    let list = admin.get("/admin").await;
    let confirm = format!("/admin/users/{}/deactivate", person.id);
    assert!(list.html.contains(&format!("href=\"{confirm}\"")));
    assert!(
        !list
            .html
            .contains(&format!("/admin/users/{}/deactivate", program.admin.id)),
        "no way to deactivate oneself"
    );
    let asked = admin.get(&confirm).await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.html.contains(&person.email));
    let done = admin
        .submit(
            &format!("/admin/users/{}/active", person.id),
            &[("active", "false")],
        )
        .await;
    assert!(done.html.contains("Cuenta actualizada"));
    let own = admin
        .post(
            &format!("/admin/users/{}/active", program.admin.id),
            &[("active", "false")],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.html);
    assert!(own.html.contains("No puedes desactivar tu propia cuenta"));

    let mut visitor = Browser::new(&app, false);
    let page = visitor.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    let refused = visitor
        .post(
            "/login",
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.html.contains("Tu cuenta está desactivada"));
}

/// Runs the built `puente` binary on `app`'s database with `stdin` as its input.
fn puente(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(args)
        .current_dir(app.dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PUENTE_DATA_DIR", &app.state.settings.data_dir)
        .env("PUENTE_DATABASE_URL", &app.database_url)
        .env("PUENTE_JWT_SECRET", SECRET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn the_operator_sets_passwords_and_turns_accounts_off_and_on_but_keeps_an_admin() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let email = person.email.as_str();

    let weak = puente(
        &app,
        &["user", "set-password", "--email", email],
        "password1234\n",
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));
    let set = puente(
        &app,
        &["user", "set-password", "--email", email],
        "una frase que recordar\n",
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    app.login(email, "una frase que recordar").await;

    let off = puente(&app, &["user", "deactivate", "--email", email], "");
    assert!(
        off.status.success(),
        "{}",
        String::from_utf8_lossy(&off.stderr)
    );
    assert_eq!(
        sign_in(&app, email, "una frase que recordar").await.0,
        StatusCode::FORBIDDEN
    );
    let on = puente(&app, &["user", "activate", "--email", email], "");
    assert!(on.status.success());
    app.login(email, "una frase que recordar").await;

    let last = puente(
        &app,
        &["user", "deactivate", "--email", &program.admin.email],
        "",
    );
    assert!(!last.status.success());
    assert!(String::from_utf8_lossy(&last.stderr).contains("last active admin"));
    let nobody = puente(
        &app,
        &["user", "activate", "--email", "nadie@ejemplo.mx"],
        "",
    );
    assert!(!nobody.status.success());
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no account"));
}
