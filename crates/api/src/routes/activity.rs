//! What happens around a case: its history, comments and logged hours.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use serde_json::{Value, json};
use time::Date;
use time::format_description::well_known::Rfc3339;

use puente_workflow::{FieldError, Role, Visibility};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{Id, Json};
use crate::repo::{cases, comments, history, hours};
use crate::state::AppState;

use super::cases::visible_case;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases/{id}/history", get(list_history))
        .route(
            "/api/v1/cases/{id}/comments",
            get(list_comments).post(add_comment),
        )
        .route("/api/v1/cases/{id}/hours", get(list_hours).post(log_hours))
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// The case, if the caller may see all of it (a lawyer who has not claimed an open case sees
/// its summary, not its file).
async fn full_case(
    state: &AppState,
    auth: &AuthUser,
    id: uuid::Uuid,
) -> Result<crate::entity::case::Model, ApiError> {
    let (case, seen) = visible_case(state, auth, id).await?;
    if seen != Visibility::Full {
        return Err(ApiError::Forbidden);
    }
    Ok(case)
}

/// `GET /api/v1/cases/{id}/history`: every recorded event, oldest first.
async fn list_history(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Value>, ApiError> {
    let case = full_case(&state, &auth, id).await?;
    let items: Vec<Value> = history::of_case(&state.db, case.id)
        .await?
        .into_iter()
        .map(|e| {
            json!({
                "id": e.id, "seq": e.seq, "event": e.event, "data": e.data,
                "actor": e.actor_id.map(|id| json!({"id": id, "role": e.actor_role})),
                "state_before": e.state_before, "state_after": e.state_after,
                "held_from": e.held_from_after, "at": rfc3339(e.created_at),
                "prev_hash": e.prev_hash, "hash": e.hash,
            })
        })
        .collect();
    Ok(axum::Json(json!({"items": items, "next_cursor": null})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewComment {
    body: String,
}

/// `GET /api/v1/cases/{id}/comments`.
async fn list_comments(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Value>, ApiError> {
    let case = full_case(&state, &auth, id).await?;
    let items: Vec<Value> = comments::of_case(&state.db, case.id)
        .await?
        .into_iter()
        .map(|c| json!({"id": c.id, "author_id": c.author_id, "body": c.body, "created_at": rfc3339(c.created_at)}))
        .collect();
    Ok(axum::Json(json!({"items": items, "next_cursor": null})))
}

/// `POST /api/v1/cases/{id}/comments`: anyone who sees the whole case.
async fn add_comment(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<NewComment>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let case = full_case(&state, &auth, id).await?;
    let text = body.body.trim();
    if text.is_empty() {
        return Err(ApiError::field("body", "required"));
    }
    if text.chars().count() > 4000 {
        return Err(ApiError::Invalid(vec![
            FieldError::new("body", "too_long").with("max", 4000),
        ]));
    }
    let comment = comments::add(&state.db, case.id, auth.id, text).await?;
    cases::touch(&state.db, case.id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(
            json!({"id": comment.id, "author_id": comment.author_id, "body": comment.body, "created_at": rfc3339(comment.created_at)}),
        ),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewHours {
    date: String,
    hours: f64,
    description: String,
}

fn hours_json(h: &crate::entity::hours::Model) -> Value {
    json!({
        "id": h.id, "lawyer_id": h.lawyer_id, "firm_id": h.firm_id, "date": h.worked_on.to_string(),
        "hours": f64::from(h.minutes) / 60.0, "description": h.description, "created_at": rfc3339(h.created_at),
    })
}

/// `GET /api/v1/cases/{id}/hours`.
async fn list_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Value>, ApiError> {
    let case = full_case(&state, &auth, id).await?;
    let items: Vec<Value> = hours::of_case(&state.db, case.id)
        .await?
        .iter()
        .map(hours_json)
        .collect();
    Ok(axum::Json(json!({"items": items, "next_cursor": null})))
}

/// `POST /api/v1/cases/{id}/hours` (the assigned lawyer): `hours` in quarters of an hour, from
/// 0.25 to 24, on a day not in the future.
async fn log_hours(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<NewHours>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
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
            Some((quarters as i32) * 15)
        } else {
            errors.push(FieldError::new("hours", "hours.range"));
            None
        };
    let description = body.description.trim();
    if description.is_empty() {
        errors.push(FieldError::new("description", "required"));
    } else if description.chars().count() > 1000 {
        errors.push(FieldError::new("description", "too_long").with("max", 1000));
    }
    let (Some(date), Some(minutes), true) = (date, minutes, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    let logged = hours::log(
        &state.db,
        case.id,
        auth.id,
        auth.organization,
        date,
        minutes,
        description,
    )
    .await?;
    cases::touch(&state.db, case.id).await?;
    Ok((StatusCode::CREATED, axum::Json(hours_json(&logged))))
}
