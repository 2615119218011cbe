//! The HTTP routes, one module per resource; each exposes `router()` with its operations
//! documented for OpenAPI, merged here.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::openapi::ApiDoc;
use crate::state::AppState;

pub mod accounts;
pub mod activity;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod directory;
pub mod documents;
pub mod drafts;
pub mod health;
pub mod milestones;
pub mod notary;
pub mod particulars;
pub mod privacy;
pub mod recovery;
pub mod reports;
pub mod security;
pub mod transitions;

/// Every operation, and the OpenAPI document describing them; uploads may carry
/// `document_limit` bytes.
pub fn documented(document_limit: u64) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(health::router())
        .merge(auth::router())
        .merge(recovery::router())
        .merge(accounts::router())
        .merge(directory::router())
        .merge(security::router())
        .merge(cases::router())
        .merge(transitions::router())
        .merge(activity::router())
        .merge(documents::router(document_limit))
        .merge(drafts::router())
        .merge(milestones::router())
        .merge(notary::router())
        .merge(particulars::router())
        .merge(audit::router())
        .merge(reports::router())
        .merge(privacy::router())
        .split_for_parts();
    crate::openapi::refine(&mut document);
    (router, document)
}

/// Every route of the service, `/api/openapi.json` included.
pub fn router(document_limit: u64) -> Router<AppState> {
    let (router, document) = documented(document_limit);
    let document = Arc::new(document);
    router.route(
        "/api/openapi.json",
        get(move || {
            let document = Arc::clone(&document);
            async move { axum::Json(document.as_ref().clone()) }
        }),
    )
}
