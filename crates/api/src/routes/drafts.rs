//! Drafts Puente writes from a case's facts: generated and stored as a new document version,
//! or previewed as HTML without storing anything.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use puente_docgen as docgen;

use crate::auth::AuthUser;
use crate::documents::{self, Incoming};
use crate::drafts;
use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::openapi::ProblemDoc;
use crate::repo::cases::state_of;
use crate::state::AppState;

use super::cases::full_case;
use super::documents::{DocumentView, check_rights};

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(generate))
        .routes(routes!(preview))
}

/// A document Puente drafts.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Proyecto de estatutos sociales (stored as `bylaws_draft`).
    Bylaws,
    /// Proyecto de acta constitutiva (stored as `other`).
    ConstitutiveAct,
    /// Carta al notario (stored as `other`).
    NotaryLetter,
    /// Resumen de la solicitud (stored as `other`).
    IntakeSummary,
}

impl From<Template> for docgen::Kind {
    fn from(template: Template) -> docgen::Kind {
        match template {
            Template::Bylaws => docgen::Kind::Bylaws,
            Template::ConstitutiveAct => docgen::Kind::ConstitutiveAct,
            Template::NotaryLetter => docgen::Kind::NotaryLetter,
            Template::IntakeSummary => docgen::Kind::IntakeSummary,
        }
    }
}

/// A file format.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Word (opens in LibreOffice too).
    Docx,
    /// Print-ready PDF.
    Pdf,
    /// An HTML page.
    Html,
}

impl From<Format> for docgen::Format {
    fn from(format: Format) -> docgen::Format {
        match format {
            Format::Docx => docgen::Format::Docx,
            Format::Pdf => docgen::Format::Pdf,
            Format::Html => docgen::Format::Html,
        }
    }
}

/// What to generate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    template: Template,
    format: Format,
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
    let case = full_case(&state, &auth, id).await?;
    let position = state_of(&case);
    if position.state.is_terminal() {
        return Err(ApiError::invalid_state(position, case.version));
    }
    let kind = docgen::Kind::from(request.template);
    let stored = drafts::stored_kind(kind);
    check_rights(&auth, &case, stored)?;
    let facts = drafts::facts(&state, &case).await?;
    let rendered = drafts::render(&state.docgen, kind, facts, request.format.into()).await?;
    let incoming = Incoming {
        case: &case,
        kind: stored,
        slot: 0,
        filename: Some(rendered.filename),
        uploader: (auth.id, auth.role),
        generated: Some((rendered.content_type, kind.code())),
    };
    let source = futures::stream::iter([Ok(Bytes::from(rendered.bytes))]);
    let document = documents::upload(&state, incoming, source).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(DocumentView::from(&document)),
    ))
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
    let case = full_case(&state, &auth, id).await?;
    let facts = drafts::facts(&state, &case).await?;
    let rendered = drafts::render(
        &state.docgen,
        query.template.into(),
        facts,
        docgen::Format::Html,
    )
    .await?;
    crate::access::record(auth.id, crate::access::Read::Preview { case: id });
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
    Ok(response)
}
