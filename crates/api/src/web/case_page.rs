//! The case page: what happens next, the actions the workflow allows now, the documents, the
//! history, comments and hours, read through one use case and rendered from typed rows.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::{DocumentKind, EventKind, Field};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::refusal::{Refusal, anchor};
use super::render::{page, refusal, state_label};
use super::visit::{Fields, SignedIn};
use crate::service::activity::{CommentView, HistoryEntry};
use crate::service::case_page::{CasePage, Record};
use crate::service::documents::DocumentView;
use crate::service::transitions::Offer;
use crate::service::views::CaseIntake;
use crate::state::AppState;

/// Why a form on the case page failed, to show beside it.
pub struct Failed<'a> {
    /// The form: an event's name, `upload`, `comment`, `hours` or `generate`.
    pub form: &'a str,
    /// Why it was refused.
    pub refusal: &'a Refusal,
    /// What the person typed, to give back.
    pub fields: Option<&'a Fields>,
}

/// `YYYY-MM-DD HH:MM` in the program's time zone.
pub fn when(state: &AppState, at: &str) -> String {
    OffsetDateTime::parse(at, &Rfc3339)
        .map(|t| {
            let t = t.to_offset(state.settings.utc_offset());
            format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
        })
        .unwrap_or_default()
}

/// The case page.
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    case_page(&state, &signed, id, None).await
}

/// A choice of a select.
#[derive(Serialize)]
struct Choice {
    id: String,
    name: String,
}

/// A field of an action's form.
#[derive(Serialize)]
struct FormField {
    name: &'static str,
    id: String,
    label: String,
    kind: &'static str,
    required: bool,
    value: String,
    error: Option<String>,
}

/// An action of the case page: an event's form, with what is still missing.
#[derive(Serialize)]
struct Action<'a> {
    event: &'static str,
    label: &'a str,
    fields: Vec<FormField>,
    attestation: bool,
    secondary: bool,
    lawyers: &'a [Choice],
    missing: Vec<&'a str>,
    ready: bool,
}

/// A document of the list, with its label and link.
#[derive(Serialize)]
struct DocumentItem<'a> {
    id: Uuid,
    kind: DocumentKind,
    label: String,
    associate: Option<i32>,
    associate_name: Option<&'a str>,
    filename: &'a str,
    version: i32,
    size_kb: i64,
    when: String,
}

/// An associate whose identification may be uploaded.
#[derive(Serialize)]
struct AssociateItem<'a> {
    index: usize,
    name: &'a str,
    has_id: bool,
}

/// A kind that may be uploaded.
#[derive(Serialize)]
struct KindItem {
    code: &'static str,
    label: String,
}

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

/// What was typed in a failed form, given back.
#[derive(Serialize, Default)]
struct Typed {
    message: String,
    reason: String,
    body: String,
    description: String,
    hours: String,
    date: String,
}

/// Renders the case page, with a failed form's errors when there is one.
pub async fn case_page(
    state: &AppState,
    signed: &SignedIn,
    id: Uuid,
    failed: Option<Failed<'_>>,
) -> Response {
    let visit = &signed.visit;
    let viewer = &signed.viewer;
    let lang = visit.lang;
    let facts: CasePage = match crate::service::case_page::page(state, &viewer.user, id).await {
        Ok(facts) => facts,
        Err(error) => return refusal(state, visit, error),
    };
    let case = &facts.case;
    let status = case.status;
    let status_key = status.as_str().replace('_', "-");
    let mut context = visit.context();
    context.insert("case", case);
    context.insert("status_label", &state_label(lang, status.as_str()));
    let next_key = match viewer.user.role {
        puente_workflow::Role::Shelter => format!("web-next-shelter-{status_key}"),
        _ => format!("web-next-staff-{status_key}"),
    };
    context.insert("next_key", &next_key);
    let alerts: Vec<String> = case
        .alerts
        .iter()
        .map(|a| text(lang, &a.label_key(), &[]))
        .collect();
    context.insert("alerts", &alerts);
    context.insert("editable_intake", &case.may.edit_intake);
    context.insert("personal", &case.personal_data);
    context.insert("done", &super::home::done_key(visit));

    // The actions the workflow allows now, each with its form and what is still missing.
    let lawyers: Vec<Choice> = facts
        .lawyers
        .iter()
        .map(|lawyer| Choice {
            id: lawyer.id.to_string(),
            name: lawyer.name.clone(),
        })
        .collect();
    let actions: Vec<Action<'_>> = facts
        .offers
        .items
        .iter()
        .map(|offer| {
            let mine = failed.as_ref().filter(|f| f.form == offer.event.as_str());
            action(lang, offer, mine, &lawyers)
        })
        .collect();
    // Pausing, withdrawing, releasing and reassigning are kept folded away, below what moves
    // the case forward.
    context.insert("secondary_actions", &actions.iter().any(|a| a.secondary));
    context.insert(
        "failed_secondary",
        &actions
            .iter()
            .any(|a| a.secondary && failed.as_ref().is_some_and(|f| a.event == f.form)),
    );
    context.insert("actions", &actions);
    context.insert("version", &facts.offers.version);

    // Documents: what the case holds, what the person may add, the draft to read.
    let associate_names: Vec<&str> = match &case.intake {
        CaseIntake::Full(intake) => intake
            .associates
            .iter()
            .map(|a| a.full_name.as_deref().unwrap_or_default())
            .collect(),
        CaseIntake::Summary(_) => Vec::new(),
    };
    let record = facts.record.as_ref();
    let series: Vec<DocumentItem<'_>> = record
        .into_iter()
        .flat_map(|r| &r.documents)
        .map(|d| document_item(state, lang, &d.current, &associate_names))
        .collect();
    let may = &case.may;
    let kinds: Vec<KindItem> = may
        .upload
        .iter()
        .filter(|kind| {
            !matches!(
                kind,
                DocumentKind::FounderId | DocumentKind::FounderTaxCertificate
            )
        })
        .map(|kind| KindItem {
            code: kind.as_str(),
            label: text(lang, &kind.label_key(), &[]),
        })
        .collect();
    let associates: Vec<AssociateItem<'_>> = associate_names
        .iter()
        .enumerate()
        .map(|(index, name)| AssociateItem {
            index,
            name,
            has_id: series.iter().any(|d| {
                d.kind == DocumentKind::FounderId
                    && d.associate.and_then(|a| usize::try_from(a).ok()) == Some(index)
            }),
        })
        .collect();
    context.insert("documents", &series);
    context.insert("documents_visible", &record.is_some());
    context.insert("upload_kinds", &kinds);
    context.insert("associates", &associates);
    context.insert("may_upload_ids", &may.uploads(DocumentKind::FounderId));
    context.insert("uploads_open", &!may.upload.is_empty());
    context.insert("may_generate", &may.generate);
    context.insert(
        "has_draft",
        &series.iter().any(|d| d.kind == DocumentKind::BylawsDraft),
    );
    insert_record(&mut context, state, lang, viewer.user.id, record);
    context.insert("may_log_hours", &may.log_hours);
    context.insert("today", &state.today().to_string());

    // A failed form's errors, beside the form, and what was typed in it.
    let form = failed.as_ref().map(|f| f.form).unwrap_or_default();
    super::render::errors_of_form(&mut context, failed.as_ref().map(|f| f.refusal), form);
    context.insert("failed_form", form);
    let typed = failed
        .as_ref()
        .and_then(|f| f.fields)
        .map(|fields| Typed {
            message: fields.get("message").to_owned(),
            reason: fields.get("reason").to_owned(),
            body: fields.get("body").to_owned(),
            description: fields.get("description").to_owned(),
            hours: fields.get("hours").to_owned(),
            date: fields.get("date").to_owned(),
        })
        .unwrap_or_default();
    context.insert("values", &typed);
    let status_code = failed.as_ref().map_or(StatusCode::OK, |f| f.refusal.status);
    page(state, visit, status_code, "case.html", context)
}

