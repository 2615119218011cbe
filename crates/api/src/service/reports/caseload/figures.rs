//! The caseload report as it is answered: its figures, tallies and tables.

use std::collections::BTreeMap;

use puente_workflow::Status;
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;
use uuid::Uuid;

/// The caseload report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Caseload {
    /// The period: `from` (absent: since the first case) to `to`, both inclusive.
    pub period: Period,
    /// The day the alerts and capacity hold on.
    pub as_of: Date,
    /// Cases that existed at the end of the period (drafts included).
    pub cases: u64,
    /// Those cases by the state they stood in at the end of the period, every state listed.
    pub by_status: Vec<StatusCount>,
    /// Requests submitted by the end of the period, by the domicile's state of Mexico.
    pub by_state: Vec<Tally>,
    /// Requests held by each law firm now (every firm listed), with its open capacity.
    pub by_firm: Vec<FirmTally>,
    /// Times between milestones, for the cases that reached the later one within the period.
    pub times: Times,
    /// Cases whose constitutive act was filed, per month of the period (every month listed).
    pub filed_per_month: Vec<MonthCount>,
    /// Pro bono time worked within the period.
    pub hours: HoursReport,
    /// Deadline alerts holding on `as_of`.
    pub alerts: AlertsReport,
}

/// The period of a report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Period {
    /// First day, when bounded.
    pub from: Option<Date>,
    /// Last day.
    pub to: Date,
}

/// Cases in one workflow state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusCount {
    /// The state.
    pub status: Status,
    /// How many cases.
    pub cases: u64,
}

/// Requests in one group (a state of Mexico).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Tally {
    /// The group: an ISO 3166-2:MX code, or `unknown`.
    pub key: String,
    /// Being screened or worked on (submitted up to signed, or on hold).
    pub in_progress: u64,
    /// Filed in the public registry (the goal), closed after filing included.
    pub filed: u64,
    /// Ended without filing (declined or withdrawn).
    pub ended: u64,
    /// Every request of the group.
    pub total: u64,
}

/// A law firm's caseload and capacity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FirmTally {
    /// The firm.
    pub firm_id: Uuid,
    /// Its name.
    pub name: String,
    /// Cases it holds being worked on.
    pub in_progress: u64,
    /// Cases it filed.
    pub filed: u64,
    /// Every case it holds.
    pub total: u64,
    /// Its active lawyers.
    pub lawyers: u64,
    /// How many cases its lawyers take at once, together.
    pub capacity: u64,
    /// How many more cases they can take now (each lawyer's free places, added up).
    pub open_capacity: u64,
}

/// Times between milestones, in days.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Times {
    /// From the first submission to the first claim or assignment.
    pub submission_to_claim: Span,
    /// From the first claim or assignment to the signing of the deed.
    pub claim_to_signing: Span,
    /// From the first claim or assignment to the filing in the registry.
    pub claim_to_filing: Span,
}

/// One kind of time, over the cases that completed it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Span {
    /// How many cases.
    pub cases: u64,
    /// The median, in days (two decimals); absent without cases.
    pub median_days: Option<f64>,
    /// The slowest cases, slowest first (at most five).
    pub slowest: Vec<SlowCase>,
}

/// A case and how long it took.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SlowCase {
    /// The case.
    pub case_id: Uuid,
    /// Its reference.
    pub reference: String,
    /// Days (two decimals).
    pub days: f64,
}

/// Filings in a month.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Cases filed.
    pub filed: u64,
}

/// Pro bono time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursReport {
    /// Minutes in all.
    pub total_minutes: i64,
    /// Hours in all (two decimals).
    pub total_hours: f64,
    /// By firm, most first.
    pub by_firm: Vec<HoursBy>,
    /// By lawyer, most first.
    pub by_lawyer: Vec<HoursBy>,
}

/// Time by one firm or lawyer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursBy {
    /// The firm or lawyer.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The lawyer's firm (lawyers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firm_id: Option<Uuid>,
    /// Minutes.
    pub minutes: i64,
    /// Hours (two decimals).
    pub hours: f64,
}

/// The alerts holding today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertsReport {
    /// Cases carrying each alert (every alert listed).
    pub counts: BTreeMap<String, u64>,
    /// Stalled cases by the state they are stalled in.
    pub stalled_by_status: BTreeMap<String, u64>,
    /// Name authorizations lapsing or lapsed before signing, soonest first.
    pub name_authorizations: Vec<Lapsing>,
}

/// A name authorization that needs the deed signed soon.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Lapsing {
    /// The case.
    pub case_id: Uuid,
    /// Its reference.
    pub reference: String,
    /// When the authorization lapses.
    pub expires_on: Date,
    /// Days left (negative once lapsed).
    pub days_left: i64,
}
