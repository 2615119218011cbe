//! The pages of cases: one's list (the home page), a case with what happens next, the actions
//! the workflow allows now, its documents, its history, comments and hours.

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::Response;
use puente_i18n::text;
use puente_workflow::{DocumentKind, Role, State as CaseStatus};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::api::{Answer, Api};
use super::lists::{PAGE_SIZE, case_rows, cursor_of};
use super::render::{failure, page, refusal, see, state_label};
use super::visit::{Checked, Fields, SignedIn, VisitData};
use crate::documents::may_upload;
use crate::repo::cases::Order;
use crate::service::cases::CaseQuery;
use crate::state::AppState;

/// `YYYY-MM-DD HH:MM` in the program's time zone.
pub fn when(state: &AppState, at: &str) -> String {
    OffsetDateTime::parse(at, &Rfc3339)
        .map(|t| {
            let t = t.to_offset(state.settings.utc_offset());
            format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
        })
        .unwrap_or_default()
}

/// The home page: one's cases, and for each role the way to its work. A manager's is the
/// screening queue, those waiting longest first; a lawyer's, the cases they hold (open requests
/// are on the board); a shelter's, its requests.
pub async fn home(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let user = &signed.viewer.user;
    let query = CaseQuery {
        limit: PAGE_SIZE,
        cursor: cursor_of(visit),
        ..match user.role {
            Role::Manager => CaseQuery {
                status: Some(puente_workflow::State::Submitted),
                order: Order::Waiting,
                ..CaseQuery::default()
            },
            Role::Lawyer => CaseQuery {
                lawyer: Some(user.id),
                ..CaseQuery::default()
            },
            Role::Shelter => CaseQuery::default(),
        }
    };
    let (rows, pager) = match case_rows(&state, &signed, query).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let mut context = visit.context();
    context.insert("cases", &rows);
    context.insert("pager", &pager);
    context.insert("done", &done_key(visit));
    page(&state, visit, StatusCode::OK, "home.html", context)
}

