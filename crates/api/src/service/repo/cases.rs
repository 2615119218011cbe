//! Cases: creation, lists, intake edits and committing workflow transitions, each change with
//! its history event in one transaction, guarded by the case's version.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{CaseState, Effect, Role, Status, Transition};

use super::history::{self, Entry};
use super::outbox::{self, Message};
use super::page::{self, Cursor, Direction};
use crate::clock;
use crate::entity::case::{self, Entity as Cases, Model};
use crate::entity::{case_event, document};

/// Which cases a caller may list.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// A manager: all.
    All,
    /// A shelter: its own.
    Shelter(Uuid),
    /// A lawyer: open cases, theirs and their firm's.
    Lawyer {
        /// The lawyer.
        user: Uuid,
        /// Their firm.
        firm: Uuid,
    },
}

impl Scope {
    /// The cases a user of `role` may list.
    pub fn of(role: puente_workflow::Role, user: Uuid, organization: Uuid) -> Scope {
        match role {
            puente_workflow::Role::Manager => Scope::All,
            puente_workflow::Role::Shelter => Scope::Shelter(organization),
            puente_workflow::Role::Lawyer => Scope::Lawyer {
                user,
                firm: organization,
            },
        }
    }
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// The newest first (by creation).
    #[default]
    Newest,
    /// Those waiting longest in their current state first (the screening queue, the board).
    Waiting,
}

/// List filters (API.md) and the page asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// By state of the workflow.
    pub status: Option<Status>,
    /// By federal entity of the domicile.
    pub state: Option<String>,
    /// By law firm.
    pub firm: Option<Uuid>,
    /// By lawyer.
    pub lawyer: Option<Uuid>,
    /// Text in the reference or the first proposed name.
    pub q: Option<String>,
    /// Only cases in their current state since this moment or before.
    pub waiting_since: Option<OffsetDateTime>,
    /// The order.
    pub order: Order,
    /// Only cases after this point of the order (the cursor of the page before).
    pub after: Option<Cursor<OffsetDateTime>>,
}

fn title(intake: &IntakeDraft) -> String {
    intake
        .proposed_names
        .first()
        .map(|name| name.trim().chars().take(200).collect())
        .unwrap_or_default()
}

/// Creates a case in `draft` at time `at`, with its first history event.
pub async fn create(
    db: &DatabaseConnection,
    shelter: Uuid,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match try_create(db, shelter, intake, actor, at).await {
            Err(error) if attempt < 5 && super::is_unique_violation(&error) => continue,
            other => return other,
        }
    }
}

async fn try_create(
    db: &DatabaseConnection,
    shelter: Uuid,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let txn = db.begin().await?;
    let now = clock::truncate(at);
    let year = now.year();
    let prefix = format!("PUE-{year}-");
    let last = Cases::find()
        .filter(case::Column::Reference.starts_with(&prefix))
        .order_by_desc(case::Column::Reference)
        .one(&txn)
        .await?;
    let next = last
        .and_then(|c| c.reference.strip_prefix(&prefix)?.parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    let id = Uuid::now_v7();
    let draft = CaseState::at(Status::Draft);
    let mut model = Model {
        id,
        reference: format!("{prefix}{next:06}"),
        status: Status::Draft,
        held_from: None,
        version: 1,
        shelter_id: shelter,
        lawyer_id: None,
        firm_id: None,
        domicile_state: domicile_state(intake),
        title: title(intake),
        intake: serde_json::to_value(intake).unwrap_or(Value::Null),
        name_authorization: None,
        deed: None,
        folio: None,
        rfc: None,
        history_head: history::genesis(id),
        history_length: 0,
        created_at: now,
        updated_at: now,
        status_changed_at: now,
        last_activity_at: now,
    };
    let event = history::prepare(Entry {
        case: &model,
        actor: Some(actor),
        event: "created",
        data: json!({}),
        before: draft,
        after: draft,
        at: now,
    });
    model.history_head = event.hash.clone();
    model.history_length = 1;
    let stored = case::ActiveModel::from(model).insert(&txn).await?;
    history::insert(&txn, &event).await?;
    txn.commit().await?;
    Ok(stored)
}

fn domicile_state(intake: &IntakeDraft) -> Option<String> {
    intake
        .domicile
        .as_ref()
        .and_then(|d| d.state.as_deref())
        .and_then(|s| s.parse::<puente_workflow::intake::MexicanState>().ok())
        .map(|s| s.code().to_owned())
}

/// One case.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Cases::find_by_id(id).one(db).await
}

