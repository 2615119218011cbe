//! Checking the tamper-evident history.

use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::openapi::ProblemDoc;
use crate::service::audit::{self, Verification};
use crate::service::auth::AuthUser;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(verify))
}

/// Walks every case's hash chain (managers).
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", security(("bearer" = [])), responses(
    (status = 200, body = Verification),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn verify(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<axum::Json<Verification>, ApiError> {
    auth.require_manager()?;
    Ok(axum::Json(audit::verify(&state.db).await?))
}
