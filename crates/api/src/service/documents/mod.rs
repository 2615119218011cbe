//! A case's documents: who may add which, the list of their versions, one document, its
//! deletion and its content. [`stored`] streams them into and out of the encrypted store.

pub mod stored;

use bytes::Bytes;
use futures::Stream;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use puente_workflow::{DocumentKind, FieldError};

use super::Error;
use super::permissions::Permissions;
use crate::entity::{case, document};
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, state_of};
use crate::service::repo::documents as rows;
use crate::service::views::{intake_of, rfc3339};
use crate::state::AppState;

pub use stored::{Incoming, SourceError, open, upload};

/// A stored document (one version).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    /// Id.
    pub id: Uuid,
    /// Its case.
    pub case_id: Uuid,
    /// What it is.
    pub kind: DocumentKind,
    /// For an associate's papers, the associate's position in the intake (from 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub associate: Option<i32>,
    /// The uploader's file name, cleaned.
    pub filename: String,
    /// Decided from the content.
    pub content_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of the content, hex (also the download's `ETag`).
    sha256: String,
    /// Its version within its series (1, 2, 3…).
    pub version: i32,
    /// Who uploaded it.
    pub uploaded_by: Uuid,
    /// Stored (RFC 3339).
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// A series of versions: the current one, and the older ones newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentSeries {
    /// The current version.
    #[serde(flatten)]
    pub current: DocumentView,
    /// Older versions, newest first.
    pub previous: Vec<DocumentView>,
}

impl From<&document::Model> for DocumentView {
    fn from(row: &document::Model) -> DocumentView {
        DocumentView {
            id: row.id,
            case_id: row.case_id,
            kind: row.kind,
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

/// Refuses, unless the caller may upload documents of `kind` on `case` now: a conflict once the
/// case is closed, forbidden otherwise.
pub fn check_upload(
    caller: &AuthUser,
    case: &case::Model,
    kind: DocumentKind,
) -> Result<(), Error> {
    let position = state_of(case);
    if position.state.is_terminal() {
        return Err(Error::invalid_state(position, case.version));
    }
    if Permissions::of(case, caller, true).uploads(kind) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// 0 for a case's own papers; for an associate's, their position plus one.
pub fn slot(case: &case::Model, kind: DocumentKind, associate: Option<&str>) -> Result<i32, Error> {
    let per_associate = matches!(
        kind,
        DocumentKind::FounderId | DocumentKind::FounderTaxCertificate
    );
    match (per_associate, associate.map(str::trim)) {
        (false, None) => Ok(0),
        (false, Some(_)) => Err(Error::field("associate", "unknown_field")),
        (true, None) => Err(Error::field("associate", "required")),
        (true, Some(text)) => {
            let count = intake_of(case).associates.len();
            match text.parse::<usize>() {
                Ok(index) if index < count => Ok(i32::try_from(index).unwrap_or(i32::MAX) + 1),
                _ => Err(Error::Invalid(vec![FieldError::new(
                    "associate",
                    "invalid_value",
                )])),
            }
        }
    }
}

/// The versions of a case's documents as series: the latest version of each kind (and
/// associate), with the older ones under `previous`.
pub fn series(all: &[document::Model]) -> Vec<DocumentSeries> {
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
    items
}

/// The documents of case `id`, as series of versions.
pub async fn list(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<Vec<DocumentSeries>, Error> {
    let case = super::cases::full(state, caller, id).await?;
    Ok(series(&rows::of_case(&state.db, case.id).await?))
}

/// A document the caller may read (not deleted, of a case they see whole).
async fn visible(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<document::Model, Error> {
    let row = rows::find(&state.db, id)
        .await?
        .filter(|r| r.deleted_at.is_none())
        .ok_or(Error::NotFound)?;
    super::cases::full(state, caller, row.case_id).await?;
    Ok(row)
}

/// One document's metadata.
pub async fn show(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<DocumentView, Error> {
    Ok(DocumentView::from(&visible(state, caller, id).await?))
}

/// Deletes a document (a soft delete: kept for the legal retention period, recorded in the
/// history, no longer listed, served or counted). A manager may delete any document; otherwise
/// only the side that uploaded it, while it may still upload that kind.
pub async fn delete(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<(), Error> {
    let row = visible(state, caller, id).await?;
    for _ in 0..5 {
        let case = super::cases::full(state, caller, row.case_id).await?;
        let position = state_of(&case);
        if position.state.is_terminal() {
            return Err(Error::invalid_state(position, case.version));
        }
        if !stored::may_delete(
            state,
            (caller.id, caller.role, caller.organization),
            &case,
            &row,
        )
        .await?
        {
            return Err(Error::Forbidden);
        }
        if cases::delete_document(
            &state.db,
            &case,
            &row,
            (caller.id, caller.role),
            state.now(),
        )
        .await?
        {
            return Ok(());
        }
    }
    Err(Error::conflict("busy"))
}

/// A document's content as it is read: its row, the first piece (already authenticated) and the
/// rest. The reading is recorded in the access log.
pub async fn content(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<
    (
        document::Model,
        Bytes,
        impl Stream<Item = Result<Bytes, std::io::Error>> + Send + use<>,
    ),
    Error,
> {
    let row = visible(state, caller, id).await?;
    let (first, rest) = open(state, &row).await?;
    crate::access::record(
        caller.id,
        crate::access::Read::Document {
            document: row.id,
            case: row.case_id,
        },
    );
    Ok((row, first, rest))
}
