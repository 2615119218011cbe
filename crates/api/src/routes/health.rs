//! Liveness, readiness, metrics and the workflow's definition.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(crate::metrics::render))
        .route("/api/v1/workflow", get(workflow))
}

/// `GET /healthz`: the process answers.
async fn healthz() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// `GET /readyz`: the database answers (503 otherwise).
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    crate::db::ping(&state.db)
        .await
        .map_err(|error| ApiError::Unavailable(error.to_string()))?;
    Ok(Json(json!({"status": "ok", "database": "ok"})))
}

/// `GET /api/v1/workflow`: states, events, who may fire them and what each requires.
async fn workflow() -> Json<puente_workflow::export::Definition> {
    Json(puente_workflow::export::definition())
}
