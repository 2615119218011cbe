//! The notary chosen for the signing.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use puente_workflow::NotaryDraft;

use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::notary;
use crate::service::views::CaseView;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(choose))
}

/// Records the notary chosen for the signing (name, number, state, district, contact and the fee
/// arrangement: `pro_bono`, `reduced` or `arancel`), replacing an earlier choice; in the history
/// as `notary_chosen`. The notary letter and the act's draft address this notary;
/// `record_signing` requires one (`notary:chosen`) and its `notary_number` must be theirs
/// (`notary:number`). The assigned lawyer, from the claim until the signing; `If-Match` must name
/// the case's current version.
#[utoipa::path(put, path = "/api/v1/cases/{id}/notary", tag = "cases", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The case"),
        ("If-Match" = String, Header, description = "The case's current version, as its ETag: \"4\""),
    ),
    request_body = NotaryDraft,
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
async fn choose(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    headers: HeaderMap,
    Json(body): Json<NotaryDraft>,
) -> Result<Response, ApiError> {
    let expected = super::cases::if_match(&headers)?;
    let view = notary::choose(&state, &auth, id, expected, &body).await?;
    Ok(super::cases::with_etag(StatusCode::OK, view))
}
