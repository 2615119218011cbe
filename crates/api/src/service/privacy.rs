//! A shelter's personal data under Mexico's data protection law (DOMAIN.md): everything held
//! about it exported as one archive, its personal data blocked (kept for legal retention only:
//! never shown, sent or drafted from), and purged once the retention ends: associates
//! anonymised, free text removed from the case, its comments and its history, documents removed
//! from the store, staff accounts anonymised. The cases, their states and dates, the hours and
//! the documents' rows stay, so the program's statistics do not change. Each step is recorded
//! in every case's history. Admins only (see `routes::privacy`).

use std::io::{Seek, Write};

use puente_workflow::Role;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::Error;
use crate::entity::organization::OrgKind;
use crate::entity::{case, document, organization};
use crate::service::repo::cases::{self, state_of};
use crate::service::repo::history::{self, Entry, PURGE_EVENT};
use crate::service::repo::{comments, documents, hours, orgs, privacy, tokens, users};
use crate::service::views::rfc3339;
use crate::state::AppState;

/// The shelter, or why the operation does not apply to the organization.
async fn shelter(state: &AppState, id: Uuid) -> Result<organization::Model, Error> {
    let org = orgs::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    if org.kind != OrgKind::Shelter {
        return Err(conflict("not_a_shelter"));
    }
    Ok(org)
}

fn conflict(code: &'static str) -> Error {
    Error::Conflict {
        code,
        state: None,
        version: None,
    }
}

/// Appends a privacy event to a case's history, replacing its intake with `intake` when given,
/// in `txn`; the case must still be at its version. Not counted as activity on the case.
async fn record(
    txn: &impl ConnectionTrait,
    case: &case::Model,
    actor: (Uuid, Role),
    event: &str,
    data: Value,
    at: OffsetDateTime,
    intake: Option<Value>,
) -> Result<(), Error> {
    let position = state_of(case);
    let entry = history::prepare(Entry {
        case,
        actor: Some(actor),
        event,
        data,
        before: position,
        after: position,
        at,
    });
    if !privacy::record_event(txn, case, &entry, intake, at).await? {
        return Err(Error::Conflict {
            code: "busy",
            state: Some(position),
            version: Some(case.version),
        });
    }
    Ok(())
}

/// Blocks a shelter's personal data: from now on it is not shown, sent or drafted from, and its
/// staff cannot sign in. Every case must have ended (withdraw the others first).
pub async fn block(
    state: &AppState,
    org: Uuid,
    actor: (Uuid, Role),
    reason: &str,
) -> Result<organization::Model, Error> {
    let shelter = shelter(state, org).await?;
    if shelter.blocked_at.is_some() {
        return Err(conflict("already_blocked"));
    }
    let cases = cases::of_shelter(&state.db, org).await?;
    if cases.iter().any(|c| !state_of(c).state.is_terminal()) {
        return Err(conflict("cases_active"));
    }
    let now = state.now();
    let txn = state.db.begin().await?;
    for case in &cases {
        record(
            &txn,
            case,
            actor,
            "personal_data_blocked",
            json!({"reason": reason}),
            now,
            None,
        )
        .await?;
    }
    for person in users::staff_of(&txn, org).await? {
        let changes = users::Changes {
            active: Some(false),
            ..Default::default()
        };
        users::update(&txn, person, changes, now).await?;
    }
    orgs::mark_blocked(&txn, org, now).await?;
    txn.commit().await?;
    orgs::find(&state.db, org).await?.ok_or(Error::NotFound)
}

/// What a purge removed.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct PurgeSummary {
    /// Cases anonymised.
    pub cases: u64,
    /// Documents removed from the store.
    pub documents: u64,
    /// History events whose free text was removed.
    pub events_redacted: u64,
    /// Comments emptied.
    pub comments: u64,
    /// Staff accounts anonymised.
    pub accounts: u64,
}

