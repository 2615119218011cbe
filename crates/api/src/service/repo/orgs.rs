//! Organizations: shelters, law firms and the program.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::page::{Cursor, Direction};
pub use crate::entity::organization::OrgKind;
use crate::entity::organization::{self, Entity as Organizations, Model};

/// A new organization.
pub struct NewOrg<'a> {
    /// Its kind.
    pub kind: OrgKind,
    /// Its name.
    pub name: &'a str,
    /// Its federal entity (ISO 3166-2:MX).
    pub state: Option<&'a str>,
    /// Its municipality.
    pub municipality: Option<&'a str>,
    /// Whether it starts verified.
    pub verified: bool,
}

/// Inserts an organization.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewOrg<'_>,
    now: time::OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    organization::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(new.kind),
        name: Set(new.name.to_owned()),
        state: Set(new.state.map(str::to_owned)),
        municipality: Set(new.municipality.map(str::to_owned)),
        verified: Set(new.verified),
        blocked_at: Set(None),
        purged_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// One organization.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Organizations::find_by_id(id).one(db).await
}

/// The organizations with these ids.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Model>, sea_orm::DbErr> {
    // Each id once, and no round trip for none (a page of cases names the same few often).
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Organizations::find()
        .filter(organization::Column::Id.is_in(ids))
        .all(db)
        .await
}

/// Every organization, by name (the choices of a form).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Model>, sea_orm::DbErr> {
    Organizations::find()
        .order_by_asc(organization::Column::Name)
        .all(db)
        .await
}

/// Which organizations a list holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrgFilter {
    /// Of this kind.
    pub kind: Option<OrgKind>,
    /// Verified or not.
    pub verified: Option<bool>,
}

fn matching(filter: OrgFilter) -> sea_orm::Select<Organizations> {
    let mut query = Organizations::find();
    if let Some(kind) = filter.kind {
        query = query.filter(organization::Column::Kind.eq(kind));
    }
    if let Some(verified) = filter.verified {
        query = query.filter(organization::Column::Verified.eq(verified));
    }
    query
}

/// One page of the organizations that pass `filter`, by name: at most `limit`, and whether
/// more follow.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: OrgFilter,
    after: Option<&Cursor<String>>,
    limit: u64,
) -> Result<(Vec<Model>, bool), sea_orm::DbErr> {
    let query = super::page::keyset(
        matching(filter),
        organization::Column::Name,
        organization::Column::Id,
        Direction::Ascending,
        after,
        limit,
    );
    Ok(super::page::split(query.all(db).await?, limit))
}

/// How many organizations pass `filter`.
pub async fn count(db: &impl ConnectionTrait, filter: OrgFilter) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    matching(filter).count(db).await
}

/// Where a page that ends with `org` ends.
pub fn cursor_of(org: &Model) -> Cursor<String> {
    Cursor {
        at: org.name.clone(),
        id: org.id,
    }
}

/// Marks a shelter verified, and its staff's e-mail addresses confirmed.
pub async fn verify(
    db: &impl ConnectionTrait,
    org: Model,
    now: time::OffsetDateTime,
) -> Result<Model, sea_orm::DbErr> {
    let id = org.id;
    let mut active: organization::ActiveModel = org.into();
    active.verified = Set(true);
    let verified = active.update(db).await?;
    super::users::confirm_staff_of(db, id, now).await?;
    Ok(verified)
}

/// Marks an organization's personal data blocked since `now`.
pub async fn mark_blocked(
    db: &impl ConnectionTrait,
    org: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    stamp(db, org, organization::Column::BlockedAt, now).await
}

/// Marks an organization's personal data purged at `now`.
pub async fn mark_purged(
    db: &impl ConnectionTrait,
    org: Uuid,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    stamp(db, org, organization::Column::PurgedAt, now).await
}

/// Sets one of an organization's moments to `now`.
async fn stamp(
    db: &impl ConnectionTrait,
    org: Uuid,
    column: organization::Column,
    now: OffsetDateTime,
) -> Result<(), sea_orm::DbErr> {
    Organizations::update_many()
        .col_expr(column, Expr::value(Some(now)))
        .filter(organization::Column::Id.eq(org))
        .exec(db)
        .await
        .map(drop)
}
