//! Cases: a shelter creates and edits its intake; everyone lists and reads what they may see.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{Alert, Problem, Role, State as CaseStatus, Visibility};

use crate::auth::AuthUser;
use crate::entity::case;
use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::openapi::{Page, ProblemDoc};
use crate::repo::cases::{self, Order, state_of};
use crate::repo::orgs;
use crate::service::{self, cases::CaseQuery};
use crate::state::AppState;
use crate::views::{CaseView, Names, case_view};

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(show, update))
}

/// A case's intake, as created or replaced.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeBody {
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
    let view = case_view(
        case,
        &names,
        auth,
        state.today(),
        state.settings.utc_offset(),
        &state.settings.alerts,
    )
    .ok_or(ApiError::NotFound)?;
    let mut response = (status, axum::Json(view)).into_response();
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", case.version)) {
        response.headers_mut().insert(header::ETAG, etag);
    }
    Ok(response)
}

/// Creates a case in `draft` (shelters). The intake may be incomplete; wrong values are refused.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", security(("bearer" = [])), request_body = IntakeBody, responses(
    (status = 201, body = CaseView),
    (status = 400, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 413, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 415, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
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
        state.now(),
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

/// Loads a case the caller may see whole, personal data included: 404 when they may not see it
/// at all, 403 when they see only its summary (a lawyer who has not claimed an open case).
pub async fn full_case(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<case::Model, ApiError> {
    let (case, seen) = visible_case(state, auth, id).await?;
    if seen != Visibility::Full {
        return Err(ApiError::Forbidden);
    }
    // A shelter's blocked personal data is kept for legal retention only: never shown. Once
    // purged, what remains is anonymised.
    let blocked = crate::repo::orgs::find(&state.db, case.shelter_id)
        .await?
        .is_some_and(|shelter| shelter.blocked_at.is_some() && shelter.purged_at.is_none());
    if blocked {
        return Err(ApiError::Conflict {
            code: "personal_data_blocked",
            state: None,
            version: None,
        });
    }
    Ok(case)
}

/// One case, as the caller may see it; the `ETag` is its version.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = CaseView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
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

/// Replaces the intake (the owning shelter, in `draft` or `needs_info`); `If-Match` must name
/// the current version.
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The case"),
        ("If-Match" = String, Header, description = "The case's current version, as its ETag: \"4\""),
    ),
    request_body = IntakeBody, responses(
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
        state.now(),
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

/// Filters and page of the case list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// State of the workflow.
    status: Option<CaseStatus>,
    /// Federal entity of the domicile (ISO 3166-2:MX).
    state: Option<String>,
    /// Law firm.
    firm: Option<Uuid>,
    /// Lawyer.
    lawyer: Option<Uuid>,
    /// Deadline alert.
    alert: Option<Alert>,
    /// Text in the reference or the first proposed name.
    q: Option<String>,
    /// Only cases waiting in their current state at least this many days.
    waiting: Option<i64>,
    /// `newest` first (by creation; the default) or `waiting`: those waiting longest in their
    /// current state first.
    order: Option<String>,
    /// Page size, 1 to 200 (50 by default).
    limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Language of error messages (`es`, `en`), instead of `Accept-Language`.
    #[allow(dead_code)] // read by the problem localizer
    lang: Option<String>,
}

/// The cases the caller may see, filtered, by pages: the newest first, or those waiting longest;
/// with `total`, how many pass the filters (absent with `alert`).
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Page<CaseView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<Page<CaseView>>, ApiError> {
    let order = match query.order.as_deref() {
        None | Some("newest") => Order::Newest,
        Some("waiting") => Order::Waiting,
        Some(_) => return Err(ApiError::field("order", "invalid_choice")),
    };
    let place = match query.state.as_deref() {
        Some(code) => Some(
            code.parse::<puente_workflow::intake::MexicanState>()
                .map_err(|_| ApiError::field("state", "state.unknown"))?,
        ),
        None => None,
    };
    let listing = service::cases::list(
        &state,
        &auth,
        CaseQuery {
            status: query.status,
            state: place,
            firm: query.firm,
            lawyer: query.lawyer,
            alert: query.alert,
            q: query.q,
            waiting_days: query.waiting,
            order,
            limit: query.limit.unwrap_or(50),
            cursor: query.cursor,
        },
    )
    .await?;
    Ok(axum::Json(Page {
        items: listing.items,
        next_cursor: listing.next_cursor,
        total: listing.total,
    }))
}
