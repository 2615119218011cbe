use puente_workflow::{Role, Status};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    /// 1, 2, 3… within the case.
    pub seq: i32,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<Role>,
    pub event: String,
    pub data: Json,
    pub state_before: Status,
    pub state_after: Status,
    /// Where a held case returns to when it resumes.
    pub held_from_after: Option<Status>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub prev_hash: String,
    /// The SHA-256 of `data` (hex), which the event's hash covers; absent on events recorded
    /// before digests, whose hash covers the data itself.
    pub data_sha256: Option<String>,
    /// When a purge removed free text from `data` (the digest still holds the original's).
    pub redacted_at: Option<TimeDateTimeWithTimeZone>,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