/// Every case, oldest first (the daily digests read them all).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Model>, sea_orm::DbErr> {
    Cases::find()
        .order_by_asc(case::Column::CreatedAt)
        .all(db)
        .await
}

/// A shelter's cases, oldest first.
pub async fn of_shelter(
    db: &impl ConnectionTrait,
    shelter: Uuid,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    Cases::find()
        .filter(case::Column::ShelterId.eq(shelter))
        .order_by_asc(case::Column::CreatedAt)
        .all(db)
        .await
}

/// The cases of `scope` that pass `filter`, without regard to the page.
fn matching(scope: Scope, filter: &Filter) -> sea_orm::Select<Cases> {
    let mut query = Cases::find();
    query = match scope {
        Scope::All => query,
        Scope::Shelter(org) => query.filter(case::Column::ShelterId.eq(org)),
        Scope::Lawyer { user, firm } => query.filter(
            Condition::any()
                .add(case::Column::Status.eq(Status::Open))
                .add(case::Column::LawyerId.eq(user))
                .add(case::Column::FirmId.eq(firm)),
        ),
    };
    if let Some(status) = filter.status {
        query = query.filter(case::Column::Status.eq(status));
    }
    if let Some(state) = &filter.state {
        query = query.filter(case::Column::DomicileState.eq(state.as_str()));
    }
    if let Some(firm) = filter.firm {
        query = query.filter(case::Column::FirmId.eq(firm));
    }
    if let Some(lawyer) = filter.lawyer {
        query = query.filter(case::Column::LawyerId.eq(lawyer));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        query = query.filter(
            Condition::any()
                .add(Func::lower(Expr::col(case::Column::Reference)).like(pattern.clone()))
                .add(Func::lower(Expr::col(case::Column::Title)).like(pattern)),
        );
    }
    if let Some(since) = filter.waiting_since {
        query = query.filter(case::Column::StatusChangedAt.lte(since));
    }
    query
}

/// One page of the cases of `scope` that pass `filter`, in its order: at most `limit`, and
/// whether more follow.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &Filter,
    limit: u64,
) -> Result<(Vec<Model>, bool), sea_orm::DbErr> {
    let (key, direction) = match filter.order {
        Order::Newest => (case::Column::CreatedAt, Direction::Descending),
        Order::Waiting => (case::Column::StatusChangedAt, Direction::Ascending),
    };
    let query = page::keyset(
        matching(scope, filter),
        key,
        case::Column::Id,
        direction,
        filter.after.as_ref(),
        limit,
    );
    Ok(page::split(query.all(db).await?, limit))
}

/// Where the page that ends with `case` ends, in `order`.
pub fn cursor_of(case: &Model, order: Order) -> Cursor<OffsetDateTime> {
    Cursor {
        at: match order {
            Order::Newest => case.created_at,
            Order::Waiting => case.status_changed_at,
        },
        id: case.id,
    }
}

/// How many cases of `scope` pass `filter`, on every page together.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &Filter,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    matching(scope, filter).count(db).await
}

/// The update that moves a case's history head to `event` and raises its version, only if the
/// case is still at the version it was read at. Callers add their own columns.
fn advance(
    case: &Model,
    event: &case_event::Model,
    now: OffsetDateTime,
) -> sea_orm::UpdateMany<Cases> {
    chain(case, event, now).col_expr(case::Column::LastActivityAt, Expr::value(now))
}

