//! Caching and transport: an API answer with personal data says `Cache-Control: no-store`, so
//! no browser or proxy keeps a case; the public workflow definition may still be cached. HSTS
//! is sent only when people reach Puente over HTTPS (see `cookies.rs` for that side).

use reqwest::StatusCode;

use crate::common::*;

async fn headers_of(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::header::HeaderMap {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.headers().clone()
}

#[tokio::test]
async fn a_case_and_every_personal_answer_of_the_api_are_not_stored() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let token = Some(program.manager.token.as_str());
    for path in [
        format!("/api/v1/cases/{case}"),
        "/api/v1/cases".to_owned(),
        format!("/api/v1/cases/{case}/history"),
        format!("/api/v1/cases/{case}/transitions"),
        "/api/v1/me".to_owned(),
        "/api/v1/organizations".to_owned(),
    ] {
        let headers = headers_of(&app, &path, token).await;
        assert_eq!(headers["cache-control"], "no-store", "{path}");
        assert!(headers.get("strict-transport-security").is_none(), "{path}");
    }
    // A refusal is no more cacheable than an answer.
    let response = app
        .client
        .get(app.url(&format!("/api/v1/cases/{case}")))
        .bearer_auth(&program.other_shelter.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["cache-control"], "no-store");

    // The public definitions hold nothing personal.
    for path in ["/api/v1/workflow", "/api/openapi.json"] {
        let headers = headers_of(&app, path, None).await;
        assert!(
            headers
                .get("cache-control")
                .is_none_or(|v| !v.to_str().unwrap().contains("no-store")),
            "{path}"
        );
    }
}
