//! The figures program managers report: the caseload by status, by state of Mexico and by law
//! firm, the times between milestones, filings per month, pro bono hours, alerts and the firms'
//! open capacity. Everything is computed from the case history (never from counters kept on the
//! side), as of the end of a period, so a figure can be traced back to the events behind it.
//!
//! [`compute`] is a pure function of what [`load`] reads, which keeps the arithmetic testable
//! against independent computations.

mod figures;
mod inputs;

pub use figures::*;
pub use inputs::*;

use std::collections::{BTreeMap, HashMap};

use puente_workflow::{Alert, EventKind, Status};
use time::{Date, Month, OffsetDateTime, UtcOffset};
use uuid::Uuid;

/// The cases a report covers, and the period it looks at.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// First day of the period (inclusive); from the first case when absent.
    pub from: Option<Date>,
    /// Last day of the period (inclusive).
    pub to: Option<Date>,
    /// Only cases whose domicile is in this state of Mexico (ISO 3166-2:MX).
    pub state: Option<String>,
    /// Only cases held by this law firm, and its hours.
    pub firm: Option<Uuid>,
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The median of some values; the mean of the middle two for an even count.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Whether the state counts as being screened or worked on.
fn in_progress(state: Status) -> bool {
    !matches!(
        state,
        Status::Draft | Status::Filed | Status::Closed | Status::Declined | Status::Withdrawn
    )
}

fn filed(state: Status) -> bool {
    matches!(state, Status::Filed | Status::Closed)
}

/// The events that give a case its lawyer.
const CLAIM: [EventKind; 2] = [EventKind::Claim, EventKind::Assign];

