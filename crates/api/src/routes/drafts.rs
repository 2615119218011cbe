//! Drafts Puente writes from a case's facts: generated and stored as a new document version,
//! or previewed as HTML without storing anything.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;
use crate::service::documents::DocumentView;
use crate::service::donataria::{self, DonatariaChoice};
use crate::service::drafts::{self, Format, Template};
use crate::service::views::CaseView;
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(generate))
        .routes(routes!(preview))
        .routes(routes!(choose_donataria))
}

/// Records the fraction(s) of LISR art. 79 that the bylaws of a future donataria name for its
/// exclusive activities (`vi`: actividades asistenciales; `xxv_b`: defence and promotion of
/// human rights); recorded in the history as `lisr_fractions_chosen`. The lawyer who may draft
/// the case's documents, when the association seeks to be a donataria; `If-Match` must name the
/// case's current version.
#[utoipa::path(put, path = "/api/v1/cases/{id}/donataria", tag = "documents", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "The case"),
        ("If-Match" = String, Header, description = "The case's current version, as its ETag: \"4\""),
    ),
    request_body = DonatariaChoice,
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
async fn choose_donataria(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    headers: HeaderMap,
    Json(body): Json<DonatariaChoice>,
) -> Result<Response, ApiError> {
    let expected = super::cases::if_match(&headers)?;
    let view = donataria::choose(&state, &auth, id, expected, &body).await?;
    Ok(super::cases::with_etag(StatusCode::OK, view))
}

/// What to generate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    /// The document.
    pub template: Template,
    /// Its format.
    pub format: Format,
}

/// Which draft to preview.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// The document.
    template: Template,
    /// The language of error messages (the draft is Spanish).
    #[serde(default)]
    #[allow(dead_code)]
    lang: Option<String>,
}

/// Generates a draft from the case's facts and stores it as a new version of its kind
/// (`bylaws` → `bylaws_draft`, the others `other`), recorded in the history as
/// `document_generated`. Those who may see the case's personal data and may file that kind may
/// generate it.
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents/generate", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")),
    request_body = GenerateRequest,
    responses(
    (status = 201, body = DocumentView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 503, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn generate(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(request): Json<GenerateRequest>,
) -> Result<(StatusCode, axum::Json<DocumentView>), ApiError> {
    let document = drafts::generate(&state, &auth, id, request.template, request.format).await?;
    Ok((StatusCode::CREATED, axum::Json(document)))
}

/// The draft as an HTML page, rendered from the case's facts now and not stored. Those who may
/// see the case's personal data may preview.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/preview", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case"), PreviewQuery),
    responses(
    (status = 200, content_type = "text/html", body = String),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn preview(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Query(query): Query<PreviewQuery>,
) -> Result<Response, ApiError> {
    let rendered = drafts::preview(&state, &auth, id, query.template).await?;
    Ok(draft_page(rendered))
}

/// A draft as an HTML page under its own policy: its own style, no script, framed only by
/// Puente's pages.
pub fn draft_page(rendered: puente_docgen::Rendered) -> Response {
    let mut response = rendered.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(rendered.content_type),
    );
    // The page carries its own style and no script; it may be framed by Puente's own pages.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
