//! The lawyers' board: the requests open to volunteers, summarised without personal data,
//! filtered by state of Mexico and by how long they have waited.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_workflow::intake::MexicanState;

use super::account::states;
use super::lists::{PAGE_SIZE, case_rows, cursor_of};
use super::render::page;
use super::visit::SignedIn;
use crate::service::cases::CaseQuery;
use crate::service::cases::Order;
use crate::state::AppState;

/// The waiting-time filters offered, in days.
const WAITING: [i64; 3] = [7, 14, 30];

/// The board: open requests, those waiting longest first, by state and waiting time.
pub async fn board(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    // The board is the volunteers'; a shelter has its own requests on its home page.
    if signed.viewer.user.role == puente_workflow::Role::Shelter {
        return super::render::refusal(&state, visit, crate::error::ApiError::Forbidden);
    }
    let query: Vec<(String, String)> = form_urlencoded::parse(visit.query.as_bytes())
        .into_owned()
        .collect();
    let param = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default()
    };
    // Only a real state is passed on; anything else shows every state.
    let chosen_state = param("state").parse::<MexicanState>().ok();
    let waiting = param("waiting")
        .parse::<i64>()
        .ok()
        .filter(|days| WAITING.contains(days))
        .unwrap_or(0);
    let query = CaseQuery {
        status: Some(puente_workflow::Status::Open),
        state: chosen_state,
        waiting_days: (waiting > 0).then_some(waiting),
        order: Order::Waiting,
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..CaseQuery::default()
    };
    let (rows, pager) = match case_rows(&state, &signed, query).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut context = visit.context();
    context.insert("cases", &rows);
    context.insert("pager", &pager);
    context.insert("states", &states());
    context.insert(
        "chosen_state",
        chosen_state.map(MexicanState::code).unwrap_or_default(),
    );
    context.insert("waiting", &waiting);
    context.insert("waiting_options", &WAITING);
    page(&state, visit, StatusCode::OK, "board.html", context)
}
