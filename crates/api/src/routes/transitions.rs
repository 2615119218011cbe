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
use puente_workflow::{Event, EventKind, FieldError, available};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::repo::cases::{self, state_of};
use crate::repo::orgs;
use crate::state::AppState;
use crate::transitions;
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
    let updated = transitions::fire(
        &state.db,
        &case,
        &event,
        &auth.actor(),
        state.today(),
        crate::clock::now(),
        body.expected_version,
    )
    .await?;
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
