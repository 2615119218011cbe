//! The lawyers' board: the requests open to volunteers, summarised without personal data,
//! filtered by state of Mexico and by how long they have waited.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_workflow::intake::MexicanState;

use super::account::states;
use super::lists::{ActiveFilters, PAGE_SIZE, case_rows, cursor_of, order_of, state_shown};
use super::render::{page, said};
use super::visit::SignedIn;
use crate::service::cases::CaseQuery;
use crate::service::cases::Order;
use crate::state::AppState;
use puente_i18n::text;

/// The waiting-time filters offered, in days.
const WAITING: [i64; 3] = [7, 14, 30];

/// The board: open requests, those waiting longest first, by state and waiting time.
pub async fn board(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    // The board is the volunteers'; a shelter has its own requests on its home page.
    if signed.viewer.user.role == puente_workflow::Role::Shelter {
        return super::render::refusal(&state, visit, crate::error::ApiError::Forbidden);
    }
    let param = |name: &str| visit.param(name).unwrap_or_default();
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
        order: order_of(visit, Order::Waiting),
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..CaseQuery::default()
    };
    let list = match case_rows(&state, &signed, query).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = visit.lang;
    let mut shown: Vec<_> = state_shown(lang, chosen_state).into_iter().collect();
    if waiting > 0 {
        shown.push((
            "waiting",
            said(
                lang,
                "web-waiting",
                &text(lang, "web-waiting-days", &[("count", waiting.into())]),
            ),
        ));
    }
    let mut context = visit.context();
    list.insert_into(&mut context);
    ActiveFilters::of(visit, shown).insert_into(&mut context);
    context.insert("board", &true);
    context.insert("empty_key", "web-board-empty");
    context.insert("states", &states());
    context.insert(
        "chosen_state",
        chosen_state.map(MexicanState::code).unwrap_or_default(),
    );
    context.insert("waiting", &waiting);
    context.insert("waiting_options", &WAITING);
    page(&state, visit, StatusCode::OK, "board.html", context)
}
