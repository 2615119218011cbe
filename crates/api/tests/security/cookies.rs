//! The web session's cookies and anti-forgery tokens. Over HTTPS the cookies are `__Host-`
//! prefixed and `Secure` (a neighbouring host cannot plant one); over plain HTTP, as a program
//! may serve Puente inside its own network, they are not `Secure`, or the browser would drop
//! them and every form would have "expired". An anti-forgery token is bound to its session: one
//! lifted from another session, or issued before signing in, is refused.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;

use crate::common::browser::{Browser, Page, hidden};
use crate::common::*;

fn attributes(line: &str) -> Vec<String> {
    line.split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

fn signed_in_home(page: &Page) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.html.contains("Mis casos"), "{}", page.html);
}

#[tokio::test]
async fn over_plain_http_the_cookies_are_not_secure_and_the_forms_work() {
    // The default `public_url` is `http://127.0.0.1:8080`. The browser is told it is on a
    // plain-HTTP origin, as on a program's own network, where it keeps no `Secure` cookie.
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, false);

    let page = browser.sign_in_at("/login", &person.email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(page.location.as_deref(), Some("/"));
    assert!(page.headers.get("strict-transport-security").is_none());
    for line in &page.set_cookies {
        let attributes = attributes(line);
        assert!(!line.starts_with("__Host-"), "{line}");
        assert!(!attributes.contains(&"secure".to_owned()), "{line}");
        for expected in ["httponly", "samesite=lax", "path=/"] {
            assert!(attributes.contains(&expected.to_owned()), "{line}");
        }
    }
    assert!(browser.cookies.contains_key("puente_session"));
    signed_in_home(&browser.get("/").await);

    // A form that changes something works too.
    let page = browser
        .post("/lang", &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(
        browser.cookies.get("puente_lang").map(String::as_str),
        Some("en")
    );
}

#[tokio::test]
async fn a_form_sent_over_plain_http_to_an_https_puente_says_where_puente_is() {
    // Puente is configured for HTTPS, but someone opened it by its plain-HTTP address: the
    // browser drops every `Secure` cookie, so the sign-in form can never pass its anti-forgery
    // check. Instead of "the form expired" again and again, the page says to use HTTPS.
    let app = TestApp::spawn_with(&[("PUENTE_PUBLIC_URL", "https://puente.example.org")]).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, false);
    let login = browser.get("/login").await;
    assert!(browser.cookies.is_empty(), "{:?}", browser.cookies);
    let token = hidden(&login.html, "csrf");
    let response = browser
        .client
        .post(app.url("/login"))
        .header("origin", "http://puente.example.org")
        .form(&[
            ("csrf", token.as_str()),
            ("email", person.email.as_str()),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(html.contains("Abre Puente con HTTPS"), "{html}");
    assert!(
        html.contains("href=\"https://puente.example.org\""),
        "{html}"
    );
    assert!(!html.contains("caducó"), "{html}");

    // Sent from an HTTPS page without its cookie, a form has simply expired.
    let response = browser
        .client
        .post(app.url("/login"))
        .header("origin", "https://puente.example.org")
        .form(&[("csrf", token.as_str()), ("email", person.email.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.text().await.unwrap().contains("caducó"));
}

#[tokio::test]
async fn over_https_the_cookies_are_host_prefixed_and_secure_and_hsts_is_sent() {
    let app = TestApp::spawn_with(&[("PUENTE_PUBLIC_URL", "https://puente.example.org")]).await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, true);

    let login = browser.get("/login").await;
    let hsts = "max-age=31536000; includeSubDomains";
    assert_eq!(login.headers["strict-transport-security"], hsts);
    let page = browser.sign_in_at("/login", &person.email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(page.headers["strict-transport-security"], hsts);
    let names: Vec<&str> = page
        .set_cookies
        .iter()
        .chain(&login.set_cookies)
        .map(|line| line.split('=').next().unwrap())
        .collect();
    for expected in [
        "__Host-puente_session",
        "__Host-puente_refresh",
        "__Host-puente_csrf",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    for line in page.set_cookies.iter().chain(&login.set_cookies) {
        let attributes = attributes(line);
        assert!(line.starts_with("__Host-puente_"), "{line}");
        for expected in ["secure", "httponly", "samesite=lax", "path=/"] {
            assert!(attributes.contains(&expected.to_owned()), "{line}");
        }
        assert!(
            !attributes.iter().any(|a| a.starts_with("domain=")),
            "{line}"
        );
    }
    signed_in_home(&browser.get("/").await);
    let page = browser
        .post("/lang", &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert!(browser.cookies.contains_key("__Host-puente_lang"));

    // HSTS is on every answer: the API's, a refusal's, the health check's.
    for (path, status) in [
        ("/api/v1/workflow", StatusCode::OK),
        ("/api/v1/me", StatusCode::UNAUTHORIZED),
        ("/no-such-page", StatusCode::NOT_FOUND),
        ("/healthz", StatusCode::OK),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response.headers()["strict-transport-security"],
            hsts,
            "{path}"
        );
    }

    // A session cookie without the prefix (planted by a neighbouring host) counts for nothing.
    let mut planted = Browser::new(&app, true);
    planted
        .cookies
        .insert("puente_session".into(), person.token.clone());
    let page = planted.get("/").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
}

/// A browser signed in as `email`, on its home page (whose forms carry its session's token).
async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app, false);
    let page = browser.sign_in_at("/login", email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    signed_in_home(&browser.get("/").await);
    browser
}

/// Posts the language switch from `browser` with another anti-forgery cookie and token, as an
/// attacker who planted their own cookie would: refused, and nothing changes.
async fn refused_with(browser: &mut Browser<'_>, csrf_cookie: &str, token: &str) {
    browser
        .cookies
        .insert("puente_csrf".into(), csrf_cookie.to_owned());
    let page = browser
        .post_with("/lang", token, &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.html);
    assert!(page.html.contains("El formulario caducó"), "{}", page.html);
    assert!(!browser.cookies.contains_key("puente_lang"));
}

#[tokio::test]
async fn an_anti_forgery_token_from_another_session_is_refused() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let victim = app.person_with_password(shelter, "shelter").await;
    let attacker = app.person_with_password(shelter, "shelter").await;

    // The sign-in page's token, issued before signing in, and the attacker's own session's.
    let mut before = Browser::new(&app, false);
    before.get("/login").await;
    let signed_out = (before.cookies["puente_csrf"].clone(), before.csrf.clone());
    let theirs = signed_in(&app, &attacker.email).await;
    let attackers = (theirs.cookies["puente_csrf"].clone(), theirs.csrf.clone());
    // The same person's other session (another device).
    let other_device = signed_in(&app, &victim.email).await;
    let same_person = (
        other_device.cookies["puente_csrf"].clone(),
        other_device.csrf.clone(),
    );

    let mut browser = signed_in(&app, &victim.email).await;
    let own = (browser.cookies["puente_csrf"].clone(), browser.csrf.clone());
    for (cookie, token) in [&signed_out, &attackers, &same_person] {
        refused_with(&mut browser, cookie, token).await;
        // Signing out is a form too.
        let page = browser.post_with("/logout", token, &[]).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        signed_in_home(&browser.get("/").await);
    }

    // Its own token, with its own cookie, still works.
    browser.cookies.insert("puente_csrf".into(), own.0);
    let page = browser
        .post_with("/lang", &own.1, &[("lang", "en"), ("back", "/")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(
        browser.cookies.get("puente_lang").map(String::as_str),
        Some("en")
    );
}

#[tokio::test]
async fn a_sign_in_form_opened_before_signing_in_elsewhere_still_signs_in() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;
    let mut browser = Browser::new(&app, false);
    browser.get("/login").await;
    let signed_out_token = browser.csrf.clone();
    // Signed in in another tab of the same browser.
    let page = browser.sign_in_at("/login", &person.email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = browser
        .post_with(
            "/login",
            &signed_out_token,
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.html);
    assert_eq!(page.location.as_deref(), Some("/"));
}
