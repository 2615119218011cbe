//! Reports for program managers: the caseload as JSON, and the cases and the logged hours as
//! CSV files streamed page by page (see [`crate::service::reports`] for how they are written).

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::{Query, RequestLang};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::reports::caseload::Caseload;
use crate::service::reports::{self, Export, Filters};
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(caseload))
        .routes(routes!(cases_csv))
        .routes(routes!(hours_csv))
}

/// The period and filters of a report.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day of the period, `YYYY-MM-DD` (inclusive).
    #[param(format = Date)]
    from: Option<String>,
    /// Last day of the period, `YYYY-MM-DD` (inclusive; today by default).
    #[param(format = Date)]
    to: Option<String>,
    /// State of Mexico of the case's domicile (ISO 3166-2:MX).
    #[param(value_type = Option<puente_workflow::intake::MexicanState>, inline)]
    state: Option<String>,
    /// Law firm.
    firm: Option<Uuid>,
    /// Language of the column titles and messages (`es`, `en`), instead of `Accept-Language`.
    #[allow(dead_code)] // read by the problem localizer and `request_lang`
    lang: Option<String>,
}

impl From<ReportQuery> for Filters {
    fn from(query: ReportQuery) -> Filters {
        Filters {
            from: query.from,
            to: query.to,
            state: query.state,
            firm: query.firm,
        }
    }
}

/// The caseload report (managers).
#[utoipa::path(get, path = "/api/v1/reports/caseload", tag = "reports", security(("bearer" = [])), params(ReportQuery), responses(
    (status = 200, body = Caseload),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 503, description = "Too many reports at once; see Retry-After", body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn caseload(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(query): Query<ReportQuery>,
) -> Result<axum::Json<Caseload>, ApiError> {
    let report = reports::caseload(&state, &auth, &query.into()).await?;
    Ok(axum::Json(report))
}

/// A CSV export as a download, streamed as it is written; the pages answer with it too.
pub fn csv_response(export: Export) -> Response {
    let mut response = Body::from_stream(export.body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) =
        HeaderValue::from_str(&format!("attachment; filename=\"{}\"", export.filename))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Every case, one row each, with its milestones (managers).
#[utoipa::path(get, path = "/api/v1/reports/cases.csv", tag = "reports", security(("bearer" = [])), params(ReportQuery), responses(
    (status = 200, description = "CSV, one row per case created within the period", content_type = "text/csv"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn cases_csv(
    State(state): State<AppState>,
    auth: AuthUser,
    RequestLang(lang): RequestLang,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let export = reports::cases_export(&state, &auth, &query.into(), lang).await?;
    Ok(csv_response(export))
}

/// Every logged time within the period, oldest first (managers).
#[utoipa::path(get, path = "/api/v1/reports/hours.csv", tag = "reports", security(("bearer" = [])), params(ReportQuery), responses(
    (status = 200, description = "CSV, one row per logged time", content_type = "text/csv"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn hours_csv(
    State(state): State<AppState>,
    auth: AuthUser,
    RequestLang(lang): RequestLang,
    Query(query): Query<ReportQuery>,
) -> Result<Response, ApiError> {
    let export = reports::hours_export(&state, &auth, &query.into(), lang).await?;
    Ok(csv_response(export))
}
