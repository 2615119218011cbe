//! The case lists of the pages (home, the board, every case): a page of the service's list at a
//! time, each case as a typed row, with how many there are, the link to the next page, the
//! headings that sort it and the filters in force, each with the link that clears it.

use axum::response::Response;
use puente_i18n::Lang;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::render::{alert_label, day, refusal, see, state_label, state_name};
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
    /// Whether the program verified the shelter.
    verified: bool,
    /// The state of Mexico of the domicile, by name.
    state_name: Option<&'static str>,
    municipality: Option<String>,
    purpose: Option<String>,
    associates: usize,
    status: &'static str,
    status_label: String,
    /// The day it was created, as people read it.
    created: String,
    /// The day it entered its current state, as people read it.
    since: String,
    /// Whole days in its current state.
    waiting_days: i64,
    /// Its deadline alerts, in words.
    alerts: Vec<String>,
}

impl Row {
    fn of(case: &CaseView, lang: Lang, now: OffsetDateTime, offset: time::UtcOffset) -> Row {
        let outline = case.intake.outline();
        let moment = |at: &str| OffsetDateTime::parse(at, &Rfc3339).unwrap_or(now);
        let entered = moment(&case.status_changed_at);
        let local_day = |at: OffsetDateTime| day(lang, at.to_offset(offset).date());
        Row {
            id: case.id,
            reference: case.reference.clone(),
            title: outline.names.first().cloned().unwrap_or_default(),
            shelter: case.shelter.as_ref().map(|s| s.name.clone()),
            verified: case
                .shelter
                .as_ref()
                .and_then(|s| s.verified)
                .unwrap_or(false),
            state_name: outline.state.and_then(state_name),
            municipality: outline.municipality.map(str::to_owned),
            purpose: outline.purpose.map(str::to_owned),
            associates: outline.associates,
            status: case.status.as_str(),
            status_label: state_label(lang, case.status.as_str()),
            created: local_day(moment(&case.created_at)),
            since: local_day(entered),
            waiting_days: (now - entered).whole_days(),
            alerts: case
                .alerts
                .iter()
                .map(|alert| alert_label(lang, alert.as_str()))
                .collect(),
        }
    }
}

/// A list's sortable headings: where a click on each goes, and how the list is sorted by it now
/// (the values of `aria-sort`).
#[derive(Debug, Serialize)]
pub struct Sorting {
    /// The order in force, as `?sort=` names it (the filter forms keep it).
    current: &'static str,
    /// The creation day.
    created: Heading,
    /// The days in the current state.
    waiting: Heading,
}

/// One sortable heading.
#[derive(Debug, Serialize)]
struct Heading {
    /// The list sorted by this column (the other way when it already is).
    href: String,
    /// `ascending`, `descending` or `none`.
    sort: &'static str,
}

impl Sorting {
    /// The headings of `visit`'s list, now in `order`.
    pub fn of(visit: &VisitData, order: Order) -> Sorting {
        let heading = |sorted: &'static str, to: Order| Heading {
            href: rebuild(
                visit,
                &["cursor", "done", "sort"],
                Some(("sort", to.as_str())),
            ),
            sort: sorted,
        };
        Sorting {
            current: order.as_str(),
            created: match order {
                Order::Newest => heading("descending", Order::Oldest),
                Order::Oldest => heading("ascending", Order::Newest),
                _ => heading("none", Order::Newest),
            },
            // Waiting longest first is the most days first.
            waiting: match order {
                Order::Waiting => heading("descending", Order::Recent),
                Order::Recent => heading("ascending", Order::Waiting),
                _ => heading("none", Order::Waiting),
            },
        }
    }
}

/// The order `visit` asks for (`?sort=`), or `default`.
pub fn order_of(visit: &VisitData, default: Order) -> Order {
    visit
        .param("sort")
        .and_then(|name| Order::parse(&name))
        .unwrap_or(default)
}

