//! The dashboard: the caseload report in figures, charts and tables, with the page's filters,
//! and its CSV exports.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::intake::MexicanState;
use serde::Serialize;
use uuid::Uuid;

use super::{param, params};
use crate::routes::reports::csv_response;
use crate::service;
use crate::service::reports::caseload::Caseload;
use crate::service::reports::{self, Filters};
use crate::state::AppState;
use crate::web::account::states;
use crate::web::charts::{Bar, bars, figure};
use crate::web::refusal::Refusal;
use crate::web::render::{alert_label, errors, failure, month, page, refusal, state_label};
use crate::web::visit::SignedIn;

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
            label: month(lang, &row.month),
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
            label: alert_label(lang, alert),
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
