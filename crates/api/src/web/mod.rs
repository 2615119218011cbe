//! The web interface: pages rendered on the server from `templates/web/`, in Spanish or English,
//! working without JavaScript, every form protected against forgery, every page answered with
//! strict security headers. A page, like a route of the API, only adapts: it reads the request,
//! calls one use case of [`crate::service`] and renders its typed answer; every rule is the
//! service's.

pub mod account;
pub mod admin;
pub mod board;
pub mod case_forms;
pub mod case_page;
pub mod charts;
pub mod confirmation;
pub mod cookies;
pub mod diagram;
pub mod home;
pub mod intake;
pub mod intake_review;
pub mod lists;
pub mod manage;
pub mod me;
pub mod pages;
pub mod particulars;
pub mod privacy;
pub mod recovery;
pub mod redirect;
pub mod refusal;
pub mod render;
pub mod security;
pub mod visit;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Router, middleware};

use crate::state::AppState;

/// The page routes; an upload may carry `document_limit` bytes of file plus the form around it.
pub fn router(state: AppState, document_limit: u64) -> Router<AppState> {
    let upload_limit = usize::try_from(document_limit)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let pages = Router::new()
        .route("/", get(home::home))
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route("/lang", post(account::switch_language))
        .route(privacy::PATH, get(privacy::notice))
        .route(
            "/register",
            get(account::register_page).post(account::register),
        )
        .route(
            "/password",
            get(account::password_page).post(account::change_password),
        )
        .route(
            "/password-reset",
            get(recovery::request_page).post(recovery::request),
        )
        .route(
            "/password-reset/{token}",
            get(recovery::link_page).post(recovery::set_password),
        )
        .route("/me", get(me::show).post(me::save))
        .route("/me/notices/{kind}/{setting}", post(me::switch_notice))
        .route("/me/invitations", post(me::invite))
        .route("/me/language", post(me::save_language))
        .route("/confirm-email", post(confirmation::resend))
        .route("/confirm-email/{token}", get(confirmation::open))
        .route("/security", get(security::security_page))
        .route("/security/sessions/{id}/end", post(security::end_session))
        .route("/security/mfa/enrol", post(security::enrol))
        .route("/security/mfa/confirm", post(security::confirm))
        .route(
            "/security/mfa/recovery-codes",
            post(security::recovery_codes),
        )
        .route("/security/mfa/disable", post(security::disable))
        .route("/cases/new", post(intake::start))
        .route("/cases/{id}", get(case_page::show))
        .route(
            "/cases/{id}/intake/{step}",
            get(intake::step_page).post(intake::save_step),
        )
        .route("/cases/{id}/events/{event}", post(case_forms::fire))
        .route("/cases/{id}/discard", post(intake_review::discard))
        // An upload is read under the API's own limit for documents.
        .route(
            "/cases/{id}/documents",
            post(case_forms::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/cases/{id}/{form}", post(case_forms::send_form))
        .route("/cases/{id}/hours/{entry}", post(case_forms::change_hours))
        .route("/cases/{id}/draft", get(case_forms::read_draft))
        .route(
            "/cases/{id}/associates/{n}",
            get(particulars::show).post(particulars::save),
        )
        .route("/documents/{id}", get(case_forms::download))
        .route("/board", get(board::board))
        .route("/cases", get(manage::all_cases))
        .route("/shelters", get(manage::shelters))
        .route("/shelters/{id}", get(manage::shelter))
        .route("/shelters/{id}/verify", post(manage::verify))
        .route("/dashboard", get(manage::dashboard))
        .route("/reports/{name}", get(manage::export))
        .route("/workflow", get(manage::workflow))
        .route("/admin", get(admin::admin))
        .route("/admin/organizations", post(admin::add_organization))
        .route("/admin/users", post(admin::add_user))
        .route("/admin/users/{id}/active", post(admin::set_active))
        .route(
            "/admin/users/{id}/deactivate",
            get(admin::confirm_deactivation),
        )
        .route("/admin/users/{id}/password-reset", post(admin::send_reset))
        // Every path nobody serves, the API's included: the API's answer as a problem
        // document, a browser's as a page.
        .fallback(|| async { crate::error::ApiError::NotFound })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render::problem_pages,
        ))
        .layer(middleware::from_fn_with_state(state, visit::layer));
    Router::new()
        .route("/static/puente.css", get(stylesheet))
        .merge(pages)
        .layer(middleware::map_response(security_headers))
}

/// What every page answers with: no script, style or image from anywhere but Puente, no
/// framing, no type sniffing, no referrer to another site, nothing cached. A page that brings its own (stricter)
/// policy, as a document drafted by the API does, keeps it.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                 base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
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
