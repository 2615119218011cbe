//! The forms of the case page: a workflow event, a comment, pro bono hours, a draft to
//! generate, a document to upload; and the document and the draft to read. Each calls one use
//! case; a refusal shows the case page again with the reasons beside the form.

use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Path, Request, State};
use axum::response::Response;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::case_page::{Failed, case_page};
use super::refusal::Refusal;
use super::render::{failure, refusal, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::error::ApiError;
use crate::service::{self, activity::NewHours};
use crate::state::AppState;

/// The data of an event from its form.
fn event_data(fields: &Fields) -> Value {
    let mut data = Map::new();
    // Every field some event takes, by its wire name; the attestation comes in parts below.
    let names = puente_workflow::table::TABLE
        .iter()
        .flat_map(|spec| spec.accepted_fields())
        .filter(|field| {
            !matches!(
                field,
                puente_workflow::Field::ConflictCheck | puente_workflow::Field::ApprovedBy
            )
        })
        .map(puente_workflow::Field::as_str);
    for name in names {
        if let Some(value) = fields.opt(name) {
            data.insert(name.to_owned(), Value::from(value));
        }
    }
    // A proposed name chosen for the authorized one wins over the box for another.
    if let Some(chosen) = fields.opt("authorized_name_choice") {
        data.insert("authorized_name".to_owned(), Value::from(chosen));
    }
    // The associates ticked, by number; anything else is sent as typed, for the API's error.
    if fields.checked("approvals") {
        let ticked = fields.all("approved_by").into_iter().map(|n| {
            n.parse::<u64>()
                .map(Value::from)
                .unwrap_or_else(|_| Value::from(n))
        });
        data.insert("approved_by".to_owned(), Value::Array(ticked.collect()));
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
    signed: SignedIn,
    Path((id, event)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let version = fields.get("version").parse::<i32>().ok();
    // An event that ends the request or undoes work is sent only with its box ticked.
    if super::case_page::destructive(&event) && !fields.checked("confirm") {
        let message = puente_i18n::text(signed.visit.lang, "web-confirm-needed", &[]);
        let refused = Refusal::field(signed.visit.lang, "confirm", message);
        let failed = Failed {
            form: &event,
            refusal: &refused,
            fields: Some(&fields),
        };
        return case_page(&state, &signed, id, Some(failed)).await;
    }
    let data = event_data(&fields);
    let firing = service::transitions::Firing {
        id,
        event: &event,
        data: &data,
        expected_version: version,
    };
    let done = service::transitions::fire_parsed(&state, &signed.viewer.user, firing)
        .await
        .map(drop);
    after(
        &state,
        &signed,
        id,
        &event,
        done.map_err(ApiError::from),
        &fields,
    )
    .await
}

/// Where a case form leads: back to the case with a confirmation, or the case page with the
/// form's errors.
async fn after(
    state: &AppState,
    signed: &SignedIn,
    id: Uuid,
    form: &str,
    done: Result<(), ApiError>,
    fields: &Fields,
) -> Response {
    let error = match done {
        Ok(()) => return see(&format!("/cases/{id}?done={}", done_of(form))),
        Err(error) => error,
    };
    let refused = Refusal::of(error, signed.visit.lang);
    if refused.status.is_client_error() && refused.status != axum::http::StatusCode::NOT_FOUND {
        let failed = Failed {
            form,
            refusal: &refused,
            fields: Some(fields),
        };
        return case_page(state, signed, id, Some(failed)).await;
    }
    failure(state, &signed.visit, &refused)
}

/// The confirmation shown after a form.
fn done_of(form: &str) -> &str {
    match form {
        "upload" | "comment" | "hours" | "generate" | "donataria" | "milestone" | "notary" => form,
        _ => "event",
    }
}

/// Sends a case form: a comment, pro bono hours, a document to draft from a template, the LISR
/// fractions a donataria's bylaws name, the notary chosen for the signing, or a milestone after
/// the signing.
pub async fn send_form(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, form)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let user = &signed.viewer.user;
    let (name, done) = match form.as_str() {
        "comments" => {
            let added = service::activity::add_comment(&state, user, id, fields.get("body")).await;
            ("comment", added.map(drop).map_err(ApiError::from))
        }
        "hours" => {
            let input = hours_typed(&fields);
            let logged = service::activity::log_hours(&state, user, id, &input).await;
            ("hours", logged.map(drop).map_err(ApiError::from))
        }
        "generate" => {
            let generated = async {
                let wrong = |e| ApiError::Invalid(vec![e]);
                let template = fields.choice("template").map_err(wrong)?;
                let format = fields.choice("format").map_err(wrong)?;
                service::drafts::generate(&state, user, id, template, format)
                    .await
                    .map_err(ApiError::from)
            }
            .await;
            ("generate", generated.map(drop))
        }
        "donataria" => {
            let chosen = async {
                let wrong = |e| ApiError::Invalid(vec![e]);
                let lisr_fractions = fields
                    .all("lisr_fractions")
                    .iter()
                    .map(|code| super::visit::choice("lisr_fractions", code))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(wrong)?;
                let version = fields.get("version").parse::<i32>().ok();
                let choice = service::donataria::DonatariaChoice { lisr_fractions };
                service::donataria::choose(&state, user, id, version, &choice)
                    .await
                    .map_err(ApiError::from)
            }
            .await;
            ("donataria", chosen.map(drop))
        }
        "milestone" => {
            let recorded = async {
                let milestone = fields
                    .choice("milestone")
                    .map_err(|e| ApiError::Invalid(vec![e]))?;
                let input = service::milestones::NewMilestone {
                    on: fields.get("on").to_owned(),
                    reference: fields.opt("reference"),
                };
                service::milestones::record(&state, user, id, milestone, &input)
                    .await
                    .map_err(ApiError::from)
            }
            .await;
            ("milestone", recorded.map(drop))
        }
        "notary" => {
            let text = |name: &str| fields.opt(name);
            let draft = puente_workflow::NotaryDraft {
                name: text("name"),
                number: text("number"),
                state: text("state"),
                district: text("district"),
                contact: text("contact"),
                fees: text("fees"),
                fee_note: text("fee_note"),
            };
            let version = fields.get("version").parse::<i32>().ok();
            let chosen = service::notary::choose(&state, user, id, version, &draft).await;
            ("notary", chosen.map(drop).map_err(ApiError::from))
        }
        _ => return super::render::not_found(&state, &signed.visit),
    };
    after(&state, &signed, id, name, done, &fields).await
}

/// Uploads a document from its multipart form, read as the API reads it (the anti-forgery
/// token travels in the query, since the form's fields are the upload's).
pub async fn upload(
    State(state): State<AppState>,
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
    let multipart = Multipart::from_request(request, &state)
        .await
        .map_err(|_| ApiError::UnsupportedMediaType);
    let stored = crate::routes::documents::receive(&state, &signed.viewer.user, id, multipart)
        .await
        .map(drop);
    after(&state, &signed, id, "upload", stored, &Fields::parse(b"")).await
}

/// A document, as the API serves it.
pub async fn download(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    let content = service::documents::content(&state, &signed.viewer.user, id).await;
    match content
        .map_err(ApiError::from)
        .and_then(|(row, first, rest)| crate::routes::documents::file_response(&row, first, rest))
    {
        Ok(response) => response,
        Err(error) => refusal(&state, &signed.visit, error),
    }
}

/// The draft bylaws to read in the browser, under the draft's own strict policy.
pub async fn read_draft(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    let template = service::drafts::Template::Bylaws;
    match service::drafts::preview(&state, &signed.viewer.user, id, template).await {
        Ok(rendered) => crate::routes::drafts::draft_page(rendered),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}

/// The hours form as typed: people write decimals with a comma as often as with a point.
fn hours_typed(fields: &Fields) -> NewHours {
    let hours = fields
        .get("hours")
        .replace(',', ".")
        .parse()
        .unwrap_or(f64::NAN);
    NewHours {
        date: fields.get("date").to_owned(),
        hours,
        description: fields.get("description").to_owned(),
    }
}

/// Corrects (`do=save`) or deletes (`do=delete`) one's own logged hours, within the week.
pub async fn change_hours(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, entry)): Path<(Uuid, Uuid)>,
    Checked(fields): Checked,
) -> Response {
    let user = &signed.viewer.user;
    let done = if fields.get("do") == "delete" {
        service::hours_log::delete(&state, user, id, entry).await
    } else {
        let input = hours_typed(&fields);
        service::hours_log::correct(&state, user, id, entry, &input)
            .await
            .map(drop)
    };
    let form = format!("hours-{entry}");
    match done {
        Ok(()) => see(&format!("/cases/{id}?done=hours_changed#hours-title")),
        Err(error) => {
            after(
                &state,
                &signed,
                id,
                &form,
                Err(ApiError::from(error)),
                &fields,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Fields, event_data};

    #[test]
    fn a_proposed_name_chosen_is_the_authorized_one_and_another_is_typed() {
        let chosen = Fields::parse(
            "authorized_name_choice=Albergue+Paso+Libre&authorized_name=&authorized_on=2026-11-20"
                .as_bytes(),
        );
        let data = event_data(&chosen);
        let text = |data: &serde_json::Value, key: &str| {
            data.get(key)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        assert_eq!(
            text(&data, "authorized_name").as_deref(),
            Some("Albergue Paso Libre")
        );
        assert_eq!(text(&data, "authorized_on").as_deref(), Some("2026-11-20"));
        let other = Fields::parse(
            "authorized_name_choice=&authorized_name=Casa+Hermanos+del+Sur".as_bytes(),
        );
        assert_eq!(
            text(&event_data(&other), "authorized_name").as_deref(),
            Some("Casa Hermanos del Sur")
        );
    }
}
