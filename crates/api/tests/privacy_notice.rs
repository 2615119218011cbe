//! The privacy notice (LFPDPPP 2025) and the consents it asks for: the full notice is open to
//! anyone in both languages and names the configured responsible party; the sign-in and
//! registration pages and the intake lead to it; a request is not sent until the shelter has
//! also attested that every associate was informed and consented.

use crate::common::browser::Browser;
use crate::common::*;
use reqwest::StatusCode;
use serde_json::json;

const CONTROLLER: &str = "Fundación Puente Ejemplo, A.C.";
const ADDRESS: &str = "Av. Juárez 100, Col. Centro, C.P. 06000, Ciudad de México";
const ARCO_EMAIL: &str = "arco@puente-ejemplo.org.mx";

#[tokio::test]
async fn the_full_notice_is_open_to_anyone_in_spanish_and_english() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_PRIVACY_CONTROLLER", CONTROLLER),
        ("PUENTE_PRIVACY_ADDRESS", ADDRESS),
        ("PUENTE_PRIVACY_EMAIL", ARCO_EMAIL),
    ])
    .await;
    app.set_up().await;
    let mut visitor = Browser::new(&app, false);
    let page = visitor.get("/aviso-de-privacidad").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert_eq!(page.headers["content-language"], "es");
    for expected in [
        "<h1>Aviso de privacidad integral</h1>",
        CONTROLLER,
        ADDRESS,
        ARCO_EMAIL,
        "datos personales sensibles",
        "Finalidades necesarias",
        "Finalidades voluntarias",
        "despachos de abogados aliados",
        "notaría pública",
        "Secretaría de Economía",
        "(SAT)",
        "registro público",
        "derechos ARCO",
        "revocar tu consentimiento",
        "365 días",
        "Cambios a este aviso",
        "Secretaría Anticorrupción y Buen Gobierno",
    ] {
        assert!(page.html.contains(expected), "{expected}: {}", page.html);
    }
    // The authority it replaced no longer exists.
    assert!(!page.html.contains("INAI"));

    // The page's language switch brings it back in English.
    let switched = visitor
        .post("/lang", &[("lang", "en"), ("back", "/aviso-de-privacidad")])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location.as_deref(), Some("/aviso-de-privacidad"));
    let page = visitor.get("/aviso-de-privacidad").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers["content-language"], "en");
    for expected in [
        "<h1>Full privacy notice</h1>",
        CONTROLLER,
        ADDRESS,
        ARCO_EMAIL,
        "Secretaría Anticorrupción y Buen Gobierno",
    ] {
        assert!(page.html.contains(expected), "{expected}: {}", page.html);
    }

    // Where data is collected, or one signs in, the notice is a link away.
    let mut visitor = Browser::new(&app, false);
    let page = visitor.get("/login").await;
    assert!(
        page.html.contains("href=\"/aviso-de-privacidad\""),
        "{}",
        page.html
    );
    let page = visitor.get("/register").await;
    assert!(
        page.html.contains("Aviso de privacidad simplificado"),
        "{}",
        page.html
    );
    assert!(page.html.contains(CONTROLLER) && page.html.contains(ARCO_EMAIL));
    assert!(page.html.contains("Lee el aviso de privacidad integral"));
}

#[tokio::test]
async fn a_request_is_not_sent_until_the_shelter_attests_the_associates_consent() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = &program.shelter.token;
    let mut without = intake();
    without
        .as_object_mut()
        .unwrap()
        .remove("associates_consent");
    let (status, case) = app.create_case(shelter, without).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();

    // Everything else is there: the one thing missing is named.
    let (status, refused) = app.fire(shelter, &id, "submit", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["missing"], json!(["intake:associates_consent"]));
    let (_, case) = app.case(&id, shelter).await;
    assert_eq!(case["status"], "draft");

    // The intake's consent step shows the simplified notice, its link and the checkbox.
    let mut browser = Browser::signed_in(&app, &program.shelter);
    let page = browser.get(&format!("/cases/{id}/intake/consent")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    for expected in [
        "Aviso de privacidad simplificado",
        "Programa Puente",
        "href=\"/aviso-de-privacidad\"",
        "name=\"privacy_consent\"",
        "name=\"associates_consent\"",
        "<label for=\"f-intake-associates-consent\">Informé de este aviso de privacidad a cada persona asociada",
    ] {
        assert!(page.html.contains(expected), "{expected}: {}", page.html);
    }
    // The case page says what is missing, in words.
    let page = browser.get(&format!("/cases/{id}")).await;
    assert!(
        page.html
            .contains("Falta confirmar el consentimiento de las personas asociadas"),
        "{}",
        page.html
    );

    // Ticked, the request goes.
    browser.get(&format!("/cases/{id}/intake/consent")).await;
    browser
        .submit(
            &format!("/cases/{id}/intake/consent"),
            &[("privacy_consent", "yes"), ("associates_consent", "yes")],
        )
        .await;
    let (_, case) = app.case(&id, shelter).await;
    assert_eq!(case["intake"]["associates_consent"], true);
    let (status, body) = app.fire(shelter, &id, "submit", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
