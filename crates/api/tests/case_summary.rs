//! The top of the case page: «¿Qué sigue?» in the words of each role, quoting the request that
//! brought the case to its state and linking what is missing to where it is done; the facts
//! (contact, associates, papers) to those who see the case whole and only the parties' names to
//! a lawyer deciding whether to claim it; and the page's language, not the account's, for
//! everything on it.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::browser::{Browser, hidden};
use crate::common::*;

#[tokio::test]
async fn what_comes_next_is_written_for_each_role_and_quotes_the_request() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap().to_owned();
    let path = format!("/cases/{case}");
    app.fire(&program.shelter.token, &case, "submit", json!({}))
        .await;

    let manager = Browser::signed_in(&app, &program.manager).get(&path).await;
    assert!(
        manager.html.contains("Revisa la solicitud"),
        "{}",
        manager.html
    );
    assert!(
        !manager
            .html
            .contains("Espera la revisión de la coordinación")
    );
    let shelter = Browser::signed_in(&app, &program.shelter).get(&path).await;
    assert!(
        shelter.html.contains("está revisando tu solicitud"),
        "{}",
        shelter.html
    );

    let asked = "Falta el acta de asamblea del albergue, por favor súbanla.";
    let (status, body) = app
        .fire(
            &program.manager.token,
            &case,
            "request_info",
            json!({"message": asked}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shelter = Browser::signed_in(&app, &program.shelter).get(&path).await;
    let quote = shelter
        .html
        .find("<blockquote")
        .expect("the request is quoted");
    let history = shelter.html.find("timeline-title").unwrap();
    assert!(quote < history);
    assert!(shelter.html[quote..].contains(asked));
    let manager = Browser::signed_in(&app, &program.manager).get(&path).await;
    assert!(
        manager.html.contains("vuelve a tu cola"),
        "{}",
        manager.html
    );

    // The history, comments and hours are folded below.
    assert!(shelter.html.contains("<details class=\"fold\">"));
}

#[tokio::test]
async fn a_missing_part_of_the_intake_links_to_its_step() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut partial = intake();
    partial["contact"] = json!(null);
    let (status, case) = app.create_case(&program.shelter.token, partial).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap();
    let page = Browser::signed_in(&app, &program.shelter)
        .get(&format!("/cases/{case}"))
        .await;
    let next = &page.html[page.html.find("next-title").unwrap()..];
    let next = &next[..next.find("</section>").unwrap()];
    assert!(
        next.contains(&format!("href=\"/cases/{case}/intake/contact\"")),
        "{next}"
    );
}

#[tokio::test]
async fn the_facts_are_for_those_who_see_the_case_and_names_for_the_conflict_search() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let path = format!("/cases/{case}");

    // Before claiming: the parties' names under the attestation, and nothing more.
    let page = Browser::signed_in(&app, &program.lawyer).get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    let parties = &page.html[page.html.find("class=\"parties\"").expect("parties")..];
    for name in [
        "Casa del Migrante Paso Libre",
        "Gloria Hernández García",
        "Jean-Baptiste Noël",
    ] {
        assert!(parties.contains(name), "{name}");
    }
    for private in [
        "HEGG560427MVZRRL04",
        "tel:",
        "mailto:",
        "contacto@pasolibre",
    ] {
        assert!(!page.html.contains(private), "{private}");
    }
    let (_, view) = app.case(&case, &program.lawyer.token).await;
    assert_eq!(view["conflict_parties"][1], "Gloria Hernández García");
    // Only on the one case: the list of open requests names nobody.
    let (_, listed) = app
        .get("/api/v1/cases?status=open", &program.lawyer.token)
        .await;
    let items = listed["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(
        items
            .iter()
            .all(|item| item.get("conflict_parties").is_none()),
        "{listed}"
    );

    // Once claimed: the contact, each associate's nationality by name, CURP and papers.
    let (status, body) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = Browser::signed_in(&app, &program.lawyer).get(&path).await;
    for shown in [
        "href=\"tel:+526561234567\"",
        "href=\"mailto:contacto@pasolibre.org.mx\"",
        "HEGG560427MVZRRL04",
        "Haití",
        "identificación oficial",
        "Representante legal",
    ] {
        assert!(page.html.contains(shown), "{shown}: {}", page.html);
    }
    assert!(!page.html.contains("class=\"parties\""));
    let (_, view) = app.case(&case, &program.lawyer.token).await;
    assert!(view.get("conflict_parties").is_none(), "{view}");
    // Another firm's lawyer does not see the claimed case's facts.
    let other = Browser::signed_in(&app, &program.outsider).get(&path).await;
    assert!(!other.html.contains("HEGG560427MVZRRL04"));
}

