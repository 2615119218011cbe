//! Reports for program managers: the caseload in figures ([`caseload`]), and the cases and the
//! logged hours as CSV files ([`exports`]), over the same checked period and filters.

pub mod caseload;
mod exports;

pub use exports::{Export, cases_export, hours_export};

use puente_workflow::FieldError;
use puente_workflow::intake::MexicanState;
use time::Date;
use uuid::Uuid;

use super::Error;
use crate::service::auth::AuthUser;
use crate::state::AppState;
use caseload::{Caseload, Scope};

/// The period and filters of a report, as asked for: read and checked here.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// First day of the period, `YYYY-MM-DD` (inclusive).
    pub from: Option<String>,
    /// Last day of the period, `YYYY-MM-DD` (inclusive; today by default).
    pub to: Option<String>,
    /// State of Mexico of the case's domicile (ISO 3166-2:MX).
    pub state: Option<String>,
    /// Law firm.
    pub firm: Option<Uuid>,
}

fn parse_day(field: &str, value: Option<&str>) -> Result<Option<Date>, FieldError> {
    value
        .map(|text| {
            Date::parse(
                text,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map_err(|_| FieldError::new(field, "date.invalid"))
        })
        .transpose()
}

impl Filters {
    /// The scope, or every field that cannot be read.
    fn scope(&self) -> Result<Scope, Error> {
        let mut errors = Vec::new();
        let from = parse_day("from", self.from.as_deref()).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let to = parse_day("to", self.to.as_deref()).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            errors.push(FieldError::new("from", "period.order"));
        }
        let state = match self.state.as_deref() {
            Some(code) => match code.parse::<MexicanState>() {
                Ok(state) => Some(state.code().to_owned()),
                Err(_) => {
                    errors.push(FieldError::new("state", "state.unknown"));
                    None
                }
            },
            None => None,
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(Scope {
            from,
            to,
            state,
            firm: self.firm,
        })
    }
}

/// The caseload report (managers).
pub async fn caseload(
    state: &AppState,
    caller: &AuthUser,
    filters: &Filters,
) -> Result<Caseload, Error> {
    caller.require_manager()?;
    let scope = filters.scope()?;
    let _pass = state.reports.enter().await?;
    let today = state.today();
    let offset = state.settings.utc_offset();
    let inputs = caseload::load(
        &state.db,
        today,
        offset,
        &state.settings.alerts,
        state.settings.lawyer_capacity,
        caseload::PAGE,
    )
    .await?;
    Ok(caseload::compute(&inputs, &scope, today, offset))
}
