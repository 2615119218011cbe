//! A shelter's personal data under Mexico's data protection law (DOMAIN.md): everything held
//! about it exported as one archive, its personal data blocked (kept for legal retention only:
//! never shown, sent or drafted from), and purged once the retention ends: associates
//! anonymised, free text removed from the case, its comments and its history, documents removed
//! from the store, staff accounts anonymised. The cases, their states and dates, the hours and
//! the documents' rows stay, so the program's statistics do not change. Each step is recorded
//! in every case's history. Admins only (see `routes::privacy`).

use std::io::{Seek, Write};

use puente_workflow::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::entity::{
    case, case_event, comment, document, hours, login_attempt, organization, refresh_token, user,
};
use crate::error::ApiError;
use crate::repo::cases::{chain, state_of};
use crate::repo::history::{self, Entry, PURGE_EVENT};
use crate::state::AppState;
use crate::views::rfc3339;

/// The shelter, or why the operation does not apply to the organization.
async fn shelter(state: &AppState, id: Uuid) -> Result<organization::Model, ApiError> {
    let org = organization::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if org.kind != "shelter" {
        return Err(conflict("not_a_shelter"));
    }
    Ok(org)
}

fn conflict(code: &'static str) -> ApiError {
    ApiError::Conflict {
        code,
        state: None,
        version: None,
    }
}

async fn cases_of(state: &AppState, org: Uuid) -> Result<Vec<case::Model>, sea_orm::DbErr> {
    case::Entity::find()
        .filter(case::Column::ShelterId.eq(org))
        .order_by_asc(case::Column::CreatedAt)
        .all(&state.db)
        .await
}

/// Appends a privacy event to a case's history, with `changes` to the case row, in `txn`; the
/// case must still be at its version. Not counted as activity on the case.
async fn record(
    txn: &impl ConnectionTrait,
    case: &case::Model,
    actor: (Uuid, Role),
    event: &str,
    data: Value,
    at: OffsetDateTime,
    changes: impl FnOnce(sea_orm::UpdateMany<case::Entity>) -> sea_orm::UpdateMany<case::Entity>,
) -> Result<(), ApiError> {
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
    if changes(chain(case, &entry, at))
        .exec(txn)
        .await?
        .rows_affected
        != 1
    {
        return Err(ApiError::Conflict {
            code: "busy",
            state: Some(position),
            version: Some(case.version),
        });
    }
    history::insert(txn, &entry).await?;
    Ok(())
}

