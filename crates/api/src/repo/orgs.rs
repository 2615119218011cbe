//! Organizations: shelters, law firms and the program.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clock;
use crate::entity::organization::{self, Entity as Organizations, Model};

/// The kind of an organization, which fixes its members' role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A migrant shelter.
    Shelter,
    /// A partner law firm.
    LawFirm,
    /// The program itself.
    Program,
}

impl OrgKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Shelter => "shelter",
            OrgKind::LawFirm => "law_firm",
            OrgKind::Program => "program",
        }
    }

    /// The role of its members.
    pub fn role(self) -> puente_workflow::Role {
        match self {
            OrgKind::Shelter => puente_workflow::Role::Shelter,
            OrgKind::LawFirm => puente_workflow::Role::Lawyer,
            OrgKind::Program => puente_workflow::Role::Manager,
        }
    }
}

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
pub async fn create(db: &impl ConnectionTrait, new: NewOrg<'_>) -> Result<Model, sea_orm::DbErr> {
    organization::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(new.kind.as_str().to_owned()),
        name: Set(new.name.to_owned()),
        state: Set(new.state.map(str::to_owned)),
        municipality: Set(new.municipality.map(str::to_owned)),
        verified: Set(new.verified),
        blocked_at: Set(None),
        purged_at: Set(None),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await
}

/// One organization.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, sea_orm::DbErr> {
    Organizations::find_by_id(id).one(db).await
}

/// Every organization, optionally of one kind, by name.
pub async fn list(
    db: &impl ConnectionTrait,
    kind: Option<OrgKind>,
) -> Result<Vec<Model>, sea_orm::DbErr> {
    let mut query = Organizations::find().order_by_asc(organization::Column::Name);
    if let Some(kind) = kind {
        query = query.filter(organization::Column::Kind.eq(kind.as_str()));
    }
    query.all(db).await
}

/// Marks a shelter verified, and its staff's e-mail addresses confirmed.
pub async fn verify(db: &impl ConnectionTrait, org: Model) -> Result<Model, sea_orm::DbErr> {
    let id = org.id;
    let mut active: organization::ActiveModel = org.into();
    active.verified = Set(true);
    let verified = active.update(db).await?;
    super::users::confirm_staff_of(db, id, crate::clock::now()).await?;
    Ok(verified)
}
