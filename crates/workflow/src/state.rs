//! The states a case goes through, from the shelter's draft to the filed constitutive act.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A case's state. The serialized names are the wire names of WORKFLOW.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum State {
    /// The shelter is filling in the intake.
    Draft,
    /// Waiting for screening by a manager.
    Submitted,
    /// Returned to the shelter for more information.
    NeedsInfo,
    /// Accepted; waiting for a volunteer lawyer.
    Open,
    /// A lawyer took the case; collecting papers.
    Claimed,
    /// Name authorization requested from the Secretaría de Economía.
    NameReservation,
    /// Name authorized; bylaws being drafted.
    Drafting,
    /// Draft bylaws shared with the shelter.
    ShelterReview,
    /// Bylaws approved; deed being prepared and signed before a notary.
    Notary,
    /// Deed signed; waiting for inscription in the public registry.
    Signed,
    /// Constitutive act inscribed in the registry: the goal.
    Filed,
    /// Paused; the case remembers the state it came from.
    OnHold,
    /// Finished after filing.
    Closed,
    /// Not eligible (a manager may reopen).
    Declined,
    /// Withdrawn by the shelter or a manager (a manager may reopen).
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

impl State {
    /// Every state, in the order of the legal path.
    pub const ALL: [State; 15] = [
        State::Draft,
        State::Submitted,
        State::NeedsInfo,
        State::Open,
        State::Claimed,
        State::NameReservation,
        State::Drafting,
        State::ShelterReview,
        State::Notary,
        State::Signed,
        State::Filed,
        State::OnHold,
        State::Closed,
        State::Declined,
        State::Withdrawn,
    ];

    /// The wire name (`name_reservation`).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::NeedsInfo => "needs_info",
            State::Open => "open",
            State::Claimed => "claimed",
            State::NameReservation => "name_reservation",
            State::Drafting => "drafting",
            State::ShelterReview => "shelter_review",
            State::Notary => "notary",
            State::Signed => "signed",
            State::Filed => "filed",
            State::OnHold => "on_hold",
            State::Closed => "closed",
            State::Declined => "declined",
            State::Withdrawn => "withdrawn",
        }
    }

    /// Active or terminal.
    pub fn kind(self) -> StateKind {
        match self {
            State::Closed | State::Declined | State::Withdrawn => StateKind::Terminal,
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
            State::Claimed
                | State::NameReservation
                | State::Drafting
                | State::ShelterReview
                | State::Notary
                | State::Signed
        )
    }

    /// The states where a lawyer holds the case (claimed up to filed).
    pub fn is_taken(self) -> bool {
        self.is_lawyer_stage() || self == State::Filed
    }
}

impl fmt::Display for State {
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

impl FromStr for State {
    type Err = UnknownState;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL
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
    pub state: State,
    /// Set only while `on_hold`: the state the case was held from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_from: Option<State>,
}

impl CaseState {
    /// A case in `state` (not on hold).
    pub const fn at(state: State) -> CaseState {
        CaseState {
            state,
            held_from: None,
        }
    }

    /// A case on hold, paused in `from`.
    pub const fn held(from: State) -> CaseState {
        CaseState {
            state: State::OnHold,
            held_from: Some(from),
        }
    }

    /// The state that describes how far the case has got: the state itself, or while on hold the
    /// state it was held from.
    pub fn progress(self) -> State {
        match (self.state, self.held_from) {
            (State::OnHold, Some(from)) => from,
            (state, _) => state,
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.held_from {
            Some(from) if self.state == State::OnHold => write!(f, "on_hold (from {from})"),
            _ => self.state.fmt(f),
        }
    }
}
