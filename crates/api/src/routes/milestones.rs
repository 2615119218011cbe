//! The association's legal life after the signing: the milestones the lawyer or a manager
//! records (the aviso de uso, the RFC, the e.firma, the CLUNI, the donataria's application and
//! authorization).

use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use puente_workflow::Milestone;

use crate::error::ApiError;
use crate::extract::{CaseAnd, Json};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::milestones::{self, NewMilestone};
use crate::service::views::CaseView;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(record))
}

/// Records a milestone after the signing (`aviso_de_uso`, `rfc` with the association's RFC as
/// `reference`, `efirma`, `cluni`, `donataria_application`, `donataria_authorization`), with
/// its day (not before the signing, not in the future); recorded again, it replaces the one
/// before. In the history as `milestone_recorded`. The assigned lawyer or a manager, once the
/// deed is signed. The aviso de uso ends the name authorization's alert; the RFC, the
/// `rfc_pending` alert a month after the signing.
#[utoipa::path(put, path = "/api/v1/cases/{id}/milestones/{milestone}", tag = "cases", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The case"),
        ("milestone" = inline(Milestone), Path, description = "Which milestone"),
    ),
    request_body = NewMilestone,
    responses(
    (status = 200, body = CaseView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn record(
    State(state): State<AppState>,
    auth: AuthUser,
    CaseAnd(id, milestone): CaseAnd,
    Json(body): Json<NewMilestone>,
) -> Result<axum::Json<CaseView>, ApiError> {
    // An unknown milestone names no resource: 404, as for any path.
    let milestone: Milestone = serde_json::from_value(serde_json::Value::String(milestone))
        .map_err(|_| ApiError::NotFound)?;
    let view = milestones::record(&state, &auth, id, milestone, &body).await?;
    Ok(axum::Json(view))
}
