//! What happens around a case: its history, comments and logged hours.

use axum::extract::State;
use axum::http::StatusCode;
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use puente_workflow::text::{self, Lines};
use puente_workflow::{FieldError, Role};

use crate::auth::AuthUser;
use crate::entity::{case_event, comment, hours as hours_entity, user};
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::openapi::{Page, ProblemDoc};
use crate::repo::{cases, comments, history, hours, outbox, users};
use crate::state::AppState;
use crate::views::rfc3339;

use super::cases::full_case;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_history))
        .routes(routes!(list_comments, add_comment))
        .routes(routes!(list_hours, log_hours))
}

/// Who recorded an event.
#[derive(Serialize, ToSchema)]
pub struct ActorRef {
    /// The user.
    id: Uuid,
    /// Their role then.
    role: Option<String>,
}

/// One event of a case's history, with the hashes that chain it to the one before.
#[derive(Serialize, ToSchema)]
pub struct HistoryEntry {
    id: Uuid,
    /// 1, 2, 3… within the case.
    seq: i32,
    /// A workflow event, `created` or `intake_updated`.
    event: String,
    /// The event's data.
    #[schema(value_type = Object)]
    data: Value,
    actor: Option<ActorRef>,
    state_before: String,
    state_after: String,
    held_from: Option<String>,
    #[schema(format = DateTime)]
    at: String,
    prev_hash: String,
    hash: String,
}

impl From<case_event::Model> for HistoryEntry {
    fn from(e: case_event::Model) -> HistoryEntry {
        HistoryEntry {
            id: e.id,
            seq: e.seq,
            event: e.event,
            data: e.data,
            actor: e.actor_id.map(|id| ActorRef {
                id,
                role: e.actor_role.clone(),
            }),
            state_before: e.state_before,
            state_after: e.state_after,
            held_from: e.held_from_after,
            at: rfc3339(e.created_at),
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
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
    let case = full_case(&state, &auth, id).await?;
    let items = history::of_case(&state.db, case.id)
        .await?
        .into_iter()
        .map(HistoryEntry::from)
        .collect();
    Ok(axum::Json(Page::whole(items)))
}

/// A new comment.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// The text, 1 to 4000 characters.
    body: String,
}

/// A comment.
#[derive(Serialize, ToSchema)]
pub struct CommentView {
    id: Uuid,
    author_id: Uuid,
    /// The author's name, as the account has it now.
    author_name: String,
    /// The author's role (`shelter`, `lawyer`, `manager`).
    author_role: String,
    body: String,
    #[schema(format = DateTime)]
    created_at: String,
}

impl CommentView {
    fn of(c: comment::Model, author: Option<&user::Model>) -> CommentView {
        CommentView {
            id: c.id,
            author_id: c.author_id,
            author_name: author.map(|a| a.name.clone()).unwrap_or_default(),
            author_role: author.map(|a| a.role.clone()).unwrap_or_default(),
            body: c.body,
            created_at: rfc3339(c.created_at),
        }
    }
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
    let case = full_case(&state, &auth, id).await?;
    let listed = comments::of_case(&state.db, case.id).await?;
    let mut ids: Vec<Uuid> = listed.iter().map(|c| c.author_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let authors = users::by_ids(&state.db, &ids).await?;
    let items = listed
        .into_iter()
        .map(|c| {
            let author = authors.iter().find(|a| a.id == c.author_id);
            CommentView::of(c, author)
        })
        .collect();
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
    let case = full_case(&state, &auth, id).await?;
    // A comment may run over several lines; nothing else invisible.
    if let Some(problem) = text::check("body", &body.body, Lines::Many) {
        return Err(ApiError::Invalid(vec![problem]));
    }
    let text = body.body.trim();
    if text.is_empty() {
        return Err(ApiError::field("body", "required"));
    }
    if text.chars().count() > 4000 {
        return Err(ApiError::Invalid(vec![
            FieldError::new("body", "too_long").with("max", 4000),
        ]));
    }
    let at = state.now();
    let txn = state.db.begin().await?;
    let comment = comments::add(&txn, case.id, auth.id, text, at).await?;
    cases::touch(&txn, case.id, at).await?;
    for message in crate::mail::for_comment(&case, auth.id) {
        outbox::enqueue(&txn, message, at).await?;
    }
    txn.commit().await?;
    let author = users::find(&state.db, auth.id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CommentView::of(comment, author.as_ref())),
    ))
}

/// Time to log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHours {
    /// The day worked, `YYYY-MM-DD`, not in the future.
    date: String,
    /// Hours, in quarters: 0.25 to 24.
    hours: f64,
    /// What was done.
    description: String,
}

/// Logged pro bono time.
#[derive(Serialize, ToSchema)]
pub struct HoursView {
    id: Uuid,
    lawyer_id: Uuid,
    firm_id: Uuid,
    date: String,
    hours: f64,
    description: String,
    #[schema(format = DateTime)]
    created_at: String,
}

impl From<&hours_entity::Model> for HoursView {
    fn from(h: &hours_entity::Model) -> HoursView {
        HoursView {
            id: h.id,
            lawyer_id: h.lawyer_id,
            firm_id: h.firm_id,
            date: h.worked_on.to_string(),
            hours: f64::from(h.minutes) / 60.0,
            description: h.description.clone(),
            created_at: rfc3339(h.created_at),
        }
    }
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
    let case = full_case(&state, &auth, id).await?;
    let items = hours::of_case(&state.db, case.id)
        .await?
        .iter()
        .map(HoursView::from)
        .collect();
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
    let case = full_case(&state, &auth, id).await?;
    if auth.role != Role::Lawyer || case.lawyer_id != Some(auth.id) {
        return Err(ApiError::Forbidden);
    }
    let mut errors = Vec::new();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(body.date.trim(), &format).ok();
    match date {
        None => errors.push(FieldError::new("date", "date.invalid")),
        Some(day) if day > state.today() => errors.push(FieldError::new("date", "date.future")),
        Some(_) => {}
    }
    let quarters = body.hours * 4.0;
    let minutes =
        if body.hours.is_finite() && quarters.fract() == 0.0 && (1.0..=96.0).contains(&quarters) {
            // In range and whole, so the cast is exact.
            Some((quarters as i32) * 15)
        } else {
            errors.push(FieldError::new("hours", "hours.range"));
            None
        };
    let description = body.description.trim();
    if let Some(problem) = text::check("description", &body.description, Lines::One) {
        errors.push(problem);
    } else if description.is_empty() {
        errors.push(FieldError::new("description", "required"));
    } else if description.chars().count() > 1000 {
        errors.push(FieldError::new("description", "too_long").with("max", 1000));
    }
    let (Some(date), Some(minutes), true) = (date, minutes, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let logged = hours::log(
        &state.db,
        hours::NewHours {
            case: case.id,
            lawyer: auth.id,
            firm: auth.organization,
            worked_on: date,
            minutes,
            description,
            at: state.now(),
        },
    )
    .await?;
    cases::touch(&state.db, case.id, logged.created_at).await?;
    Ok((StatusCode::CREATED, axum::Json(HoursView::from(&logged))))
}
