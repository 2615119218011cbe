//! The intake without traps: an empty draft is reused rather than piled up, the contact registration
//! gave is filled in, a new associate takes the first office still free, «Continuar» keeps an
//! associate typed in the form (or asks for the name), the last step shows the whole request
//! before sending it, and once sent every step shows it read-only.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::browser::Browser;
use crate::common::*;

fn case_of(location: &str) -> String {
    location.split('/').nth(2).unwrap().to_owned()
}

#[tokio::test]
async fn a_new_request_starts_filled_in_and_reuses_an_untouched_draft() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    shelter.get("/").await;
    let first = shelter.post("/cases/new", &[]).await.location.unwrap();
    shelter.get("/").await;
    let again = shelter.post("/cases/new", &[]).await.location.unwrap();
    assert_eq!(
        case_of(&first),
        case_of(&again),
        "an untouched draft is reused"
    );

    let base = format!("/cases/{}/intake", case_of(&first));
    let contact = shelter.get(&format!("{base}/contact")).await;
    assert!(
        contact
            .html
            .contains(&format!("value=\"{}\"", program.shelter.email)),
        "{}",
        contact.html
    );
    // Once something is written in it, a new request is a new draft.
    shelter
        .submit(&format!("{base}/names"), &[("name", "Casa Esperanza")])
        .await;
    shelter.get("/").await;
    let other = shelter.post("/cases/new", &[]).await.location.unwrap();
    assert_ne!(case_of(&first), case_of(&other));
}

#[tokio::test]
async fn continuing_from_the_associates_keeps_one_typed_or_asks_for_the_name() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app
        .create_case(
            &program.shelter.token,
            json!({"proposed_names": ["Casa Esperanza"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let base = format!("/cases/{}/intake", case["id"].as_str().unwrap());
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    let page = shelter.get(&format!("{base}/associates")).await;
    assert!(
        page.html.contains("<option value=\"president\" selected>"),
        "{}",
        page.html
    );
    let page = shelter
        .submit(
            &format!("{base}/associates"),
            &[
                ("full_name", "Gloria Hernández García"),
                ("nationality", "MX"),
                ("curp", "HEGG560427MVZRRL04"),
                ("board_role", "president"),
            ],
        )
        .await;
    // The presidency is taken: the next associate defaults to the secretariat.
    assert!(
        page.html.contains("<option value=\"secretary\" selected>"),
        "{}",
        page.html
    );

    // «Quitar» asks first, naming the person; nothing is removed by the question.
    let asking = shelter.get(&format!("{base}/associates?remove=0")).await;
    assert!(
        asking
            .html
            .contains("¿Quitar a Gloria Hernández García de la solicitud?"),
        "{}",
        asking.html
    );
    assert!(asking.html.contains("name=\"remove\" value=\"0\""));
    let (_, view) = app
        .case(case["id"].as_str().unwrap(), &program.shelter.token)
        .await;
    assert_eq!(view["intake"]["associates"].as_array().unwrap().len(), 1);

    // Details typed without a name: «Continuar» asks instead of dropping them.
    let asked = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("go", "next"),
                ("email", "jb@camino.org.mx"),
                ("nationality", "HT"),
                ("board_role", "secretary"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(asked.html.contains("sin su nombre"), "{}", asked.html);
    assert!(asked.html.contains("value=\"jb@camino.org.mx\""));
    // With the name, «Continuar» adds them and goes on.
    let page = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("go", "next"),
                ("full_name", "Jean-Baptiste Noël"),
                ("email", "jb@camino.org.mx"),
                ("nationality", "HT"),
                ("board_role", "secretary"),
            ],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{base}/governance").as_str())
    );
    let (_, view) = app
        .case(case["id"].as_str().unwrap(), &program.shelter.token)
        .await;
    assert_eq!(
        view["intake"]["associates"][1]["full_name"],
        "Jean-Baptiste Noël"
    );
    // Nothing typed: «Continuar» just goes on.
    let page = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("go", "next"),
                ("nationality", "MX"),
                ("board_role", "member"),
            ],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("{base}/governance").as_str())
    );
    let (_, view) = app
        .case(case["id"].as_str().unwrap(), &program.shelter.token)
        .await;
    assert_eq!(view["intake"]["associates"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_request_is_reviewed_then_sent_and_read_only_afterwards() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    let review = shelter.get(&format!("/cases/{id}/intake/review")).await;
    assert_eq!(review.status, StatusCode::OK, "{}", review.html);
    assert!(review.html.contains("<h1>Revisa y envía</h1>"));
    assert!(
        review
            .html
            .contains(&format!("href=\"/cases/{id}/intake/names\""))
    );
    let version = crate::common::browser::hidden(&review.html, "version");
    let sent = shelter
        .submit(
            &format!("/cases/{id}/events/submit"),
            &[("version", &version)],
        )
        .await;
    assert!(
        sent.html.contains("está revisando tu solicitud"),
        "{}",
        sent.html
    );

    for step in ["names", "associates", "review"] {
        let page = shelter.get(&format!("/cases/{id}/intake/{step}")).await;
        assert_eq!(page.status, StatusCode::OK, "{step}");
        assert!(page.html.contains("ya se envió"), "{step}: {}", page.html);
        assert!(
            !page.html.contains("<form method=\"post\" action=\"/cases/"),
            "{step}"
        );
        assert!(!page.html.contains("/intake/names\">Cambiar"), "{step}");
    }
}