/// The confirmation a page shows after a form did its work (`?done=…`).
pub fn done_key(visit: &VisitData) -> String {
    form_urlencoded::parse(visit.query.as_bytes())
        .find(|(key, _)| key == "done")
        .map(|(_, value)| value.into_owned())
        .filter(|value| {
            !value.is_empty() && value.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .map(|value| format!("web-done-{}", value.replace('_', "-")))
        .filter(|key| puente_i18n::has_text(puente_i18n::Lang::Es, key, &[]))
        .unwrap_or_default()
}

/// Why a form on the case page failed, to show beside it.
pub struct Failed<'a> {
    /// The form: an event's name, `upload`, `comment`, `hours` or `generate`.
    pub form: &'a str,
    /// The API's answer.
    pub answer: &'a Answer,
    /// What the person typed, to give back.
    pub fields: Option<&'a Fields>,
}

/// The case page.
pub async fn show(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    case_page(&state, &api, &signed, id, None).await
}

/// Renders the case page, with a failed form's errors when there is one.
pub async fn case_page(
    state: &AppState,
    api: &Api,
    signed: &SignedIn,
    id: Uuid,
    failed: Option<Failed<'_>>,
) -> Response {
    let visit = &signed.visit;
    let viewer = &signed.viewer;
    let lang = visit.lang;
    let base = format!("/api/v1/cases/{id}");
    let case = api.get(visit, viewer, &base).await;
    if !case.ok() {
        return failure(state, visit, &case);
    }
    let offers = api.get(visit, viewer, &format!("{base}/transitions")).await;
    let history = api.get(visit, viewer, &format!("{base}/history")).await;
    let documents = api.get(visit, viewer, &format!("{base}/documents")).await;
    let comments = api.get(visit, viewer, &format!("{base}/comments")).await;
    let hours = api.get(visit, viewer, &format!("{base}/hours")).await;
    // Those a manager may assign the case to (nobody, for anyone else).
    let lawyers = if viewer.user.role == Role::Manager {
        match crate::service::accounts::lawyers_to_assign(state, &viewer.user).await {
            Ok(lawyers) => lawyers,
            Err(error) => return refusal(state, visit, error),
        }
    } else {
        Vec::new()
    };
    let body = &case.body;
    let status: CaseStatus =
        serde_json::from_value(body["status"].clone()).unwrap_or(CaseStatus::Draft);
    let status_key = status.as_str().replace('_', "-");
    let role = viewer.user.role;
    let own_shelter =
        role == Role::Shelter && body["shelter"]["id"] == json!(viewer.user.organization);
    let assigned = role == Role::Lawyer && body["lawyer"]["id"] == json!(viewer.user.id);
    let personal = body["personal_data"].as_bool().unwrap_or(false);

    let mut context = visit.context();
    context.insert("case", body);
    context.insert("status_label", &state_label(lang, status.as_str()));
    let next_key = match role {
        Role::Shelter => format!("web-next-shelter-{status_key}"),
        _ => format!("web-next-staff-{status_key}"),
    };
    context.insert("next_key", &next_key);
    context.insert(
        "alerts",
        &body["alerts"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|a| text(lang, &format!("alert-{}", a.replace('_', "-")), &[]))
            .collect::<Vec<_>>(),
    );
    context.insert(
        "editable_intake",
        &(own_shelter && matches!(status, CaseStatus::Draft | CaseStatus::NeedsInfo)),
    );
    context.insert("personal", &personal);
    context.insert("done", &done_key(visit));

    // The actions the workflow allows now, each with its form and what is still missing.
    let lawyer_choices: Vec<Value> = lawyers
        .iter()
        .map(|lawyer| json!({"id": lawyer.id, "name": lawyer.name}))
        .collect();
    let version = offers.body["version"].clone();
    let actions: Vec<Value> = offers
        .items()
        .map(|offer| {
            let event = offer["event"].as_str().unwrap_or_default();
            let mine = failed.as_ref().filter(|f| f.form == event);
            action(lang, offer, mine, &lawyer_choices)
        })
        .collect();
    // Pausing, withdrawing, releasing and reassigning are kept folded away, below what moves
    // the case forward.
    context.insert(
        "secondary_actions",
        &actions.iter().any(|a| a["secondary"] == true),
    );
    context.insert(
        "failed_secondary",
        &actions.iter().any(|a| {
            a["secondary"] == true && failed.as_ref().is_some_and(|f| a["event"] == f.form)
        }),
    );
    context.insert("actions", &actions);
    context.insert("version", &version);

    // Documents: what the case holds, what the person may add, the draft to read.
    let associate_names: Vec<&str> = body["intake"]["associates"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| a["full_name"].as_str().unwrap_or_default())
        .collect();
    let series: Vec<Value> = documents
        .items()
        .map(|d| document_item(state, lang, d, &associate_names))
        .collect();
    let kinds: Vec<Value> = DocumentKind::ALL
        .into_iter()
        .filter(|kind| {
            !matches!(
                kind,
                DocumentKind::FounderId | DocumentKind::FounderTaxCertificate
            )
        })
        .filter(|kind| may_upload(role, assigned, own_shelter, *kind))
        .map(|kind| json!({"code": kind.as_str(), "label": text(lang, &kind.label_key(), &[])}))
        .collect();
    let associates: Vec<Value> = if personal {
        body["intake"]["associates"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(index, a)| {
                let has_id = series
                    .iter()
                    .any(|d| d["kind"] == "founder_id" && d["associate"] == json!(index));
                json!({"index": index, "name": a["full_name"], "has_id": has_id})
            })
            .collect()
    } else {
        Vec::new()
    };
    let uploads_open = documents.ok()
        && !status.is_terminal()
        && (own_shelter || assigned || role == Role::Manager);
    context.insert("documents", &series);
    context.insert("documents_visible", &documents.ok());
    context.insert("upload_kinds", &kinds);
    context.insert("associates", &associates);
    context.insert(
        "may_upload_ids",
        &(uploads_open && may_upload(role, assigned, own_shelter, DocumentKind::FounderId)),
    );
    context.insert("uploads_open", &uploads_open);
    context.insert("may_generate", &(assigned && !status.is_terminal()));
    context.insert(
        "has_draft",
        &series.iter().any(|d| d["kind"] == "bylaws_draft"),
    );

    // The history in plain words.
    let mut timeline: Vec<Value> = history
        .items()
        .rev()
        .map(|e| {
            let event = e["event"].as_str().unwrap_or_default();
            let who = e["actor"]["role"].as_str().unwrap_or("system");
            json!({
                "when": when(state, e["at"].as_str().unwrap_or_default()),
                "event": history_label(lang, event),
                "state": state_label(lang, e["state_after"].as_str().unwrap_or_default()),
                "who": text(lang, &format!("web-role-{who}"), &[]),
                "note": e["data"]["message"].as_str().or_else(|| e["data"]["reason"].as_str()),
            })
        })
        .collect();
    // A run of the same step (the intake saved step by step) reads as one line, the latest.
    timeline.dedup_by(|older, newer| {
        let same = older["event"] == newer["event"]
            && older["who"] == newer["who"]
            && older["note"].is_null();
        if same {
            let times = newer["times"].as_u64().unwrap_or(1) + older["times"].as_u64().unwrap_or(1);
            newer["times"] = json!(times);
        }
        same
    });
    context.insert("timeline", &timeline);
    context.insert("history_visible", &history.ok());

    let comment_items: Vec<Value> = comments
        .items()
        .map(|c| {
            json!({
                "when": when(state, c["created_at"].as_str().unwrap_or_default()),
                "mine": c["author_id"] == json!(viewer.user.id),
                "author": c["author_name"],
                "role": text(
                    lang,
                    &format!(
                        "web-role-{}",
                        c["author_role"].as_str().filter(|r| !r.is_empty()).unwrap_or("system")
                    ),
                    &[],
                ),
                "body": c["body"],
            })
        })
        .collect();
    context.insert("comments", &comment_items);
    context.insert("comments_visible", &comments.ok());
    context.insert("hours", &hours.body["items"]);
    context.insert("hours_visible", &hours.ok());
    context.insert("may_log_hours", &assigned);
    context.insert("today", &state.today().to_string());

    // A failed form's errors, beside the form, and what was typed in it.
    let form = failed.as_ref().map(|f| f.form).unwrap_or_default();
    super::render::errors_of_form(&mut context, failed.as_ref().map(|f| f.answer), form);
    context.insert("failed_form", form);
    let values = failed
        .as_ref()
        .and_then(|f| f.fields)
        .map(fields_map)
        .unwrap_or_default();
    context.insert("values", &values);
    let status_code = failed.as_ref().map_or(StatusCode::OK, |f| f.answer.status);
    page(state, visit, status_code, "case.html", context)
}

fn fields_map(fields: &Fields) -> Map<String, Value> {
    ["message", "reason", "body", "description", "hours", "date"]
        .into_iter()
        .map(|name| (name.to_owned(), Value::from(fields.get(name))))
        .collect()
}

/// An event of the history in plain words: the workflow's events by their label, the others
/// (documents, intake changes, privacy steps) by theirs.
fn history_label(lang: puente_i18n::Lang, event: &str) -> String {
    let key = event.replace('_', "-");
    puente_i18n::try_text(lang, &format!("event-{key}"), &[])
        .or_else(|| puente_i18n::try_text(lang, &format!("web-history-{key}"), &[]))
        .unwrap_or_else(|| text(lang, "web-history-other", &[]))
}

/// A document of the list, with its label and download link.
fn document_item(
    state: &AppState,
    lang: puente_i18n::Lang,
    d: &Value,
    associates: &[&str],
) -> Value {
    let kind = d["kind"].as_str().unwrap_or_default();
    let label = kind
        .parse::<DocumentKind>()
        .map(|k| text(lang, &k.label_key(), &[]))
        .unwrap_or_default();
    let associate = d["associate"]
        .as_u64()
        .and_then(|i| associates.get(usize::try_from(i).ok()?))
        .copied();
    json!({
        "id": d["id"],
        "kind": kind,
        "label": label,
        "associate": d["associate"],
        "associate_name": associate,
        "filename": d["filename"],
        "version": d["version"],
        "size_kb": (d["size"].as_i64().unwrap_or_default() + 1023) / 1024,
        "when": when(state, d["created_at"].as_str().unwrap_or_default()),
    })
}

/// One action of the case page: its label, its fields, what is missing.
fn action(
    lang: puente_i18n::Lang,
    offer: &Value,
    failed: Option<&Failed<'_>>,
    lawyers: &[Value],
) -> Value {
    let event = offer["event"].as_str().unwrap_or_default();
    let needs: Vec<&str> = offer["needs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let accepts: Vec<&str> = offer["accepts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut fields = Vec::new();
    let mut attestation = false;
    for (name, required) in needs
        .iter()
        .map(|n| (*n, true))
        .chain(accepts.iter().map(|n| (*n, false)))
    {
        if name.starts_with("conflict_check") {
            attestation = true;
            continue;
        }
        if fields.iter().any(|f: &Value| f["name"] == name) {
            continue;
        }
        let kind = match name {
            "message" | "reason" => "textarea",
            "authorized_on" | "signed_on" => "date",
            "lawyer_id" => "lawyer",
            _ => "text",
        };
        let value = failed
            .and_then(|f| f.fields)
            .map(|f| f.get(name).to_owned())
            .unwrap_or_default();
        let error = failed.and_then(|f| {
            f.answer
                .errors()
                .into_iter()
                .find(|e| e.field == name || e.field == format!("data.{name}"))
                .map(|e| e.message)
        });
        fields.push(json!({
            "name": name,
            "id": super::api::anchor(&format!("{event}.{name}")),
            "label": text(lang, &format!("web-field-{}", name.replace('_', "-")), &[]),
            "kind": kind,
            "required": required,
            "value": value,
            "error": error,
        }));
    }
    let missing: Vec<String> = offer["missing_details"]
        .as_array()
        .into_iter()
        .flatten()
        // What the form itself asks for is not listed as missing.
        .filter(|m| !m["code"].as_str().is_some_and(|c| c.starts_with("field:")))
        .filter_map(|m| m["message"].as_str().map(str::to_owned))
        .collect();
    json!({
        "event": event,
        "label": offer["label"],
        "fields": fields,
        "attestation": attestation,
        "secondary": matches!(event, "hold" | "withdraw" | "release" | "reassign"),
        "lawyers": lawyers,
        "missing": missing,
        "ready": missing.is_empty(),
    })
}

/// The data of an event from its form.
fn event_data(fields: &Fields) -> Value {
    let mut data = Map::new();
    for name in [
        "message",
        "reason",
        "lawyer_id",
        "authorized_name",
        "authorized_on",
        "notary_number",
        "deed_number",
        "signed_on",
        "folio",
        "rfc",
    ] {
        if let Some(value) = fields.opt(name) {
            data.insert(name.to_owned(), Value::from(value));
        }
    }
    if fields.checked("attestation") {
        data.insert(
            "conflict_check".to_owned(),
            json!({
                "no_conflict": fields.checked("conflict_check.no_conflict"),
                "reference": fields.get("conflict_check.reference"),
            }),
        );
    }
    Value::Object(data)
}

/// Fires an event from its form; on a refusal the case page shows why beside the form.
pub async fn fire(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path((id, event)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let mut body = json!({"event": event, "data": event_data(&fields)});
    if let Ok(version) = fields.get("version").parse::<i32>() {
        body["expected_version"] = json!(version);
    }
    let answer = api
        .post(
            &signed.visit,
            &signed.viewer,
            &format!("/api/v1/cases/{id}/transitions"),
            &body,
        )
        .await;
    after(&state, &api, &signed, id, &event, answer, &fields).await
}

/// Where a case form leads: back to the case with a confirmation, or the case page with the
/// form's errors.
async fn after(
    state: &AppState,
    api: &Api,
    signed: &SignedIn,
    id: Uuid,
    form: &str,
    answer: Answer,
    fields: &Fields,
) -> Response {
    if answer.ok() {
        return see(&format!("/cases/{id}?done={}", done_of(form)));
    }
    if answer.status.is_client_error() && answer.status != StatusCode::NOT_FOUND {
        let failed = Failed {
            form,
            answer: &answer,
            fields: Some(fields),
        };
        return case_page(state, api, signed, id, Some(failed)).await;
    }
    failure(state, &signed.visit, &answer)
}

/// The confirmation shown after a form.
fn done_of(form: &str) -> &str {
    match form {
        "upload" | "comment" | "hours" | "generate" => form,
        _ => "event",
    }
}

/// What a case form sends, and where: a comment, pro bono hours, or a document to draft from
/// a template.
fn case_form(form: &str, id: Uuid, fields: &Fields) -> Option<(&'static str, String, Value)> {
    match form {
        "comments" => Some((
            "comment",
            format!("/api/v1/cases/{id}/comments"),
            json!({"body": fields.get("body")}),
        )),
        "hours" => {
            // People write decimals with a comma as often as with a point.
            let hours = fields.get("hours").replace(',', ".");
            Some((
                "hours",
                format!("/api/v1/cases/{id}/hours"),
                json!({
                    "date": fields.get("date"),
                    "hours": hours.parse::<f64>().map(Value::from).unwrap_or(Value::from(hours)),
                    "description": fields.get("description"),
                }),
            ))
        }
        "generate" => Some((
            "generate",
            format!("/api/v1/cases/{id}/documents/generate"),
            json!({"template": fields.get("template"), "format": fields.get("format")}),
        )),
        _ => None,
    }
}

/// Sends a case form (`/cases/{id}/comments`, `/hours`, `/generate`) to the API.
pub async fn send_form(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path((id, form)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let Some((name, endpoint, body)) = case_form(&form, id, &fields) else {
        return super::render::not_found(&state, &signed.visit);
    };
    let answer = api
        .post(&signed.visit, &signed.viewer, &endpoint, &body)
        .await;
    after(&state, &api, &signed, id, name, answer, &fields).await
}

/// Uploads a document: the multipart body goes to the API as it came (the anti-forgery token
/// travels in the query, since the API refuses fields it does not know).
pub async fn upload(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let visit = &signed.visit;
    let token = form_urlencoded::parse(visit.query.as_bytes())
        .find(|(key, _)| key == "csrf")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    if !visit.csrf_ok(&state, &token) {
        return super::render::refused(&state, visit);
    }
    let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
    let response = api
        .raw(
            visit,
            Some(&signed.viewer),
            Method::POST,
            &format!("/api/v1/cases/{id}/documents"),
            content_type,
            request.into_body(),
        )
        .await;
    let answer = super::api::read(response).await;
    after(
        &state,
        &api,
        &signed,
        id,
        "upload",
        answer,
        &Fields::parse(b""),
    )
    .await
}

/// Streams a document to the person, as the API serves it.
pub async fn download(
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    api.pass_through(
        &signed.visit,
        &signed.viewer,
        &format!("/api/v1/documents/{id}/content"),
    )
    .await
}

/// The draft bylaws to read in the browser, as the API renders them.
pub async fn read_draft(
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    // The page is the API's, under its own strict policy, which the page layer keeps.
    api.pass_through(
        &signed.visit,
        &signed.viewer,
        &format!("/api/v1/cases/{id}/documents/preview?template=bylaws"),
    )
    .await
}
