//! The managers' pages: every case with filters, the shelters to verify, the dashboard on the
//! caseload report with its charts and CSV exports, and the workflow diagram.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::Status;
use puente_workflow::intake::MexicanState;
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::account::states;
use super::charts::{Bar, bars, figure};
use super::lists::{PAGE_SIZE, Pager, case_rows, cursor_of, unreadable};
use super::refusal::Refusal;
use super::render::{errors, failure, page, refusal, see, state_label};
use super::visit::{Checked, SignedIn, VisitData};
use crate::routes::reports::csv_response;
use crate::service::accounts::{OrgFilter, OrgKind};
use crate::service::cases::CaseQuery;
use crate::service::reports::caseload::Caseload;
use crate::service::reports::{self, Filters};
use crate::service::{self, accounts, directory};
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

/// Every case, newest first, filtered by status, state of Mexico, text and alert (managers).
/// A status or state that is not one shows every case; an unknown alert is refused.
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
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..CaseQuery::default()
    };
    let (rows, pager) = match case_rows(&state, &signed, cases).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let statuses: Vec<Value> = Status::ALL
        .into_iter()
        .map(|s| json!({"code": s.as_str(), "label": state_label(visit.lang, s.as_str())}))
        .collect();
    let mut context = visit.context();
    context.insert("cases", &rows);
    context.insert("pager", &pager);
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

/// A shelter as the verification page shows it.
#[derive(Serialize)]
struct ShelterRow {
    id: Uuid,
    name: String,
    municipality: Option<String>,
    state: Option<String>,
    verified: bool,
}

/// The shelters by name, those still to verify (each with its button) or, on request
/// (`?show=verified`), those verified, with how many each list holds (managers).
pub async fn shelters(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let query = params(visit);
    let verified = param(&query, "show") == "verified";
    let filter = |verified: bool| OrgFilter {
        kind: Some(OrgKind::Shelter),
        verified: Some(verified),
    };
    let user = &signed.viewer.user;
    let cursor = cursor_of(visit);
    let listing =
        match accounts::organizations(&state, user, filter(verified), PAGE_SIZE, cursor.as_deref())
            .await
        {
            Ok(listing) => listing,
            Err(error) => return unreadable(&state, visit, error),
        };
    // How many the other list holds, for its link.
    let other = match accounts::count_organizations(&state, user, filter(!verified)).await {
        Ok(other) => other,
        Err(error) => return refusal(&state, visit, error),
    };
    let rows: Vec<ShelterRow> = listing
        .items
        .iter()
        .map(|org| ShelterRow {
            id: org.id,
            name: org.name.clone(),
            municipality: org.municipality.clone(),
            state: org.state.clone(),
            verified: org.verified,
        })
        .collect();
    let pager = Pager::of(visit, listing.next_cursor.as_deref(), listing.total, false);
    let total = listing.total.unwrap_or_default();
    let (pending, done) = if verified {
        (other, total)
    } else {
        (total, other)
    };
    let mut context = visit.context();
    context.insert("shelters", &rows);
    context.insert("pager", &pager);
    context.insert("show_verified", &verified);
    context.insert("pending_count", &pending);
    context.insert("verified_count", &done);
    context.insert("done", &super::home::done_key(visit));
    page(&state, visit, StatusCode::OK, "shelters.html", context)
}