/// The caseload report over `inputs`, for the period and filters of `scope`, with alerts as of
/// `today`; days are those of the program's time zone (`offset`).
pub fn compute(inputs: &Inputs, scope: &Scope, today: Date, offset: UtcOffset) -> Caseload {
    let to = scope.to.unwrap_or(today);
    let within = |at: OffsetDateTime| {
        let day = at.to_offset(offset).date();
        scope.from.is_none_or(|from| day >= from) && day <= to
    };
    let cases: Vec<&CaseRecord> = inputs
        .cases
        .iter()
        .filter(|c| scope.state.is_none() || c.domicile_state == scope.state)
        .filter(|c| scope.firm.is_none() || c.firm == scope.firm)
        .collect();

    // The caseload at the end of the period.
    let mut by_status: BTreeMap<Status, u64> = BTreeMap::new();
    let mut by_state: BTreeMap<String, Tally> = BTreeMap::new();
    let mut existing = 0;
    for case in &cases {
        let Some(status) = case.state_on(to, offset) else {
            continue;
        };
        existing += 1;
        *by_status.entry(status).or_default() += 1;
        if case.submitted_by(to, offset) {
            let key = case
                .domicile_state
                .clone()
                .unwrap_or_else(|| "unknown".to_owned());
            let tally = by_state.entry(key.clone()).or_insert_with(|| Tally {
                key,
                ..Tally::default()
            });
            tally.total += 1;
            if filed(status) {
                tally.filed += 1;
            } else if status.is_terminal() {
                tally.ended += 1;
            } else if in_progress(status) {
                tally.in_progress += 1;
            }
        }
    }

    // Firms: the cases each holds now, and its lawyers' free places.
    let mut held_by_lawyer: HashMap<Uuid, u64> = HashMap::new();
    for case in &inputs.cases {
        if let Some(lawyer) = case.lawyer.filter(|_| holds(case.status)) {
            *held_by_lawyer.entry(lawyer).or_default() += 1;
        }
    }
    let by_firm = inputs
        .firms
        .iter()
        .filter(|firm| scope.firm.is_none_or(|f| f == firm.id))
        .map(|firm| {
            let mine = cases.iter().filter(|c| c.firm == Some(firm.id));
            let (mut in_progress_n, mut filed_n, mut total) = (0, 0, 0);
            for case in mine {
                total += 1;
                if filed(case.status) {
                    filed_n += 1;
                } else if in_progress(case.status) {
                    in_progress_n += 1;
                }
            }
            let lawyers: Vec<&Lawyer> = inputs
                .lawyers
                .iter()
                .filter(|l| l.firm == firm.id && l.active)
                .collect();
            let capacity = lawyers.iter().map(|l| u64::from(l.capacity)).sum();
            let open_capacity = lawyers
                .iter()
                .map(|l| free_places(l, held_by_lawyer.get(&l.id).copied().unwrap_or(0)))
                .sum();
            FirmTally {
                firm_id: firm.id,
                name: firm.name.clone(),
                in_progress: in_progress_n,
                filed: filed_n,
                total,
                lawyers: lawyers.len() as u64,
                capacity,
                open_capacity,
            }
        })
        .collect();

    // Times between milestones, for the cases that reached the later one within the period.
    let span = |start: &[EventKind], end: &[EventKind]| {
        let mut done: Vec<SlowCase> = cases
            .iter()
            .filter_map(|case| {
                let began = case.first(start)?;
                let ended = case.first(end).filter(|at| *at >= began && within(*at))?;
                Some(SlowCase {
                    case_id: case.id,
                    reference: case.reference.clone(),
                    days: (ended - began).as_seconds_f64() / 86_400.0,
                })
            })
            .collect();
        let days: Vec<f64> = done.iter().map(|c| c.days).collect();
        let median_days = median(&days).map(round2);
        done.sort_by(|a, b| b.days.total_cmp(&a.days));
        done.truncate(5);
        for case in &mut done {
            case.days = round2(case.days);
        }
        Span {
            cases: days.len() as u64,
            median_days,
            slowest: done,
        }
    };
    let times = Times {
        submission_to_claim: span(&[EventKind::Submit], &CLAIM),
        claim_to_signing: span(&CLAIM, &[EventKind::RecordSigning]),
        claim_to_filing: span(&CLAIM, &[EventKind::RecordFiling]),
    };

    // Filings per month, every month of the period listed.
    let filings: Vec<Date> = cases
        .iter()
        .filter_map(|case| case.first(&[EventKind::RecordFiling]))
        .filter(|at| within(*at))
        .map(|at| at.to_offset(offset).date())
        .collect();
    let first_month = scope
        .from
        .or_else(|| filings.iter().min().copied())
        .unwrap_or(to);
    let filed_per_month = months(first_month, to)
        .into_iter()
        .map(|(year, month)| MonthCount {
            month: format!("{year:04}-{:02}", month as u8),
            filed: filings
                .iter()
                .filter(|d| d.year() == year && d.month() == month)
                .count() as u64,
        })
        .collect();

    let hours = hours_report(inputs, scope, to, &cases);
    let alerts = alerts_report(&cases, today);
    Caseload {
        period: Period {
            from: scope.from,
            to,
        },
        as_of: today,
        cases: existing,
        by_status: Status::ALL
            .iter()
            .map(|status| StatusCount {
                status: *status,
                cases: by_status.get(status).copied().unwrap_or(0),
            })
            .collect(),
        by_state: by_state.into_values().collect(),
        by_firm,
        times,
        filed_per_month,
        hours,
        alerts,
    }
}

/// Whether a lawyer holding a case in this state is busy with it (on hold counts: the case
/// comes back to them).
pub fn holds(state: Status) -> bool {
    state.is_lawyer_stage() || state == Status::OnHold
}

/// The lawyers' free places: capacity less the cases each holds now.
pub fn free_places(lawyer: &Lawyer, held: u64) -> u64 {
    u64::from(lawyer.capacity).saturating_sub(held)
}

/// The months from `first`'s to `last`'s, both included (none when `first` is later).
fn months(first: Date, last: Date) -> Vec<(i32, Month)> {
    let mut out = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while (year, month as u8) <= (last.year(), last.month() as u8) {
        out.push((year, month));
        if month == Month::December {
            year += 1;
        }
        month = month.next();
    }
    out
}

