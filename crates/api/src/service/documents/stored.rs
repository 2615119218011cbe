//! Case documents: streaming an upload through the content check, the hash and encryption into
//! the store, then recording it; and opening a stored document for download.
//!
//! Never lost, never orphaned: the object is written first and the row committed after it; when
//! the row cannot be committed, the object is removed. An upload that fails half-way aborts the
//! store's multipart upload, so nothing half-written remains.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use futures::{Stream, StreamExt};
use object_store::{ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use puente_workflow::{DocumentKind, FieldError, Role};

use super::super::permissions::may_upload;
use super::Error;
use crate::entity::{case, document};
use crate::service::repo::{cases, documents, orgs, users};
use crate::state::AppState;
use crate::storage::crypto::{self, Opener, Sealer};
use crate::storage::inspect::Inspection;
use crate::storage::{DocumentStore, sniff};

/// Bytes sent to the store per part of a multipart upload (S3's minimum is 5 MiB).
const PART: usize = 5 * 1024 * 1024;
/// Parts in flight at once: bounds the memory an upload holds.
const PARTS_IN_FLIGHT: usize = 2;

/// Why a stream of the uploaded file broke off.
#[derive(Debug)]
pub enum SourceError {
    /// The request body was cut or malformed.
    Malformed,
    /// The request body was larger than allowed.
    TooLarge,
}

/// Who may delete a document: a manager, or the side that uploaded it (the uploader, or
/// someone of the uploader's organization) while it may still upload that kind on the case. So a
/// shelter cannot remove the papers its lawyer uploaded, nor a lawyer the shelter's.
pub async fn may_delete(
    state: &AppState,
    caller: (Uuid, Role, Uuid),
    case: &case::Model,
    row: &document::Model,
) -> Result<bool, Error> {
    let (id, role, organization) = caller;
    if role == Role::Manager {
        return Ok(true);
    }
    let kind = row.kind;
    let assigned = case.lawyer_id == Some(id);
    let own_shelter = role == Role::Shelter && organization == case.shelter_id;
    if !may_upload(role, assigned, own_shelter, kind) {
        return Ok(false);
    }
    if row.uploaded_by == id {
        return Ok(true);
    }
    let uploader = users::find(&state.db, row.uploaded_by).await?;
    Ok(uploader.is_some_and(|user| user.organization_id == organization))
}

/// What is known of an upload before its bytes arrive.
pub struct Incoming<'a> {
    /// The case.
    pub case: &'a case::Model,
    /// The kind of document.
    pub kind: DocumentKind,
    /// 0, or the associate's position plus one.
    pub slot: i32,
    /// The file name the client gave.
    pub filename: Option<String>,
    /// Who uploads.
    pub uploader: (Uuid, Role),
    /// For a document Puente drafted itself: its media type (vouched for, not sniffed) and
    /// the template it came from.
    pub generated: Option<(&'static str, &'static str)>,
}

fn store_error(error: object_store::Error) -> Error {
    Error::StoreUnavailable(error.to_string())
}

/// The bytes the case's shelter may still store: its quota (`storage_quota_bytes`, or
/// `unverified_storage_quota_bytes` until it is verified) less what its live documents take.
async fn room_left(state: &AppState, case: &case::Model) -> Result<(u64, u64), Error> {
    let verified = orgs::find(&state.db, case.shelter_id)
        .await?
        .is_some_and(|org| org.verified);
    let quota = if verified {
        state.settings.storage_quota_bytes
    } else {
        state.settings.unverified_storage_quota_bytes
    };
    let used = documents::stored_bytes_of_shelter(&state.db, case.shelter_id).await?;
    Ok((quota, quota.saturating_sub(used)))
}

fn quota_exceeded(quota: u64) -> Error {
    Error::Invalid(vec![
        FieldError::new("file", "storage.quota_exceeded").with("quota_mb", quota / 1_000_000),
    ])
}

