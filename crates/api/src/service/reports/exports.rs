//! The cases and the logged hours as CSV files, written page by page as they are read (never
//! built whole in memory), for spreadsheets: UTF-8 with a byte-order mark (so accents survive
//! Excel), CRLF line ends, every cell quoted, ISO dates, decimal points, column titles in the
//! caller's language, and text that a spreadsheet would read as a formula neutralised.

use axum::body::Bytes;
use futures::stream::{self, BoxStream, Stream, StreamExt};
use puente_i18n::{Lang, text};
use puente_workflow::EventKind;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::Filters;
use super::caseload::Scope;
use crate::entity::{case, hours};
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::{self, Filter, Scope as CaseScope, state_of};
use crate::service::repo::hours::{self as repo_hours, Span};
use crate::service::repo::page::Cursor;
use crate::service::repo::reports as read;
use crate::service::views::{Names, case_alerts};
use crate::state::AppState;

/// The start of an export named `name`: managers only, the filters checked, the reading
/// recorded in the access log.
fn begin(caller: &AuthUser, filters: &Filters, name: &'static str) -> Result<Scope, Error> {
    caller.require_manager()?;
    let scope = filters.scope()?;
    crate::access::record(caller.id, crate::access::Read::Export(name));
    Ok(scope)
}

/// A CSV export: its file's name, and its bytes as they are written.
pub struct Export {
    /// The file's name (`puente-casos-2026-11-22.csv`).
    pub filename: String,
    /// The bytes: the byte-order mark and the column titles, then each page of rows as it is
    /// read (a failure midway ends the stream with an error).
    pub body: BoxStream<'static, Result<Bytes, std::io::Error>>,
}

/// What makes a spreadsheet read a cell as a formula, at the start of the cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Where a spreadsheet may start a new cell inside ours: the delimiters of the locales (`,`,
/// `;`, a tab) and line ends.
const CELL_BREAKS: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// A cell as a spreadsheet must show it (OWASP's CSV injection guidance): text that would start
/// a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets a leading apostrophe,
/// so a shelter's name can never run as one. The same holds wherever a spreadsheet splitting
/// on another delimiter than ours would start a cell: after a `,`, `;`, tab or line end inside
/// the text (`Casa;=1+1` is written `Casa;'=1+1`).
fn cell(value: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::with_capacity(value.len() + 1);
    let mut starts_cell = true;
    for c in value.chars() {
        if starts_cell && FORMULA_START.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        starts_cell = CELL_BREAKS.contains(&c);
    }
    if out.len() == value.len() {
        value.into()
    } else {
        out.into()
    }
}

/// Writes rows into CSV bytes, every cell through [`cell`] and quoted, CRLF line ends. Quoting
/// every cell keeps a comma, quote or line end inside its cell for a spreadsheet reading commas;
/// one splitting on another delimiter (`;` in much of Latin America and Europe, or a tab) is
/// what [`cell`] guards against inside the text.
fn csv_bytes(rows: &[Vec<String>]) -> Bytes {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory fails only on memory exhaustion.
        let _ = writer.write_record(row.iter().map(|value| cell(value).into_owned()));
    }
    Bytes::from(writer.into_inner().unwrap_or_default())
}

/// The bytes of an export: the byte-order mark and the column titles first, then each page of
/// rows.
fn csv_body(
    header_row: Vec<String>,
    rows: impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
) -> BoxStream<'static, Result<Bytes, std::io::Error>> {
    let mut first = b"\xEF\xBB\xBF".to_vec();
    first.extend_from_slice(&csv_bytes(&[header_row]));
    // A page whose rows all fell outside the filters writes nothing.
    let rows =
        rows.filter(|page| std::future::ready(!matches!(page, Ok(bytes) if bytes.is_empty())));
    stream::once(async move { Ok(Bytes::from(first)) })
        .chain(rows)
        .boxed()
}

fn titles(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|key| text(lang, &format!("csv-{key}"), &[]))
        .collect()
}

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

/// Rows per page read from the database while streaming.
const PAGE: u64 = 200;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_start_a_formula_is_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+52 656"), "'+52 656");
        assert_eq!(cell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\t=1+1"), "'\t'=1+1", "a tab also splits a cell");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("Casa del Migrante"), "Casa del Migrante");
        assert_eq!(cell(""), "");
        // Where a spreadsheet splitting on `;`, `,`, a tab or a line end would start a cell.
        assert_eq!(cell("Casa;=1+1"), "Casa;'=1+1");
        assert_eq!(cell("a,@b\n-c\t+d"), "a,'@b\n'-c\t'+d");
        assert_eq!(cell("Horas: 3; -1 de ajuste"), "Horas: 3; -1 de ajuste");
        assert_eq!(cell("Niños Héroes 12-B"), "Niños Héroes 12-B");
    }

    #[test]
    fn every_cell_is_quoted_neutralised_and_rows_end_in_crlf() {
        let bytes = csv_bytes(&[vec![
            "Niños, \"Héroes\"".to_owned(),
            "línea\nnueva".to_owned(),
            "2026-11-22".to_owned(),
            "Casa;=1+1".to_owned(),
            "=1+1".to_owned(),
            "1.50".to_owned(),
        ]]);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap_or_default(),
            "\"Niños, \"\"Héroes\"\"\",\"línea\nnueva\",\"2026-11-22\",\"Casa;'=1+1\",\"'=1+1\",\"1.50\"\r\n"
        );
    }
}
