//! Liveness, readiness, metrics and the workflow's definition.

use axum::Json;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use puente_workflow::FieldError;

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

/// The database and the document store answer; otherwise 503 `not_ready`, its `errors` naming
/// each that does not (`database`, `storage`), each asked for two seconds at most.
#[utoipa::path(get, path = "/readyz", tag = "service", responses(
    (status = 200, body = Health),
    (status = 503, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn readyz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    // A probe waits two seconds at most for each, both at once.
    let patience = std::time::Duration::from_secs(2);
    let (database, storage) = tokio::join!(
        tokio::time::timeout(patience, crate::db::ping(&state.db)),
        tokio::time::timeout(patience, state.store.ping()),
    );
    let outcomes = [
        ("database", database.map(|r| r.map_err(|e| e.to_string()))),
        ("storage", storage.map(|r| r.map_err(|e| e.to_string()))),
    ];
    let mut down = Vec::new();
    for (dependency, outcome) in outcomes {
        match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(error)) => tracing::warn!(dependency, %error, "not ready: it does not answer"),
            Err(_) => tracing::warn!(dependency, "not ready: it did not answer in time"),
        }
        down.push(FieldError::new(dependency, "dependency.unavailable"));
    }
    if !down.is_empty() {
        return Err(ApiError::NotReady(down));
    }
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