/// Streams the file into the store and records it. The content decides the type (415 when it
/// is not an accepted one); more than `document_limit_bytes` is 413, more than the shelter's
/// storage quota has room for is 422 on `file`, malware clamd finds is 422 on `file`; nothing
/// remains of a refused or failed upload. Puente's own drafts count towards the quota but are
/// never refused for it.
pub async fn upload<S>(
    state: &AppState,
    incoming: Incoming<'_>,
    mut source: S,
) -> Result<document::Model, Error>
where
    S: Stream<Item = Result<Bytes, SourceError>> + Unpin,
{
    let limit = state.settings.document_limit_bytes;
    let room = match incoming.generated {
        Some(_) => None,
        None => Some(room_left(state, incoming.case).await?),
    };
    // Whichever limit a size passes first names the refusal.
    let check_size = |size: u64| match room {
        Some((quota, left)) if size > left && left < limit => Err(quota_exceeded(quota)),
        _ if size > limit => Err(Error::TooLarge),
        _ => Ok(()),
    };
    let source_error = |error: SourceError| match error {
        SourceError::Malformed => Error::Malformed,
        SourceError::TooLarge => Error::TooLarge,
    };
    // Look at the start of the file before anything is written.
    let mut head = Vec::new();
    let mut ended = false;
    while head.len() < sniff::PEEK {
        match source.next().await {
            Some(piece) => head.extend_from_slice(&piece.map_err(source_error)?),
            None => {
                ended = true;
                break;
            }
        }
        check_size(head.len() as u64)?;
    }
    let generated_type = incoming.generated.map(|(media_type, _)| media_type);
    let mut inspection = Inspection::begin(&state.settings, &head, generated_type).await?;

    let id = Uuid::now_v7();
    let version =
        documents::next_version(&state.db, incoming.case.id, incoming.kind, incoming.slot).await?;
    let location = DocumentStore::key(incoming.case.id, id, version);
    let document_key = crypto::new_key().map_err(|e| Error::Internal(e.to_string()))?;
    // The key file is looked at again here, so a rotation reaches a running server at once.
    let (key_id, master) = state
        .keyring
        .current()
        .map_err(|e| Error::Internal(e.to_string()))?;
    let wrapped =
        crypto::wrap(&master, &id, &document_key).map_err(|e| Error::Internal(e.to_string()))?;
    let mut sealer = Sealer::new(&document_key).map_err(|e| Error::Internal(e.to_string()))?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;

    let multipart = state
        .store
        .inner()
        .put_multipart(&location)
        .await
        .map_err(store_error)?;
    let mut writer = WriteMultipart::new_with_chunk_size(multipart, PART);
    let outcome: Result<&'static str, Error> = async {
        let mut piece = Bytes::from(head);
        loop {
            size += piece.len() as u64;
            check_size(size)?;
            hasher.update(&piece);
            inspection.push(&piece).await?;
            writer.write(
                &sealer
                    .push(&piece)
                    .map_err(|e| Error::Internal(e.to_string()))?,
            );
            writer
                .wait_for_capacity(PARTS_IN_FLIGHT)
                .await
                .map_err(store_error)?;
            if ended {
                break;
            }
            match source.next().await {
                Some(next) => piece = next.map_err(source_error)?,
                None => break,
            }
        }
        // The file is whole: what it is and whether it is clean decide before it is kept.
        inspection.finish().await
    }
    .await;
    let media_type = match outcome {
        Ok(media_type) => media_type,
        Err(error) => {
            let _ = writer.abort().await;
            return Err(error);
        }
    };
    let last = match sealer.finish() {
        Ok(last) => last,
        Err(error) => {
            let _ = writer.abort().await;
            return Err(Error::Internal(error.to_string()));
        }
    };
    writer.write(&last);
    writer.finish().await.map_err(store_error)?;

    let row = document::Model {
        id,
        case_id: incoming.case.id,
        kind: incoming.kind,
        slot: incoming.slot,
        version,
        filename: sniff::safe_filename(incoming.filename.as_deref(), media_type),
        content_type: media_type.to_owned(),
        size: i64::try_from(size).unwrap_or(i64::MAX),
        sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        object_key: location.to_string(),
        key_id,
        wrapped_key: STANDARD.encode(wrapped),
        uploaded_by: incoming.uploader.0,
        created_at: state.now(),
        deleted_at: None,
        deleted_by: None,
        purged_at: None,
    };
    let template = incoming.generated.map(|(_, template)| template);
    match record(state, incoming.case, row, incoming.uploader, template).await {
        Ok(stored) => Ok(stored),
        Err(error) => {
            // The row could not be committed: the object must not outlive it.
            if let Err(cleanup) = state.store.inner().delete(&location).await {
                tracing::error!(object = %location, error = %cleanup, "orphaned object left for `puente storage gc`");
            }
            Err(error)
        }
    }
}

