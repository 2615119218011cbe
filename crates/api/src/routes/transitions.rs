//! Moving a case through the workflow: `POST /api/v1/cases/{id}/transitions`, and the events
//! the caller may fire now.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use puente_i18n::Labels;
use puente_workflow::{Event, EventKind, Field, FieldError, State as CaseStatus, available};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::{CodeMessage, ProblemDoc};
use crate::repo::cases::{self, state_of};
use crate::state::AppState;
use crate::transitions;
use crate::views::{CaseView, case_facts};

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(offered, fire))
}

/// An event to fire.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// The event's wire name (`claim`, `record_filing`…).
    event: String,
    /// Its data, as listed by the workflow's definition.
    #[serde(default)]
    #[schema(value_type = Object)]
    data: Value,
    /// Fire only if the case is still at this version (409 otherwise).
    expected_version: Option<i32>,
}

/// Fires an event through the workflow and commits the new state, its history event and its
/// notifications together. 404 when the caller may not see the case, 403 when they may not
/// fire this event, 409 when the state does not allow it (or `expected_version` is stale), 422
/// with `missing` when requirements are unmet.
#[utoipa::path(post, path = "/api/v1/cases/{id}/transitions", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), request_body = TransitionRequest, responses(
    (status = 200, body = CaseView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
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
        state.now(),
        body.expected_version,
    )
    .await?;
    super::cases::render(&state, &auth, &updated, StatusCode::OK).await
}

/// An event the caller may fire now.
#[derive(Serialize, ToSchema)]
pub struct Offer {
    /// The event.
    event: EventKind,
    /// Its label in the caller's language.
    label: String,
    /// Whether nothing is missing.
    ready: bool,
    /// Unmet requirements, by stable code.
    missing: Vec<String>,
    /// The same, each with a message.
    missing_details: Vec<CodeMessage>,
    /// Data the event needs from whoever fires it.
    needs: Vec<Field>,
    /// Data it accepts without needing it.
    accepts: Vec<Field>,
}

/// What the caller may do with a case now.
#[derive(Serialize, ToSchema)]
pub struct Offers {
    /// The case's version (for `expected_version`).
    version: i32,
    /// Its state.
    state: CaseStatus,
    /// The events.
    items: Vec<Offer>,
}

/// The events the caller may fire now, each with what is still missing.
#[utoipa::path(get, path = "/api/v1/cases/{id}/transitions", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = Offers),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn offered(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Offers>, ApiError> {
    let (case, _) = super::cases::visible_case(&state, &auth, id).await?;
    let facts = case_facts(&state.db, &case).await?;
    let lang = auth.lang;
    let items = available(state_of(&case), &auth.actor(), &facts)
        .into_iter()
        .map(|offer| Offer {
            event: offer.event,
            label: Labels::of(&offer.event.label_key()).get(lang).to_owned(),
            ready: offer.missing.is_empty(),
            missing: offer.missing.iter().map(|m| m.code()).collect(),
            missing_details: offer
                .missing
                .iter()
                .map(|m| CodeMessage {
                    code: m.code(),
                    message: puente_i18n::text(lang, &m.label_key(), &[]),
                })
                .collect(),
            needs: offer.needs,
            accepts: offer.accepts,
        })
        .collect();
    Ok(axum::Json(Offers {
        version: case.version,
        state: state_of(&case).state,
        items,
    }))
}
