//! A case's documents: upload (multipart `kind`, optional `associate`, then `file`), list,
//! metadata, and the decrypted content.

use axum::body::Body;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use bytes::Bytes;
use futures::{Stream, StreamExt};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use puente_workflow::DocumentKind;

use crate::entity::document;
use crate::error::ApiError;
use crate::extract::Id;
use crate::openapi::{Page, ProblemDoc};
use crate::service::auth::AuthUser;
use crate::service::documents::{DocumentSeries, DocumentView, Incoming, SourceError};
use crate::service::{self, documents};
use crate::state::AppState;

/// The routes; uploads may carry `limit` bytes of file plus the form around it.
pub fn router(limit: u64) -> OpenApiRouter<AppState> {
    let body_limit = usize::try_from(limit)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    OpenApiRouter::new()
        .routes(routes!(list, upload))
        .layer(DefaultBodyLimit::max(body_limit))
        .routes(routes!(show, delete))
        .routes(routes!(content))
}

fn multipart_error(error: &MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::BadRequest("malformed_multipart")
    }
}

/// Uploads a document: multipart with `kind`, `associate` (the associate's position, for
/// `founder_id` and `founder_tax_certificate`), then `file`. The content decides the type
/// (PDF, JPEG, PNG, HEIC, WebP, DOCX, ODT) and the stored file name's extension; it is encrypted
/// before it is stored. A new upload of the same kind (and associate) adds a version. 422 on
/// `file` when the shelter's storage quota has no room for it (`storage.quota_exceeded`) or the
/// malware scan finds something (`document.infected`); 503 `scan_unavailable` with
/// `Retry-After` when a configured scan cannot be done. Nothing is kept of a refused upload.
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")),
    request_body(content_type = "multipart/form-data", description = "Fields `kind`, optional `associate`, then `file`"),
    responses(
    (status = 201, body = DocumentView),
    (status = 400, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 413, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 415, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 503, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn upload(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, axum::Json<DocumentView>), ApiError> {
    let multipart = multipart.map_err(|_| ApiError::UnsupportedMediaType);
    let stored = receive(&state, &auth, id, multipart).await?;
    Ok((StatusCode::CREATED, axum::Json(stored)))
}

/// Reads an upload's form (`kind`, `associate`, then `file`) and streams the file into case
/// `id`'s documents. The API and the case page both receive uploads through here.
pub async fn receive(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
    multipart: Result<Multipart, ApiError>,
) -> Result<DocumentView, ApiError> {
    let case = service::cases::full(state, auth, id).await?;
    let mut multipart = multipart?;
    let mut kind: Option<DocumentKind> = None;
    let mut associate: Option<String> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e))?
    {
        match field.name().unwrap_or_default() {
            "kind" => {
                let text = field.text().await.map_err(|e| multipart_error(&e))?;
                kind = Some(
                    text.trim()
                        .parse()
                        .map_err(|_| ApiError::field("kind", "invalid_choice"))?,
                );
            }
            "associate" => associate = Some(field.text().await.map_err(|e| multipart_error(&e))?),
            "file" => {
                let kind = kind.ok_or_else(|| ApiError::field("kind", "required"))?;
                documents::check_upload(auth, &case, kind)?;
                let slot = documents::slot(&case, kind, associate.as_deref())?;
                let filename = field.file_name().map(str::to_owned);
                // A name that tries to climb or name a path is refused outright: no honest
                // browser sends one.
                if let Some(name) = filename.as_deref()
                    && (name.contains(['/', '\\'])
                        || name.contains("..")
                        || name.chars().any(char::is_control))
                {
                    return Err(ApiError::field("file", "filename.invalid"));
                }
                let source = Box::pin(field.map(|piece| {
                    piece.map_err(|error| {
                        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            SourceError::TooLarge
                        } else {
                            SourceError::Malformed
                        }
                    })
                }));
                let incoming = Incoming {
                    case: &case,
                    kind,
                    slot,
                    filename,
                    uploader: (auth.id, auth.role),
                    generated: None,
                };
                let stored = documents::upload(state, incoming, source).await?;
                return Ok(DocumentView::from(&stored));
            }
            other => return Err(ApiError::field(other.to_owned(), "unknown_field")),
        }
    }
    Err(ApiError::field("file", "required"))
}

/// A case's documents: the latest version of each, with the older ones under `previous`.
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The case")), responses(
    (status = 200, body = Page<DocumentSeries>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Page<DocumentSeries>>, ApiError> {
    let items = documents::list(&state, &auth, id).await?;
    Ok(axum::Json(Page::whole(items)))
}

/// One document's metadata.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")), responses(
    (status = 200, body = DocumentView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn show(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<DocumentView>, ApiError> {
    Ok(axum::Json(documents::show(&state, &auth, id).await?))
}

/// Deletes a document (a soft delete: kept for the legal retention period, recorded in the
/// history, no longer listed, served or counted). A manager may delete any document; otherwise
/// only the side that uploaded it (its uploader or their organization), while it may still
/// upload that kind: a shelter cannot delete what its lawyer uploaded.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")), responses(
    (status = 204, description = "Deleted"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn delete(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    documents::delete(&state, &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `filename*` of RFC 6266: UTF-8, percent-encoded outside the attribute characters.
fn encoded(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'!'
            | b'#'
            | b'$'
            | b'&'
            | b'+'
            | b'-'
            | b'.'
            | b'^'
            | b'_'
            | b'`'
            | b'|'
            | b'~' => char::from(b).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The document's content, decrypted as it streams, with its SHA-256 as `ETag`. A stored object
/// that fails authentication is refused (500 `document_integrity`), never served.
#[utoipa::path(get, path = "/api/v1/documents/{id}/content", tag = "documents", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The document")), responses(
    (status = 200, description = "The file, of the media type it was stored with", content_type = "*/*"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 500, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 503, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn content(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let (row, first, rest) = documents::content(&state, &auth, id).await?;
    file_response(&row, first, rest)
}

/// A document's content as a download: decrypted as it streams, with its SHA-256 as `ETag`.
pub fn file_response(
    row: &document::Model,
    first: Bytes,
    rest: impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
) -> Result<Response, ApiError> {
    let body = Body::from_stream(
        futures::stream::once(async move { Ok::<_, std::io::Error>(first) }).chain(rest),
    );
    let ascii: String = row
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encoded(&row.filename)
    );
    let header_value =
        |text: &str| HeaderValue::from_str(text).map_err(|e| ApiError::Internal(e.to_string()));
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, header_value(&row.content_type)?)
        .header(header::CONTENT_LENGTH, row.size)
        .header(header::ETAG, header_value(&format!("\"{}\"", row.sha256))?)
        .header(header::CONTENT_DISPOSITION, header_value(&disposition)?)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "private, no-store")
        .body(body)
        .map_err(|e| ApiError::Internal(e.to_string()))
}