/// Blocks a shelter's personal data: from now on it is not shown, sent or drafted from, and its
/// staff cannot sign in. Every case must have ended (withdraw the others first).
pub async fn block(
    state: &AppState,
    org: Uuid,
    actor: (Uuid, Role),
    reason: &str,
) -> Result<organization::Model, ApiError> {
    let shelter = shelter(state, org).await?;
    if shelter.blocked_at.is_some() {
        return Err(conflict("already_blocked"));
    }
    let cases = cases_of(state, org).await?;
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
            |update| update,
        )
        .await?;
    }
    let staff = user::Entity::find()
        .filter(user::Column::OrganizationId.eq(org))
        .all(&txn)
        .await?;
    for person in staff {
        let changes = crate::repo::users::Changes {
            active: Some(false),
            ..Default::default()
        };
        crate::repo::users::update(&txn, person, changes, now).await?;
    }
    organization::Entity::update_many()
        .col_expr(organization::Column::BlockedAt, Expr::value(Some(now)))
        .filter(organization::Column::Id.eq(org))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    organization::Entity::find_by_id(org)
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)
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
) -> Result<PurgeSummary, ApiError> {
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
    for case in cases_of(state, org).await? {
        let rows = document::Entity::find()
            .filter(document::Column::CaseId.eq(case.id))
            .filter(document::Column::PurgedAt.is_null())
            .all(&state.db)
            .await?;
        for row in rows {
            crate::storage::maintenance::purge_document(state, &row, now)
                .await
                .map_err(ApiError::StoreUnavailable)?;
            summary.documents += 1;
        }
    }
    // Read before the transaction: the embedded database has a single connection.
    let cases = cases_of(state, org).await?;
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
            case_event::Entity::update_many()
                .col_expr(case_event::Column::Data, Expr::value(data))
                .col_expr(case_event::Column::RedactedAt, Expr::value(Some(now)))
                .filter(case_event::Column::Id.eq(event.id))
                .exec(&txn)
                .await?;
            redacted.push(event.seq);
        }
        summary.events_redacted += redacted.len() as u64;
        summary.comments += comment::Entity::update_many()
            .col_expr(comment::Column::Body, Expr::value(""))
            .filter(comment::Column::CaseId.eq(case.id))
            .exec(&txn)
            .await?
            .rows_affected;
        hours::Entity::update_many()
            .col_expr(hours::Column::Description, Expr::value(""))
            .filter(hours::Column::CaseId.eq(case.id))
            .exec(&txn)
            .await?;
        let intake = anonymised_intake(&case.intake);
        record(
            &txn,
            &case,
            actor,
            PURGE_EVENT,
            json!({"redacted": redacted}),
            now,
            |update| update.col_expr(case::Column::Intake, Expr::value(intake)),
        )
        .await?;
        summary.cases += 1;
    }
    let staff = user::Entity::find()
        .filter(user::Column::OrganizationId.eq(org))
        .all(&txn)
        .await?;
    for person in staff {
        login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::Email.eq(person.email.clone()))
            .exec(&txn)
            .await?;
        refresh_token::Entity::delete_many()
            .filter(refresh_token::Column::UserId.eq(person.id))
            .exec(&txn)
            .await?;
        user::Entity::update_many()
            .col_expr(user::Column::Name, Expr::value("Persona eliminada"))
            .col_expr(
                user::Column::Email,
                Expr::value(format!("eliminada-{}@invalid", person.id.simple())),
            )
            .col_expr(user::Column::PasswordHash, Expr::value("!"))
            .col_expr(user::Column::Active, Expr::value(false))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        summary.accounts += 1;
    }
    organization::Entity::update_many()
        .col_expr(organization::Column::PurgedAt, Expr::value(Some(now)))
        .filter(organization::Column::Id.eq(org))
        .exec(&txn)
        .await?;
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
) -> Result<W, ApiError> {
    let shelter = shelter(state, org).await?;
    let staff = user::Entity::find()
        .filter(user::Column::OrganizationId.eq(org))
        .all(&state.db)
        .await?;
    let cases = cases_of(state, org).await?;
    let mut zip = zip::ZipWriter::new(out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut described = Vec::new();
    for case in &cases {
        let events = history::of_case(&state.db, case.id).await?;
        let comments = comment::Entity::find()
            .filter(comment::Column::CaseId.eq(case.id))
            .order_by_asc(comment::Column::CreatedAt)
            .all(&state.db)
            .await?;
        let logged = hours::Entity::find()
            .filter(hours::Column::CaseId.eq(case.id))
            .order_by_asc(hours::Column::WorkedOn)
            .all(&state.db)
            .await?;
        let documents = document::Entity::find()
            .filter(document::Column::CaseId.eq(case.id))
            .order_by_asc(document::Column::CreatedAt)
            .all(&state.db)
            .await?;
        let mut files = Vec::new();
        for row in &documents {
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
                    .map_err(|e| ApiError::Internal(format!("export archive: {e}")))?;
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
        .map_err(|e| ApiError::Internal(format!("export archive: {e}")))?;
    let out = zip
        .finish()
        .map_err(|e| ApiError::Internal(format!("export archive: {e}")))?;
    let now = state.now();
    for case in &cases {
        // Recorded after the archive is whole; a case changing meanwhile is read fresh.
        for _ in 0..5 {
            let Some(fresh) = case::Entity::find_by_id(case.id).one(&state.db).await? else {
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
                |u| u,
            )
            .await
            {
                Ok(()) => {
                    txn.commit().await?;
                    break;
                }
                Err(ApiError::Conflict { code: "busy", .. }) => continue,
                Err(error) => return Err(error),
            }
        }
    }
    Ok(out)
}

async fn read_document(state: &AppState, row: &document::Model) -> Result<Vec<u8>, ApiError> {
    use futures::StreamExt;
    let (first, rest) = crate::service::documents::open(state, row).await?;
    let mut bytes = first.to_vec();
    let mut rest = std::pin::pin!(rest);
    while let Some(piece) = rest.next().await {
        bytes.extend_from_slice(&piece.map_err(|_| ApiError::DocumentIntegrity)?);
    }
    Ok(bytes)
}
