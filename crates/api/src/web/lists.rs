//! The case lists of the pages (home, the board, every case): a page of the service's list at a
//! time, each case as a typed row, with how many there are and the link to the next page.

use axum::response::Response;
use puente_i18n::Lang;
use puente_workflow::Alert;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::render::{refusal, see, state_label};
use super::visit::{SignedIn, Visit, VisitData};
use crate::service::cases::Order;
use crate::service::views::CaseView;
use crate::service::{self, Error, Listing, cases::CaseQuery};
use crate::state::AppState;

/// Cases a list page shows at once.
pub const PAGE_SIZE: u64 = 50;

/// A case as a list shows it.
#[derive(Debug, Serialize)]
pub struct Row {
    id: Uuid,
    reference: String,
    title: String,
    shelter: Option<String>,
    state_code: Option<String>,
    municipality: Option<String>,
    purpose: Option<String>,
    associates: usize,
    status: &'static str,
    status_label: String,
    /// Whole days in its current state.
    waiting_days: i64,
    alerts: Vec<Alert>,
}

impl Row {
    fn of(case: &CaseView, lang: Lang, now: OffsetDateTime) -> Row {
        let outline = case.intake.outline();
        let entered = OffsetDateTime::parse(&case.status_changed_at, &Rfc3339).unwrap_or(now);
        Row {
            id: case.id,
            reference: case.reference.clone(),
            title: outline.names.first().cloned().unwrap_or_default(),
            shelter: case.shelter.as_ref().map(|s| s.name.clone()),
            state_code: outline.state.map(str::to_owned),
            municipality: outline.municipality.map(str::to_owned),
            purpose: outline.purpose.map(str::to_owned),
            associates: outline.associates,
            status: case.status.as_str(),
            status_label: state_label(lang, case.status.as_str()),
            waiting_days: (now - entered).whole_days(),
            alerts: case.alerts.clone(),
        }
    }
}

/// Where the list goes on: how many cases it holds, the next page, and back to the first.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// How many cases pass the filters (none when an alert filter decides case by case).
    total: Option<u64>,
    /// The next page's address.
    next: Option<String>,
    /// Whether the next page holds older cases (newest-first lists) or those waiting less.
    older: bool,
    /// The first page's address, when this is not it.
    first: Option<String>,
}

impl Pager {
    /// The pager of a page of `visit`'s list: `next` is the next page's cursor; `older` says
    /// the list runs from the newest.
    pub fn of(visit: &VisitData, next: Option<&str>, total: Option<u64>, older: bool) -> Pager {
        Pager {
            total,
            next: next.map(|cursor| with_cursor(visit, Some(cursor))),
            older,
            first: cursor_of(visit).map(|_| with_cursor(visit, None)),
        }
    }
}

/// The visit's query string without its `cursor`, then `cursor` set to `to` when given.
pub fn with_cursor(visit: &VisitData, to: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(visit.query.as_bytes()) {
        if key != "cursor" && key != "done" {
            query.append_pair(&key, &value);
        }
    }
    if let Some(cursor) = to {
        query.append_pair("cursor", cursor);
    }
    let query = query.finish();
    if query.is_empty() {
        visit.path.clone()
    } else {
        format!("{}?{query}", visit.path)
    }
}

/// The page for a list that could not be read: a forged or stale cursor starts the list again
/// (its first page); any other refusal is said on a page.
pub fn unreadable(state: &AppState, visit: &Visit, error: Error) -> Response {
    match error {
        Error::Invalid(errors) if errors.iter().any(|e| e.field == "cursor") => {
            see(&with_cursor(visit, None))
        }
        error => refusal(state, visit, error),
    }
}

/// The `cursor` of the visit's query string.
pub fn cursor_of(visit: &VisitData) -> Option<String> {
    form_urlencoded::parse(visit.query.as_bytes())
        .find(|(key, _)| key == "cursor")
        .map(|(_, value)| value.into_owned())
}

/// One page of the cases `query` asks for, as rows with their pager; a page that could not be
/// read is the answer instead (a forged or stale cursor starts the list again).
pub async fn case_rows(
    state: &AppState,
    signed: &SignedIn,
    query: CaseQuery,
) -> Result<(Vec<Row>, Pager), Response> {
    let visit = &signed.visit;
    let order = query.order;
    let listing: Listing<CaseView> = service::cases::list(state, &signed.viewer.user, query)
        .await
        .map_err(|error| unreadable(state, visit, error))?;
    let now = state.now();
    let rows = listing
        .items
        .iter()
        .map(|case| Row::of(case, visit.lang, now))
        .collect();
    let pager = Pager::of(
        visit,
        listing.next_cursor.as_deref(),
        listing.total,
        order == Order::Newest,
    );
    Ok((rows, pager))
}
