//! A case's documents: upload (multipart `kind`, optional `associate`, then `file`), list,
//! metadata, and the decrypted content.

use axum::body::Body;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use futures::StreamExt;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use puente_workflow::{DocumentKind, FieldError, Role};

use crate::auth::AuthUser;
use crate::documents::{self, Incoming, SourceError, may_upload};
use crate::entity::{case, document};
use crate::error::ApiError;
use crate::extract::Id;
use crate::openapi::{Page, ProblemDoc};
use crate::repo::cases::state_of;
use crate::repo::documents as rows;
use crate::state::AppState;
use crate::views::{intake_of, rfc3339};

use super::cases::full_case;

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

/// A stored document (one version).
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentView {
    id: Uuid,
    case_id: Uuid,
    kind: DocumentKind,
    /// For an associate's papers, the associate's position in the intake (from 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    associate: Option<i32>,
    /// The uploader's file name, cleaned.
    filename: String,
    /// Decided from the content.
    content_type: String,
    size: i64,
    /// SHA-256 of the content, hex (also the download's `ETag`).
    sha256: String,
    version: i32,
    uploaded_by: Uuid,
    #[schema(format = DateTime)]
    created_at: String,
}

/// A series of versions: the current one, and the older ones newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentSeries {
    /// The current version.
    #[serde(flatten)]
    current: DocumentView,
    /// Older versions, newest first.
    previous: Vec<DocumentView>,
}

impl From<&document::Model> for DocumentView {
    fn from(row: &document::Model) -> DocumentView {
        DocumentView {
            id: row.id,
            case_id: row.case_id,
            kind: row.kind.parse().unwrap_or(DocumentKind::Other),
            associate: (row.slot > 0).then_some(row.slot - 1),
            filename: row.filename.clone(),
            content_type: row.content_type.clone(),
            size: row.size,
            sha256: row.sha256.clone(),
            version: row.version,
            uploaded_by: row.uploaded_by,
            created_at: rfc3339(row.created_at),
        }
    }
}

/// 403 unless the caller may upload documents of `kind` on `case`.
pub(super) fn check_rights(
    auth: &AuthUser,
    case: &case::Model,
    kind: DocumentKind,
) -> Result<(), ApiError> {
    let assigned = case.lawyer_id == Some(auth.id);
    let own = auth.role == Role::Shelter && auth.organization == case.shelter_id;
    if may_upload(auth.role, assigned, own, kind) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
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
    let case = full_case(&state, &auth, id).await?;
    let mut multipart = multipart.map_err(|_| ApiError::UnsupportedMediaType)?;
    let position = state_of(&case);
    if position.state.is_terminal() {
        return Err(ApiError::invalid_state(position, case.version));
    }
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
                check_rights(&auth, &case, kind)?;
                let slot = slot(&case, kind, associate.as_deref())?;
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
                let stored = documents::upload(&state, incoming, source).await?;
                return Ok((StatusCode::CREATED, axum::Json(DocumentView::from(&stored))));
            }
            other => return Err(ApiError::field(other.to_owned(), "unknown_field")),
        }
    }
    Err(ApiError::field("file", "required"))
}

/// 0 for a case's own papers; for an associate's, their position plus one.
fn slot(case: &case::Model, kind: DocumentKind, associate: Option<&str>) -> Result<i32, ApiError> {
    let per_associate = matches!(
        kind,
        DocumentKind::FounderId | DocumentKind::FounderTaxCertificate
    );
    match (per_associate, associate.map(str::trim)) {
        (false, None) => Ok(0),
        (false, Some(_)) => Err(ApiError::field("associate", "unknown_field")),
        (true, None) => Err(ApiError::field("associate", "required")),
        (true, Some(text)) => {
            let count = intake_of(case).associates.len();
            match text.parse::<usize>() {
                Ok(index) if index < count => Ok(i32::try_from(index).unwrap_or(i32::MAX) + 1),
                _ => Err(ApiError::Invalid(vec![FieldError::new(
                    "associate",
                    "invalid_value",
                )])),
            }
        }
    }
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
    let case = full_case(&state, &auth, id).await?;
    let all = rows::of_case(&state.db, case.id).await?;
    let mut items: Vec<DocumentSeries> = Vec::new();
    // Rows come by kind, slot and version: the last of each series is its current version.
    for row in all.iter().rev() {
        let view = DocumentView::from(row);
        match items.last_mut() {
            Some(series)
                if series.current.kind == view.kind
                    && series.current.associate == view.associate =>
            {
                series.previous.push(view)
            }
            _ => items.push(DocumentSeries {
                current: view,
                previous: Vec::new(),
            }),
        }
    }
    items.reverse();
    Ok(axum::Json(Page::whole(items)))
}

async fn visible_document(
    state: &AppState,
    auth: &AuthUser,
    id: Uuid,
) -> Result<document::Model, ApiError> {
    let row = rows::find(&state.db, id)
        .await?
        .filter(|r| r.deleted_at.is_none())
        .ok_or(ApiError::NotFound)?;
    full_case(state, auth, row.case_id).await?;
    Ok(row)
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
    let row = visible_document(&state, &auth, id).await?;
    Ok(axum::Json(DocumentView::from(&row)))
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
    let row = visible_document(&state, &auth, id).await?;
    for _ in 0..5 {
        let case = full_case(&state, &auth, row.case_id).await?;
        let position = state_of(&case);
        if position.state.is_terminal() {
            return Err(ApiError::invalid_state(position, case.version));
        }
        if !documents::may_delete(&state, (auth.id, auth.role, auth.organization), &case, &row)
            .await?
        {
            return Err(ApiError::Forbidden);
        }
        if crate::repo::cases::delete_document(
            &state.db,
            &case,
            &row,
            (auth.id, auth.role),
            state.now(),
        )
        .await?
        {
            return Ok(StatusCode::NO_CONTENT);
        }
    }
    Err(ApiError::Conflict {
        code: "busy",
        state: None,
        version: None,
    })
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
    (status = 200, description = "The file", content_type = "application/octet-stream"),
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
    let row = visible_document(&state, &auth, id).await?;
    let (first, rest) = documents::open(&state, &row).await?;
    crate::access::record(
        auth.id,
        crate::access::Read::Document {
            document: row.id,
            case: row.case_id,
        },
    );
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