/// Appends `event` to the case's history if the case is still at its version, without counting
/// as activity on the case (for what Puente does by itself).
pub(crate) fn chain(
    case: &Model,
    event: &case_event::Model,
    now: OffsetDateTime,
) -> sea_orm::UpdateMany<Cases> {
    Cases::update_many()
        .col_expr(case::Column::Version, Expr::value(case.version + 1))
        .col_expr(case::Column::HistoryHead, Expr::value(event.hash.clone()))
        .col_expr(case::Column::HistoryLength, Expr::value(event.seq))
        .col_expr(case::Column::UpdatedAt, Expr::value(now))
        .filter(case::Column::Id.eq(case.id))
        .filter(case::Column::Version.eq(case.version))
}

/// Records a stored document on its case: the row, and a `document_uploaded` (or, for a draft
/// from `template`, `document_generated`) history event,
/// in one transaction guarded by the case's version; `None` when the case changed meanwhile.
pub async fn record_document(
    db: &DatabaseConnection,
    case: &Model,
    row: document::Model,
    actor: (Uuid, Role),
    template: Option<&str>,
    at: OffsetDateTime,
) -> Result<Option<document::Model>, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let position = state_of(case);
    let mut data = json!({
        "document_id": row.id, "kind": row.kind, "slot": row.slot, "version": row.version,
        "sha256": row.sha256, "size": row.size, "content_type": row.content_type,
    });
    if let Some(template) = template {
        data["template"] = json!(template);
    }
    let event = history::prepare(Entry {
        case,
        actor: Some(actor),
        // A document Puente drafted is recorded as generated, from which template.
        event: if template.is_some() {
            "document_generated"
        } else {
            "document_uploaded"
        },
        data,
        before: position,
        after: position,
        at: now,
    });
    let txn = db.begin().await?;
    if advance(case, &event, now).exec(&txn).await?.rows_affected != 1 {
        return Ok(None);
    }
    history::insert(&txn, &event).await?;
    let stored = super::documents::insert(&txn, row).await?;
    txn.commit().await?;
    Ok(Some(stored))
}

/// Soft-deletes a document: the row stays (marked deleted, by whom) and the case's history
/// records it, in one transaction guarded by the case's version; `false` when the case changed
/// meanwhile.
pub async fn delete_document(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let change = document::Entity::update_many()
        .col_expr(document::Column::DeletedAt, Expr::value(Some(now)))
        .col_expr(document::Column::DeletedBy, Expr::value(Some(actor.0)));
    document_event(db, case, row, Some(actor), "document_deleted", now, change).await
}

/// Records that a deleted document's retention ended: a `document_purged` event by Puente
/// itself (not counted as activity on the case), and the row kept for the history and the
/// statistics without its file name and key (the object is already gone). `false` when the
/// case changed meanwhile.
pub async fn purge_document(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    at: OffsetDateTime,
) -> Result<bool, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let change = document::Entity::update_many()
        .col_expr(document::Column::PurgedAt, Expr::value(Some(now)))
        .col_expr(document::Column::Filename, Expr::value(""))
        .col_expr(document::Column::WrappedKey, Expr::value(""));
    document_event(db, case, row, None, "document_purged", now, change).await
}

