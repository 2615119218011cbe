//! No raw JSON in a browser: every error a page can hit (an unknown path, a malformed id, a page
//! of another role, a download not allowed, a method not allowed) is a page with a way back when
//! the request accepts HTML, while the API and clients that do not ask for HTML keep their
//! problem documents.

use reqwest::StatusCode;

use crate::common::browser::{Browser, Page};
use crate::common::*;

fn assert_problem_page(page: &Page, status: StatusCode, says: &str) {
    assert_eq!(page.status, status, "{}", page.html);
    let kind = page.headers["content-type"].to_str().unwrap();
    assert!(kind.starts_with("text/html"), "{kind}: {}", page.html);
    assert!(page.html.contains(says), "{says}: {}", page.html);
    assert!(page.html.contains("href=\"/\""), "{}", page.html);
}

#[tokio::test]
async fn errors_a_browser_meets_are_pages_with_a_way_back() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;

    let mut visitor = Browser::new(&app, false);
    let page = visitor.get("/no-such-page").await;
    assert_problem_page(&page, StatusCode::NOT_FOUND, "<h1>");
    assert!(page.html.contains("lang=\"es"), "{}", page.html);

    let mut shelter = Browser::signed_in(&app, &program.shelter);
    let page = shelter.get("/cases/not-a-case").await;
    assert_problem_page(&page, StatusCode::BAD_REQUEST, "<h1>");
    let page = shelter.get("/board").await;
    assert_problem_page(&page, StatusCode::FORBIDDEN, "<h1>");
    let page = shelter.get("/reports/cases.csv").await;
    assert_problem_page(&page, StatusCode::FORBIDDEN, "<h1>");
    // A lawyer who has not claimed the case may not read its draft.
    let page = Browser::signed_in(&app, &program.outsider)
        .get(&format!("/cases/{case}/draft"))
        .await;
    assert!(page.status.is_client_error(), "{}", page.html);
    assert_problem_page(&page, page.status, "<h1>");
    let page = shelter
        .get("/documents/00000000-0000-0000-0000-000000000000")
        .await;
    assert_problem_page(&page, StatusCode::NOT_FOUND, "<h1>");

    // A method the path does not take, and a form posted where only pages are read.
    let page = shelter.post("/me/invitations/x", &[]).await;
    assert_problem_page(&page, StatusCode::NOT_FOUND, "<h1>");
    let page = shelter.post("/board", &[]).await;
    assert_problem_page(&page, StatusCode::METHOD_NOT_ALLOWED, "<h1>");

    // The pages' errors follow the page's language.
    shelter.cookies.insert("puente_lang".into(), "en".into());
    let page = shelter.get("/no-such-page").await;
    assert_problem_page(&page, StatusCode::NOT_FOUND, "Back to");
}

#[tokio::test]
async fn the_api_and_clients_not_asking_for_html_keep_problem_documents() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    for (path, accept) in [
        ("/api/v1/no-such-thing", "text/html"),
        ("/api/v1/cases/not-a-case", "text/html"),
        ("/no-such-page", "application/json"),
        ("/no-such-page", "*/*"),
    ] {
        let response = client
            .get(app.url(path))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(response.status().is_client_error(), "{path}");
        assert_eq!(kind, "application/problem+json", "{path} ({accept})");
    }
}
