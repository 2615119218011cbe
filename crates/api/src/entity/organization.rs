use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub state: Option<String>,
    pub municipality: Option<String>,
    pub verified: bool,
    /// When a shelter's personal data was blocked (kept for legal retention only).
    pub blocked_at: Option<TimeDateTimeWithTimeZone>,
    /// When a shelter's personal data was purged.
    pub purged_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
