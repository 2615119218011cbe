//! The web pages' foundations: the session in `HttpOnly; SameSite=Lax` cookies with renewal
//! (`Secure` and `__Host-` only over HTTPS: see the security suite), anti-forgery tokens on
//! every form that changes state, the security headers on every page, and every page in Spanish
//! and English with no missing text.

use crate::common::*;
use puente_i18n::Lang;
use reqwest::header::{HeaderMap, SET_COOKIE};
use reqwest::{Response, StatusCode};
use serde_json::json;

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The cookies a response sets, as `name=value` for the next request, with their attributes.
fn set_cookies(headers: &HeaderMap) -> Vec<(String, String, String)> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| {
            let line = v.to_str().unwrap().to_owned();
            let pair = line.split(';').next().unwrap().to_owned();
            let (name, value) = pair.split_once('=').unwrap();
            (name.to_owned(), value.to_owned(), line)
        })
        .collect()
}

fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    html[start..].split('"').next().unwrap().to_owned()
}

fn assert_secure_headers(response: &Response) {
    let h = response.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("script-src"),
        "{csp}"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["x-frame-options"], "DENY");
}

/// Opens the sign-in page: its anti-forgery cookie and token.
async fn sign_in_page(app: &TestApp) -> (String, String) {
    let response = browser().get(app.url("/login")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_secure_headers(&response);
    let cookie = set_cookies(response.headers())
        .into_iter()
        .find(|(name, _, _)| name == "puente_csrf")
        .unwrap();
    let html = response.text().await.unwrap();
    (format!("puente_csrf={}", cookie.1), csrf_of(&html))
}

async fn post_form(app: &TestApp, path: &str, cookie: &str, form: &[(&str, &str)]) -> Response {
    browser()
        .post(app.url(path))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn signing_in_and_out_keeps_the_session_in_http_only_cookies() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let person = app
        .person_with_password(program.shelter.org, "shelter")
        .await;
    open_case(&app, &program).await;
    let (csrf_cookie, token) = sign_in_page(&app).await;

    let response = post_form(
        &app,
        "/login",
        &csrf_cookie,
        &[
            ("csrf", &token),
            ("email", &person.email),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/");
    let cookies = set_cookies(response.headers());
    for name in ["puente_session", "puente_refresh"] {
        let (_, _, line) = cookies.iter().find(|(n, _, _)| n == name).unwrap();
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(line.contains(attribute), "{line}");
        }
        // The test server's `public_url` is plain HTTP.
        assert!(!line.contains("Secure"), "{line}");
    }
    let session: String = cookies
        .iter()
        .map(|(n, v, _)| format!("{n}={v}"))
        .chain([csrf_cookie.clone()])
        .collect::<Vec<_>>()
        .join("; ");

    // The home page lists the shelter's case, in Spanish by default.
    let response = browser()
        .get(app.url("/"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_secure_headers(&response);
    let html = response.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(
        html.contains("Mis casos") && html.contains("Abierta a voluntarios"),
        "{html}"
    );
    assert!(html.contains("PUE-"), "{html}");

    // An expired session is renewed with the refresh cookie.
    let refresh = cookies
        .iter()
        .find(|(n, _, _)| n == "puente_refresh")
        .unwrap();
    let response = browser()
        .get(app.url("/"))
        .header(
            "cookie",
            format!("puente_session=expired; puente_refresh={}", refresh.1),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let renewed = set_cookies(response.headers());
    assert!(
        renewed
            .iter()
            .any(|(n, v, _)| n == "puente_session" && !v.is_empty())
    );
    // Signing out clears the cookies and revokes the refresh token.
    let fresh: String = renewed
        .iter()
        .filter(|(n, _, _)| n != "puente_csrf")
        .map(|(n, v, _)| format!("{n}={v}"))
        .chain([csrf_cookie.clone()])
        .collect::<Vec<_>>()
        .join("; ");
    // The sign-in page's token was issued before the session: signing out takes the session's.
    let response = post_form(&app, "/logout", &fresh, &[("csrf", &token)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = browser()
        .get(app.url("/"))
        .header("cookie", &fresh)
        .send()
        .await
        .unwrap();
    let session_token = csrf_of(&response.text().await.unwrap());
    let response = post_form(&app, "/logout", &fresh, &[("csrf", &session_token)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cleared = set_cookies(response.headers());
    assert!(
        cleared
            .iter()
            .all(|(_, v, line)| v.is_empty() && line.contains("Max-Age=0"))
    );
    let new_refresh = renewed
        .iter()
        .find(|(n, _, _)| n == "puente_refresh")
        .unwrap();
    let (status, _) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": new_refresh.1})),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The refresh token worked once: presented again it signs nobody in.
    let response = browser()
        .get(app.url("/"))
        .header("cookie", format!("puente_refresh={}", refresh.1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login");

    // Wrong password: the form again, with the error next to the field.
    let response = post_form(
        &app,
        "/login",
        &csrf_cookie,
        &[
            ("csrf", &token),
            ("email", &person.email),
            ("password", "otra"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_secure_headers(&response);
    let html = response.text().await.unwrap();
    assert!(html.contains("aria-invalid=\"true\""), "{html}");
    assert!(
        html.contains("El correo o la contraseña no son correctos."),
        "{html}"
    );
}

#[tokio::test]
async fn forms_without_the_right_anti_forgery_token_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let person = app
        .person_with_password(program.shelter.org, "shelter")
        .await;
    let (csrf_cookie, token) = sign_in_page(&app).await;
    let (other_cookie, other_token) = sign_in_page(&app).await;
    assert_ne!(token, other_token);
    let attempts = || async {
        use sea_orm::{EntityTrait, PaginatorTrait};
        puente_api::entity::login_attempt::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap()
    };
    let before = attempts().await;
    for (cookie, form_token) in [
        (csrf_cookie.as_str(), ""),
        (csrf_cookie.as_str(), "bm90LWEtdG9rZW4"),
        (csrf_cookie.as_str(), other_token.as_str()),
        ("", token.as_str()),
        (other_cookie.as_str(), token.as_str()),
    ] {
        let response = post_form(
            &app,
            "/login",
            cookie,
            &[
                ("csrf", form_token),
                ("email", &person.email),
                ("password", PASSWORD),
            ],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{cookie} / {form_token}"
        );
        assert_secure_headers(&response);
        assert!(
            !set_cookies(response.headers())
                .iter()
                .any(|(n, _, _)| n == "puente_session"),
            "no session"
        );
        let html = response.text().await.unwrap();
        assert!(html.contains("El formulario caducó"), "{html}");

        let response = post_form(
            &app,
            "/lang",
            cookie,
            &[("csrf", form_token), ("lang", "en"), ("back", "/")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(
            !set_cookies(response.headers())
                .iter()
                .any(|(n, _, _)| n == "puente_lang")
        );
    }
    assert_eq!(attempts().await, before, "no sign-in was even attempted");

    // With the right token the switch works, and only back to Puente's own pages.
    let response = post_form(
        &app,
        "/lang",
        &csrf_cookie,
        &[
            ("csrf", &token),
            ("lang", "en"),
            ("back", "//evil.example/"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/");
    assert!(
        set_cookies(response.headers())
            .iter()
            .any(|(n, v, _)| n == "puente_lang" && v == "en")
    );
}

#[tokio::test]
async fn the_browser_language_picks_the_page_language() {
    let app = TestApp::spawn().await;
    // Over HTTP, the browser's language picks the page's.
    let response = browser()
        .get(app.url("/login"))
        .header("accept-language", "en-US,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "en");
    let html = response.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"en\">") && html.contains("Sign in"),
        "{html}"
    );
    let response = browser()
        .get(app.url("/static/puente.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_secure_headers(&response);
    assert_eq!(
        response.headers()["content-type"],
        "text/css; charset=utf-8"
    );
}

/// The keys a template names literally: `t(key="…")`.
fn literal_keys(source: &str) -> Vec<String> {
    source
        .split("t(key=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        // `t(key="web-intake-" ~ step)`: a prefix, completed below.
        .filter(|key| !key.ends_with('-'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_text_the_pages_name_exists_in_both_languages() {
    use puente_workflow::intake::BoardRole;
    use puente_workflow::{DocumentKind, EventKind, Status};
    let mut keys: Vec<String> = puente_api::web::pages::PAGES
        .iter()
        .flat_map(|(_, source)| literal_keys(source))
        .collect();
    assert!(keys.len() > 100, "{}", keys.len());
    // Keys the pages build from a value.
    let dashed = |s: &str| s.replace('_', "-");
    for step in puente_api::web::intake::STEPS {
        keys.push(format!("web-intake-{step}"));
    }
    for role in BoardRole::ALL {
        keys.push(format!("web-board-role-{}", role.as_str()));
    }
    for code in [
        "MX", "GT", "HN", "SV", "NI", "VE", "CU", "HT", "CO", "EC", "US",
    ] {
        keys.push(format!("web-nationality-{code}"));
    }
    for state in Status::ALL {
        for role in ["shelter", "lawyer", "manager"] {
            keys.push(format!("web-next-{role}-{}", dashed(state.as_str())));
        }
        keys.push(format!("state-{}", dashed(state.as_str())));
    }
    for event in EventKind::ALL {
        keys.push(format!("event-{}", dashed(event.as_str())));
    }
    for field in puente_workflow::table::TABLE
        .iter()
        .flat_map(|spec| spec.accepted_fields())
        .filter(|field| *field != puente_workflow::Field::ConflictCheck)
    {
        keys.push(format!("web-field-{}", dashed(field.as_str())));
    }
    for kind in DocumentKind::ALL {
        keys.push(kind.label_key());
    }
    for template in [
        "bylaws",
        "constitutive-act",
        "notary-letter",
        "intake-summary",
    ] {
        keys.push(format!("web-template-{template}"));
    }
    for role in ["shelter", "lawyer", "manager", "system"] {
        keys.push(format!("web-role-{role}"));
    }
    for kind in ["shelter", "law-firm", "program"] {
        keys.push(format!("web-org-kind-{kind}"));
    }
    for done in [
        "registered",
        "password",
        "intake",
        "event",
        "upload",
        "comment",
        "hours",
        "generate",
        "verified",
        "admin-user",
        "admin-organization",
        "admin-account",
    ] {
        keys.push(format!("web-done-{done}"));
    }
    for part in ["date", "hours", "description"] {
        keys.push(format!("web-hours-{part}"));
    }
    for part in ["full-name", "curp", "rfc", "email", "curp-hint", "rfc-hint"] {
        keys.push(format!("web-associate-{part}"));
    }
    for part in ["name", "phone", "email"] {
        keys.push(format!("web-contact-{part}"));
    }
    keys.extend(["web-municipality".to_owned(), "web-address".to_owned()]);
    for role in ["shelter", "lawyer", "manager"] {
        keys.push(format!("web-empty-{role}"));
    }
    let missing: Vec<String> = keys
        .iter()
        .flat_map(|key| Lang::ALL.map(|lang| (key, lang)))
        // With the arguments `t()` passes on (`web::pages::translate`).
        .filter(|(key, lang)| {
            !puente_i18n::has_text(
                *lang,
                key,
                &[
                    ("email", "a@b.mx".into()),
                    ("controller", "Programa Puente".into()),
                    ("address", "Calle 1, Centro".into()),
                    ("name", "Gloria".into()),
                    ("count", puente_i18n::ArgValue::Number(2.0)),
                ],
            )
        })
        .map(|(key, lang)| format!("{key} ({})", lang.code()))
        .collect();
    assert!(missing.is_empty(), "missing texts: {missing:?}");
}