#[tokio::test]
async fn an_english_page_is_english_whatever_the_account_and_the_choice_can_be_kept() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let path = format!("/cases/{}", case["id"].as_str().unwrap());
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    shelter.get(&path).await;
    let switched = shelter
        .post("/lang", &[("lang", "en"), ("back", &path)])
        .await;
    let back = switched.location.unwrap();
    assert_eq!(back, format!("{path}?switched=1"));
    let page = shelter.get(&back).await;
    assert!(page.html.contains("Submit request"), "{}", page.html);
    for spanish in ["Enviar solicitud", "¿Qué sigue?", "Historia del caso"] {
        assert!(!page.html.contains(spanish), "{spanish}");
    }
    // The account is still in Spanish: keeping English is offered, and saves it.
    assert!(page.html.contains("Always use English"), "{}", page.html);
    let kept = shelter
        .post("/me/language", &[("locale", "en"), ("back", &path)])
        .await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER, "{}", kept.html);
    let (_, me) = app.me(&program.shelter.token).await;
    assert_eq!(me["locale"], "en");
    let page = shelter.get(&back).await;
    assert!(!page.html.contains("Always use English"));
}

#[tokio::test]
async fn declining_asks_for_confirmation_and_does_nothing_without_it() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (status, case) = app.create_case(&program.shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap().to_owned();
    app.fire(&program.shelter.token, &case, "submit", json!({}))
        .await;
    let path = format!("/cases/{case}");
    let mut manager = Browser::signed_in(&app, &program.manager);
    let page = manager.get(&path).await;
    let decline = &page.html[page.html.find("/events/decline").unwrap()..];
    let decline = &decline[..decline.find("</form>").unwrap()];
    assert!(decline.contains("name=\"confirm\""), "{decline}");
    assert!(decline.contains("class=\"secondary danger\""), "{decline}");
    let version = crate::common::browser::hidden(&page.html, "version");
    let reason = [
        ("version", version.as_str()),
        ("reason", "Fuera del programa"),
    ];

    let unticked = manager
        .post(&format!("/cases/{case}/events/decline"), &reason)
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.html.contains("Marca la casilla para confirmar"));
    let (_, view) = app.case(&case, &program.manager.token).await;
    assert_eq!(view["status"], "submitted");

    let ticked = manager
        .post(
            &format!("/cases/{case}/events/decline"),
            &[reason[0], reason[1], ("confirm", "yes")],
        )
        .await;
    assert_eq!(ticked.status, StatusCode::SEE_OTHER, "{}", ticked.html);
    let (_, view) = app.case(&case, &program.manager.token).await;
    assert_eq!(view["status"], "declined");
}

