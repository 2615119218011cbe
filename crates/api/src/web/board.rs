//! The lawyers' board: the requests open to volunteers, summarised without personal data,
//! filtered by state of Mexico and by how long they have waited.

use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_workflow::intake::MexicanState;
use serde_json::Value;

use super::account::states;
use super::api::Api;
use super::cases::list_item;
use super::render::{failure, page};
use super::visit::SignedIn;
use crate::state::AppState;

/// The waiting-time filters offered, in days.
const WAITING: [i64; 3] = [7, 14, 30];

/// The board.
pub async fn board(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
) -> Response {
    let visit = &signed.visit;
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
    let chosen_state = param("state")
        .parse::<MexicanState>()
        .map(|s| s.code().to_owned())
        .unwrap_or_default();
    let waiting = param("waiting")
        .parse::<i64>()
        .ok()
        .filter(|days| WAITING.contains(days))
        .unwrap_or(0);
    let mut path = "/api/v1/cases?status=open&limit=200".to_owned();
    if !chosen_state.is_empty() {
        path.push_str(&format!("&state={chosen_state}"));
    }
    let answer = api.get(visit, &signed.viewer, &path).await;
    if !answer.ok() {
        return failure(&state, visit, &answer);
    }
    let mut items: Vec<Value> = answer
        .items()
        .map(|case| list_item(&state, visit, case))
        .filter(|item| item["waiting_days"].as_i64().unwrap_or_default() >= waiting)
        .collect();
    // Those waiting longest first.
    items.sort_by_key(|item| -item["waiting_days"].as_i64().unwrap_or_default());
    let mut context = visit.context();
    context.insert("cases", &items);
    context.insert("states", &states());
    context.insert("chosen_state", &chosen_state);
    context.insert("waiting", &waiting);
    context.insert("waiting_options", &WAITING);
    page(&state, visit, StatusCode::OK, "board.html", context)
}
