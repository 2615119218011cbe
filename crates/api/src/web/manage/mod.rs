//! The managers' pages: every case with filters, the shelters to verify, the dashboard on the
//! caseload report with its charts and CSV exports, and the workflow diagram.
//!
//! This module holds the list of every case and the workflow page; the shelters to verify are in
//! `shelters`, the dashboard and its exports in `dashboard`.

mod dashboard;
mod shelters;

pub use dashboard::{dashboard, export};
pub use shelters::{shelter, shelters, verify};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::text;
use puente_workflow::Status;
use puente_workflow::intake::MexicanState;
use serde_json::{Value, json};

use super::account::states;
use super::lists::{ActiveFilters, PAGE_SIZE, case_rows, cursor_of, order_of, state_shown};
use super::render::{alert_label, page, refusal, said, state_label};
use super::visit::{SignedIn, VisitData};
use crate::service::cases::CaseQuery;
use crate::state::AppState;

/// The query parameters of a page.
fn params(visit: &VisitData) -> Vec<(String, String)> {
    form_urlencoded::parse(visit.query.as_bytes())
        .into_owned()
        .collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> &'a str {
    params
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim())
        .unwrap_or_default()
}

/// Every case, newest first or as sorted, filtered by status, state of Mexico, text and alert
/// (managers), the filters in force said above the list. A status or state that is not one
/// shows every case; an unknown alert is refused.
pub async fn all_cases(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let query = params(visit);
    let status = param(&query, "status").parse::<Status>().ok();
    let chosen_state = param(&query, "state").parse::<MexicanState>().ok();
    let q = param(&query, "q").to_owned();
    let alert = match param(&query, "alert") {
        "" => None,
        name => match super::visit::choice::<puente_workflow::Alert>("alert", name) {
            Ok(alert) => Some(alert),
            Err(wrong) => {
                return refusal(&state, visit, crate::service::Error::Invalid(vec![wrong]));
            }
        },
    };
    let cases = CaseQuery {
        status,
        state: chosen_state,
        alert,
        q: (!q.is_empty()).then(|| q.clone()),
        order: order_of(visit, crate::service::cases::Order::Newest),
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..CaseQuery::default()
    };
    let list = match case_rows(&state, &signed, cases).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let lang = visit.lang;
    let mut shown = Vec::new();
    if let Some(status) = status {
        let label = state_label(lang, status.as_str());
        shown.push(("status", said(lang, "web-status", &label)));
    }
    shown.extend(state_shown(lang, chosen_state));
    if !q.is_empty() {
        shown.push(("q", said(lang, "web-filter-text", &format!("«{q}»"))));
    }
    if let Some(alert) = alert {
        let label = alert_label(lang, alert.as_str());
        shown.push(("alert", said(lang, "web-alert", &label)));
    }
    let filters = ActiveFilters::of(visit, shown);
    let statuses: Vec<Value> = Status::ALL
        .into_iter()
        .map(|s| json!({"code": s.as_str(), "label": state_label(visit.lang, s.as_str())}))
        .collect();
    let mut context = visit.context();
    list.insert_into(&mut context);
    filters.insert_into(&mut context);
    context.insert("empty_key", "web-empty-all-cases");
    context.insert("states", &states());
    context.insert("statuses", &statuses);
    context.insert(
        "chosen_state",
        chosen_state.map(MexicanState::code).unwrap_or_default(),
    );
    context.insert("status", status.map(Status::as_str).unwrap_or_default());
    context.insert("q", &q);
    page(&state, visit, StatusCode::OK, "cases.html", context)
}

/// The workflow page: the diagram and, for each event, where it goes and who may fire it.
pub async fn workflow(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let definition = puente_workflow::export::definition();
    let events: Vec<Value> = definition
        .events
        .iter()
        .map(|event| {
            use puente_workflow::table::Target;
            let to = match event.to {
                Target::State(to) => state_label(lang, to.as_str()),
                Target::Hold => state_label(lang, Status::OnHold.as_str()),
                Target::HeldFrom => text(lang, "web-workflow-held-from", &[]),
                Target::Unchanged => text(lang, "web-workflow-same-state", &[]),
            };
            json!({
                "label": event.label.get(lang),
                "from": event.from.iter().map(|s| state_label(lang, s.as_str())).collect::<Vec<_>>(),
                "to": to,
                "who": event.who.iter().map(|p| p.label.get(lang).to_owned()).collect::<Vec<_>>(),
                "requires": event.requires.iter().map(|r| r.label.get(lang).to_owned()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut context = visit.context();
    context.insert("diagram", &super::diagram::svg(lang));
    context.insert("events", &events);
    page(&state, visit, StatusCode::OK, "workflow.html", context)
}
