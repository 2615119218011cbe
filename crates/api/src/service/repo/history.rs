//! The case history: an append-only chain of events per case, each carrying the hash of the one
//! before it, with the case row holding the hash of the last. A changed, removed, inserted or
//! reordered event breaks the chain at a place `verify` names.
//!
//! An event's hash covers the SHA-256 of its data, not the data itself: when a shelter's
//! personal data is purged, free text can leave the history (the event is marked redacted and
//! the purge event lists it) while the chain still verifies. Events recorded before digests
//! existed hash their data directly.

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::entity::case::{self, Entity as Cases};
use crate::entity::case_event::{self, Entity as CaseEvents, Model};
use puente_workflow::{CaseState, Role, Status};

/// The hash a case's chain starts from.
pub fn genesis(case: Uuid) -> String {
    hex(&Sha256::digest(format!("puente:case:{case}").as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields an event's hash covers, in a fixed order (`data`'s keys are sorted).
#[derive(Serialize)]
struct Hashed<'a> {
    case: Uuid,
    seq: i32,
    actor: Option<Uuid>,
    role: Option<&'a str>,
    event: &'a str,
    data: &'a Value,
    before: &'a str,
    after: &'a str,
    held_from: Option<&'a str>,
    at: String,
    prev: &'a str,
}

/// The fields of an event recorded with a data digest.
#[derive(Serialize)]
struct HashedDigest<'a> {
    case: Uuid,
    seq: i32,
    actor: Option<Uuid>,
    role: Option<&'a str>,
    event: &'a str,
    data_sha256: &'a str,
    before: &'a str,
    after: &'a str,
    held_from: Option<&'a str>,
    at: String,
    prev: &'a str,
}

/// The SHA-256 of an event's data (keys sorted), in hex.
pub fn data_digest(data: &Value) -> String {
    hex(&Sha256::digest(
        serde_json::to_string(data).unwrap_or_default().as_bytes(),
    ))
}

fn hash_of(event: &Model) -> String {
    let at = event.created_at.format(&Rfc3339).unwrap_or_default();
    if let Some(digest) = &event.data_sha256 {
        let hashed = HashedDigest {
            case: event.case_id,
            seq: event.seq,
            actor: event.actor_id,
            role: event.actor_role.map(Role::as_str),
            event: &event.event,
            data_sha256: digest,
            before: event.state_before.as_str(),
            after: event.state_after.as_str(),
            held_from: event.held_from_after.map(Status::as_str),
            at,
            prev: &event.prev_hash,
        };
        let text = serde_json::to_string(&hashed).unwrap_or_default();
        return hex(&Sha256::digest(text.as_bytes()));
    }
    let hashed = Hashed {
        case: event.case_id,
        seq: event.seq,
        actor: event.actor_id,
        role: event.actor_role.map(Role::as_str),
        event: &event.event,
        data: &event.data,
        before: event.state_before.as_str(),
        after: event.state_after.as_str(),
        held_from: event.held_from_after.map(Status::as_str),
        at,
        prev: &event.prev_hash,
    };
    let text = serde_json::to_string(&hashed).unwrap_or_default();
    hex(&Sha256::digest(text.as_bytes()))
}

/// A new entry for a case's history.
pub struct Entry<'a> {
    /// The case.
    pub case: &'a case::Model,
    /// Who did it (`None` for Puente itself).
    pub actor: Option<(Uuid, Role)>,
    /// What happened: a workflow event or `created`, `intake_updated`.
    pub event: &'a str,
    /// Its data.
    pub data: Value,
    /// Where the case stood.
    pub before: CaseState,
    /// Where it stands after.
    pub after: CaseState,
    /// When.
    pub at: OffsetDateTime,
}

/// The event that follows the case's current head, with its hash computed (the case's new
/// head). Store it with [`insert`] in the transaction that moves the head.
pub fn prepare(entry: Entry<'_>) -> Model {
    let mut event = Model {
        id: Uuid::now_v7(),
        case_id: entry.case.id,
        seq: entry.case.history_length + 1,
        actor_id: entry.actor.map(|(id, _)| id),
        actor_role: entry.actor.map(|(_, role)| role),
        event: entry.event.to_owned(),
        data_sha256: Some(data_digest(&entry.data)),
        redacted_at: None,
        data: entry.data,
        state_before: entry.before.state,
        state_after: entry.after.state,
        held_from_after: entry.after.held_from,
        created_at: entry.at,
        prev_hash: entry.case.history_head.clone(),
        hash: String::new(),
    };
    event.hash = hash_of(&event);
    event
}

