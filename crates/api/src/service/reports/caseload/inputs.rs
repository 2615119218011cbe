//! What the caseload report is computed from, and [`load`], which reads it.

use std::collections::HashMap;

use puente_workflow::{Alert, EventKind, Status};
use sea_orm::ConnectionTrait;
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::service::repo::cases::{page_by_creation, state_of};
use crate::service::repo::reports as read;
use crate::service::views::case_alerts;

/// One recorded step of a case, as reports need it.
#[derive(Debug, Clone)]
pub struct Step {
    /// The event (`submit`, `claim`…).
    pub event: String,
    /// The case's state after it.
    pub state_after: Status,
    /// When.
    pub at: OffsetDateTime,
}

/// A case with its history, as reports need it.
#[derive(Debug, Clone)]
pub struct CaseRecord {
    /// The case.
    pub id: Uuid,
    /// Its reference.
    pub reference: String,
    /// The domicile's state of Mexico.
    pub domicile_state: Option<String>,
    /// The firm holding it now.
    pub firm: Option<Uuid>,
    /// The lawyer holding it now.
    pub lawyer: Option<Uuid>,
    /// Where it stands now.
    pub status: Status,
    /// Its alerts today.
    pub alerts: Vec<Alert>,
    /// When its name authorization lapses, if one was granted.
    pub name_expires_on: Option<Date>,
    /// Its history, oldest first.
    pub steps: Vec<Step>,
}

/// A law firm and its volunteers.
#[derive(Debug, Clone)]
pub struct Firm {
    /// The organization.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// A lawyer.
#[derive(Debug, Clone)]
pub struct Lawyer {
    /// The user.
    pub id: Uuid,
    /// Their name.
    pub name: String,
    /// Their firm.
    pub firm: Uuid,
    /// Whether the account is active.
    pub active: bool,
    /// How many cases they take at once.
    pub capacity: u32,
}

/// Time logged.
#[derive(Debug, Clone)]
pub struct Logged {
    /// The case.
    pub case: Uuid,
    /// Who.
    pub lawyer: Uuid,
    /// For which firm.
    pub firm: Uuid,
    /// The day worked.
    pub on: Date,
    /// How long.
    pub minutes: i64,
}

/// Everything a report is computed from.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Cases with their histories.
    pub cases: Vec<CaseRecord>,
    /// Every law firm.
    pub firms: Vec<Firm>,
    /// Every lawyer.
    pub lawyers: Vec<Lawyer>,
    /// Every logged time.
    pub hours: Vec<Logged>,
}

impl CaseRecord {
    /// When an event first happened.
    pub(super) fn first(&self, events: &[EventKind]) -> Option<OffsetDateTime> {
        self.steps
            .iter()
            .find(|step| events.iter().any(|e| e.as_str() == step.event))
            .map(|step| step.at)
    }

    /// The state the case stood in at the end of `day`, if it existed.
    pub(super) fn state_on(&self, day: Date, offset: UtcOffset) -> Option<Status> {
        self.steps
            .iter()
            .take_while(|step| step.at.to_offset(offset).date() <= day)
            .last()
            .map(|step| step.state_after)
    }

    pub(super) fn submitted_by(&self, day: Date, offset: UtcOffset) -> bool {
        self.first(&[EventKind::Submit])
            .is_some_and(|at| at.to_offset(offset).date() <= day)
    }
}

/// Cases read at a time: the report keeps what it needs of each, never the rows themselves.
pub const PAGE: u64 = 1000;

/// Reads what the report needs: every case with its history, firms, lawyers and logged time,
/// `page` cases at a time ([`PAGE`]). `default_capacity` stands for lawyers who did not say how
/// many cases they take.
pub async fn load(
    db: &impl ConnectionTrait,
    today: Date,
    offset: UtcOffset,
    alert_settings: &puente_workflow::AlertSettings,
    default_capacity: u32,
    page: u64,
) -> Result<Inputs, sea_orm::DbErr> {
    let mut cases = Vec::new();
    let mut after = None;
    loop {
        let rows = page_by_creation(db, after, page).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = Some((last.created_at, last.id));
        let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
        let mut steps: HashMap<Uuid, Vec<Step>> = HashMap::new();
        for (case_id, event, state_after, at) in read::steps(db, &ids).await? {
            steps.entry(case_id).or_default().push(Step {
                event,
                state_after,
                at,
            });
        }
        cases.extend(rows.into_iter().map(|row| CaseRecord {
            status: state_of(&row).state,
            alerts: case_alerts(&row, today, offset, alert_settings),
            name_expires_on: crate::service::views::name_authorization(&row).map(|a| a.expires_on),
            steps: steps.remove(&row.id).unwrap_or_default(),
            id: row.id,
            reference: row.reference,
            domicile_state: row.domicile_state,
            firm: row.firm_id,
            lawyer: row.lawyer_id,
        }));
    }
    let firms = read::firms(db)
        .await?
        .into_iter()
        .map(|org| Firm {
            id: org.id,
            name: org.name,
        })
        .collect();
    let lawyers = read::lawyers(db)
        .await?
        .into_iter()
        .map(|u| Lawyer {
            capacity: u.capacity(default_capacity),
            id: u.id,
            name: u.name,
            firm: u.organization_id,
            active: u.active,
        })
        .collect();
    let hours = read::hours(db)
        .await?
        .into_iter()
        .map(|h| Logged {
            case: h.case_id,
            lawyer: h.lawyer_id,
            firm: h.firm_id,
            on: h.worked_on,
            minutes: i64::from(h.minutes),
        })
        .collect();
    Ok(Inputs {
        cases,
        firms,
        lawyers,
        hours,
    })
}
