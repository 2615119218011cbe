//! Keeping the store and the database in step: removing objects no row points to, re-reading
//! every document against its hash, re-wrapping document keys under a new master key, and
//! purging deleted documents whose retention has ended.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use futures::{StreamExt, TryStreamExt};
use object_store::{ObjectMeta, ObjectStoreExt};

use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::entity::document;
use crate::service::repo;
use crate::service::repo::documents;
use crate::state::AppState;
use crate::storage::crypto;

/// What `gc` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Collected {
    /// Objects looked at.
    pub scanned: usize,
    /// Objects without a row, old enough, removed.
    pub removed: usize,
    /// Objects without a row, too recent to remove yet (an upload may be committing them).
    pub recent: usize,
}

/// Removes objects that no document row names and that are older than `older_than`.
pub async fn gc(state: &AppState, older_than: Duration) -> Result<Collected, String> {
    let known: HashSet<String> = documents::object_keys(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .collect();
    let store = state.store.inner();
    let objects: Vec<ObjectMeta> = store
        .list(None)
        .try_collect()
        .await
        .map_err(|e| e.to_string())?;
    // The objects' times are the store's wall clock, not the program's (which tests move).
    let cutoff = OffsetDateTime::now_utc() - older_than;
    let mut result = Collected {
        scanned: objects.len(),
        ..Collected::default()
    };
    for object in objects {
        if known.contains(object.location.as_ref()) {
            continue;
        }
        let modified = OffsetDateTime::from_unix_timestamp(object.last_modified.timestamp())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        if modified > cutoff {
            result.recent += 1;
            continue;
        }
        store
            .delete(&object.location)
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(object = %object.location, "removed an object without a document");
        result.removed += 1;
    }
    Ok(result)
}

/// A document that did not read back as stored.
#[derive(Debug, PartialEq, Eq)]
pub struct Damaged {
    /// The document.
    pub document: uuid::Uuid,
    /// `missing`, `unreadable` (failed authentication) or `hash_mismatch`.
    pub reason: &'static str,
}

/// Re-reads and decrypts every document, comparing its SHA-256 with the row's.
pub async fn verify(state: &AppState) -> Result<(usize, Vec<Damaged>), String> {
    let mut damaged = Vec::new();
    let mut count = 0;
    let mut after = None;
    loop {
        let rows = documents::current_page(&state.db, after, 200)
            .await
            .map_err(|e| e.to_string())?;
        let Some(last) = rows.last() else {
            break;
        };
        after = Some(last.id);
        count += rows.len();
        for row in &rows {
            if let Some(reason) = damage(state, row).await? {
                damaged.push(Damaged {
                    document: row.id,
                    reason,
                });
            }
        }
    }
    Ok((count, damaged))
}

/// What is wrong with a document's object, if anything: `missing`, `unreadable` (it does not
/// decrypt and authenticate) or `hash_mismatch`.
async fn damage(state: &AppState, row: &document::Model) -> Result<Option<&'static str>, String> {
    let reason = match crate::service::documents::open(state, row).await {
        Err(crate::service::Error::Integrity) => Some("unreadable"),
        Err(crate::service::Error::StoreUnavailable(error)) => return Err(error),
        Err(other) => return Err(other.to_string()),
        Ok((first, rest)) => {
            let mut hasher = Sha256::new();
            hasher.update(&first);
            let mut rest = std::pin::pin!(rest);
            let mut failed = false;
            while let Some(piece) = rest.next().await {
                match piece {
                    Ok(bytes) => hasher.update(&bytes),
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            let sum: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if failed {
                Some("unreadable")
            } else if sum != row.sha256 {
                Some("hash_mismatch")
            } else {
                None
            }
        }
    };
    let Some(reason) = reason else {
        return Ok(None);
    };
    let missing = matches!(
        state
            .store
            .inner()
            .head(&object_store::path::Path::from(row.object_key.as_str()))
            .await,
        Err(object_store::Error::NotFound { .. })
    );
    Ok(Some(if missing { "missing" } else { reason }))
}

/// Wraps every document key not yet under the keyring's current master key with it; the
/// objects are not rewritten. Returns how many keys were re-wrapped.
///
/// Safe beside running servers: each row changes only if it still holds the wrapped key it was
/// read with (a purge or another re-wrap that got there first wins), and the old keys stay in
/// the keyring, so a document wrapped under one while this runs (by a server that had not yet
/// seen the new key) stays readable; a second pass picks such documents up.
pub async fn rewrap(state: &AppState) -> Result<usize, String> {
    let (current, master) = state.keyring.current().map_err(|e| e.to_string())?;
    let mut count = 0;
    for _ in 0..3 {
        let rows = repo::documents::wrapped_under_other_keys(&state.db, &current)
            .await
            .map_err(|e| e.to_string())?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let old = state
                .keyring
                .get(&row.key_id)
                .ok_or_else(|| format!("master key {} is missing", row.key_id))?;
            let wrapped = STANDARD
                .decode(&row.wrapped_key)
                .map_err(|e| e.to_string())?;
            let key = crypto::unwrap_key(&old, &row.id, &wrapped)
                .map_err(|e| format!("document {}: {e}", row.id))?;
            let rewrapped = crypto::wrap(&master, &row.id, &key).map_err(|e| e.to_string())?;
            if repo::documents::rewrap(&state.db, &row, &current, STANDARD.encode(rewrapped))
                .await
                .map_err(|e| e.to_string())?
            {
                count += 1;
            }
        }
    }
    Ok(count)
}

/// What `purge` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    /// Deleted documents whose retention ended, now purged.
    pub purged: usize,
    /// Deleted documents still within their retention (blocked, not yet purged).
    pub retained: usize,
}

/// Deletion in two phases (DOMAIN.md): a deleted document is first blocked (kept, never listed
/// or served); once `document_retention_days` have passed since its deletion, this removes its
/// object from the store and its file name and key from its row, and records a
/// `document_purged` event. The row stays, so the history and the statistics still add up.
///
/// The object goes first: a run cut short leaves at worst a row still marked deleted whose
/// object is gone, which the next run finishes.
pub async fn purge(state: &AppState, now: OffsetDateTime) -> Result<Purged, String> {
    let cutoff = now - Duration::days(i64::from(state.settings.document_retention_days));
    let deleted = documents::deleted_unpurged(&state.db)
        .await
        .map_err(|e| e.to_string())?;
    let mut result = Purged::default();
    for row in deleted {
        if row.deleted_at.is_some_and(|at| at > cutoff) {
            result.retained += 1;
            continue;
        }
        purge_document(state, &row, now).await?;
        tracing::info!(document = %row.id, "purged a deleted document whose retention ended");
        result.purged += 1;
    }
    Ok(result)
}

/// Removes one document's object from the store, then its file name and key from its row,
/// recording `document_purged`.
pub async fn purge_document(
    state: &AppState,
    row: &document::Model,
    now: OffsetDateTime,
) -> Result<(), String> {
    let location = object_store::path::Path::from(row.object_key.as_str());
    match state.store.inner().delete(&location).await {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
        Err(error) => return Err(error.to_string()),
    }
    // The case may change while this runs (someone comments); try again with it fresh.
    for _ in 0..5 {
        let case = crate::service::repo::cases::find(&state.db, row.case_id)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("document {} has no case", row.id))?;
        if crate::service::repo::cases::purge_document(&state.db, &case, row, now)
            .await
            .map_err(|e| e.to_string())?
        {
            return Ok(());
        }
    }
    Err(format!(
        "document {}: its case kept changing; run purge again",
        row.id
    ))
}