/// Commits the row with its history event; when a concurrent change moved the case, reads it
/// again and retries.
async fn record(
    state: &AppState,
    case: &case::Model,
    row: document::Model,
    uploader: (Uuid, Role),
    template: Option<&str>,
) -> Result<document::Model, Error> {
    let mut current = case.clone();
    for _ in 0..5 {
        match cases::record_document(
            &state.db,
            &current,
            row.clone(),
            uploader,
            template,
            row.created_at,
        )
        .await?
        {
            Some(stored) => return Ok(stored),
            None => {
                current = cases::find(&state.db, case.id)
                    .await?
                    .ok_or(Error::NotFound)?
            }
        }
    }
    Err(Error::Conflict {
        code: "busy",
        state: None,
        version: None,
    })
}

/// The decrypted bytes of a stored document: the first piece, already authenticated, and the
/// rest as a stream that stops with an error at the first piece that fails authentication.
pub async fn open(
    state: &AppState,
    row: &document::Model,
) -> Result<
    (
        Bytes,
        impl Stream<Item = Result<Bytes, std::io::Error>> + Send + use<>,
    ),
    Error,
> {
    // A key rotated in by `puente keys rotate` while this process runs is read afresh.
    let master = state
        .keyring
        .get(&row.key_id)
        .ok_or_else(|| Error::Internal(format!("master key {} is missing", row.key_id)))?;
    let wrapped = STANDARD
        .decode(&row.wrapped_key)
        .map_err(|e| Error::Internal(e.to_string()))?;
    let key = crypto::unwrap_key(&master, &row.id, &wrapped).map_err(|_| Error::Integrity)?;
    let location = object_store::path::Path::from(row.object_key.as_str());
    let got = state
        .store
        .inner()
        .get(&location)
        .await
        .map_err(|error| match error {
            object_store::Error::NotFound { .. } => Error::Integrity,
            other => store_error(other),
        })?;
    let mut bytes = got.into_stream();
    let mut opener = Opener::new(&key).map_err(|_| Error::Integrity)?;
    // Read until the first plaintext (or the end) so that a wrong or swapped object is refused
    // before any header is sent.
    let mut first = Vec::new();
    let mut done = false;
    while first.is_empty() && !done {
        match bytes.next().await {
            Some(Ok(piece)) => first = opener.push(&piece).map_err(|_| Error::Integrity)?,
            Some(Err(error)) => return Err(store_error(error)),
            None => done = true,
        }
    }
    let mut opener = Some(opener);
    if done {
        let last = opener
            .take()
            .map(Opener::finish)
            .transpose()
            .map_err(|_| Error::Integrity)?;
        first.extend(last.unwrap_or_default());
    }
    let document = row.id;
    let rest = futures::stream::unfold(
        (bytes, opener),
        move |(mut bytes, mut opener)| async move {
            let current = opener.as_mut()?;
            let integrity = |_| {
                tracing::error!(%document, "stored document failed authentication while streaming");
                std::io::Error::other("document failed authentication")
            };
            loop {
                return match bytes.next().await {
                    Some(Ok(piece)) => match current.push(&piece) {
                        // A piece that completes no chunk yields nothing: read on.
                        Ok(plain) if plain.is_empty() => continue,
                        Ok(plain) => Some((Ok(Bytes::from(plain)), (bytes, opener))),
                        Err(error) => Some((Err(integrity(error)), (bytes, None))),
                    },
                    Some(Err(error)) => {
                        tracing::warn!(%document, %error, "the store failed while a document was streaming; the download was cut short");
                        Some((Err(std::io::Error::other(error)), (bytes, None)))
                    }
                    None => {
                        let last = opener.take()?.finish();
                        Some((last.map(Bytes::from).map_err(integrity), (bytes, None)))
                    }
                };
            }
        },
    );
    Ok((Bytes::from(first), rest))
}
