//! Changes to a case after its creation: replacing the intake, committing a workflow transition
//! with its effects and outbox messages, and recording activity, each guarded by the case's
//! version where the history grows.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::intake::IntakeDraft;
use puente_workflow::{Effect, Role, Transition};

use super::{advance, domicile_state, find, state_of, title};
use crate::clock;
use crate::entity::case::{self, Entity as Cases, Model};
use crate::service::repo::history::{self, Entry};
use crate::service::repo::outbox::{self, Message};

/// Replaces the intake if the case is still at `version`; `None` when someone changed it first.
pub async fn update_intake(
    db: &DatabaseConnection,
    case: &Model,
    intake: &IntakeDraft,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    change(
        db,
        case,
        actor,
        ("intake_updated", json!({})),
        at,
        |update| {
            update
                .col_expr(
                    case::Column::Intake,
                    Expr::value(serde_json::to_value(intake).unwrap_or(Value::Null)),
                )
                .col_expr(case::Column::Title, Expr::value(title(intake)))
                .col_expr(
                    case::Column::DomicileState,
                    Expr::value(domicile_state(intake)),
                )
        },
    )
    .await
}

/// Records the LISR art. 79 fractions the lawyer chose (their codes), if the case is still at
/// its version; `None` when someone changed it first.
pub async fn update_lisr_fractions(
    db: &DatabaseConnection,
    case: &Model,
    codes: &[&str],
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let event = ("lisr_fractions_chosen", json!({"lisr_fractions": codes}));
    change(db, case, actor, event, at, |update| {
        update.col_expr(case::Column::LisrFractions, Expr::value(Some(json!(codes))))
    })
    .await
}

/// Records the notary chosen for the signing (replacing an earlier choice), if the case is still
/// at its version; `None` when someone changed it first.
pub async fn update_notary(
    db: &DatabaseConnection,
    case: &Model,
    notary: &puente_workflow::Notary,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let value = serde_json::to_value(notary).unwrap_or(Value::Null);
    change(
        db,
        case,
        actor,
        ("notary_chosen", value.clone()),
        at,
        |update| update.col_expr(case::Column::Notary, Expr::value(Some(value))),
    )
    .await
}

/// Records the milestones after the signing (all of them, `milestones`), with `data` saying
/// which one changed, if the case is still at its version; `None` when someone changed it first.
pub async fn update_milestones(
    db: &DatabaseConnection,
    case: &Model,
    milestones: &puente_workflow::Milestones,
    data: Value,
    actor: (Uuid, Role),
    at: OffsetDateTime,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let all = serde_json::to_value(milestones).unwrap_or(Value::Null);
    change(
        db,
        case,
        actor,
        ("milestone_recorded", data),
        at,
        |update| update.col_expr(case::Column::Milestones, Expr::value(Some(all))),
    )
    .await
}

/// Changes the case's own data (`set`) and records it in the history as `event` (its name and
/// data), in one transaction, if the case is still at its version; `None` when someone changed
/// it first.
async fn change(
    db: &DatabaseConnection,
    case: &Model,
    actor: (Uuid, Role),
    (event, data): (&str, Value),
    at: OffsetDateTime,
    set: impl FnOnce(sea_orm::UpdateMany<Cases>) -> sea_orm::UpdateMany<Cases>,
) -> Result<Option<Model>, sea_orm::DbErr> {
    let now = clock::truncate(at);
    let at = state_of(case);
    let event = history::prepare(Entry {
        case,
        actor: Some(actor),
        event,
        data,
        before: at,
        after: at,
        at: now,
    });
    let txn = db.begin().await?;
    let updated = set(advance(case, &event, now)).exec(&txn).await?;
    if updated.rows_affected != 1 {
        return Ok(None);
    }
    history::insert(&txn, &event).await?;
    let fresh = find(&txn, case.id).await?;
    txn.commit().await?;
    Ok(fresh)
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
            Effect::NameAuthorizationVoid => update.col_expr(
                case::Column::NameAuthorization,
                Expr::value(Option::<Value>::None),
            ),
            Effect::Deed(deed) => update.col_expr(
                case::Column::Deed,
                Expr::value(serde_json::to_value(deed).ok()),
            ),
            Effect::Filing(filing) => update
                .col_expr(case::Column::Folio, Expr::value(Some(filing.folio.clone())))
                .col_expr(
                    case::Column::Filing,
                    Expr::value(serde_json::to_value(filing).ok()),
                ),
            Effect::Rfc(rfc) => update.col_expr(
                case::Column::Rfc,
                Expr::value(Some(rfc.as_str().to_owned())),
            ),
        };
    }
    let txn = db.begin().await?;
    // The guarded update answers the row as it is now (`RETURNING`): none when another request
    // moved the case first.
    let Some(fresh) = update.exec_with_returning(&txn).await?.pop() else {
        return Ok(None);
    };
    history::insert(&txn, &event).await?;
    for message in messages {
        outbox::enqueue(&txn, message, at).await?;
    }
    txn.commit().await?;
    Ok(Some(fresh))
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