/// A filter in force, said in words, with the list without it.
#[derive(Debug, Serialize)]
pub struct ActiveFilter {
    /// «Estado: Chihuahua».
    label: String,
    /// The list without this filter.
    clear: String,
}

/// The filters in force on a list, and the list without any (its order kept).
#[derive(Debug, Serialize)]
pub struct ActiveFilters {
    /// Each filter, with the list without it.
    filters: Vec<ActiveFilter>,
    /// The list without any filter.
    clear_filters: String,
}

impl ActiveFilters {
    /// The filters in force on `visit`'s list, each `(parameter, what it says)`.
    pub fn of(visit: &VisitData, shown: Vec<(&str, String)>) -> ActiveFilters {
        let mut all: Vec<&str> = shown.iter().map(|(name, _)| *name).collect();
        all.extend(["cursor", "done"]);
        let clear_filters = rebuild(visit, &all, None);
        let filters = shown
            .into_iter()
            .map(|(name, label)| ActiveFilter {
                label,
                clear: rebuild(visit, &[name, "cursor", "done"], None),
            })
            .collect();
        ActiveFilters {
            filters,
            clear_filters,
        }
    }

    /// Puts them into a page's context (`filters`, `clear_filters`).
    pub fn insert_into(&self, context: &mut tera::Context) {
        context.insert("filters", &self.filters);
        context.insert("clear_filters", &self.clear_filters);
    }
}

/// «Estado: Chihuahua», the filter by state of Mexico in force, for [`ActiveFilters::of`].
pub fn state_shown(
    lang: Lang,
    state: Option<puente_workflow::intake::MexicanState>,
) -> Option<(&'static str, String)> {
    state.map(|place| {
        (
            "state",
            super::render::said(lang, "web-state", place.name()),
        )
    })
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
    rebuild(
        visit,
        &["cursor", "done"],
        to.map(|cursor| ("cursor", cursor)),
    )
}

/// The visit's address without the parameters `dropped` (and empty ones), then `set` added.
fn rebuild(visit: &VisitData, dropped: &[&str], set: Option<(&str, &str)>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(visit.query.as_bytes()) {
        if !dropped.contains(&key.as_ref()) && !value.is_empty() {
            query.append_pair(&key, &value);
        }
    }
    if let Some((key, value)) = set {
        query.append_pair(key, value);
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
    visit.param("cursor")
}

/// A page of a case list as the templates take it.
#[derive(Debug, Serialize)]
pub struct CaseRows {
    /// The cases.
    pub cases: Vec<Row>,
    /// Where the list goes on.
    pub pager: Pager,
    /// Its sortable headings.
    pub sort: Sorting,
}

impl CaseRows {
    /// Puts the list into a page's context.
    pub fn insert_into(&self, context: &mut tera::Context) {
        context.insert("cases", &self.cases);
        context.insert("pager", &self.pager);
        context.insert("sort", &self.sort);
    }
}

/// One page of the cases `query` asks for, as rows with their pager and sortable headings; a
/// page that could not be read is the answer instead (a forged or stale cursor starts the list
/// again).
pub async fn case_rows(
    state: &AppState,
    signed: &SignedIn,
    query: CaseQuery,
) -> Result<CaseRows, Response> {
    let visit = &signed.visit;
    let order = query.order;
    let listing: Listing<CaseView> = service::cases::list(state, &signed.viewer.user, query)
        .await
        .map_err(|error| unreadable(state, visit, error))?;
    let now = state.now();
    let offset = state.settings.utc_offset();
    let cases = listing
        .items
        .iter()
        .map(|case| Row::of(case, visit.lang, now, offset))
        .collect();
    let pager = Pager::of(
        visit,
        listing.next_cursor.as_deref(),
        listing.total,
        order == Order::Newest,
    );
    Ok(CaseRows {
        cases,
        pager,
        sort: Sorting::of(visit, order),
    })
}
