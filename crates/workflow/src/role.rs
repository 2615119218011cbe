//! Who acts on a case: roles, the acting person, and the parties an event names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ids::{OrgId, UserId};

/// A user's role, fixed by the kind of organization they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Role {
    /// Staff of a shelter (albergue, casa del migrante).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "shelter"))]
    Shelter,
    /// A volunteer attorney of a partner law firm.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "lawyer"))]
    Lawyer,
    /// A program manager: screens, assigns and audits.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "manager"))]
    Manager,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Shelter, Role::Lawyer, Role::Manager];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Shelter => "shelter",
            Role::Lawyer => "lawyer",
            Role::Manager => "manager",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| format!("unknown role `{s}` (expected shelter, lawyer or manager)"))
    }
}

/// The person firing an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Their account.
    pub user: UserId,
    /// Their role.
    pub role: Role,
    /// The organization they belong to: their shelter, law firm or the program.
    pub organization: OrgId,
}

/// A party that may fire an event, relative to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Party {
    /// Staff of the shelter that owns the case.
    OwningShelter,
    /// Any lawyer who can see the case (an open case is visible to every lawyer).
    AnyLawyer,
    /// The lawyer the case is claimed by or assigned to.
    AssignedLawyer,
    /// Any program manager.
    Manager,
}

impl Party {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::OwningShelter => "owning_shelter",
            Party::AnyLawyer => "lawyer",
            Party::AssignedLawyer => "assigned_lawyer",
            Party::Manager => "manager",
        }
    }

    /// The role every member of this party has.
    pub fn role(self) -> Role {
        match self {
            Party::OwningShelter => Role::Shelter,
            Party::AnyLawyer | Party::AssignedLawyer => Role::Lawyer,
            Party::Manager => Role::Manager,
        }
    }

    /// The key of the party's label in the translation files.
    pub fn label_key(self) -> String {
        format!("party-{}", self.as_str().replace('_', "-"))
    }
}
