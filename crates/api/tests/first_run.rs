//! The first run: `puente setup` creates the program and its first admin once; until then the
//! pages say how to set Puente up instead of letting shelters register into a program nobody
//! runs. Once it runs, the managers hear of each shelter that registers, and a shelter that
//! confirms its address is welcomed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::common::browser::Browser;
use crate::common::*;

fn setup(dir: &std::path::Path, args: &[&str], password: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
        .arg("setup")
        .args(args)
        .current_dir(dir)
        .env_remove("PUENTE_DATABASE_URL")
        .env_remove("PUENTE_TEST_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn puente_setup_creates_the_program_and_its_admin_once() {
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--program",
        "Programa Puente de Apoyo Legal",
        "--state",
        "MX-CMX",
        "--name",
        "Lucía Ramírez",
        "--email",
        "lucia@programa.ejemplo.mx",
    ];
    // A password that would not do: nothing is created, and the reason is named.
    let refused = setup(dir.path(), &flags, "corta");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("password") && said.contains("nothing was created"),
        "{said}"
    );

    // Without a terminal every value must come as a flag.
    let missing = setup(dir.path(), &flags[..4], "una-frase-de-acceso-larga");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--name"));

    let done = setup(dir.path(), &flags, "una-frase-de-acceso-larga");
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        said.contains("Programa Puente de Apoyo Legal is set up"),
        "{said}"
    );
    assert!(said.contains("lucia@programa.ejemplo.mx"), "{said}");

    let again = setup(dir.path(), &flags, "otra-frase-de-acceso-larga");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already set up"));
}

#[tokio::test]
async fn until_puente_is_set_up_shelters_are_told_instead_of_registering() {
    let app = TestApp::spawn().await;
    let mut visitor = Browser::new(&app, false);
    let login = visitor.get("/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(
        login.html.contains("Puente todavía no está configurado"),
        "{}",
        login.html
    );
    assert!(login.html.contains("puente setup"));
    assert!(!login.html.contains("href=\"/register\""));
    let register = visitor.get("/register").await;
    assert_eq!(register.status, StatusCode::CONFLICT, "{}", register.html);
    assert!(
        register.html.contains("Puente todavía no está listo"),
        "{}",
        register.html
    );

    let registration = json!({
        "organization": {"name": "Casa Esperanza", "state": "MX-SON", "municipality": "Nogales"},
        "user": {"name": "Ana López", "email": "ana@casa-esperanza.mx", "password": PASSWORD},
    });
    let (status, problem) = app
        .call(
            Method::POST,
            "/api/v1/shelters",
            None,
            Some(registration.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], "not_set_up");

    // Once the program has an admin, the same registration goes through; the managers hear of
    // it and, once the address is confirmed, the shelter is welcomed (once).
    let program = app.org(OrgKind::Program, "Programa Puente", true).await;
    let admin = app.person(program, "manager", true).await;
    let login = visitor.get("/login").await;
    assert!(login.html.contains("href=\"/register\""), "{}", login.html);
    assert!(!login.html.contains("no está configurado"));
    let (status, body) = app
        .call(Method::POST, "/api/v1/shelters", None, Some(registration))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let told: Vec<_> = app
        .mail_to(&admin.email)
        .await
        .into_iter()
        .filter(|(kind, _)| *kind == Notice::ShelterRegistered)
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].1["organization"], "Casa Esperanza");
    assert!(
        told[0].1["path"]
            .as_str()
            .unwrap()
            .starts_with("/shelters/"),
        "{told:?}"
    );

    app.confirm_email("ana@casa-esperanza.mx").await;
    let welcomes = |mail: Vec<(Notice, serde_json::Value)>| {
        mail.into_iter()
            .filter(|(kind, _)| *kind == Notice::Welcome)
            .count()
    };
    assert_eq!(welcomes(app.mail_to("ana@casa-esperanza.mx").await), 1);
}

#[tokio::test]
async fn an_empty_home_says_what_to_do_next_in_each_roles_words() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    for (person, says) in [
        (
            &program.shelter,
            "Empieza una con «Nueva solicitud de apoyo»",
        ),
        (&program.lawyer, "Busca uno en «Solicitudes abiertas»"),
        (&program.manager, "No hay solicitudes por revisar."),
    ] {
        let page = Browser::signed_in(&app, person).get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.html.contains(says), "{says}: {}", page.html);
    }
}
