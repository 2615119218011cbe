//! Liveness, readiness, metrics and the workflow's definition.

use axum::Json;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::openapi::ProblemDoc;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(workflow))
        .route("/metrics", get(crate::metrics::guarded))
}

/// How the service is.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    status: &'static str,
    /// `ok` when the database answers (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    database: Option<&'static str>,
    /// `ok` when the document store answers (readiness only).
    #[serde(skip_serializing_if = "Option::is_none")]
    storage: Option<&'static str>,
}

/// The process answers.
#[utoipa::path(get, path = "/healthz", tag = "service", responses((status = 200, body = Health)))]
async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        database: None,
        storage: None,
    })
}

/// The database and the document store answer (503 otherwise).
#[utoipa::path(get, path = "/readyz", tag = "service", responses(
    (status = 200, body = Health),
    (status = 503, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn readyz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    crate::db::ping(&state.db)
        .await
        .map_err(|error| ApiError::Unavailable(error.to_string()))?;
    state
        .store
        .ping()
        .await
        .map_err(|error| ApiError::StoreUnavailable(error.to_string()))?;
    Ok(Json(Health {
        status: "ok",
        database: Some("ok"),
        storage: Some("ok"),
    }))
}

/// States, events, who may fire them and what each requires, with Spanish and English labels.
#[utoipa::path(get, path = "/api/v1/workflow", tag = "service", responses(
    (status = 200, body = puente_workflow::export::Definition),
))]
async fn workflow() -> Json<puente_workflow::export::Definition> {
    Json(puente_workflow::export::definition())
}
