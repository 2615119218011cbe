//! The states a case goes through, from the shelter's draft to the filed constitutive act.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A case's state. The serialized names are the wire names of WORKFLOW.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Status {
    /// The shelter is filling in the intake.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "draft"))]
    Draft,
    /// Waiting for screening by a manager.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "submitted"))]
    Submitted,
    /// Returned to the shelter for more information.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "needs_info"))]
    NeedsInfo,
    /// Accepted; waiting for a volunteer lawyer.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "open"))]
    Open,
    /// A lawyer took the case; collecting papers.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "claimed"))]
    Claimed,
    /// Name authorization requested from the Secretaría de Economía.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "name_reservation"))]
    NameReservation,
    /// Name authorized; bylaws being drafted.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "drafting"))]
    Drafting,
    /// Draft bylaws shared with the shelter.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "shelter_review"))]
    ShelterReview,
    /// Bylaws approved; deed being prepared and signed before a notary.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "notary"))]
    Notary,
    /// Deed signed; waiting for inscription in the public registry.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "signed"))]
    Signed,
    /// Constitutive act inscribed in the registry: the goal.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "filed"))]
    Filed,
    /// Paused; the case remembers the state it came from.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "on_hold"))]
    OnHold,
    /// Finished after filing.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "closed"))]
    Closed,
    /// Not eligible (a manager may reopen).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "declined"))]
    Declined,
    /// Withdrawn by the shelter or a manager (a manager may reopen).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

/// Whether a state still moves or has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StateKind {
    /// The case is still in progress.
    Active,
    /// The case has ended (`declined` and `withdrawn` may still be reopened by a manager).
    Terminal,
}

impl Status {
    /// Every state, in the order of the legal path.
    pub const ALL: [Status; 15] = [
        Status::Draft,
        Status::Submitted,
        Status::NeedsInfo,
        Status::Open,
        Status::Claimed,
        Status::NameReservation,
        Status::Drafting,
        Status::ShelterReview,
        Status::Notary,
        Status::Signed,
        Status::Filed,
        Status::OnHold,
        Status::Closed,
        Status::Declined,
        Status::Withdrawn,
    ];

    /// The wire name (`name_reservation`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::NeedsInfo => "needs_info",
            Status::Open => "open",
            Status::Claimed => "claimed",
            Status::NameReservation => "name_reservation",
            Status::Drafting => "drafting",
            Status::ShelterReview => "shelter_review",
            Status::Notary => "notary",
            Status::Signed => "signed",
            Status::Filed => "filed",
            Status::OnHold => "on_hold",
            Status::Closed => "closed",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Active or terminal.
    pub fn kind(self) -> StateKind {
        match self {
            Status::Closed | Status::Declined | Status::Withdrawn => StateKind::Terminal,
            _ => StateKind::Active,
        }
    }

    /// Whether the case has ended.
    pub fn is_terminal(self) -> bool {
        self.kind() == StateKind::Terminal
    }

    /// The key of the state's label in the translation files.
    pub fn label_key(self) -> String {
        format!("state-{}", self.as_str().replace('_', "-"))
    }

    /// The states a lawyer works the case in, from `claimed` to `signed`: where a lawyer is
    /// assigned, a manager may reassign, and silence means the case is stalled.
    pub fn is_lawyer_stage(self) -> bool {
        matches!(
            self,
            Status::Claimed
                | Status::NameReservation
                | Status::Drafting
                | Status::ShelterReview
                | Status::Notary
                | Status::Signed
        )
    }

    /// The lawyer's states before the deed is signed (`claimed` to `notary`), while what the
    /// deed will say (the associates' generales) may still change.
    pub fn is_before_signing(self) -> bool {
        self.is_lawyer_stage() && self != Status::Signed
    }

    /// The states where a lawyer holds the case (claimed up to filed).
    pub fn is_taken(self) -> bool {
        self.is_lawyer_stage() || self == Status::Filed
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not a state's wire name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownState(pub String);

impl fmt::Display for UnknownState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown state `{}`", self.0)
    }
}

impl std::error::Error for UnknownState {}

impl FromStr for Status {
    type Err = UnknownState;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| UnknownState(s.to_owned()))
    }
}

/// Where a case stands: its state and, while `on_hold`, the state it will resume to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseState {
    /// The current state.
    pub state: Status,
    /// Set only while `on_hold`: the state the case was held from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_from: Option<Status>,
}

impl CaseState {
    /// A case in `state` (not on hold).
    pub const fn at(state: Status) -> CaseState {
        CaseState {
            state,
            held_from: None,
        }
    }

    /// A case on hold, paused in `from`.
    pub const fn held(from: Status) -> CaseState {
        CaseState {
            state: Status::OnHold,
            held_from: Some(from),
        }
    }

    /// The state that describes how far the case has got: the state itself, or while on hold the
    /// state it was held from.
    pub fn progress(self) -> Status {
        match (self.state, self.held_from) {
            (Status::OnHold, Some(from)) => from,
            (state, _) => state,
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.held_from {
            Some(from) if self.state == Status::OnHold => write!(f, "on_hold (from {from})"),
            _ => self.state.fmt(f),
        }
    }
}
