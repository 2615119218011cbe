//! What happens around a case: its history, comments and logged hours.

use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{CaseAnd, Id, Json};
use crate::openapi::{Page, ProblemDoc};
use crate::service::activity::{self, CommentView, HistoryEntry, HoursView, NewComment, NewHours};
use crate::service::auth::AuthUser;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_history))
        .routes(routes!(list_comments, add_comment))
        .routes(routes!(list_hours, log_hours))
        .routes(routes!(correct_hours, delete_hours))
}

/// Every recorded event, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/history", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = Page<HistoryEntry>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_history(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Page<HistoryEntry>>, ApiError> {
    let items = activity::history(&state, &auth, id).await?;
    Ok(axum::Json(Page::whole(items)))
}

/// A case's comments, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/comments", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = Page<CommentView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_comments(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Page<CommentView>>, ApiError> {
    let items = activity::comments(&state, &auth, id).await?;
    Ok(axum::Json(Page::whole(items)))
}

/// Adds a comment (anyone who sees the whole case).
#[utoipa::path(post, path = "/api/v1/cases/{id}/comments", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), request_body = NewComment, responses(
    (status = 201, body = CommentView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn add_comment(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<NewComment>,
) -> Result<(StatusCode, axum::Json<CommentView>), ApiError> {
    let comment = activity::add_comment(&state, &auth, id, &body.body).await?;
    Ok((StatusCode::CREATED, axum::Json(comment)))
}

/// A case's logged time.
#[utoipa::path(get, path = "/api/v1/cases/{id}/hours", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = Page<HoursView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Page<HoursView>>, ApiError> {
    let items = activity::hours(&state, &auth, id).await?;
    Ok(axum::Json(Page::whole(items)))
}

/// Logs pro bono time (the assigned lawyer).
#[utoipa::path(post, path = "/api/v1/cases/{id}/hours", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), request_body = NewHours, responses(
    (status = 201, body = HoursView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn log_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<NewHours>,
) -> Result<(StatusCode, axum::Json<HoursView>), ApiError> {
    let logged = activity::log_hours(&state, &auth, id, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(logged)))
}

/// The case and the entry of `/cases/{id}/hours/{entry}`; a malformed entry names nothing: 404.
fn entry_of(CaseAnd(id, entry): CaseAnd) -> Result<(uuid::Uuid, uuid::Uuid), ApiError> {
    let entry = uuid::Uuid::parse_str(&entry).map_err(|_| ApiError::NotFound)?;
    Ok((id, entry))
}

/// Corrects one's own logged time within a week of logging it (409 `hours_locked` after).
#[utoipa::path(put, path = "/api/v1/cases/{id}/hours/{entry}", tag = "cases",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case"),
           ("entry" = Uuid, Path, description = "The logged entry")),
    request_body = NewHours, responses(
    (status = 200, body = HoursView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn correct_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    path: CaseAnd,
    Json(body): Json<NewHours>,
) -> Result<axum::Json<HoursView>, ApiError> {
    let (id, entry) = entry_of(path)?;
    let corrected = crate::service::hours_log::correct(&state, &auth, id, entry, &body).await?;
    Ok(axum::Json(corrected))
}

/// Deletes one's own logged time within a week of logging it (409 `hours_locked` after).
#[utoipa::path(delete, path = "/api/v1/cases/{id}/hours/{entry}", tag = "cases",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case"),
           ("entry" = Uuid, Path, description = "The logged entry")),
    responses(
    (status = 204),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn delete_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    path: CaseAnd,
) -> Result<StatusCode, ApiError> {
    let (id, entry) = entry_of(path)?;
    crate::service::hours_log::delete(&state, &auth, id, entry).await?;
    Ok(StatusCode::NO_CONTENT)
}
