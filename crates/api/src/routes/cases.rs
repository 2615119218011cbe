//! Cases: a shelter creates and edits its intake (and deletes a draft it has not sent); everyone
//! lists and reads what they may see.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{Alert, Status};

use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::openapi::{Page, ProblemDoc};
use crate::service::auth::AuthUser;
use crate::service::cases::Order;
use crate::service::views::CaseView;
use crate::service::{self, cases::CaseQuery};
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(show, update, discard))
}

/// A case's intake, as created or replaced.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeBody {
    intake: IntakeDraft,
}

/// A case with its version as the `ETag`.
pub fn with_etag(status: StatusCode, view: CaseView) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{}\"", view.version)).ok();
    let mut response = (status, axum::Json(view)).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
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
    let view = service::intake::create(&state, &auth, &body.intake).await?;
    Ok(with_etag(StatusCode::CREATED, view))
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
    let view = service::cases::show(&state, &auth, id).await?;
    Ok(with_etag(StatusCode::OK, view))
}

/// The version `If-Match` names, if it is there; 422 when it is not a version.
pub fn if_match(headers: &HeaderMap) -> Result<Option<i32>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse().ok())
        .map(Some)
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
    let expected = if_match(&headers)?;
    let view = service::intake::replace(&state, &auth, id, expected, &body.intake).await?;
    Ok(with_etag(StatusCode::OK, view))
}

/// Deletes a request its shelter has not sent (in `draft`, holding no document), with
/// everything recorded about it; a request sent is withdrawn instead (409 `invalid_state`), a
/// draft with documents too (409 `draft_has_documents`).
#[utoipa::path(delete, path = "/api/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 204, description = "Deleted"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn discard(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    service::intake::discard(&state, &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Filters and page of the case list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// State of the workflow.
    status: Option<Status>,
    /// Federal entity of the domicile (ISO 3166-2:MX).
    #[param(value_type = Option<puente_workflow::intake::MexicanState>, inline)]
    state: Option<String>,
    /// Law firm.
    firm: Option<Uuid>,
    /// Lawyer.
    lawyer: Option<Uuid>,
    /// Deadline alert.
    alert: Option<Alert>,
    /// Text in the reference or the first proposed name.
    q: Option<String>,
    /// Only cases waiting in their current state at least this many days (0 to 3650).
    #[param(minimum = 0, maximum = 3650)]
    waiting: Option<i64>,
    /// `newest` first (by creation; the default), `oldest` first, `waiting`: those waiting
    /// longest in their current state first, or `recent`: those that entered it last first.
    #[param(inline)]
    order: Option<Order>,
    /// Page size, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
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
            order: query.order.unwrap_or_default(),
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
