//! Lists as tables a desktop can work in: each case with its state of Mexico by name, its
//! shelter and whether it is verified, its stage, the day it was created and its days waiting;
//! sorted by a click on a heading (and by `order` in the API); the filters in force said above
//! the list, each with the link that clears it; an empty list that says why.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::browser::Browser;
use crate::common::*;

/// Two submitted cases of the program's shelter, the first in Chihuahua and the second in
/// Oaxaca (created last), as `(id, reference)`.
async fn two_submitted(app: &TestApp, program: &Program) -> Vec<(String, String)> {
    let mut cases = Vec::new();
    for (name, state) in [("Casa Norte", "MX-CHH"), ("Casa Sur", "MX-OAX")] {
        let mut intake = intake();
        intake["proposed_names"] = json!([name]);
        intake["domicile"]["state"] = json!(state);
        let (status, case) = app.create_case(&program.shelter.token, intake).await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let id = case["id"].as_str().unwrap();
        let (status, fired) = app
            .fire(&program.shelter.token, id, "submit", json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{fired}");
        cases.push((
            id.to_owned(),
            case["reference"].as_str().unwrap().to_owned(),
        ));
    }
    cases
}

/// Whether `first` appears before `second` in `html`.
fn before(html: &str, first: &str, second: &str) -> bool {
    match (html.find(first), html.find(second)) {
        (Some(a), Some(b)) => a < b,
        _ => panic!("{first} or {second} missing: {html}"),
    }
}

#[tokio::test]
async fn every_case_is_a_table_row_sorted_by_its_headings() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let cases = two_submitted(&app, &program).await;
    let (north, south) = (&cases[0].1, &cases[1].1);
    let mut manager = Browser::signed_in(&app, &program.manager);

    let page = manager.get("/cases").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.html;
    assert!(html.contains("<table class=\"rows\">"), "{html}");
    assert!(html.contains("<body class=\"wide\">"), "{html}");
    // States by name, the shelter verified, dates as people read them.
    assert!(
        html.contains(">Chihuahua<") && html.contains(">Oaxaca<"),
        "{html}"
    );
    assert!(!html.contains(">MX-CHH<"), "{html}");
    assert!(html.contains(">Verificado<"), "{html}");
    let months = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
    ];
    assert!(
        months.iter().any(|m| html.contains(&format!(" {m} 20"))),
        "{html}"
    );
    // Newest first, said by the heading; its link turns the order round.
    assert!(before(html, south, north));
    assert!(
        html.contains("aria-sort=\"descending\"><a href=\"/cases?sort=oldest\">"),
        "{html}"
    );
    let oldest = manager.get("/cases?sort=oldest").await;
    assert!(before(&oldest.html, north, south));
    assert!(
        oldest
            .html
            .contains("aria-sort=\"ascending\"><a href=\"/cases?sort=newest\">")
    );
    // Days waiting: the longest first, then the other way.
    let waiting = manager.get("/cases?sort=waiting").await;
    assert!(before(&waiting.html, north, south));
    let recent = manager.get("/cases?sort=recent").await;
    assert!(before(&recent.html, south, north));
    // Anything else is the default order.
    let unknown = manager.get("/cases?sort=%3Cscript%3E").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(before(&unknown.html, south, north));

    // The API sorts the same way, and names a wrong order.
    let (status, page) = app
        .get("/api/v1/cases?order=oldest", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["items"][0]["reference"], json!(north));
    assert_eq!(page["items"][0]["shelter"]["verified"], json!(true));
    let (status, page) = app
        .get("/api/v1/cases?order=recent", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["items"][0]["reference"], json!(south));
    let (status, problem) = app
        .get("/api/v1/cases?order=sideways", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(error_fields(&problem), vec!["order"]);
}

#[tokio::test]
async fn the_filters_in_force_are_said_and_each_can_be_cleared() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let cases = two_submitted(&app, &program).await;
    let (north, south) = (&cases[0].1, &cases[1].1);
    let mut manager = Browser::signed_in(&app, &program.manager);

    let page = manager
        .get("/cases?state=MX-CHH&status=submitted&sort=oldest")
        .await;
    let html = &page.html;
    assert!(html.contains(north) && !html.contains(south), "{html}");
    assert!(html.contains("Estado: Chihuahua"), "{html}");
    // Clearing one filter keeps the others and the order; clearing all keeps the order.
    assert!(
        html.contains("href=\"/cases?status=submitted&amp;sort=oldest\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/cases?state=MX-CHH&amp;sort=oldest\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"/cases?sort=oldest\">Quitar todos los filtros"),
        "{html}"
    );

    // A list the filters leave empty says so and offers to clear them.
    let none = manager.get("/cases?q=nadie-se-llama-asi").await;
    assert!(
        none.html
            .contains("Ningún caso coincide con estos filtros."),
        "{}",
        none.html
    );
    assert!(
        none.html.contains("Texto: «nadie-se-llama-asi»"),
        "{}",
        none.html
    );

    // On the board too.
    for (id, _) in &cases {
        let (status, fired) = app
            .fire(&program.manager.token, id, "accept", json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{fired}");
    }
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let board = lawyer.get("/board?state=MX-OAX&waiting=7").await;
    assert!(board.html.contains("Estado: Oaxaca"), "{}", board.html);
    assert!(
        board.html.contains("Tiempo de espera: más de 7 días"),
        "{}",
        board.html
    );
    assert!(
        board.html.contains("Ningún caso coincide"),
        "{}",
        board.html
    );
    let board = lawyer.get("/board?state=MX-OAX").await;
    assert!(board.html.contains(south) && !board.html.contains(north));
    // The board shows no shelter column: it summarises without the shelter's data.
    assert!(!board.html.contains(">Albergue</th>"), "{}", board.html);
}

#[tokio::test]
async fn empty_lists_say_what_comes_next() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut manager = Browser::signed_in(&app, &program.manager);
    let all = manager.get("/cases").await;
    assert!(
        all.html.contains("Todavía no hay casos. Aparecen aquí"),
        "{}",
        all.html
    );
    let verified = manager.get("/shelters?show=verified").await;
    assert!(
        verified.html.contains("<table class=\"rows\">"),
        "{}",
        verified.html
    );
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let board = lawyer.get("/board").await;
    assert!(
        board
            .html
            .contains("No hay solicitudes abiertas por ahora."),
        "{}",
        board.html
    );
}