/// The history, comments and hours, for those who see the whole case.
fn insert_record(
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
    let hours = record.map(|r| r.hours.as_slice()).unwrap_or_default();
    context.insert("hours", hours);
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
                .and_then(|a| a.role.as_deref())
                .unwrap_or("system");
            let note = e.note().map(str::to_owned);
            Line {
                when: when(state, &e.at),
                event: history_label(lang, &e.event),
                state: state_label(lang, &e.state_after),
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
        when: when(state, &c.created_at),
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

/// A document of the list, with its label and download link.
fn document_item<'a>(
    state: &AppState,
    lang: Lang,
    d: &'a DocumentView,
    associates: &[&'a str],
) -> DocumentItem<'a> {
    DocumentItem {
        id: d.id,
        kind: d.kind,
        label: text(lang, &d.kind.label_key(), &[]),
        associate: d.associate,
        associate_name: d
            .associate
            .and_then(|i| associates.get(usize::try_from(i).ok()?))
            .copied(),
        filename: &d.filename,
        version: d.version,
        size_kb: (d.size + 1023) / 1024,
        when: when(state, &d.created_at),
    }
}

/// One action of the case page: its label, its fields, what is missing.
fn action<'a>(
    lang: Lang,
    offer: &'a Offer,
    failed: Option<&Failed<'_>>,
    lawyers: &'a [Choice],
) -> Action<'a> {
    let event = offer.event.as_str();
    let mut fields: Vec<FormField> = Vec::new();
    let mut attestation = false;
    for (field, required) in offer
        .needs
        .iter()
        .map(|n| (*n, true))
        .chain(offer.accepts.iter().map(|n| (*n, false)))
    {
        if matches!(
            field,
            Field::ConflictCheck | Field::ConflictCheckNoConflict | Field::ConflictCheckReference
        ) {
            attestation = true;
            continue;
        }
        let name = field.as_str();
        if fields.iter().any(|f| f.name == name) {
            continue;
        }
        let kind = match field {
            Field::Message | Field::Reason => "textarea",
            Field::AuthorizedOn | Field::SignedOn => "date",
            Field::LawyerId => "lawyer",
            _ => "text",
        };
        fields.push(FormField {
            name,
            id: anchor(&format!("{event}.{name}")),
            label: text(lang, &format!("web-field-{}", name.replace('_', "-")), &[]),
            kind,
            required,
            value: failed
                .and_then(|f| f.fields)
                .map(|f| f.get(name).to_owned())
                .unwrap_or_default(),
            error: failed.and_then(|f| f.refusal.error_of(name)),
        });
    }
    // What the form itself asks for is not listed as missing.
    let missing: Vec<&str> = offer
        .missing_details
        .iter()
        .filter(|m| !m.code.starts_with("field:"))
        .map(|m| m.message.as_str())
        .collect();
    Action {
        event,
        label: &offer.label,
        fields,
        attestation,
        secondary: matches!(
            offer.event,
            EventKind::Hold | EventKind::Withdraw | EventKind::Release | EventKind::Reassign
        ),
        lawyers,
        ready: missing.is_empty(),
        missing,
    }
}
