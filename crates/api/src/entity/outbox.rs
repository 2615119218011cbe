use sea_orm::entity::prelude::*;

use crate::service::mail::Notice;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: Notice,
    pub case_id: Option<Uuid>,
    pub recipient_id: Option<Uuid>,
    pub payload: Json,
    pub attempts: i32,
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub sent_at: Option<TimeDateTimeWithTimeZone>,
    pub failed_at: Option<TimeDateTimeWithTimeZone>,
    pub last_error: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    /// Makes a message unique (a digest per person and day, a warning per deadline).
    pub dedupe_key: Option<String>,
    /// While set and in the future, one worker is delivering the message.
    pub lease_until: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