/// Stores a prepared event.
pub async fn insert(db: &impl ConnectionTrait, event: &Model) -> Result<(), sea_orm::DbErr> {
    let active = case_event::ActiveModel {
        id: Set(event.id),
        case_id: Set(event.case_id),
        seq: Set(event.seq),
        actor_id: Set(event.actor_id),
        actor_role: Set(event.actor_role),
        event: Set(event.event.clone()),
        data: Set(event.data.clone()),
        state_before: Set(event.state_before),
        state_after: Set(event.state_after),
        held_from_after: Set(event.held_from_after),
        created_at: Set(event.created_at),
        prev_hash: Set(event.prev_hash.clone()),
        hash: Set(event.hash.clone()),
        data_sha256: Set(event.data_sha256.clone()),
        redacted_at: Set(event.redacted_at),
    };
    active.insert(db).await?;
    Ok(())
}

/// A case's events, oldest first.
pub async fn of_case(db: &impl ConnectionTrait, case: Uuid) -> Result<Vec<Model>, sea_orm::DbErr> {
    CaseEvents::find()
        .filter(case_event::Column::CaseId.eq(case))
        .order_by_asc(case_event::Column::Seq)
        .all(db)
        .await
}

/// Where the chain breaks.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Break {
    /// The case.
    pub case_id: Uuid,
    /// Its reference.
    pub reference: String,
    /// The position in its history where the break shows (one past the end when events are
    /// missing from the end).
    pub seq: i32,
    /// `hash_mismatch`, `data_mismatch` (the data no longer has its digest), `chain_mismatch`,
    /// `sequence_gap`, `head_mismatch` or `unexplained_redaction` (marked redacted, but no purge
    /// of the case lists it).
    pub reason: &'static str,
}

/// The result of walking every chain.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Verification {
    /// Whether every chain is whole.
    pub ok: bool,
    /// How many events were checked.
    pub checked: u64,
    /// The first break found (cases by creation, events in order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_broken: Option<Break>,
}

/// The event that purges a shelter's personal data from a case, listing the events it redacted.
pub const PURGE_EVENT: &str = "personal_data_purged";

/// Whether a later purge event of the case lists event `seq` as redacted.
fn redaction_recorded(events: &[Model], seq: i32) -> bool {
    events.iter().any(|e| {
        e.seq > seq
            && e.event == PURGE_EVENT
            && e.data["redacted"]
                .as_array()
                .is_some_and(|listed| listed.iter().any(|s| s.as_i64() == Some(i64::from(seq))))
    })
}

/// What a chain is checked against: a case's id, reference and head, without its intake.
#[derive(Debug, sea_orm::FromQueryResult)]
struct Head {
    id: Uuid,
    reference: String,
    created_at: OffsetDateTime,
    history_head: String,
    history_length: i32,
}

/// Cases whose chains are checked together: two statements for each this many cases, and never
/// more than their events in memory, however long the caseload.
const VERIFY_PAGE: u64 = 500;

/// Walks every case's chain, cases by creation a page at a time, each page's events read in one
/// statement.
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verification, sea_orm::DbErr> {
    let mut checked = 0;
    let mut after: Option<(OffsetDateTime, Uuid)> = None;
    loop {
        let mut page = Cases::find()
            .select_only()
            .columns([
                case::Column::Id,
                case::Column::Reference,
                case::Column::CreatedAt,
                case::Column::HistoryHead,
                case::Column::HistoryLength,
            ])
            .order_by_asc(case::Column::CreatedAt)
            .order_by_asc(case::Column::Id)
            .limit(VERIFY_PAGE);
        if let Some((at, id)) = after {
            page = page.filter(
                Condition::any().add(case::Column::CreatedAt.gt(at)).add(
                    Condition::all()
                        .add(case::Column::CreatedAt.eq(at))
                        .add(case::Column::Id.gt(id)),
                ),
            );
        }
        let heads = page.into_model::<Head>().all(db).await?;
        let Some(last) = heads.last() else {
            break;
        };
        after = Some((last.created_at, last.id));
        let mut events: BTreeMap<Uuid, Vec<Model>> = BTreeMap::new();
        for event in CaseEvents::find()
            .filter(case_event::Column::CaseId.is_in(heads.iter().map(|h| h.id)))
            .order_by_asc(case_event::Column::CaseId)
            .order_by_asc(case_event::Column::Seq)
            .all(db)
            .await?
        {
            events.entry(event.case_id).or_default().push(event);
        }
        for head in &heads {
            let chain = events.remove(&head.id).unwrap_or_default();
            if let Some(found) = check_chain(head, &chain, &mut checked) {
                return Ok(Verification {
                    ok: false,
                    checked,
                    first_broken: Some(found),
                });
            }
        }
    }
    Ok(Verification {
        ok: true,
        checked,
        first_broken: None,
    })
}

