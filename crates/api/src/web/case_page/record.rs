//! The case page's record, for those who see the whole case: the history in plain words, the
//! comments and the hours.

use puente_i18n::{Lang, text};
use puente_workflow::Role;
use serde::Serialize;
use uuid::Uuid;

use super::when;
use crate::service::activity::{CommentView, HistoryEntry};
use crate::service::case_page::Record;
use crate::state::AppState;
use crate::web::render::state_label;

/// A line of the history in plain words.
#[derive(Serialize)]
struct Line {
    when: String,
    event: String,
    state: String,
    who: String,
    note: Option<String>,
    times: Option<u32>,
}

/// A comment as the page shows it.
#[derive(Serialize)]
struct CommentItem<'a> {
    when: String,
    mine: bool,
    author: &'a str,
    role: String,
    body: &'a str,
}

/// Logged hours as the page lists them: one's own recent entries may be corrected.
#[derive(Serialize)]
struct HoursRow<'a> {
    id: Uuid,
    /// As the form takes it (ISO).
    date: &'a str,
    /// As people read it.
    day: String,
    hours: f64,
    description: &'a str,
    correctable: bool,
}

/// The history, comments and hours, for those who see the whole case.
pub(super) fn insert_record(
    context: &mut tera::Context,
    state: &AppState,
    lang: Lang,
    me: Uuid,
    record: Option<&Record>,
) {
    let timeline = record.map(|r| timeline(state, lang, &r.history));
    context.insert("timeline", &timeline.unwrap_or_default());
    context.insert("history_visible", &record.is_some());
    let comments: Vec<CommentItem<'_>> = record
        .into_iter()
        .flat_map(|r| &r.comments)
        .map(|c| comment_item(state, lang, me, c))
        .collect();
    context.insert("comments", &comments);
    context.insert("comments_visible", &record.is_some());
    let hours: Vec<HoursRow<'_>> = record
        .into_iter()
        .flat_map(|r| &r.hours)
        .map(|h| HoursRow {
            id: h.id,
            date: &h.date,
            day: time::Date::parse(
                &h.date,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map(|date| crate::web::render::day(lang, date))
            .unwrap_or_else(|_| h.date.clone()),
            hours: h.hours,
            description: &h.description,
            correctable: h.lawyer_id == me
                && time::OffsetDateTime::parse(
                    &h.created_at,
                    &time::format_description::well_known::Rfc3339,
                )
                .is_ok_and(|logged| crate::service::hours_log::correctable(logged, state.now())),
        })
        .collect();
    context.insert("hours_total", &hours.iter().map(|h| h.hours).sum::<f64>());
    context.insert("hours", &hours);
    context.insert("hours_visible", &record.is_some());
}

/// The history in plain words, newest first; a run of the same step (the intake saved step by
/// step) reads as one line, the latest.
fn timeline(state: &AppState, lang: Lang, history: &[HistoryEntry]) -> Vec<Line> {
    let mut lines: Vec<Line> = history
        .iter()
        .rev()
        .map(|e| {
            let who = e
                .actor
                .as_ref()
                .and_then(|a| a.role.map(Role::as_str))
                .unwrap_or("system");
            let note = e.note().map(str::to_owned);
            Line {
                when: when(state, lang, &e.at),
                event: history_label(lang, &e.event),
                state: state_label(lang, e.state_after.as_str()),
                who: text(lang, &format!("web-role-{who}"), &[]),
                note,
                times: None,
            }
        })
        .collect();
    lines.dedup_by(|older, newer| {
        let same = older.event == newer.event && older.who == newer.who && older.note.is_none();
        if same {
            newer.times = Some(newer.times.unwrap_or(1) + older.times.unwrap_or(1));
        }
        same
    });
    lines
}

fn comment_item<'a>(state: &AppState, lang: Lang, me: Uuid, c: &'a CommentView) -> CommentItem<'a> {
    let role = Some(c.author_role.as_str())
        .filter(|r| !r.is_empty())
        .unwrap_or("system");
    CommentItem {
        when: when(state, lang, &c.created_at),
        mine: c.author_id == me,
        author: &c.author_name,
        role: text(lang, &format!("web-role-{role}"), &[]),
        body: &c.body,
    }
}

/// An event of the history in plain words: the workflow's events by their label, the others
/// (documents, intake changes, privacy steps) by theirs.
fn history_label(lang: Lang, event: &str) -> String {
    let key = event.replace('_', "-");
    puente_i18n::try_text(lang, &format!("event-{key}"), &[])
        .or_else(|| puente_i18n::try_text(lang, &format!("web-history-{key}"), &[]))
        .unwrap_or_else(|| text(lang, "web-history-other", &[]))
}
