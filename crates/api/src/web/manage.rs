//! The managers' pages: every case with filters, the shelters to verify, the dashboard on the
//! caseload report with its charts and CSV exports, and the workflow diagram.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::text;
use puente_workflow::State as CaseStatus;
use puente_workflow::intake::MexicanState;
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::account::states;
use super::api::Api;
use super::charts::{Bar, bars, figure};
use super::lists::{PAGE_SIZE, Pager, case_rows, cursor_of, unreadable};
use super::render::{failure, page, refusal, see, state_label};
use super::visit::{Checked, SignedIn, VisitData};
use crate::repo::orgs::{OrgFilter, OrgKind};
use crate::service::accounts;
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

/// Every case, newest first, filtered by status, state of Mexico, text and alert (managers).
/// A status or state that is not one shows every case; an unknown alert is refused.
pub async fn all_cases(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let query = params(visit);
    let status = param(&query, "status").parse::<CaseStatus>().ok();
    let chosen_state = param(&query, "state").parse::<MexicanState>().ok();
    let q = param(&query, "q").to_owned();
    let alert = match param(&query, "alert") {
        "" => None,
        name => match serde_json::from_value::<puente_workflow::Alert>(json!(name)) {
            Ok(alert) => Some(alert),
            Err(_) => {
                return refusal(
                    &state,
                    visit,
                    crate::service::Error::field("alert", "invalid_choice"),
                );
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
    let statuses: Vec<Value> = CaseStatus::ALL
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
    context.insert("status", status.map(CaseStatus::as_str).unwrap_or_default());
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
    context.insert("done", &super::cases::done_key(visit));
    page(&state, visit, StatusCode::OK, "shelters.html", context)
}

/// Verifies a shelter.
pub async fn verify(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    _: Checked,
) -> Response {
    let answer = api
        .post(
            &signed.visit,
            &signed.viewer,
            &format!("/api/v1/organizations/{id}/verify"),
            &json!({}),
        )
        .await;
    if !answer.ok() {
        return failure(&state, &signed.visit, &answer);
    }
    see("/shelters?done=verified")
}

/// The report's filters as the API takes them, from the page's query.
fn report_query(query: &[(String, String)]) -> String {
    let mut out = Vec::new();
    for name in ["from", "to", "state", "firm"] {
        let value = param(query, name);
        if !value.is_empty() {
            let value: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            out.push(format!("{name}={value}"));
        }
    }
    out.join("&")
}

/// The dashboard: the caseload report in figures, charts and tables, with its CSV exports.
pub async fn dashboard(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let query = params(visit);
    let filters = report_query(&query);
    let answer = api
        .get(
            visit,
            &signed.viewer,
            &format!("/api/v1/reports/caseload?{filters}"),
        )
        .await;
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        let mut context = visit.context();
        super::render::errors(&mut context, Some(&answer));
        dashboard_context(&mut context, &query, &filters);
        context.insert("report", &Value::Null);
        return page(&state, visit, answer.status, "dashboard.html", context);
    }
    if !answer.ok() {
        return failure(&state, visit, &answer);
    }
    let report = &answer.body;
    let by_status: Vec<Bar> = report["by_status"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Bar {
            label: state_label(lang, row["status"].as_str().unwrap_or_default()),
            value: row["cases"].as_f64().unwrap_or_default(),
        })
        .collect();
    let by_state: Vec<Bar> = report["by_state"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|row| row["total"].as_u64().unwrap_or_default() > 0)
        .map(|row| Bar {
            label: row["key"]
                .as_str()
                .and_then(|code| code.parse::<MexicanState>().ok())
                .map_or_else(
                    || row["key"].as_str().unwrap_or_default().to_owned(),
                    |s| s.name().to_owned(),
                ),
            value: row["total"].as_f64().unwrap_or_default(),
        })
        .collect();
    let by_firm: Vec<Bar> = report["by_firm"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Bar {
            label: row["name"].as_str().unwrap_or_default().to_owned(),
            value: row["in_progress"].as_f64().unwrap_or_default(),
        })
        .collect();
    let per_month: Vec<Bar> = report["filed_per_month"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Bar {
            label: row["month"].as_str().unwrap_or_default().to_owned(),
            value: row["filed"].as_f64().unwrap_or_default(),
        })
        .collect();
    let hours: Vec<Bar> = report["hours"]["by_firm"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|row| Bar {
            label: row["name"].as_str().unwrap_or_default().to_owned(),
            value: row["hours"].as_f64().unwrap_or_default(),
        })
        .collect();
    let chart = |id: &str, key: &str, rows: &[Bar]| {
        json!({
            "id": id,
            "title": text(lang, key, &[]),
            "svg": bars(id, &text(lang, key, &[]), rows),
            "rows": rows.iter().map(|b| json!({"label": b.label, "value": figure(b.value)})).collect::<Vec<_>>(),
        })
    };
    let charts = vec![
        chart("chart-status", "web-chart-by-status", &by_status),
        chart("chart-state", "web-chart-by-state", &by_state),
        chart("chart-firm", "web-chart-by-firm", &by_firm),
        chart("chart-filed", "web-chart-filed", &per_month),
        chart("chart-hours", "web-chart-hours", &hours),
    ];
    let median = |span: &str| {
        report["times"][span]["median_days"]
            .as_f64()
            .map(figure)
            .unwrap_or_else(|| "—".to_owned())
    };
    let alerts: Vec<Value> = report["alerts"]["counts"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(alert, count)| {
            json!({
                "label": text(lang, &format!("alert-{}", alert.replace('_', "-")), &[]),
                "count": count,
                "code": alert,
            })
        })
        .collect();
    let mut context = visit.context();
    super::render::errors(&mut context, None);
    dashboard_context(&mut context, &query, &filters);
    context.insert("report", report);
    context.insert("charts", &charts);
    context.insert(
        "medians",
        &json!({
            "submission_to_claim": median("submission_to_claim"),
            "claim_to_signing": median("claim_to_signing"),
            "claim_to_filing": median("claim_to_filing"),
        }),
    );
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

/// A CSV export of the caseload report, streamed as the API writes it.
pub async fn export(
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(name): Path<String>,
) -> Response {
    let name = if name == "hours.csv" {
        "hours.csv"
    } else {
        "cases.csv"
    };
    let filters = report_query(&params(&signed.visit));
    let path = format!(
        "/api/v1/reports/{name}?{filters}&lang={}",
        signed.visit.lang.code()
    );
    api.pass_through(&signed.visit, &signed.viewer, &path).await
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
                Target::Hold => state_label(lang, CaseStatus::OnHold.as_str()),
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
