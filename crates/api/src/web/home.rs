//! The home page: one's cases, and for each role the way to its work; and the confirmation a
//! page shows after a form did its work.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_workflow::Role;

use super::lists::{PAGE_SIZE, case_rows, cursor_of, order_of};
use super::render::page;
use super::visit::{SignedIn, VisitData};
use crate::service::cases::CaseQuery;
use crate::service::cases::Order;
use crate::state::AppState;

/// The home page: one's cases, and for each role the way to its work. A manager's is the
/// screening queue, those waiting longest first; a lawyer's, the cases they hold (open requests
/// are on the board); a shelter's, its requests.
pub async fn home(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let user = &signed.viewer.user;
    let query = CaseQuery {
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..match user.role {
            Role::Manager => CaseQuery {
                status: Some(puente_workflow::Status::Submitted),
                order: order_of(visit, Order::Waiting),
                ..CaseQuery::default()
            },
            Role::Lawyer => CaseQuery {
                lawyer: Some(user.id),
                order: order_of(visit, Order::Newest),
                ..CaseQuery::default()
            },
            Role::Shelter => CaseQuery::default(),
        }
    };
    let list = match case_rows(&state, &signed, query).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut context = visit.context();
    list.insert_into(&mut context);
    context.insert("done", &done_key(visit));
    // An empty list says what to do next, in each role's words.
    let empty = match user.role {
        Role::Manager => "web-empty-manager",
        Role::Lawyer => "web-empty-lawyer",
        Role::Shelter => "web-empty-shelter",
    };
    context.insert("empty_key", empty);
    page(&state, visit, StatusCode::OK, "home.html", context)
}

/// The confirmation a page shows after a form did its work (`?done=…`).
pub fn done_key(visit: &VisitData) -> String {
    visit
        .param("done")
        .filter(|value| {
            !value.is_empty() && value.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .map(|value| format!("web-done-{}", value.replace('_', "-")))
        .filter(|key| puente_i18n::has_text(puente_i18n::Lang::Es, key, &[]))
        .unwrap_or_default()
}
