use puente_workflow::Role;
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
    pub role: Role,
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
    /// The second factor's TOTP secret (base32), sealed under a key derived from the signing
    /// secret; set while enrolling, in use once `mfa_enabled_at` is.
    pub mfa_secret: Option<String>,
    pub mfa_enabled_at: Option<TimeDateTimeWithTimeZone>,
    /// The 30-second step of the last code accepted: a code works once.
    pub mfa_last_step: Option<i64>,
    /// When the owner proved the address by its one-time link (or a manager vouched for it).
    pub email_confirmed_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// How many cases a lawyer takes at once: their own figure, or the program's `default`.
    pub fn capacity(&self, default: u32) -> u32 {
        self.case_capacity
            .and_then(|c| u32::try_from(c).ok())
            .unwrap_or(default)
    }
}
