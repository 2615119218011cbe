//! Checking the tamper-evident history.

use axum::Router;
use axum::extract::State;
use axum::routing::get;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::repo::history::{self, Verification};
use crate::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/audit/verify", get(verify))
}

/// `GET /api/v1/audit/verify` (managers): walks every case's hash chain.
async fn verify(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<axum::Json<Verification>, ApiError> {
    auth.require_manager()?;
    Ok(axum::Json(history::verify(&state.db).await?))
}