/// Applies `change` to the document's row and records `event` in its case's history, in one
/// transaction guarded by the case's version. An event with an actor counts as activity on
/// the case; one by Puente itself does not.
async fn document_event(
    db: &DatabaseConnection,
    case: &Model,
    row: &document::Model,
    actor: Option<(Uuid, Role)>,
    event: &str,
    now: OffsetDateTime,
    change: sea_orm::UpdateMany<document::Entity>,
) -> Result<bool, sea_orm::DbErr> {
    let position = state_of(case);
    let event = history::prepare(Entry {
        case,
        actor,
        event,
        data: json!({"document_id": row.id, "kind": row.kind, "slot": row.slot, "version": row.version}),
        before: position,
        after: position,
        at: now,
    });
    let append = match actor {
        Some(_) => advance(case, &event, now),
        None => chain(case, &event, now),
    };
    let txn = db.begin().await?;
    if append.exec(&txn).await?.rows_affected != 1 {
        return Ok(false);
    }
    history::insert(&txn, &event).await?;
    change
        .filter(document::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// Replaces the intake if the case is still at `version`; `None` when someone changed it first.
pub async fn update_intake(
    db: &DatabaseConnection,
    case: &Model,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let at = state_of(case);
    let event = history::prepare(Entry {
        case,
        actor: Some(actor),
        event: "intake_updated",
        data: json!({}),
        before: at,
        after: at,
        at: now,
    });
    let txn = db.begin().await?;
    let updated = advance(case, &event, now)
        .col_expr(
            case::Column::Intake,
            Expr::value(serde_json::to_value(intake).unwrap_or(Value::Null)),
        )
        .col_expr(case::Column::Title, Expr::value(title(intake)))
        .col_expr(
            case::Column::DomicileState,
            Expr::value(domicile_state(intake)),
        )
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    history::insert(&txn, &event).await?;
    let fresh = find(&txn, case.id).await?;
    txn.commit().await?;
    Ok(fresh)
}

/// Where a case stands.
pub fn state_of(case: &Model) -> CaseState {
    CaseState {
        state: case.status,
        held_from: case.held_from,
    }
}

/// Commits a transition made at `at`: the case's new state and effects, its history event and its outbox
/// messages, in one transaction, only if the case is still at the version it was read at.
/// `None` when another request changed it first.
pub async fn commit(
    db: &DatabaseConnection,
    case: &Model,
    transition: &Transition,
    actor: (Uuid, Role),
    messages: Vec<Message>,
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let data = serde_json::to_value(&transition.event.data).unwrap_or(Value::Null);
    let event = history::prepare(Entry {
        case,
        actor: Some(actor),
        event: transition.event.kind.as_str(),
        data,
        before: transition.from,
        after: transition.to,
        at: now,
    });
    let mut update = advance(case, &event, now)
        .col_expr(case::Column::Status, Expr::value(transition.to.state))
        .col_expr(case::Column::HeldFrom, Expr::value(transition.to.held_from));
    if transition.to.state != transition.from.state {
        update = update.col_expr(case::Column::StatusChangedAt, Expr::value(now));
    }
    for effect in &transition.effects {
        update = match effect {
            Effect::Assign(assignment) => update
                .col_expr(
                    case::Column::LawyerId,
                    Expr::value(Some(assignment.lawyer.0)),
                )
                .col_expr(case::Column::FirmId, Expr::value(Some(assignment.firm.0))),
            Effect::Unassign => update
                .col_expr(case::Column::LawyerId, Expr::value(Option::<Uuid>::None))
                .col_expr(case::Column::FirmId, Expr::value(Option::<Uuid>::None)),
            Effect::NameAuthorization(authorization) => update.col_expr(
                case::Column::NameAuthorization,
                Expr::value(serde_json::to_value(authorization).ok()),
            ),
            Effect::Deed {
                notary_number,
                deed_number,
                signed_on,
            } => update.col_expr(
                case::Column::Deed,
                Expr::value(Some(json!({
                    "notary_number": notary_number,
                    "deed_number": deed_number,
                    "signed_on": signed_on.to_string(),
                }))),
            ),
            Effect::Filing { folio } => {
                update.col_expr(case::Column::Folio, Expr::value(Some(folio.clone())))
            }
            Effect::Rfc(rfc) => update.col_expr(
                case::Column::Rfc,
                Expr::value(Some(rfc.as_str().to_owned())),
            ),
        };
    }
    let txn = db.begin().await?;
    let updated = update.exec(&txn).await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    history::insert(&txn, &event).await?;
    for message in messages {
        outbox::enqueue(&txn, message, at).await?;
    }
    let fresh = find(&txn, case.id).await?;
    txn.commit().await?;
    Ok(fresh)
}

/// Records activity (a comment, logged hours) for the stall alert.
pub async fn touch(
    db: &impl ConnectionTrait,
    case: Uuid,
    at: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Cases::update_many()
        .col_expr(case::Column::LastActivityAt, Expr::value(at))
        .filter(case::Column::Id.eq(case))
        .exec(db)
        .await?;
    Ok(())
}