/// An intake with its personal data removed: the associates keep only their place on the board
/// and nationality (for statistics), the domicile only its state and municipality.
pub fn anonymised_intake(intake: &Value) -> Value {
    let associates: Vec<Value> = intake["associates"]
        .as_array()
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(i, a)| {
                    json!({"full_name": format!("Persona asociada {}", i + 1),
                           "nationality": a["nationality"], "board_role": a["board_role"]})
                })
                .collect()
        })
        .unwrap_or_default();
    let mut kept = json!({
        "proposed_names": intake["proposed_names"],
        "domicile": {"state": intake["domicile"]["state"], "municipality": intake["domicile"]["municipality"]},
        "associates": associates,
        "governance": intake["governance"],
        "legal_representative": intake["legal_representative"],
        "donataria_autorizada": intake["donataria_autorizada"],
        "privacy_consent": intake["privacy_consent"],
        "associates_consent": intake["associates_consent"],
    });
    if let Some(map) = kept.as_object_mut() {
        map.retain(|_, v| !v.is_null());
    }
    kept
}

/// The keys of an event's data that hold free text.
const FREE_TEXT: [&str; 2] = ["message", "reason"];

/// Purges a blocked shelter's personal data once `personal_data_retention_days` have passed
/// since it was blocked.
pub async fn purge(
    state: &AppState,
    org: Uuid,
    actor: (Uuid, Role),
) -> Result<PurgeSummary, Error> {
    let shelter = shelter(state, org).await?;
    let Some(blocked_at) = shelter.blocked_at else {
        return Err(conflict("not_blocked"));
    };
    if shelter.purged_at.is_some() {
        return Err(conflict("already_purged"));
    }
    let now = state.now();
    let retention = Duration::days(i64::from(state.settings.personal_data_retention_days));
    if blocked_at + retention > now {
        return Err(conflict("retention_running"));
    }
    let mut summary = PurgeSummary::default();
    // Documents first, from the store, then their rows (each recorded as purged).
    for case in cases::of_shelter(&state.db, org).await? {
        for row in documents::unpurged_of_case(&state.db, case.id).await? {
            super::maintenance::purge_document(state, &row, now)
                .await
                .map_err(Error::StoreUnavailable)?;
            summary.documents += 1;
        }
    }
    // Read before the transaction: the embedded database has a single connection.
    let cases = cases::of_shelter(&state.db, org).await?;
    let txn = state.db.begin().await?;
    for case in cases {
        let events = history::of_case(&txn, case.id).await?;
        let mut redacted = Vec::new();
        for event in events {
            let Some(map) = event.data.as_object() else {
                continue;
            };
            if !FREE_TEXT.iter().any(|key| map.contains_key(*key)) {
                continue;
            }
            let mut data = event.data.clone();
            if let Some(map) = data.as_object_mut() {
                map.retain(|key, _| !FREE_TEXT.contains(&key.as_str()));
            }
            privacy::redact_event(&txn, event.id, data, now).await?;
            redacted.push(event.seq);
        }
        summary.events_redacted += redacted.len() as u64;
        summary.comments += privacy::empty_comments(&txn, case.id).await?;
        privacy::empty_hours_descriptions(&txn, case.id).await?;
        let intake = anonymised_intake(&case.intake);
        record(
            &txn,
            &case,
            actor,
            PURGE_EVENT,
            json!({"redacted": redacted}),
            now,
            Some(intake),
        )
        .await?;
        summary.cases += 1;
    }
    for person in users::staff_of(&txn, org).await? {
        tokens::forget_attempts_of(&txn, &person.email).await?;
        tokens::delete_of_user(&txn, person.id).await?;
        privacy::anonymise_account(&txn, person.id, now).await?;
        summary.accounts += 1;
    }
    orgs::mark_purged(&txn, org, now).await?;
    txn.commit().await?;
    Ok(summary)
}