fn hours_report(inputs: &Inputs, scope: &Scope, to: Date, cases: &[&CaseRecord]) -> HoursReport {
    let case_ids: std::collections::HashSet<Uuid> = cases.iter().map(|c| c.id).collect();
    let logged: Vec<&Logged> = inputs
        .hours
        .iter()
        .filter(|h| scope.from.is_none_or(|from| h.on >= from) && h.on <= to)
        .filter(|h| scope.firm.is_none_or(|firm| h.firm == firm))
        .filter(|h| scope.state.is_none() || case_ids.contains(&h.case))
        .collect();
    let firm_name = |id: Uuid| {
        inputs
            .firms
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
            .unwrap_or_default()
    };
    let mut by_firm: BTreeMap<Uuid, i64> = BTreeMap::new();
    let mut by_lawyer: BTreeMap<(Uuid, Uuid), i64> = BTreeMap::new();
    for entry in &logged {
        *by_firm.entry(entry.firm).or_default() += entry.minutes;
        *by_lawyer.entry((entry.lawyer, entry.firm)).or_default() += entry.minutes;
    }
    let hours = |minutes: i64| round2(minutes as f64 / 60.0);
    let mut firms: Vec<HoursBy> = by_firm
        .into_iter()
        .map(|(id, minutes)| HoursBy {
            id,
            name: firm_name(id),
            firm_id: None,
            minutes,
            hours: hours(minutes),
        })
        .collect();
    let mut lawyers: Vec<HoursBy> = by_lawyer
        .into_iter()
        .map(|((id, firm), minutes)| HoursBy {
            id,
            name: inputs
                .lawyers
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            firm_id: Some(firm),
            minutes,
            hours: hours(minutes),
        })
        .collect();
    firms.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.name.cmp(&b.name)));
    lawyers.sort_by(|a, b| b.minutes.cmp(&a.minutes).then(a.name.cmp(&b.name)));
    let total: i64 = logged.iter().map(|h| h.minutes).sum();
    HoursReport {
        total_minutes: total,
        total_hours: hours(total),
        by_firm: firms,
        by_lawyer: lawyers,
    }
}

fn alerts_report(cases: &[&CaseRecord], today: Date) -> AlertsReport {
    let mut counts: BTreeMap<String, u64> = Alert::ALL
        .iter()
        .map(|alert| (alert.as_str().to_owned(), 0))
        .collect();
    let mut stalled_by_status = BTreeMap::new();
    let mut name_authorizations = Vec::new();
    for case in cases {
        for alert in &case.alerts {
            *counts.entry(alert.as_str().to_owned()).or_default() += 1;
            match alert {
                Alert::Stalled => {
                    *stalled_by_status
                        .entry(case.status.as_str().to_owned())
                        .or_default() += 1;
                }
                Alert::NameAuthorizationLapsing | Alert::NameAuthorizationLapsed => {
                    if let Some(expires_on) = case.name_expires_on {
                        name_authorizations.push(Lapsing {
                            case_id: case.id,
                            reference: case.reference.clone(),
                            expires_on,
                            days_left: (expires_on - today).whole_days(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    name_authorizations.sort_by_key(|l| (l.expires_on, l.reference.clone()));
    AlertsReport {
        counts,
        stalled_by_status,
        name_authorizations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0, 1.0, 9.0]), Some(5.0));
    }

    #[test]
    fn months_run_across_years_and_include_both_ends() {
        let listed: Vec<String> = months(date!(2025 - 11 - 30), date!(2026 - 02 - 01))
            .into_iter()
            .map(|(y, m)| format!("{y}-{:02}", m as u8))
            .collect();
        assert_eq!(listed, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert!(months(date!(2026 - 03 - 01), date!(2026 - 02 - 01)).is_empty());
    }
}
