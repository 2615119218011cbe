//! The web interface: pages rendered on the server from `templates/web/`, in Spanish or English,
//! working without JavaScript, every form protected against forgery, every page answered with
//! strict security headers. Pages call the same services as the API.

pub mod pages;
pub mod session;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router, middleware};
use puente_i18n::{Lang, text};
use serde::Deserialize;
use serde_json::json;
use tera::Context;

use crate::auth::AuthUser;
use crate::auth::session as sessions;
use crate::error::ApiError;
use crate::repo::cases::{self, Filter, Scope, state_of};
use crate::state::AppState;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/lang", post(switch_language))
        .route("/static/puente.css", get(stylesheet))
        .layer(middleware::map_response(security_headers))
}

/// What every page answers with: no script, style or image from anywhere but Puente, no
/// framing, no type sniffing, no referrer, nothing cached.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A page: its status, cookies to set, and the rendered HTML (or a plain error when a page
/// fails to render, which the tests rule out).
fn page(
    state: &AppState,
    status: StatusCode,
    name: &str,
    lang: Lang,
    context: Context,
    set: Vec<HeaderValue>,
) -> Response {
    match state.pages.render(name, lang, context) {
        Ok(html) => {
            let mut headers = session::with_cookies(HeaderMap::new(), set);
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(lang.code()),
            );
            (status, headers, html).into_response()
        }
        Err(error) => ApiError::Internal(error).into_response(),
    }
}

/// The context every page starts from: the anti-forgery token, the path (for the language
/// switch) and the user.
fn base(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    user: Option<(&AuthUser, &str)>,
    set: &mut Vec<HeaderValue>,
) -> Context {
    let (value, new_cookie) = session::csrf_cookie(headers);
    set.extend(new_cookie);
    let mut context = Context::new();
    context.insert("csrf", &session::csrf_token(state, &value));
    context.insert("path", path);
    match user {
        Some((user, name)) => context.insert(
            "user",
            &json!({"id": user.id, "name": name, "role": user.role.as_str()}),
        ),
        None => context.insert("user", &false),
    }
    context
}

/// The answer to a form whose anti-forgery token is missing or wrong: 403, nothing done.
fn refused(state: &AppState, headers: &HeaderMap) -> Response {
    let lang = session::lang(headers);
    let mut set = Vec::new();
    let mut context = base(state, headers, "/", None, &mut set);
    context.insert("reason", "web-error-csrf");
    page(
        state,
        StatusCode::FORBIDDEN,
        "refused.html",
        lang,
        context,
        set,
    )
}

async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        pages::STYLESHEET,
    )
        .into_response()
}

async fn home(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut set = Vec::new();
    let Some(user) = session::user(&state, &headers, &mut set).await else {
        let headers = session::with_cookies(HeaderMap::new(), set);
        return (headers, Redirect::to("/login")).into_response();
    };
    let lang = session::lang(&headers);
    let name = match crate::repo::users::find(&state.db, user.id).await {
        Ok(Some(person)) => person.name,
        Ok(None) => String::new(),
        Err(error) => return ApiError::from(error).into_response(),
    };
    let scope = Scope::of(user.role, user.id, user.organization);
    let listed = match cases::list(&state.db, scope, &Filter::default(), 50).await {
        Ok(listed) => listed,
        Err(error) => return ApiError::from(error).into_response(),
    };
    let items: Vec<_> = listed
        .iter()
        .take(50)
        .map(|case| {
            json!({
                "reference": case.reference,
                "title": case.title,
                "status_label": text(lang, &state_of(case).state.label_key(), &[]),
            })
        })
        .collect();
    let mut context = base(&state, &headers, "/", Some((&user, &name)), &mut set);
    context.insert("cases", &items);
    page(&state, StatusCode::OK, "home.html", lang, context, set)
}

fn login_form(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    error: Option<&str>,
    mut set: Vec<HeaderValue>,
) -> Response {
    let lang = session::lang(headers);
    let mut context = base(state, headers, "/login", None, &mut set);
    context.insert("email", email);
    context.insert("error", &error.unwrap_or_default());
    page(state, status, "login.html", lang, context, set)
}

async fn login_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    login_form(&state, &headers, StatusCode::OK, "", None, Vec::new())
}

/// The sign-in form.
#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if !session::csrf_ok(&state, &headers, &form.csrf) {
        return refused(&state, &headers);
    }
    let address = peer.ip().to_string();
    match sessions::sign_in(&state, &form.email, form.password, &address).await {
        Ok(pair) => {
            let set = session::session_cookies(&state, &pair).to_vec();
            let headers = session::with_cookies(HeaderMap::new(), set);
            (headers, Redirect::to("/")).into_response()
        }
        Err(ApiError::InvalidCredentials) => login_form(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            &form.email,
            Some("web-error-credentials"),
            Vec::new(),
        ),
        Err(ApiError::TooManyRequests { .. }) => login_form(
            &state,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &form.email,
            Some("web-error-too-many"),
            Vec::new(),
        ),
        Err(error) => error.into_response(),
    }
}

/// A form that carries only its anti-forgery token.
#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    if !session::csrf_ok(&state, &headers, &form.csrf) {
        return refused(&state, &headers);
    }
    if let Some(refresh) = session::cookie(&headers, session::REFRESH)
        && let Err(error) = sessions::sign_out(&state, refresh).await
    {
        return error.into_response();
    }
    let headers = session::with_cookies(HeaderMap::new(), session::cleared().to_vec());
    (headers, Redirect::to("/login")).into_response()
}

/// The language switch.
#[derive(Deserialize)]
struct LangForm {
    #[serde(default)]
    csrf: String,
    lang: Lang,
    #[serde(default)]
    back: String,
}

async fn switch_language(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LangForm>,
) -> Response {
    if !session::csrf_ok(&state, &headers, &form.csrf) {
        return refused(&state, &headers);
    }
    // Only back to a page of Puente.
    let back = if form.back.starts_with('/') && !form.back.starts_with("//") {
        form.back
    } else {
        "/".to_owned()
    };
    let set = vec![session::set_cookie(
        session::LANG,
        form.lang.code(),
        60 * 60 * 24 * 365,
    )];
    let headers = session::with_cookies(HeaderMap::new(), set);
    (headers, Redirect::to(&back)).into_response()
}