/// Writes everything held about a shelter into `out` as a ZIP archive: `shelter.json` (the
/// organization, its staff, its cases with their intake, history, comments, logged time and
/// documents' details) and each stored document under `documents/`. Recorded in each case's
/// history as `personal_data_exported`.
pub async fn export<W: Write + Seek>(
    state: &AppState,
    org: Uuid,
    actor: (Uuid, Role),
    out: W,
) -> Result<W, Error> {
    let shelter = shelter(state, org).await?;
    let staff = users::staff_of(&state.db, org).await?;
    let cases = cases::of_shelter(&state.db, org).await?;
    let mut zip = zip::ZipWriter::new(out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut described = Vec::new();
    for case in &cases {
        let events = history::of_case(&state.db, case.id).await?;
        let comments = comments::of_case(&state.db, case.id).await?;
        let logged = hours::of_case(&state.db, case.id).await?;
        let mut files = Vec::new();
        for row in &documents::all_of_case(&state.db, case.id).await? {
            let path = (row.purged_at.is_none()).then(|| {
                format!(
                    "documents/{}/{}-v{}-{}",
                    case.reference, row.kind, row.version, row.filename
                )
            });
            if let Some(path) = &path {
                let bytes = read_document(state, row).await?;
                zip.start_file(path.as_str(), stored)
                    .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
                    .map_err(|e| Error::Internal(format!("export archive: {e}")))?;
            }
            files.push(json!({
                "id": row.id, "kind": row.kind, "version": row.version, "filename": row.filename,
                "content_type": row.content_type, "size": row.size, "sha256": row.sha256,
                "uploaded_at": rfc3339(row.created_at),
                "deleted_at": row.deleted_at.map(rfc3339), "purged_at": row.purged_at.map(rfc3339),
                "file": path,
            }));
        }
        described.push(json!({
            "id": case.id, "reference": case.reference, "status": case.status,
            "intake": case.intake, "name_authorization": case.name_authorization,
            "deed": case.deed, "folio": case.folio, "rfc": case.rfc,
            "created_at": rfc3339(case.created_at),
            "history": events.iter().map(|e| json!({
                "seq": e.seq, "event": e.event, "actor_role": e.actor_role, "data": e.data,
                "state_before": e.state_before, "state_after": e.state_after,
                "at": rfc3339(e.created_at),
            })).collect::<Vec<_>>(),
            "comments": comments.iter().map(|c| json!({
                "author_id": c.author_id, "body": c.body, "at": rfc3339(c.created_at),
            })).collect::<Vec<_>>(),
            "hours": logged.iter().map(|h| json!({
                "date": h.worked_on.to_string(), "minutes": h.minutes, "description": h.description,
            })).collect::<Vec<_>>(),
            "documents": files,
        }));
    }
    let summary = json!({
        "exported_at": rfc3339(state.now()),
        "organization": {
            "id": shelter.id, "name": shelter.name, "state": shelter.state,
            "municipality": shelter.municipality, "verified": shelter.verified,
            "created_at": rfc3339(shelter.created_at),
            "blocked_at": shelter.blocked_at.map(rfc3339),
            "purged_at": shelter.purged_at.map(rfc3339),
        },
        "staff": staff.iter().map(|u| json!({
            "id": u.id, "name": u.name, "email": u.email, "role": u.role, "locale": u.locale,
            "active": u.active, "created_at": rfc3339(u.created_at),
        })).collect::<Vec<_>>(),
        "cases": described,
    });
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let text = serde_json::to_vec_pretty(&summary).unwrap_or_default();
    zip.start_file("shelter.json", deflated)
        .and_then(|()| zip.write_all(&text).map_err(Into::into))
        .map_err(|e| Error::Internal(format!("export archive: {e}")))?;
    let out = zip
        .finish()
        .map_err(|e| Error::Internal(format!("export archive: {e}")))?;
    let now = state.now();
    for case in &cases {
        // Recorded after the archive is whole; a case changing meanwhile is read fresh.
        for _ in 0..5 {
            let Some(fresh) = cases::find(&state.db, case.id).await? else {
                break;
            };
            let txn = state.db.begin().await?;
            match record(
                &txn,
                &fresh,
                actor,
                "personal_data_exported",
                json!({}),
                now,
                None,
            )
            .await
            {
                Ok(()) => {
                    txn.commit().await?;
                    break;
                }
                Err(Error::Conflict { code: "busy", .. }) => continue,
                Err(error) => return Err(error),
            }
        }
    }
    Ok(out)
}

async fn read_document(state: &AppState, row: &document::Model) -> Result<Vec<u8>, Error> {
    use futures::StreamExt;
    let (first, rest) = crate::service::documents::open(state, row).await?;
    let mut bytes = first.to_vec();
    let mut rest = std::pin::pin!(rest);
    while let Some(piece) = rest.next().await {
        bytes.extend_from_slice(&piece.map_err(|_| Error::Integrity)?);
    }
    Ok(bytes)
}
