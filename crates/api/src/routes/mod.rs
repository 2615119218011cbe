//! The HTTP routes, one module per resource; each exposes `router()`, merged here.

use axum::Router;

use crate::state::AppState;

pub mod accounts;
pub mod activity;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod health;
pub mod transitions;

/// Every route of the service.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(auth::router())
        .merge(accounts::router())
        .merge(cases::router())
        .merge(transitions::router())
        .merge(activity::router())
        .merge(audit::router())
}

/// A list page: `{items, next_cursor}`.
#[derive(Debug, serde::Serialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `?cursor=` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}
