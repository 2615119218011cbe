//! The shelter's guided intake: one short page per part of the request, each saved to the case
//! as it is sent (so the shelter can stop and come back), in the order DOMAIN.md gives.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use puente_workflow::intake::{BoardRole, MAX_PROPOSED_NAMES};
use serde_json::{Value, json};
use uuid::Uuid;

use super::account::states;
use super::api::{Answer, Api};
use super::render::{errors, failure, page, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::state::AppState;

/// The steps, in order.
pub const STEPS: [&str; 7] = [
    "names",
    "purpose",
    "domicile",
    "associates",
    "governance",
    "contact",
    "consent",
];

/// Nationalities offered first (ISO 3166-1 alpha-2): Mexico and the countries most people in
/// the shelters come from; any other code may be typed.
const NATIONALITIES: [&str; 11] = [
    "MX", "GT", "HN", "SV", "NI", "VE", "CU", "HT", "CO", "EC", "US",
];

/// Starts a new request (an empty intake in `draft`) and opens its first step.
pub async fn start(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    _: Checked,
) -> Response {
    let answer = api
        .post(
            &signed.visit,
            &signed.viewer,
            "/api/v1/cases",
            &json!({"intake": {}}),
        )
        .await;
    match answer.body["id"].as_str() {
        Some(id) if answer.ok() => see(&format!("/cases/{id}/intake/names")),
        _ => failure(&state, &signed.visit, &answer),
    }
}

fn step_index(step: &str) -> Option<usize> {
    STEPS.iter().position(|s| *s == step)
}

/// A step's page.
pub async fn step_page(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path((id, step)): Path<(Uuid, String)>,
) -> Response {
    let case = api
        .get(
            &signed.visit,
            &signed.viewer,
            &format!("/api/v1/cases/{id}"),
        )
        .await;
    if !case.ok() {
        return failure(&state, &signed.visit, &case);
    }
    render_step(&state, &signed, &case.body, &step, None)
}

fn render_step(
    state: &AppState,
    signed: &SignedIn,
    case: &Value,
    step: &str,
    failed: Option<(&Answer, &Fields)>,
) -> Response {
    let visit = &signed.visit;
    let Some(index) = step_index(step) else {
        return super::render::not_found(state, visit);
    };
    let mut context = visit.context();
    let intake = &case["intake"];
    let mut names: Vec<Value> = intake["proposed_names"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    names.resize(MAX_PROPOSED_NAMES, Value::from(""));
    context.insert("case", case);
    context.insert("intake", intake);
    context.insert("names", &names);
    context.insert("step", step);
    context.insert("step_number", &(index + 1));
    context.insert("step_count", &STEPS.len());
    context.insert("steps", &STEPS);
    context.insert("previous", &index.checked_sub(1).map(|i| STEPS[i]));
    context.insert("states", &states());
    context.insert("nationalities", &NATIONALITIES);
    context.insert(
        "board_roles",
        &BoardRole::ALL.map(BoardRole::as_str).to_vec(),
    );
    // What was typed and refused is given back.
    let typed: serde_json::Map<String, Value> = failed
        .map(|(_, fields)| {
            [
                "full_name",
                "nationality",
                "curp",
                "rfc",
                "email",
                "board_role",
            ]
            .into_iter()
            .map(|name| (name.to_owned(), Value::from(fields.get(name))))
            .collect()
        })
        .unwrap_or_default();
    context.insert("typed", &typed);
    // Errors about the associate being added name its future position: they are shown beside
    // the form's fields.
    let position = intake["associates"].as_array().map_or(0, Vec::len);
    let new_prefix = format!("intake.associates[{position}].");
    let answer = failed.map(|(answer, _)| {
        let mut body = answer.body.clone();
        if let Some(list) = body["errors"].as_array_mut() {
            for error in list {
                if let Some(field) = error["field"]
                    .as_str()
                    .and_then(|f| f.strip_prefix(&new_prefix))
                {
                    error["field"] = Value::from(field.to_owned());
                }
            }
        }
        Answer {
            status: answer.status,
            body,
        }
    });
    errors(&mut context, answer.as_ref());
    let status = failed.map_or(StatusCode::OK, |(answer, _)| answer.status);
    page(state, visit, status, "intake.html", context)
}

/// Applies a step's form to the intake.
fn apply(step: &str, intake: &mut Value, fields: &Fields) {
    let text = |name: &str| fields.opt(name).map_or(Value::Null, Value::from);
    match step {
        "names" => {
            intake["proposed_names"] = Value::from(
                fields
                    .all("name")
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>(),
            );
        }
        "purpose" => {
            intake["purpose"] = text("purpose");
            intake["donataria_autorizada"] = match fields.get("donataria_autorizada") {
                "yes" => Value::Bool(true),
                "no" => Value::Bool(false),
                _ => Value::Null,
            };
        }
        "domicile" => {
            intake["domicile"] = json!({
                "state": text("state"),
                "municipality": text("municipality"),
                "address": text("address"),
            });
        }
        "associates" => {
            let list = intake["associates"].as_array().cloned().unwrap_or_default();
            let mut list = list;
            if let Some(index) = fields
                .get("remove")
                .parse::<usize>()
                .ok()
                .filter(|i| *i < list.len())
            {
                list.remove(index);
                // The legal representative points at a position: it is chosen again.
                intake["legal_representative"] = Value::Null;
            } else {
                list.push(json!({
                    "full_name": text("full_name"),
                    "nationality": text("nationality"),
                    "curp": text("curp"),
                    "rfc": text("rfc"),
                    "email": text("email"),
                    "board_role": text("board_role"),
                }));
            }
            intake["associates"] = Value::from(list);
        }
        "governance" => {
            intake["governance"] = text("governance");
            intake["legal_representative"] = fields
                .get("legal_representative")
                .parse::<u64>()
                .map_or(Value::Null, Value::from);
        }
        "contact" => {
            intake["contact"] = json!({
                "name": text("contact_name"),
                "phone": text("contact_phone"),
                "email": text("contact_email"),
            });
        }
        "consent" => {
            intake["privacy_consent"] = Value::Bool(fields.checked("privacy_consent"));
        }
        _ => {}
    }
}

/// Saves a step and goes on: to the next step, back to the associates after adding or
/// removing one, or to the case page after the last.
pub async fn save_step(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path((id, step)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let visit = &signed.visit;
    let Some(index) = step_index(&step) else {
        return see(&format!("/cases/{id}"));
    };
    let path = format!("/api/v1/cases/{id}");
    let case = api.get(visit, &signed.viewer, &path).await;
    if !case.ok() {
        return failure(&state, visit, &case);
    }
    let mut intake = case.body["intake"].clone();
    if !intake.is_object() {
        intake = json!({});
    }
    if step == "associates" && fields.opt("remove").is_none() && fields.opt("full_name").is_none() {
        let answer = Answer {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({"errors": [{
                "field": "full_name",
                "message": puente_i18n::text(visit.lang, "web-error-associate-name", &[]),
            }]}),
        };
        return render_step(&state, &signed, &case.body, &step, Some((&answer, &fields)));
    }
    apply(&step, &mut intake, &fields);
    let version = case.body["version"].as_i64().unwrap_or_default();
    let answer = api
        .send(
            visit,
            &signed.viewer,
            Method::PATCH,
            &path,
            &json!({"intake": intake}),
            Some(version),
        )
        .await;
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        return render_step(&state, &signed, &case.body, &step, Some((&answer, &fields)));
    }
    if !answer.ok() {
        return failure(&state, visit, &answer);
    }
    let next = if step == "associates" {
        format!("/cases/{id}/intake/associates")
    } else {
        match STEPS.get(index + 1) {
            Some(next) => format!("/cases/{id}/intake/{next}"),
            None => format!("/cases/{id}?done=intake"),
        }
    };
    see(&next)
}
