use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: String,
    pub admin: bool,
    pub password_hash: String,
    pub locale: String,
    pub active: bool,
    /// Raised whenever the user's tokens must stop working (password change, deactivation).
    pub token_version: i32,
    /// States of Mexico (ISO 3166-2:MX) a lawyer prefers to take cases in, listed first in
    /// their digest of open requests.
    pub preferred_states: Json,
    /// How many cases a lawyer takes at once (`None`: the program's default).
    pub case_capacity: Option<i32>,
    /// Kinds of non-essential notifications the user turned off.
    pub muted_notifications: Json,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
