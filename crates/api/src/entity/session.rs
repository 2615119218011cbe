use sea_orm::entity::prelude::*;

/// A signed-in session: begun by one sign-in, carried by its refresh tokens (their family is
/// the session's id) and named by the `sid` of every access token it issues.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    /// The client address at sign-in.
    pub address: String,
    /// The browser or program that signed in, shortened.
    pub user_agent: String,
    /// Whether the sign-in passed a second factor.
    pub second_factor: bool,
    pub created_at: TimeDateTimeWithTimeZone,
    /// The last renewal: the idle limit counts from here.
    pub last_seen_at: TimeDateTimeWithTimeZone,
    /// The absolute limit.
    pub expires_at: TimeDateTimeWithTimeZone,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
