//! Moving a case through the workflow: `POST /api/v1/cases/{id}/transitions`, and the events
//! the caller may fire now.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::transitions::{self, Offers};
use crate::service::views::CaseView;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(offered, fire))
}

/// An event to fire.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// The event's wire name (`claim`, `record_filing`…).
    #[schema(value_type = puente_workflow::EventKind)]
    event: String,
    /// Its data, as listed by the workflow's definition.
    #[serde(default)]
    #[schema(value_type = Object)]
    data: Value,
    /// Fire only if the case is still at this version (409 otherwise).
    #[schema(minimum = 1, maximum = 2147483647)]
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
    let firing = transitions::Firing {
        id,
        event: &body.event,
        data: &body.data,
        expected_version: body.expected_version,
    };
    let view = transitions::fire_named(&state, &auth, firing).await?;
    Ok(super::cases::with_etag(StatusCode::OK, view))
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
    Ok(axum::Json(transitions::offered(&state, &auth, id).await?))
}
