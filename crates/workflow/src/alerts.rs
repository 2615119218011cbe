//! Deadline alerts, computed from the case's history and a date passed in.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::facts::{LegalRecord, Milestone};
use crate::state::{CaseState, Status};

/// Something about a case that needs a person's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Alert {
    /// Submitted and not screened within the screening period.
    ScreeningOverdue,
    /// Open and not claimed by any lawyer within the claiming period.
    Unclaimed,
    /// Between `claimed` and `signed` with no recorded activity for the stall period.
    Stalled,
    /// The name authorization lapses within the warning period (urgent): not yet signed, or
    /// signed and the notary's aviso de uso not yet recorded.
    NameAuthorizationLapsing,
    /// The name authorization has lapsed: before the signing a new one is needed; after it, the
    /// aviso de uso was not recorded in time.
    NameAuthorizationLapsed,
    /// Signed more than the RFC period ago (a month: CFF art. 27) and the association's RFC not
    /// recorded.
    RfcPending,
}

impl Alert {
    /// Every alert.
    pub const ALL: [Alert; 6] = [
        Alert::ScreeningOverdue,
        Alert::Unclaimed,
        Alert::Stalled,
        Alert::NameAuthorizationLapsing,
        Alert::NameAuthorizationLapsed,
        Alert::RfcPending,
    ];

    /// The wire name, as used in `?alert=` filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Alert::ScreeningOverdue => "screening_overdue",
            Alert::Unclaimed => "unclaimed",
            Alert::Stalled => "stalled",
            Alert::NameAuthorizationLapsing => "name_authorization_lapsing",
            Alert::NameAuthorizationLapsed => "name_authorization_lapsed",
            Alert::RfcPending => "rfc_pending",
        }
    }

    /// The key of the alert's label in the translation files.
    pub fn label_key(self) -> String {
        format!("alert-{}", self.as_str().replace('_', "-"))
    }
}

/// The periods behind the alerts, in days. The defaults are those of WORKFLOW.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertSettings {
    /// A submitted request is overdue for screening after more than this many days.
    pub screening_days: i64,
    /// An open request is unclaimed after more than this many days.
    pub unclaimed_days: i64,
    /// A case in a lawyer's hands is stalled after this many days without activity.
    pub stalled_days: i64,
    /// A name authorization is urgent when it lapses in this many days or fewer.
    pub name_warning_days: i64,
    /// The association's RFC is overdue this many days after the signing.
    pub rfc_days: i64,
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            screening_days: 5,
            unclaimed_days: 14,
            stalled_days: 30,
            name_warning_days: 30,
            rfc_days: 30,
        }
    }
}

/// One entry of a case's history, as alerts need it: the day it happened (in the program's
/// time zone) and the case's state right after it. Comments, uploads and logged hours count as
/// activity too; pass them with the state the case was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// The day of the entry.
    pub on: Date,
    /// The case's state after it.
    pub state_after: Status,
}

/// The alerts that hold on `today` for a case standing at `at`, given its `history` (oldest
/// first) and its legal record (the name authorization, the signing, the milestones after it).
pub fn alerts(
    at: CaseState,
    history: &[Activity],
    record: &LegalRecord,
    today: Date,
    settings: &AlertSettings,
) -> Vec<Alert> {
    let mut found = Vec::new();
    let days_since = |day: Date| (today - day).whole_days();
    // When the case entered its current state: the first entry of the last run of entries
    // that leave it in this state (a reassignment or a comment does not restart the clock).
    let entered = history
        .iter()
        .rev()
        .take_while(|entry| entry.state_after == at.state)
        .last()
        .map(|entry| entry.on);
    let last_activity = history.last().map(|entry| entry.on);

    match at.state {
        Status::Submitted if entered.is_some_and(|d| days_since(d) > settings.screening_days) => {
            found.push(Alert::ScreeningOverdue);
        }
        Status::Open if entered.is_some_and(|d| days_since(d) > settings.unclaimed_days) => {
            found.push(Alert::Unclaimed);
        }
        state
            if state.is_lawyer_stage()
                && last_activity.is_some_and(|d| days_since(d) >= settings.stalled_days) =>
        {
            found.push(Alert::Stalled);
        }
        _ => {}
    }

    let before_signing = matches!(
        at.progress(),
        Status::Open
            | Status::Claimed
            | Status::NameReservation
            | Status::Drafting
            | Status::ShelterReview
            | Status::Notary
    ) && !at.state.is_terminal();
    // After the signing the authorization's deadline is the notary's aviso de uso; the case
    // still needs watching until it is recorded (closed, withdrawn or declined ones do not).
    let signed = matches!(at.progress(), Status::Signed | Status::Filed) && !at.state.is_terminal();
    let recorded = |milestone| record.milestones.contains_key(&milestone);
    let watching_name = before_signing || signed && !recorded(Milestone::AvisoDeUso);
    if let Some(authorization) = record.name_authorization.as_ref().filter(|_| watching_name) {
        let left = (authorization.expires_on - today).whole_days();
        if left < 0 {
            found.push(Alert::NameAuthorizationLapsed);
        } else if left <= settings.name_warning_days {
            found.push(Alert::NameAuthorizationLapsing);
        }
    }
    let rfc_due = record
        .signed_on
        .filter(|_| signed && !recorded(Milestone::Rfc))
        .is_some_and(|signed_on| days_since(signed_on) > settings.rfc_days);
    if rfc_due {
        found.push(Alert::RfcPending);
    }
    found
}