/// Where `events`, the case's in order, break its chain, if anywhere; counts the events checked.
fn check_chain(case: &Head, events: &[Model], checked: &mut u64) -> Option<Break> {
    let broken = |seq, reason| {
        Some(Break {
            case_id: case.id,
            reference: case.reference.clone(),
            seq,
            reason,
        })
    };
    let mut prev = genesis(case.id);
    for (index, event) in events.iter().enumerate() {
        *checked += 1;
        let expected_seq = i32::try_from(index).unwrap_or(i32::MAX) + 1;
        if event.seq != expected_seq {
            return broken(expected_seq, "sequence_gap");
        }
        if event.prev_hash != prev {
            return broken(event.seq, "chain_mismatch");
        }
        if hash_of(event) != event.hash {
            return broken(event.seq, "hash_mismatch");
        }
        match (&event.data_sha256, event.redacted_at) {
            (Some(digest), None) if *digest != data_digest(&event.data) => {
                return broken(event.seq, "data_mismatch");
            }
            (_, Some(_)) if !redaction_recorded(events, event.seq) => {
                return broken(event.seq, "unexplained_redaction");
            }
            _ => {}
        }
        prev = event.hash.clone();
    }
    let length = i32::try_from(events.len()).unwrap_or(i32::MAX);
    if prev != case.history_head || length != case.history_length {
        return broken(length + 1, "head_mismatch");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event as the table holds it: typed columns, hashed as the text they always stored.
    fn recorded(data_sha256: Option<String>) -> Model {
        Model {
            id: Uuid::nil(),
            case_id: Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001),
            seq: 7,
            actor_id: Some(Uuid::from_u128(2)),
            actor_role: Some(Role::Lawyer),
            event: "hold".to_owned(),
            data: serde_json::json!({"reason": "Falta la identificación"}),
            state_before: Status::Drafting,
            state_after: Status::OnHold,
            held_from_after: Some(Status::Drafting),
            created_at: time::macros::datetime!(2026-11-20 17:05:09.25 UTC),
            prev_hash: "ab".repeat(32),
            data_sha256,
            redacted_at: None,
            hash: String::new(),
        }
    }

    /// The exact text an event's hash covers, as chains recorded before the columns were typed
    /// hashed it: a change to the typed columns must not break a single existing chain.
    #[test]
    fn hashes_cover_the_text_existing_chains_were_recorded_with() {
        let prev = "ab".repeat(32);
        let digest = data_digest(&serde_json::json!({"reason": "Falta la identificación"}));
        let with_digest = format!(
            r#"{{"case":"01900000-0000-7000-8000-000000000001","seq":7,"actor":"00000000-0000-0000-0000-000000000002","role":"lawyer","event":"hold","data_sha256":"{digest}","before":"drafting","after":"on_hold","held_from":"drafting","at":"2026-11-20T17:05:09.25Z","prev":"{prev}"}}"#
        );
        assert_eq!(
            hash_of(&recorded(Some(digest.clone()))),
            hex(&Sha256::digest(with_digest.as_bytes()))
        );
        let without_digest = format!(
            r#"{{"case":"01900000-0000-7000-8000-000000000001","seq":7,"actor":"00000000-0000-0000-0000-000000000002","role":"lawyer","event":"hold","data":{{"reason":"Falta la identificación"}},"before":"drafting","after":"on_hold","held_from":"drafting","at":"2026-11-20T17:05:09.25Z","prev":"{prev}"}}"#
        );
        assert_eq!(
            hash_of(&recorded(None)),
            hex(&Sha256::digest(without_digest.as_bytes()))
        );
    }
}