#[tokio::test]
async fn a_manager_reaches_the_shelter_from_its_case_and_verifies_it_there() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let shelter = app
        .org(
            puente_api::service::repo::orgs::OrgKind::Shelter,
            "Albergue Hermanos en el Camino",
            false,
        )
        .await;
    let staff = app.person(shelter, "shelter", false).await;
    let (status, case) = app.create_case(&staff.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let reference = case["reference"].as_str().unwrap().to_owned();
    let case = case["id"].as_str().unwrap().to_owned();
    let mut manager = Browser::signed_in(&app, &program.manager);
    let page = manager.get(&format!("/cases/{case}")).await;
    let link = format!("href=\"/shelters/{shelter}\"");
    assert!(page.html.contains(&link), "{}", page.html);

    let page = manager.get(&format!("/shelters/{shelter}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    for shown in [
        "<h1>Albergue Hermanos en el Camino</h1>",
        &format!("href=\"mailto:{}\"", staff.email),
        &reference,
        "Borrador",
        "Sin verificar",
    ] {
        assert!(page.html.contains(shown), "{shown}: {}", page.html);
    }
    let page = manager
        .submit(
            &format!("/shelters/{shelter}/verify"),
            &[("back", "shelter")],
        )
        .await;
    assert!(page.html.contains("Albergue verificado"), "{}", page.html);
    assert!(!page.html.contains("Sin verificar"));

    // Only managers look shelters up; another kind of organization is not a shelter's page.
    let other = Browser::signed_in(&app, &program.lawyer)
        .get(&format!("/shelters/{shelter}"))
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let firm = manager
        .get("/shelters/00000000-0000-0000-0000-000000000000")
        .await;
    assert_eq!(firm.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_lawyer_corrects_or_deletes_their_hours_within_the_week_and_sees_the_total() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    app.state.clock.set(at("2026-11-20T16:00:00Z"));
    let case = open_case(&app, &program).await;
    let (status, body) = app
        .fire(&program.lawyer.token, &case, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut ids = Vec::new();
    for (hours, what) in [
        (1.5, "Entrevista con el albergue"),
        (2.0, "Revisión de actas"),
    ] {
        let (status, logged) = app
            .post(
                &format!("/api/v1/cases/{case}/hours"),
                &program.lawyer.token,
                json!({"date": "2026-11-19", "hours": hours, "description": what}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{logged}");
        ids.push(logged["id"].as_str().unwrap().to_owned());
    }
    let path = format!("/cases/{case}");
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let page = lawyer.get(&path).await;
    assert!(page.html.contains("<td>3.5</td>"), "{}", page.html);
    assert!(page.html.contains(&format!("/hours/{}", ids[0])));

    // A correction refused keeps the entry, and says why beside the field.
    let refused = lawyer
        .post(
            &format!("/cases/{case}/hours/{}", ids[0]),
            &[
                ("do", "save"),
                ("date", "2026-11-19"),
                ("hours", "0,1"),
                ("description", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains(&format!("f-hours-{}-hours-error", ids[0]))
    );
    let corrected = lawyer
        .submit(
            &format!("/cases/{case}/hours/{}", ids[0]),
            &[
                ("do", "save"),
                ("date", "2026-11-18"),
                ("hours", "2,25"),
                ("description", "Entrevista y revisión del objeto social"),
            ],
        )
        .await;
    assert!(
        corrected.html.contains("Horas actualizadas"),
        "{}",
        corrected.html
    );
    assert!(
        corrected.html.contains("<td>4.25</td>"),
        "{}",
        corrected.html
    );
    lawyer
        .submit(
            &format!("/cases/{case}/hours/{}", ids[1]),
            &[("do", "delete")],
        )
        .await;
    let (_, listed) = app
        .get(
            &format!("/api/v1/cases/{case}/hours"),
            &program.lawyer.token,
        )
        .await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{listed}");
    assert_eq!(items[0]["hours"], 2.25);
    assert_eq!(items[0]["date"], "2026-11-18");

    // Nobody else changes them, and after the week they stand as the reports count them.
    let (status, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/cases/{case}/hours/{}", ids[0]),
            Some(&program.colleague.token),
            None,
        )
        .await;
    assert!(status.is_client_error(), "{status}");
    app.state.clock.set(at("2026-11-28T16:00:01Z"));
    let (status, problem) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/cases/{case}/hours/{}", ids[0]),
            Some(&program.lawyer.token),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], "hours_locked");
    let page = lawyer.get(&path).await;
    assert!(!page.html.contains(&format!("/hours/{}", ids[0])));
}

#[tokio::test]
async fn a_form_from_an_older_page_says_what_happened_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let (_, case) = app.create_case(&program.shelter.token, intake()).await;
    let case = case["id"].as_str().unwrap().to_owned();
    app.fire(&program.shelter.token, &case, "submit", json!({}))
        .await;
    let mut manager = Browser::signed_in(&app, &program.manager);
    let page = manager.get(&format!("/cases/{case}")).await;
    let version = hidden(&page.html, "version");
    // Meanwhile the case moves on (another tab, another manager).
    let (status, _) = app
        .fire(&program.manager.token, &case, "accept", json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, before) = app.case(&case, &program.manager.token).await;

    // The old page's «Aceptar» is sent (after Back).
    let stale = manager
        .post(
            &format!("/cases/{case}/events/accept"),
            &[("version", &version)],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.html);
    assert!(
        stale.html.contains("Esta página ya no estaba al día"),
        "{}",
        stale.html
    );
    assert!(
        stale.html.contains("No se hizo ningún cambio."),
        "{}",
        stale.html
    );
    assert!(
        stale
            .html
            .contains("<strong>Abierta a voluntarios</strong>"),
        "{}",
        stale.html
    );
    let (_, after) = app.case(&case, &program.manager.token).await;
    assert_eq!(before["version"], after["version"]);
}

#[tokio::test]
async fn a_lawyer_at_capacity_is_told_before_claiming_one_more() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let held = open_case(&app, &program).await;
    let next = open_case(&app, &program).await;
    let (status, me) = app
        .patch_me(&program.lawyer.token, json!({"case_capacity": 1}))
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let free = lawyer.get(&format!("/cases/{next}")).await;
    assert!(!free.html.contains("Ya llevas"), "{}", free.html);

    let (status, claimed) = app
        .fire(&program.lawyer.token, &held, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK, "{claimed}");
    let full = lawyer.get(&format!("/cases/{next}")).await;
    assert!(
        full.html
            .contains("Ya llevas 1 caso y tu capacidad es de 1 a la vez."),
        "{}",
        full.html
    );
    assert!(full.html.contains("href=\"/me\""), "{}", full.html);
    // A warning, not a refusal: the claim still goes through.
    let (status, _) = app
        .fire(&program.lawyer.token, &next, "claim", attestation())
        .await;
    assert_eq!(status, StatusCode::OK);
}
