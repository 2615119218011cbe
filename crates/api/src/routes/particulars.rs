//! An associate's generales, completed by the case's lawyer before the signing.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{CaseAnd, Json};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::particulars::{self, AssociateParticulars};
use crate::service::views::CaseView;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(update))
}

/// Replaces the generales and the RFC of associate `n` (from 0): birth date and place, civil
/// status, occupation, domicile, how the deed addresses them (without a CURP), identification,
/// and a foreigner's immigration document, each optional. `record_signing` names those still
/// blank (`particulars:associates[<n>].<field>`). The assigned lawyer, from the claim until the
/// signing; `If-Match` must name the case's current version. Recorded as `intake_updated`.
#[utoipa::path(put, path = "/api/v1/cases/{id}/associates/{n}/particulars", tag = "cases", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The case"),
        ("n" = usize, Path, description = "The associate, from 0"),
        ("If-Match" = String, Header, description = "The case's current version, as its ETag: \"4\""),
    ),
    request_body = AssociateParticulars,
    responses(
    (status = 200, body = CaseView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 412, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 428, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    CaseAnd(id, n): CaseAnd,
    headers: HeaderMap,
    Json(body): Json<AssociateParticulars>,
) -> Result<Response, ApiError> {
    // A malformed associate number names no resource: 404, as for any path.
    let n: usize = n.parse().map_err(|_| ApiError::NotFound)?;
    let expected = super::cases::if_match(&headers)?;
    let view = particulars::update(&state, &auth, id, n, expected, &body).await?;
    Ok(super::cases::with_etag(axum::http::StatusCode::OK, view))
}
