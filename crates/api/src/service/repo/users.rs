//! User accounts.

use puente_workflow::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::user::{self, Entity as Users, Model};

/// A new account.
pub struct NewUser<'a> {
    /// Its organization.
    pub organization: Uuid,
    /// E-mail, already normalized.
    pub email: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Role wire name.
    pub role: Role,
    /// Whether an admin.
    pub admin: bool,
    /// The Argon2id PHC string.
    pub password_hash: String,
    /// `es` or `en`.
    pub locale: &'a str,
    /// Whether the address counts as confirmed already (made by an admin, not self-registered).
    pub email_confirmed: bool,
}

/// Inserts an account.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewUser<'_>,
    now: time::OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    user::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(new.organization),
        email: Set(new.email.to_owned()),
        name: Set(new.name.to_owned()),
        role: Set(new.role),
        admin: Set(new.admin),
        password_hash: Set(new.password_hash),
        locale: Set(new.locale.to_owned()),
        active: Set(true),
        token_version: Set(0),
        preferred_states: Set(serde_json::json!([])),
        case_capacity: Set(None),
        muted_notifications: Set(serde_json::json!([])),
        mfa_secret: Set(None),
        mfa_enabled_at: Set(None),
        mfa_last_step: Set(None),
        email_confirmed_at: Set(new.email_confirmed.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

/// One account by id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Users::find_by_id(id).one(db).await
}

/// The accounts with these ids.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Model>, sea_orm::DbErr> {
    // Each id once, and no round trip for none (a page of cases names the same few often).
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Users::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// One account by e-mail (compared in lower case).
pub async fn by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<Model>, sea_orm::DbErr> {
    Users::find()
        .filter(user::Column::Email.eq(email.to_lowercase()))
        .one(db)
        .await
}

fn of_organization(organization: Option<Uuid>) -> sea_orm::Select<Users> {
    let query = Users::find();
    match organization {
        Some(organization) => query.filter(user::Column::OrganizationId.eq(organization)),
        None => query,
    }
}

/// One page of the accounts (of one organization), by e-mail: at most `limit`, and whether
/// more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    organization: Option<Uuid>,
    after: Option<&super::page::Cursor<String>>,
    limit: u64,
) -> Result<(Vec<Model>, bool), sea_orm::DbErr> {
    let query = super::page::keyset(
        of_organization(organization),
        user::Column::Email,
        user::Column::Id,
        super::page::Direction::Ascending,
        after,
        limit,
    );
    Ok(super::page::split(query.all(db).await?, limit))
}

/// How many accounts (of one organization) there are.
pub async fn count(
    db: &impl ConnectionTrait,
    organization: Option<Uuid>,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    of_organization(organization).count(db).await
}

/// Where a page that ends with `person` ends.
pub fn cursor_of(person: &Model) -> super::page::Cursor<String> {
    super::page::Cursor {
        at: person.email.clone(),
        id: person.id,
    }
}

/// Every account of an organization (its staff), in no particular order.
pub async fn staff_of(db: &impl ConnectionTrait, org: Uuid) -> Result<Vec<Model>, sea_orm::DbErr> {
    of_organization(Some(org)).all(db).await
}

/// Every active lawyer, by name: those a manager may assign a case to.
pub async fn active_lawyers(db: &impl ConnectionTrait) -> Result<Vec<Model>, sea_orm::DbErr> {
    Users::find()
        .filter(user::Column::Role.eq(Role::Lawyer))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
}

/// What may change about an account.
#[derive(Default)]
pub struct Changes {
    /// Active or not.
    pub active: Option<bool>,
    /// A new password hash.
    pub password_hash: Option<String>,
    /// A new language.
    pub locale: Option<String>,
    /// A new name.
    pub name: Option<String>,
    /// New preferred states of Mexico.
    pub preferred_states: Option<Vec<String>>,
    /// A new capacity (`Some(None)`: back to the default).
    pub case_capacity: Option<Option<i32>>,
    /// The notices now turned off.
    pub muted_notifications: Option<Vec<String>>,
}

/// Applies changes; deactivating or changing the password raises the token version, so every
/// token issued before stops working, and revokes the refresh tokens.
pub async fn update(
    db: &impl ConnectionTrait,
    user: Model,
    changes: Changes,
    now: time::OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let revoke = changes.password_hash.is_some() || changes.active == Some(false);
    let id = user.id;
    let version = user.token_version;
    let mut active: user::ActiveModel = user.into();
    if let Some(value) = changes.active {
        active.active = Set(value);
    }
    if let Some(hash) = changes.password_hash {
        active.password_hash = Set(hash);
    }
    if let Some(locale) = changes.locale {
        active.locale = Set(locale);
    }
    if let Some(name) = changes.name {
        active.name = Set(name);
    }
    if let Some(states) = changes.preferred_states {
        active.preferred_states = Set(serde_json::json!(states));
    }
    if let Some(capacity) = changes.case_capacity {
        active.case_capacity = Set(capacity);
    }
    if let Some(muted) = changes.muted_notifications {
        active.muted_notifications = Set(serde_json::json!(muted));
    }
    if revoke {
        active.token_version = Set(version + 1);
    }
    active.updated_at = Set(now);
    let updated = active.update(db).await?;
    if revoke {
        super::tokens::revoke_user(db, id, now).await?;
        super::sessions::revoke_user(db, id, now).await?;
    }
    Ok(updated)
}

/// Marks `user`'s e-mail address confirmed (kept as it was when it already is).
pub async fn confirm_email(
    db: &impl ConnectionTrait,
    user: Uuid,
    now: time::OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    confirm_where(db, user::Column::Id.eq(user), now).await
}

/// Marks the address of every staff member of `org` confirmed: a manager who verified the
/// organization vouches for the people it registered.
pub async fn confirm_staff_of(
    db: &impl ConnectionTrait,
    org: Uuid,
    now: time::OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    confirm_where(db, user::Column::OrganizationId.eq(org), now).await
}

async fn confirm_where(
    db: &impl ConnectionTrait,
    which: sea_orm::sea_query::SimpleExpr,
    now: time::OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Users::update_many()
        .col_expr(
            user::Column::EmailConfirmedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(which)
        .filter(user::Column::EmailConfirmedAt.is_null())
        .exec(db)
        .await
        .map(drop)
}

/// How many active admins there are.
pub async fn active_admins(db: &impl ConnectionTrait) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    Users::find()
        .filter(user::Column::Admin.eq(true))
        .filter(user::Column::Active.eq(true))
        .count(db)
        .await
}

/// Whether an active member of `org` has confirmed their e-mail address.
pub async fn has_confirmed_member(
    db: &impl ConnectionTrait,
    org: Uuid,
) -> Result<bool, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    Ok(Users::find()
        .filter(user::Column::OrganizationId.eq(org))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::EmailConfirmedAt.is_not_null())
        .count(db)
        .await?
        > 0)
}
