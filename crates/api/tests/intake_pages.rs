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

#[tokio::test]
async fn an_associate_is_changed_in_place_and_every_country_is_offered_by_name() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap();
    let base = format!("/cases/{id}/intake");
    let mut shelter = Browser::signed_in(&app, &program.shelter);

    // Every country, the frequent ones first, each by its name.
    let page = shelter.get(&format!("{base}/associates")).await;
    let html = &page.html;
    let frequent = html
        .find("<optgroup label=\"Los más frecuentes\">")
        .unwrap();
    let every = html.find("<optgroup label=\"Todos los países\">").unwrap();
    assert!(frequent < every);
    assert!(
        html[every..].contains("<option value=\"AF\">Afganistán</option>"),
        "{html}"
    );
    assert!(
        html[every..].contains("<option value=\"NO\">Noruega</option>"),
        "{html}"
    );
    assert!(html.find(">Alemania<").unwrap() < html.find(">Zambia<").unwrap());

    // «Cambiar» opens the associate's form filled in.
    let page = shelter.get(&format!("{base}/associates?edit=1")).await;
    let html = &page.html;
    assert!(
        html.contains("Cambiar los datos de Jean-Baptiste Noël"),
        "{html}"
    );
    assert!(html.contains("name=\"edit\" value=\"1\""), "{html}");
    assert!(html.contains("value=\"jb@pasolibre.org.mx\""), "{html}");
    assert!(
        html.contains("<option value=\"HT\" selected>Haití</option>"),
        "{html}"
    );
    let old_version = crate::common::browser::hidden(html, "version");

    // A refused change stays in the form, beside its field, and changes nothing.
    let refused = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("edit", "1"),
                ("full_name", "Jean-Baptiste Noël Pierre"),
                ("nationality", "HT"),
                ("email", "no es un correo"),
                ("board_role", "secretary"),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.html
    );
    assert!(
        refused.html.contains("id=\"f-email-error\""),
        "{}",
        refused.html
    );
    assert!(
        refused.html.contains("name=\"edit\" value=\"1\""),
        "{}",
        refused.html
    );
    let (_, unchanged) = app.case(id, &program.shelter.token).await;
    assert_eq!(
        unchanged["intake"]["associates"][1]["full_name"],
        json!("Jean-Baptiste Noël")
    );

    let saved = shelter
        .submit(
            &format!("{base}/associates"),
            &[
                ("edit", "1"),
                ("full_name", "Jean-Baptiste Noël Pierre"),
                ("nationality", "CO"),
                ("email", "jean@pasolibre.org.mx"),
                ("board_role", "secretary"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    let (_, changed) = app.case(id, &program.shelter.token).await;
    let associates = changed["intake"]["associates"].as_array().unwrap();
    assert_eq!(associates.len(), 2, "changed in place, not added");
    assert_eq!(
        associates[1]["full_name"],
        json!("Jean-Baptiste Noël Pierre")
    );
    assert_eq!(associates[1]["nationality"], json!("CO"));
    // The generales completed on the associate's own page are kept.
    assert_eq!(
        associates[1]["particulars"]["birth_place"],
        json!("Jacmel, Haití")
    );
    assert_eq!(associates[0]["full_name"], json!("Gloria Hernández García"));

    // The form of a page older than the intake changes nothing and says why.
    let stale = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("edit", "1"),
                ("version", &old_version),
                ("full_name", "Otra Persona"),
                ("nationality", "MX"),
                ("board_role", "secretary"),
            ],
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.html
    );
    assert!(
        stale.html.contains("Alguien modificó el caso"),
        "{}",
        stale.html
    );
    assert!(!stale.html.contains("name=\"edit\""), "{}", stale.html);
    // A position that is not there adds nobody.
    let beyond = shelter
        .post(
            &format!("{base}/associates"),
            &[("edit", "7"), ("full_name", "Nadie"), ("nationality", "MX")],
        )
        .await;
    assert_eq!(beyond.status, StatusCode::SEE_OTHER);
    let (_, after) = app.case(id, &program.shelter.token).await;
    assert_eq!(
        after["intake"]["associates"],
        changed["intake"]["associates"]
    );
}

#[tokio::test]
async fn a_draft_never_sent_can_be_deleted_and_nothing_else_can() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let token = &program.shelter.token;
    let draft = |names: &'static str| {
        let app = &app;
        async move {
            let (status, case) = app
                .create_case(token, json!({"proposed_names": [names]}))
                .await;
            assert_eq!(status, StatusCode::CREATED, "{case}");
            case["id"].as_str().unwrap().to_owned()
        }
    };
    // Through the API: only the shelter's own, only a draft, only without documents.
    let plain = draft("Casa Uno").await;
    let path = format!("/api/v1/cases/{plain}");
    for other in [&program.other_shelter.token, &program.lawyer.token] {
        let (status, _) = app
            .call(reqwest::Method::DELETE, &path, Some(other), None)
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, _) = app
        .call(reqwest::Method::DELETE, &path, Some(token), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(app.case(&plain, token).await.0, StatusCode::NOT_FOUND);

    let with_paper = draft("Casa Dos").await;
    let (status, _) = app
        .upload(
            token,
            &with_paper,
            "proof_of_address",
            None,
            "recibo.pdf",
            crate::common::files::pdf(2000),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/v1/cases/{with_paper}");
    let (status, problem) = app
        .call(reqwest::Method::DELETE, &path, Some(token), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], json!("draft_has_documents"));

    let (_, sent) = app.create_case(token, intake()).await;
    let sent = sent["id"].as_str().unwrap().to_owned();
    app.fire(token, &sent, "submit", json!({})).await;
    let path = format!("/api/v1/cases/{sent}");
    let (status, problem) = app
        .call(reqwest::Method::DELETE, &path, Some(token), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], json!("invalid_state"));
    assert_eq!(app.case(&sent, token).await.0, StatusCode::OK);

    // From the pages: the review step offers it, asks for the box, then deletes.
    let page_draft = draft("Casa Tres").await;
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    let review = shelter
        .get(&format!("/cases/{page_draft}/intake/review"))
        .await;
    assert!(
        review.html.contains("Borrar este borrador"),
        "{}",
        review.html
    );
    let unticked = shelter
        .post(&format!("/cases/{page_draft}/discard"), &[])
        .await;
    assert_eq!(
        unticked.location.as_deref(),
        Some(format!("/cases/{page_draft}/intake/review?discard=confirm#discard").as_str())
    );
    assert_eq!(app.case(&page_draft, token).await.0, StatusCode::OK);
    let home = shelter
        .submit(
            &format!("/cases/{page_draft}/discard"),
            &[("confirm", "yes")],
        )
        .await;
    assert!(home.html.contains("Borramos el borrador."), "{}", home.html);
    assert_eq!(app.case(&page_draft, token).await.0, StatusCode::NOT_FOUND);
    // A sent request's review offers no such thing.
    let review = shelter.get(&format!("/cases/{sent}/intake/review")).await;
    assert!(
        !review.html.contains("Borrar este borrador"),
        "{}",
        review.html
    );
}
