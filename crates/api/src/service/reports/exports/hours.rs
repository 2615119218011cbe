//! The hours export: every logged time within the period, oldest first, with the firm and
//! lawyer who logged it.

use futures::stream;
use puente_i18n::{Lang, text};
use time::Date;
use uuid::Uuid;

use super::spreadsheet::{csv_body, csv_bytes, titles};
use super::{Export, PAGE, begin};
use crate::entity::hours;
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::hours::{self as repo_hours, Span};
use crate::service::repo::page::Cursor;
use crate::service::repo::reports as read;
use crate::service::reports::Filters;
use crate::service::reports::caseload::Scope;
use crate::service::views::Names;
use crate::state::AppState;

const HOURS_COLUMNS: [&str; 7] = [
    "date",
    "reference",
    "firm",
    "lawyer",
    "hours",
    "minutes",
    "description",
];

/// Every logged time within the period, oldest first (managers); the export is recorded in the
/// access log.
pub async fn hours_export(
    state: &AppState,
    caller: &AuthUser,
    filters: &Filters,
    lang: Lang,
) -> Result<Export, Error> {
    let scope = begin(caller, filters, "hours")?;
    let filename = format!(
        "puente-{}-{}.csv",
        text(lang, "csv-hours-file", &[]),
        state.today()
    );
    let pages = stream::try_unfold(
        (Some(None::<Cursor<Date>>), state.clone(), scope),
        move |(after, state, scope)| async move {
            let Some(after) = after else {
                return Ok(None);
            };
            let span = Span {
                from: scope.from,
                to: scope.to,
                firm: scope.firm,
            };
            let (batch, more) = repo_hours::page(&state.db, &span, after.as_ref(), PAGE)
                .await
                .map_err(std::io::Error::other)?;
            let rows = hour_rows(&state, &batch, &scope)
                .await
                .map_err(std::io::Error::other)?;
            let next = match batch.last() {
                Some(last) if more => Some(Some(Cursor {
                    at: last.worked_on,
                    id: last.id,
                })),
                _ => None,
            };
            Ok(Some((csv_bytes(&rows), (next, state, scope))))
        },
    );
    Ok(Export {
        filename,
        body: csv_body(titles(lang, &HOURS_COLUMNS), pages),
    })
}

async fn hour_rows(
    state: &AppState,
    batch: &[hours::Model],
    scope: &Scope,
) -> Result<Vec<Vec<String>>, sea_orm::DbErr> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = batch.iter().map(|h| h.case_id).collect();
    let cases = read::cases_by_ids(&state.db, &ids).await?;
    let mut names_of = cases.clone();
    // The firms and lawyers who logged the time, whoever holds the case now.
    for entry in batch {
        if let Some(case) = cases.iter().find(|c| c.id == entry.case_id) {
            let mut as_logged = case.clone();
            as_logged.firm_id = Some(entry.firm_id);
            as_logged.lawyer_id = Some(entry.lawyer_id);
            names_of.push(as_logged);
        }
    }
    let names = Names::load(&state.db, &names_of).await?;
    Ok(batch
        .iter()
        .filter_map(|entry| {
            let case = cases.iter().find(|c| c.id == entry.case_id)?;
            if scope.state.is_some() && case.domicile_state != scope.state {
                return None;
            }
            Some(vec![
                entry.worked_on.to_string(),
                case.reference.clone(),
                names.org_name(Some(entry.firm_id)).to_owned(),
                names.user_name(Some(entry.lawyer_id)).to_owned(),
                format!("{:.2}", f64::from(entry.minutes) / 60.0),
                entry.minutes.to_string(),
                entry.description.clone(),
            ])
        })
        .collect())
}
