//! A shelter's personal data: export, block, purge (admins; see `crate::service::privacy`).

use std::io::{Seek, SeekFrom};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::privacy::{self, PurgeSummary};
use crate::state::AppState;

use super::accounts::OrgView;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(block))
        .routes(routes!(purge))
}

/// Everything held about a shelter, as one ZIP archive: `shelter.json` and its documents.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/export", tag = "privacy", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The shelter")), responses(
    (status = 200, description = "The archive", content_type = "application/zip"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn export(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    auth.require_admin()?;
    // Written to an unnamed temporary file (gone when closed), then streamed.
    let file = tempfile::tempfile().map_err(|e| ApiError::Internal(format!("export: {e}")))?;
    let mut file = privacy::export(&state, id, (auth.id, auth.role), file).await?;
    let size = file
        .seek(SeekFrom::End(0))
        .and_then(|size| file.seek(SeekFrom::Start(0)).map(|_| size))
        .map_err(|e| ApiError::Internal(format!("export: {e}")))?;
    let stream = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file));
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/zip"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"puente-albergue-{id}.zip\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Why a shelter's data is blocked.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockBody {
    /// The reason (for example the date of the shelter's cancellation request).
    reason: String,
}

/// Blocks a shelter's personal data: kept for legal retention only, never shown or sent; its
/// staff can no longer sign in. Every case of the shelter must have ended.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/block", tag = "privacy", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The shelter")), request_body = BlockBody, responses(
    (status = 200, body = OrgView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn block(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<BlockBody>,
) -> Result<axum::Json<OrgView>, ApiError> {
    auth.require_admin()?;
    let mut check = crate::service::accounts::create::Check::default();
    let reason = check.multiline("reason", &body.reason, 1000);
    check.done()?;
    let org = privacy::block(&state, id, (auth.id, auth.role), &reason).await?;
    Ok(axum::Json(OrgView::from(&org)))
}

/// Purges a blocked shelter's personal data once its retention has ended: associates
/// anonymised, free text removed, documents deleted from the store; the anonymised cases and
/// their history stay for the program's statistics.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/purge", tag = "privacy", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The shelter")), responses(
    (status = 200, body = PurgeSummary),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn purge(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<PurgeSummary>, ApiError> {
    auth.require_admin()?;
    Ok(axum::Json(
        privacy::purge(&state, id, (auth.id, auth.role)).await?,
    ))
}
