//! Moving a case through the workflow: `POST /api/v1/cases/{id}/transitions`, and the events
//! the caller may fire now.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};

use puente_i18n::Labels;
use puente_workflow::{
    Effect, Event, EventKind, FieldError, LawyerStanding, OrgId, Rejection, Role, Transition,
    UserId, apply, available,
};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::repo::cases::{self, state_of};
use crate::repo::outbox::Message;
use crate::repo::{orgs, users};
use crate::state::AppState;
use crate::views::facts;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/cases/{id}/transitions", get(offered).post(fire))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionRequest {
    event: String,
    #[serde(default)]
    data: Value,
    expected_version: Option<i32>,
}

/// Who hears of a transition: every manager, and the lawyer holding the case before or after
/// it (the worker that delivers e-mails reads these and adds the shelter's staff).
fn messages(case: &crate::entity::case::Model, transition: &Transition) -> Vec<Message> {
    let payload = json!({
        "event": transition.event.kind,
        "reference": case.reference,
        "from": transition.from.state,
        "to": transition.to.state,
    });
    let assigned_after = transition.effects.iter().find_map(|effect| match effect {
        Effect::Assign(assignment) => Some(assignment.lawyer.0),
        _ => None,
    });
    let mut lawyers: Vec<uuid::Uuid> = case.lawyer_id.into_iter().chain(assigned_after).collect();
    lawyers.dedup();
    std::iter::once(None)
        .chain(lawyers.into_iter().map(Some))
        .map(|recipient| Message {
            kind: "case_transition",
            case: Some(case.id),
            recipient,
            payload: payload.clone(),
        })
        .collect()
}

/// `POST /api/v1/cases/{id}/transitions`: fires an event through the workflow and commits the
/// new state, its history event and its notifications together.
async fn fire(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<TransitionRequest>,
) -> Result<Response, ApiError> {
    let case = cases::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let kind: EventKind = body
        .event
        .parse()
        .map_err(|_| ApiError::Invalid(vec![FieldError::new("event", "invalid_choice")]))?;
    let event = Event::parse(kind, &body.data).map_err(ApiError::Invalid)?;
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let mut facts = facts(&case, shelter.is_some_and(|s| s.verified));
    if let Some(lawyer_id) = event.data.lawyer_id {
        facts.named_lawyer = users::find(&state.db, lawyer_id.0)
            .await?
            .map(|u| LawyerStanding {
                id: UserId(u.id),
                organization: OrgId(u.organization_id),
                is_lawyer: u.role == Role::Lawyer.as_str(),
                active: u.active,
            });
    }
    let at = state_of(&case);
    let transition = match apply(at, &event, &auth.actor(), &facts, state.today()) {
        Ok(transition) => transition,
        Err(Rejection::NotVisible) => return Err(ApiError::NotFound),
        Err(Rejection::NotAllowed) => return Err(ApiError::Forbidden),
        Err(Rejection::InvalidState { current }) => {
            return Err(ApiError::invalid_state(current, case.version));
        }
        Err(Rejection::Unmet(missing)) => return Err(ApiError::Unmet(missing)),
    };
    if body.expected_version.is_some_and(|v| v != case.version) {
        return Err(ApiError::Conflict {
            code: "stale_version",
            state: Some(at),
            version: Some(case.version),
        });
    }
    let notify = messages(&case, &transition);
    let committed =
        cases::commit(&state.db, &case, &transition, (auth.id, auth.role), notify).await?;
    let Some(updated) = committed else {
        // Another request moved the case between our read and our write.
        let current = cases::find(&state.db, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        return Err(ApiError::invalid_state(state_of(&current), current.version));
    };
    super::cases::render(&state, &auth, &updated, StatusCode::OK).await
}

/// `GET /api/v1/cases/{id}/transitions`: what the caller may fire now, with what is missing.
async fn offered(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Value>, ApiError> {
    let (case, _) = super::cases::visible_case(&state, &auth, id).await?;
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let facts = facts(&case, shelter.is_some_and(|s| s.verified));
    let lang = auth.lang;
    let items: Vec<Value> = available(state_of(&case), &auth.actor(), &facts)
        .into_iter()
        .map(|offer| {
            json!({
                "event": offer.event,
                "label": Labels::of(&offer.event.label_key()).get(lang),
                "ready": offer.missing.is_empty(),
                "missing": offer.missing.iter().map(|m| m.code()).collect::<Vec<_>>(),
                "missing_details": offer.missing.iter().map(|m| json!({
                    "code": m.code(),
                    "message": puente_i18n::text(lang, &m.label_key(), &[]),
                })).collect::<Vec<_>>(),
                "needs": offer.needs,
                "accepts": offer.accepts,
            })
        })
        .collect();
    Ok(axum::Json(
        json!({"version": case.version, "state": state_of(&case).state, "items": items}),
    ))
}
