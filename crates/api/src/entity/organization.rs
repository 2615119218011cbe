use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: OrgKind,
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

/// The kind of an organization, which fixes its members' role.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    EnumIter,
    DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum OrgKind {
    /// A migrant shelter.
    #[sea_orm(string_value = "shelter")]
    Shelter,
    /// A partner law firm.
    #[sea_orm(string_value = "law_firm")]
    LawFirm,
    /// The program itself.
    #[sea_orm(string_value = "program")]
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
