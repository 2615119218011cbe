//! The notification outbox: messages written in the same transaction as the event that causes
//! them, delivered later by a worker.

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;
use uuid::Uuid;

use crate::clock;
use crate::entity::outbox;

/// A message to deliver.
#[derive(Debug, Clone)]
pub struct Message {
    /// What it is about (`case_transition`).
    pub kind: &'static str,
    /// The case concerned.
    pub case: Option<Uuid>,
    /// Whom to tell (`None`: every manager).
    pub recipient: Option<Uuid>,
    /// The facts the message is written from.
    pub payload: Value,
}

/// Queues a message.
pub async fn enqueue(db: &impl ConnectionTrait, message: Message) -> Result<(), sea_orm::DbErr> {
    let now = clock::now();
    outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(message.kind.to_owned()),
        case_id: Set(message.case),
        recipient_id: Set(message.recipient),
        payload: Set(message.payload),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}
