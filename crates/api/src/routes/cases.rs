//! Cases: a shelter creates and edits its intake; everyone lists and reads what they may see.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{Alert, Problem, Role, State as CaseStatus, Visibility};

use crate::auth::AuthUser;
use crate::clock;
use crate::entity::case;
use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::repo::cases::{self, Filter, Scope, state_of};
use crate::repo::orgs;
use crate::state::AppState;
use crate::views::{Names, case_alerts, case_json};

use super::Page;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases", get(list).post(create))
        .route("/api/v1/cases/{id}", get(show).patch(update))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntakeBody {
    intake: IntakeDraft,
}

/// Refuses values that are wrong (a bad CURP, an unknown state); what is merely missing may
/// wait until submission.
fn check_draft(intake: &IntakeDraft) -> Result<(), ApiError> {
    let wrong: Vec<_> = intake
        .problems()
        .into_iter()
        .filter(|e| e.problem() == Problem::Invalid)
        .map(|mut e| {
            e.field = format!("intake.{}", e.field);
            e
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(wrong))
    }
}

/// Renders one case for the caller, with its version as the `ETag`.
pub async fn render(
    state: &AppState,
    auth: &AuthUser,
    case: &case::Model,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let names = Names::load(&state.db, std::slice::from_ref(case)).await?;
    let body = case_json(
        case,
        &names,
        auth,
        state.today(),
        state.settings.utc_offset(),
        &state.settings.alerts,
    )
    .ok_or(ApiError::NotFound)?;
    let mut response = (status, axum::Json(body)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", case.version)) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    Ok(response)
}

/// `POST /api/v1/cases` (shelters): a new case in `draft`.
async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<IntakeBody>,
) -> Result<Response, ApiError> {
    if auth.role != Role::Shelter {
        return Err(ApiError::Forbidden);
    }
    check_draft(&body.intake)?;
    let case = cases::create(
        &state.db,
        auth.organization,
        &body.intake,
        (auth.id, auth.role),
        clock::now(),
    )
    .await?;
    render(&state, &auth, &case, StatusCode::CREATED).await
}

/// Loads a case the caller may see at all (404 otherwise).
pub async fn visible_case(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<(case::Model, Visibility), ApiError> {
    let case = cases::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let facts = crate::views::facts(&case, shelter.is_some_and(|s| s.verified));
    let seen = puente_workflow::visibility(state_of(&case), &auth.actor(), &facts);
    if seen == Visibility::Hidden {
        return Err(ApiError::NotFound);
    }
    Ok((case, seen))
}

/// `GET /api/v1/cases/{id}`.
async fn show(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let (case, _) = visible_case(&state, &auth, id).await?;
    render(&state, &auth, &case, StatusCode::OK).await
}

/// The version `If-Match` names: 428 without it, 422 when it is not a version.
fn if_match(headers: &HeaderMap) -> Result<i32, ApiError> {
    let value = headers
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?;
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| ApiError::field("If-Match", "invalid_value"))
}

/// `PATCH /api/v1/cases/{id}` (the owning shelter, in `draft` or `needs_info`, with `If-Match`).
async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    headers: HeaderMap,
    Json(body): Json<IntakeBody>,
) -> Result<Response, ApiError> {
    let (case, _) = visible_case(&state, &auth, id).await?;
    if auth.role != Role::Shelter || auth.organization != case.shelter_id {
        return Err(ApiError::Forbidden);
    }
    let at = state_of(&case);
    if !matches!(at.state, CaseStatus::Draft | CaseStatus::NeedsInfo) {
        return Err(ApiError::invalid_state(at, case.version));
    }
    let expected = if_match(&headers)?;
    if expected != case.version {
        return Err(ApiError::PreconditionFailed {
            version: case.version,
        });
    }
    check_draft(&body.intake)?;
    match cases::update_intake(
        &state.db,
        &case,
        &body.intake,
        (auth.id, auth.role),
        clock::now(),
    )
    .await?
    {
        Some(updated) => render(&state, &auth, &updated, StatusCode::OK).await,
        None => {
            let current = cases::find(&state.db, id)
                .await?
                .ok_or(ApiError::NotFound)?;
            Err(ApiError::PreconditionFailed {
                version: current.version,
            })
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    status: Option<CaseStatus>,
    state: Option<String>,
    firm: Option<Uuid>,
    lawyer: Option<Uuid>,
    alert: Option<Alert>,
    q: Option<String>,
    limit: Option<u64>,
    cursor: Option<String>,
    #[allow(dead_code)] // read by the problem localizer
    lang: Option<String>,
}

fn encode_cursor(case: &case::Model) -> String {
    let text = format!(
        "{}|{}",
        case.created_at.format(&Rfc3339).unwrap_or_default(),
        case.id
    );
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

fn decode_cursor(cursor: &str) -> Option<(OffsetDateTime, Uuid)> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (at, id) = text.split_once('|')?;
    Some((
        OffsetDateTime::parse(at, &Rfc3339).ok()?,
        Uuid::parse_str(id).ok()?,
    ))
}

/// `GET /api/v1/cases`: the cases the caller may see, newest first, filtered, by pages.
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<Page<Value>>, ApiError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::field("limit", "limit.range"));
    }
    let state_filter = match query.state.as_deref() {
        Some(code) => Some(
            code.parse::<puente_workflow::intake::MexicanState>()
                .map_err(|_| ApiError::field("state", "state.unknown"))?
                .code()
                .to_owned(),
        ),
        None => None,
    };
    let mut filter = Filter {
        status: query.status,
        state: state_filter,
        firm: query.firm,
        lawyer: query.lawyer,
        q: query.q,
        after: match query.cursor.as_deref() {
            Some(cursor) => Some(
                decode_cursor(cursor).ok_or_else(|| ApiError::field("cursor", "invalid_value"))?,
            ),
            None => None,
        },
    };
    let scope = match auth.role {
        Role::Manager => Scope::All,
        Role::Shelter => Scope::Shelter(auth.organization),
        Role::Lawyer => Scope::Lawyer {
            user: auth.id,
            firm: auth.organization,
        },
    };
    let today = state.today();
    let offset = state.settings.utc_offset();
    let mut items = Vec::new();
    let mut next_cursor = None;
    // With an alert filter, pages are read until enough cases carry the alert.
    loop {
        let batch = cases::list(&state.db, scope, &filter, limit).await?;
        let more = batch.len() as u64 > limit;
        let batch: Vec<case::Model> = batch.into_iter().take(limit as usize).collect();
        let names = Names::load(&state.db, &batch).await?;
        for case in &batch {
            if let Some(alert) = query.alert
                && !case_alerts(case, today, offset, &state.settings.alerts).contains(&alert)
            {
                continue;
            }
            if let Some(json) =
                case_json(case, &names, &auth, today, offset, &state.settings.alerts)
            {
                items.push(json);
            }
            if items.len() as u64 == limit {
                if more || case.id != batch.last().map(|c| c.id).unwrap_or_default() {
                    next_cursor = Some(encode_cursor(case));
                }
                break;
            }
        }
        match batch.last() {
            Some(last) if more && (items.len() as u64) < limit => {
                filter.after = Some((last.created_at, last.id));
            }
            _ => break,
        }
    }
    Ok(axum::Json(Page { items, next_cursor }))
}
