//! The cases export: every case created within the period, one row each, with its milestones.

use futures::stream;
use puente_i18n::{Lang, text};
use puente_workflow::EventKind;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::spreadsheet::{csv_body, csv_bytes, titles};
use super::{Export, PAGE, begin};
use crate::entity::case;
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, Filter, Scope as CaseScope, state_of};
use crate::service::repo::reports as read;
use crate::service::reports::Filters;
use crate::service::reports::caseload::Scope;
use crate::service::views::{Names, case_alerts};
use crate::state::AppState;

fn iso(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn days_between(start: Option<OffsetDateTime>, end: Option<OffsetDateTime>) -> String {
    match (start, end) {
        (Some(start), Some(end)) if end >= start => {
            format!("{:.2}", (end - start).as_seconds_f64() / 86_400.0)
        }
        _ => String::new(),
    }
}

const CASE_COLUMNS: [&str; 17] = [
    "reference",
    "name",
    "status",
    "shelter",
    "state",
    "municipality",
    "firm",
    "lawyer",
    "created",
    "submitted",
    "claimed",
    "signed",
    "filed",
    "days-to-claim",
    "days-to-signing",
    "days-to-filing",
    "alerts",
];

/// Every case created within the period, one row each, with its milestones (managers); the
/// export is recorded in the access log.
pub async fn cases_export(
    state: &AppState,
    caller: &AuthUser,
    filters: &Filters,
    lang: Lang,
) -> Result<Export, Error> {
    let scope = begin(caller, filters, "cases")?;
    let filter = Filter {
        state: scope.state.clone(),
        firm: scope.firm,
        without_intake: true,
        ..Filter::default()
    };
    let today = state.today();
    let filename = format!("puente-{}-{today}.csv", text(lang, "csv-cases-file", &[]));
    let pages = stream::try_unfold(
        (Some(filter), state.clone(), scope),
        move |(filter, state, scope)| async move {
            let Some(mut filter) = filter else {
                return Ok(None);
            };
            let (batch, more) = cases::list(&state.db, CaseScope::All, &filter, PAGE)
                .await
                .map_err(std::io::Error::other)?;
            let rows = case_rows(&state, &batch, &scope, lang)
                .await
                .map_err(std::io::Error::other)?;
            let next = match batch.last() {
                Some(last) if more => {
                    filter.after = Some(cases::cursor_of(last, filter.order));
                    Some(filter)
                }
                _ => None,
            };
            Ok(Some((csv_bytes(&rows), (next, state, scope))))
        },
    );
    Ok(Export {
        filename,
        body: csv_body(titles(lang, &CASE_COLUMNS), pages),
    })
}

/// The events whose dates the cases export shows.
const MILESTONES: [EventKind; 5] = [
    EventKind::Submit,
    EventKind::Claim,
    EventKind::Assign,
    EventKind::RecordSigning,
    EventKind::RecordFiling,
];

async fn case_rows(
    state: &AppState,
    batch: &[case::Model],
    scope: &Scope,
    lang: Lang,
) -> Result<Vec<Vec<String>>, sea_orm::DbErr> {
    let offset = state.settings.utc_offset();
    let today = state.today();
    let day = |at: OffsetDateTime| at.to_offset(offset).date();
    let batch: Vec<case::Model> = batch
        .iter()
        .filter(|c| {
            let created = day(c.created_at);
            scope.from.is_none_or(|from| created >= from) && scope.to.is_none_or(|to| created <= to)
        })
        .cloned()
        .collect();
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let names = Names::load(&state.db, &batch).await?;
    let ids: Vec<Uuid> = batch.iter().map(|c| c.id).collect();
    let events = read::milestones(&state.db, &ids, &MILESTONES).await?;
    let first = |case: Uuid, kinds: &[EventKind]| {
        events
            .iter()
            .find(|(id, event, _)| *id == case && kinds.iter().any(|k| k.as_str() == event))
            .map(|(_, _, at)| *at)
    };
    Ok(batch
        .iter()
        .map(|c| {
            let submitted = first(c.id, &[EventKind::Submit]);
            let claimed = first(c.id, &[EventKind::Claim, EventKind::Assign]);
            let signed = first(c.id, &[EventKind::RecordSigning]);
            let filed = first(c.id, &[EventKind::RecordFiling]);
            let shelter = names.shelter(c);
            let alerts: Vec<String> = case_alerts(c, today, offset, &state.settings.alerts)
                .iter()
                .map(|a| text(lang, &a.label_key(), &[]))
                .collect();
            vec![
                c.reference.clone(),
                c.title.clone(),
                text(lang, &state_of(c).state.label_key(), &[]),
                shelter.map_or("", |s| s.name.as_str()).to_owned(),
                c.domicile_state.clone().unwrap_or_default(),
                shelter
                    .and_then(|s| s.municipality.clone())
                    .unwrap_or_default(),
                names.org_name(c.firm_id).to_owned(),
                names.user_name(c.lawyer_id).to_owned(),
                day(c.created_at).to_string(),
                iso(submitted.map(day)),
                iso(claimed.map(day)),
                iso(signed.map(day)),
                iso(filed.map(day)),
                days_between(submitted, claimed),
                days_between(claimed, signed),
                days_between(claimed, filed),
                alerts.join("; "),
            ]
        })
        .collect())
}
