//! The case page from seeded data: what a lawyer reads on it comes from the case, its offers,
//! history, documents, comments and hours (a renamed field shows as a missing fact here), and it
//! costs the same few statements however much the case holds.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use puente_i18n::{Lang, text};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::browser::{Browser, hidden};
use crate::common::files::pdf;
use crate::common::*;

/// Adds a comment, an hour and a half of work and a document to the case, as its lawyer.
async fn add_work(app: &TestApp, lawyer: &Person, case: &str, n: usize) {
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/comments"),
            &lawyer.token,
            json!({"body": format!("Nota de avance número {n}")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app
        .post(
            &format!("/api/v1/cases/{case}/hours"),
            &lawyer.token,
            json!({"date": "2026-01-15", "hours": 1.5, "description": format!("Revisión de estatutos {n}")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, body) = app
        .upload(
            &lawyer.token,
            case,
            "other",
            None,
            &format!("anexo-{n}.pdf"),
            pdf(2_000),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn the_case_page_shows_the_case_facts_at_a_bounded_cost() {
    let queries = Arc::new(AtomicUsize::new(0));
    let app = TestApp::spawn_counting_queries(queries.clone()).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let (status, _) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let path = format!("/cases/{case}");

    let mut costs = Vec::new();
    for n in 1..=6 {
        add_work(&app, &program.lawyer, &case, n).await;
        let before = queries.load(Ordering::SeqCst);
        let page = lawyer.get(&path).await;
        costs.push(queries.load(Ordering::SeqCst) - before);
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        if n > 1 && n < 6 {
            continue;
        }
        // The facts of the case, as the API gives them, appear on the page.
        let (_, view) = app.case(&case, &program.lawyer.token).await;
        let (_, offers) = app
            .get(
                &format!("/api/v1/cases/{case}/transitions"),
                &program.lawyer.token,
            )
            .await;
        let mut facts: Vec<String> = vec![
            view["reference"].as_str().unwrap().to_owned(),
            view["intake"]["proposed_names"][0]
                .as_str()
                .unwrap()
                .to_owned(),
            view["intake"]["associates"][1]["full_name"]
                .as_str()
                .unwrap()
                .to_owned(),
            view["shelter"]["name"].as_str().unwrap().to_owned(),
            text(Lang::Es, "state-claimed", &[]),
            format!("Nota de avance número {n}"),
            format!("Revisión de estatutos {n}"),
            format!("anexo-{n}.pdf"),
        ];
        facts.extend(
            offers["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["label"].as_str().unwrap().to_owned()),
        );
        assert!(offers["items"].as_array().unwrap().len() >= 2, "{offers}");
        for fact in &facts {
            assert!(page.html.contains(fact.as_str()), "«{fact}» is missing");
        }
        // The lawyer may draft, log hours and upload: the forms are there.
        for form in [
            format!("action=\"/cases/{case}/generate\""),
            format!("action=\"/cases/{case}/hours#hours-form\""),
            format!("action=\"/cases/{case}/documents?csrf="),
        ] {
            assert!(page.html.contains(&form), "{form} is missing");
        }
        assert_eq!(view["may"]["generate"], true, "{view}");
        assert_eq!(view["may"]["log_hours"], true, "{view}");
    }
    eprintln!("statements per case page, with 1 to 6 of each: {costs:?}");
    assert!(
        costs.iter().all(|c| *c == costs[0]),
        "the page costs the same however much the case holds: {costs:?}"
    );
    assert!(costs[0] <= 10, "{costs:?}");

    // The shelter sees the same case without the lawyer's forms, with its own.
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    let page = shelter.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Nota de avance número 6"));
    assert!(
        !page
            .html
            .contains(&format!("action=\"/cases/{case}/generate\""))
    );
    assert!(
        !page
            .html
            .contains(&format!("action=\"/cases/{case}/hours#hours-form\""))
    );
    let (_, view) = app.case(&case, &program.shelter.token).await;
    assert_eq!(view["may"]["generate"], false, "{view}");
    assert_eq!(view["may"]["edit_intake"], false, "{view}");
    assert!(
        view["may"]["upload"]
            .as_array()
            .unwrap()
            .contains(&json!("founder_id")),
        "{view}"
    );

    // Another firm's lawyer sees nothing of it.
    let mut outsider = Browser::signed_in(&app, &program.outsider);
    assert_eq!(outsider.get(&path).await.status, StatusCode::NOT_FOUND);
}

/// A case with `written` as its intake, submitted, accepted and claimed by the program's lawyer.
async fn claimed_case(app: &TestApp, program: &Program, written: Value) -> String {
    let (status, created) = app.create_case(&program.shelter.token, written).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let case = created["id"].as_str().unwrap().to_owned();
    for (token, event, data) in [
        (&program.shelter.token, "submit", json!({})),
        (&program.manager.token, "accept", json!({})),
        (&program.lawyer.token, "claim", attestation()),
    ] {
        assert_eq!(app.fire(token, &case, event, data).await.0, StatusCode::OK);
    }
    case
}

/// The lawyer completes an associate's generales on a page of their own, linked from the case
/// page with what each still lacks; a wrong date comes back beside its field with what was
/// typed; only the case's lawyer reaches the page once the case is claimed.
#[tokio::test]
async fn the_lawyer_completes_an_associates_generales_on_their_page() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut written = intake();
    written["associates"][1]["particulars"] = json!({});
    let case = claimed_case(&app, &program, written).await;
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let page = lawyer.get(&format!("/cases/{case}")).await;
    assert!(
        page.html
            .contains("Datos generales de Gloria Hernández García</a> · completos")
    );
    assert!(
        page.html
            .contains("Datos generales de Jean-Baptiste Noël</a> · faltan 10 datos"),
        "{}",
        page.html
    );

    let path = format!("/cases/{case}/associates/1");
    let form = lawyer.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.html);
    assert!(
        form.html
            .contains("Persona asociada 2: falta la fecha de nacimiento")
    );
    assert!(form.html.contains("Documento migratorio"));
    let gloria = lawyer.get(&format!("/cases/{case}/associates/0")).await;
    assert!(!gloria.html.contains("Documento migratorio"));
    assert!(!gloria.html.contains("Cómo nombrarla"));
    let version = hidden(&form.html, "version");

    let refused = lawyer
        .post(
            &path,
            &[
                ("version", &version),
                ("birth_date", "31/02/1990"),
                ("occupation", "Enfermero"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("value=\"Enfermero\""), "typed, kept");
    assert!(
        refused.html.contains("No es una fecha válida"),
        "{}",
        refused.html
    );
    assert!(refused.html.contains("href=\"#f-particulars-birth-date\""));

    let saved = lawyer
        .submit(
            &path,
            &[
                ("version", &version),
                ("birth_date", "1990-01-15"),
                ("occupation", "Enfermero"),
                ("civil_status", "single"),
                ("immigration_status", "humanitarian_visitor"),
            ],
        )
        .await;
    assert!(saved.html.contains("Datos generales guardados"));
    assert!(
        saved
            .html
            .contains("Datos generales de Jean-Baptiste Noël</a> · faltan 6 datos")
    );
    let (_, view) = app.case(&case, &program.lawyer.token).await;
    assert_eq!(
        view["intake"]["associates"][1]["particulars"],
        json!({"birth_date": "1990-01-15", "occupation": "Enfermero", "civil_status": "single",
               "immigration_status": "humanitarian_visitor"})
    );

    for person in [&program.outsider, &program.shelter] {
        let page = Browser::signed_in(&app, person).get(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{}", person.email);
    }
}

/// The case's lawyer records the notary on the case page: a wrong form comes back with each
/// error beside its field and what was typed; the page then shows the notary, and the shelter
/// sees it without the form.
#[tokio::test]
async fn the_lawyer_records_the_notary_on_the_case_page() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = claimed_case(&app, &program, intake()).await;
    let path = format!("/cases/{case}");
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let page = lawyer.get(&path).await;
    assert!(page.html.contains("Aún no se ha elegido la notaría"));
    assert!(
        page.html
            .contains("<option value=\"MX-CHH\" selected>Chihuahua</option>"),
        "the association's state is offered first"
    );
    let version = hidden(&page.html, "version");
    let form = format!("{path}/notary");
    let refused = lawyer
        .post(
            &form,
            &[
                ("version", &version),
                ("name", "Rosa Elena Márquez Soto"),
                ("number", ""),
                ("state", "MX-CHH"),
                ("district", "Bravos"),
                ("contact", "656 612 3456"),
                ("fees", "gratis"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("value=\"Rosa Elena Márquez Soto\""));
    assert!(refused.html.contains("href=\"#f-notary-number\""));
    assert!(refused.html.contains("href=\"#f-notary-fees\""));
    assert!(refused.html.contains("id=\"f-notary-fees-error\""));

    let saved = lawyer
        .submit(
            &form,
            &[
                ("version", &version),
                ("name", "Rosa Elena Márquez Soto"),
                ("number", "27"),
                ("state", "MX-CHH"),
                ("district", "Bravos"),
                ("contact", "656 612 3456"),
                ("fees", "reduced"),
                ("fee_note", "La mitad del arancel."),
            ],
        )
        .await;
    assert!(saved.html.contains("Notaría registrada"), "{}", saved.html);
    assert!(
        saved
            .html
            .contains("Honorarios reducidos<br>La mitad del arancel.")
    );
    let (_, view) = app.case(&case, &program.lawyer.token).await;
    assert_eq!(view["notary"]["number"], "27");

    let shelter = Browser::signed_in(&app, &program.shelter).get(&path).await;
    assert!(shelter.html.contains("Rosa Elena Márquez Soto"));
    assert!(!shelter.html.contains(&format!("action=\"{form}\"")));
}