/// Verifies a shelter.
pub async fn verify(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    _: Checked,
) -> Response {
    match directory::verify_organization(&state, &signed.viewer.user, id).await {
        Ok(_) => see("/shelters?done=verified"),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}

/// The report's filters as the page's query gives them (and its export links pass on).
const REPORT_FILTERS: [&str; 4] = ["from", "to", "state", "firm"];

/// The report's filters from the page's query, for the export links.
fn report_query(query: &[(String, String)]) -> String {
    let mut out = Vec::new();
    for name in REPORT_FILTERS {
        let value = param(query, name);
        if !value.is_empty() {
            let value: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            out.push(format!("{name}={value}"));
        }
    }
    out.join("&")
}

/// The report's filters from the page's query; a firm that is not an id is refused, naming
/// `firm`, as the API refuses it.
fn report_filters(query: &[(String, String)]) -> Result<Filters, service::Error> {
    let given = |name: &str| Some(param(query, name).to_owned()).filter(|v| !v.is_empty());
    let firm = given("firm")
        .map(|firm| {
            Uuid::parse_str(&firm).map_err(|_| service::Error::field("firm", "invalid_value"))
        })
        .transpose()?;
    Ok(Filters {
        from: given("from"),
        to: given("to"),
        state: given("state"),
        firm,
    })
}

/// A chart of the dashboard, with its figures as a table.
#[derive(Serialize)]
struct Chart {
    id: &'static str,
    title: String,
    svg: String,
    rows: Vec<ChartRow>,
}

/// One row of a chart's table.
#[derive(Serialize)]
struct ChartRow {
    label: String,
    value: String,
}

/// How many cases carry one alert, linking to them.
#[derive(Serialize)]
struct AlertCount {
    label: String,
    count: u64,
    code: String,
}

/// The median days between milestones, as written («—» where there is none).
#[derive(Serialize)]
struct Medians {
    submission_to_claim: String,
    claim_to_signing: String,
    claim_to_filing: String,
}

fn chart(lang: Lang, id: &'static str, key: &str, rows: &[Bar]) -> Chart {
    let title = text(lang, key, &[]);
    Chart {
        id,
        svg: bars(id, &title, rows),
        title,
        rows: rows
            .iter()
            .map(|bar| ChartRow {
                label: bar.label.clone(),
                value: figure(bar.value),
            })
            .collect(),
    }
}

/// The report's charts: cases by status, by state of Mexico (those with any), in progress by
/// firm, filed per month, and hours by firm.
fn charts(lang: Lang, report: &Caseload) -> Vec<Chart> {
    let by_status: Vec<Bar> = report
        .by_status
        .iter()
        .map(|row| Bar {
            label: state_label(lang, row.status.as_str()),
            value: row.cases as f64,
        })
        .collect();
    let by_state: Vec<Bar> = report
        .by_state
        .iter()
        .filter(|row| row.total > 0)
        .map(|row| Bar {
            label: row
                .key
                .parse::<MexicanState>()
                .map_or_else(|_| row.key.clone(), |s| s.name().to_owned()),
            value: row.total as f64,
        })
        .collect();
    let by_firm: Vec<Bar> = report
        .by_firm
        .iter()
        .map(|row| Bar {
            label: row.name.clone(),
            value: row.in_progress as f64,
        })
        .collect();
    let per_month: Vec<Bar> = report
        .filed_per_month
        .iter()
        .map(|row| Bar {
            label: row.month.clone(),
            value: row.filed as f64,
        })
        .collect();
    let hours: Vec<Bar> = report
        .hours
        .by_firm
        .iter()
        .map(|row| Bar {
            label: row.name.clone(),
            value: row.hours,
        })
        .collect();
    vec![
        chart(lang, "chart-status", "web-chart-by-status", &by_status),
        chart(lang, "chart-state", "web-chart-by-state", &by_state),
        chart(lang, "chart-firm", "web-chart-by-firm", &by_firm),
        chart(lang, "chart-filed", "web-chart-filed", &per_month),
        chart(lang, "chart-hours", "web-chart-hours", &hours),
    ]
}

/// The dashboard: the caseload report in figures, charts and tables, with its CSV exports.
pub async fn dashboard(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let query = params(visit);
    let filters = report_query(&query);
    let report = match report_filters(&query) {
        Ok(asked) => reports::caseload(&state, &signed.viewer.user, &asked).await,
        Err(error) => Err(error),
    };
    let report = match report {
        Ok(report) => report,
        Err(error) => {
            let refused = Refusal::of(error, lang);
            if !refused.is_input() {
                return failure(&state, visit, &refused);
            }
            let mut context = visit.context();
            errors(&mut context, Some(&refused));
            dashboard_context(&mut context, &query, &filters);
            context.insert("report", &None::<Caseload>);
            return page(&state, visit, refused.status, "dashboard.html", context);
        }
    };
    let median = |span: &crate::service::reports::caseload::Span| {
        span.median_days
            .map(figure)
            .unwrap_or_else(|| "—".to_owned())
    };
    let medians = Medians {
        submission_to_claim: median(&report.times.submission_to_claim),
        claim_to_signing: median(&report.times.claim_to_signing),
        claim_to_filing: median(&report.times.claim_to_filing),
    };
    let alerts: Vec<AlertCount> = report
        .alerts
        .counts
        .iter()
        .map(|(alert, count)| AlertCount {
            label: text(lang, &format!("alert-{}", alert.replace('_', "-")), &[]),
            count: *count,
            code: alert.clone(),
        })
        .collect();
    let mut context = visit.context();
    errors(&mut context, None);
    dashboard_context(&mut context, &query, &filters);
    context.insert("charts", &charts(lang, &report));
    context.insert("report", &report);
    context.insert("medians", &medians);
    context.insert("alerts", &alerts);
    page(&state, visit, StatusCode::OK, "dashboard.html", context)
}

fn dashboard_context(context: &mut tera::Context, query: &[(String, String)], filters: &str) {
    context.insert("from", param(query, "from"));
    context.insert("to", param(query, "to"));
    context.insert("chosen_state", param(query, "state"));
    context.insert("states", &states());
    context.insert("filters", filters);
}

/// A CSV export of the caseload report (`cases.csv`, or `hours.csv`), in the page's language,
/// the same download the API gives.
pub async fn export(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(name): Path<String>,
) -> Response {
    let visit = &signed.visit;
    let user = &signed.viewer.user;
    let export = match report_filters(&params(visit)) {
        Ok(asked) if name == "hours.csv" => {
            reports::hours_export(&state, user, &asked, visit.lang).await
        }
        Ok(asked) => reports::cases_export(&state, user, &asked, visit.lang).await,
        Err(error) => Err(error),
    };
    match export {
        Ok(export) => csv_response(export),
        Err(error) => refusal(&state, visit, error),
    }
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
