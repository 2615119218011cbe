//! The case page: what happens next, the actions the workflow allows now, the documents, the
//! history, comments and hours, read through one use case and rendered from typed rows.
//!
//! This module holds the page's handler and its context with the documents; the actions'
//! forms are built in `actions`, the history, comments and hours in `record`.

mod actions;
pub(crate) mod intake_facts;
mod milestones;
mod next;
mod notary;
mod record;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::DocumentKind;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::refusal::Refusal;
use super::render::{day, page, refusal, state_label};
use super::visit::{Fields, SignedIn};
use crate::service::case_page::CasePage;
use crate::service::documents::DocumentView;
use crate::service::views::CaseIntake;
use crate::state::AppState;
pub use actions::destructive;
use actions::{Action, action};
use milestones::insert_milestones;
pub(crate) use next::step_of;
use notary::insert_notary;
use record::insert_record;

/// Why a form on the case page failed, to show beside it.
pub struct Failed<'a> {
    /// The form: an event's name, `upload`, `comment`, `hours` or `generate`.
    pub form: &'a str,
    /// Why it was refused.
    pub refusal: &'a Refusal,
    /// What the person typed, to give back.
    pub fields: Option<&'a Fields>,
}

/// A moment as people read it, «29 nov 2026, 14:05», in the program's time zone.
pub fn when(state: &AppState, lang: Lang, at: &str) -> String {
    OffsetDateTime::parse(at, &Rfc3339)
        .map(|t| {
            let t = t.to_offset(state.settings.utc_offset());
            format!("{}, {:02}:{:02}", day(lang, t.date()), t.hour(), t.minute())
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
    /// Resides in Mexico, and so needs a constancia de situación fiscal before the signing.
    resident: bool,
    has_tax_certificate: bool,
}

/// A kind that may be uploaded.
#[derive(Serialize)]
struct KindItem {
    code: &'static str,
    label: String,
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
    milestone: String,
    on: String,
    reference: String,
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
    let mut context = visit.context();
    context.insert("case", case);
    context.insert("status_label", &state_label(lang, status.as_str()));
    let alerts: Vec<String> = case
        .alerts
        .iter()
        .map(|a| text(lang, &a.label_key(), &[]))
        .collect();
    context.insert("alerts", &alerts);
    context.insert("editable_intake", &case.may.edit_intake);
    // A lawyer at their capacity is told before claiming one more.
    let load_warning = facts.load.filter(|load| load.full()).map(|load| {
        text(
            lang,
            "web-load-full",
            &[
                ("held", puente_i18n::ArgValue::Number(load.held as f64)),
                (
                    "capacity",
                    puente_i18n::ArgValue::Number(load.capacity as f64),
                ),
            ],
        )
    });
    context.insert("load_warning", &load_warning);
    context.insert("personal", &case.personal_data);
    context.insert("done", &super::home::done_key(visit));
    insert_milestones(&mut context, lang, case, &viewer.user);
    let typed_notary = failed
        .as_ref()
        .filter(|f| f.form == "notary")
        .and_then(|f| f.fields);
    insert_notary(&mut context, lang, case, typed_notary);

    // The actions the workflow allows now, each with its form and what is still missing.
    let lawyers: Vec<Choice> = facts
        .lawyers
        .iter()
        .map(|lawyer| Choice {
            id: lawyer.id.to_string(),
            name: lawyer.name.clone(),
        })
        .collect();
    let founders = match &case.intake {
        CaseIntake::Full(intake) => intake.associates.as_slice(),
        CaseIntake::Summary(_) => &[],
    };
    let proposals: &[String] = match &case.intake {
        CaseIntake::Full(intake) => &intake.proposed_names,
        CaseIntake::Summary(_) => &[],
    };
    let associate_names: Vec<&str> = founders
        .iter()
        .map(|a| a.full_name.as_deref().unwrap_or_default())
        .collect();
    let approvers: Vec<Choice> = associate_names
        .iter()
        .enumerate()
        .map(|(index, name)| Choice {
            id: index.to_string(),
            name: if name.trim().is_empty() {
                let n = puente_i18n::ArgValue::Number(index as f64 + 1.0);
                text(lang, "web-associate-numbered", &[("n", n)])
            } else {
                (*name).to_owned()
            },
        })
        .collect();
    let actions: Vec<Action<'_>> = facts
        .offers
        .items
        .iter()
        .map(|offer| {
            let mine = failed.as_ref().filter(|f| f.form == offer.event.as_str());
            action(lang, offer, mine, &lawyers, &approvers, proposals)
        })
        .collect();
    // Pausing, withdrawing, releasing and reassigning are kept folded away, below what moves
    // the case forward.
    context.insert("secondary_actions", &actions.iter().any(|a| a.secondary));
    // The fold names what it holds: only what this person may do.
    let secondary: Vec<&str> = actions
        .iter()
        .filter(|a| a.secondary)
        .map(|a| a.label)
        .collect();
    context.insert("secondary_labels", &secondary.join(", "));
    context.insert(
        "failed_secondary",
        &actions
            .iter()
            .any(|a| a.secondary && failed.as_ref().is_some_and(|f| a.event == f.form)),
    );
    context.insert("actions", &actions);
    context.insert("version", &facts.offers.version);

    // Documents: what the case holds, what the person may add, the draft to read.
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
    let holds = |kind: DocumentKind, index: usize| {
        series.iter().any(|d| {
            d.kind == kind && d.associate.and_then(|a| usize::try_from(a).ok()) == Some(index)
        })
    };
    let associates: Vec<AssociateItem<'_>> = associate_names
        .iter()
        .zip(founders)
        .enumerate()
        .map(|(index, (name, founder))| AssociateItem {
            index,
            name,
            has_id: holds(DocumentKind::FounderId, index),
            resident: founder.resides_in_mexico(),
            has_tax_certificate: holds(DocumentKind::FounderTaxCertificate, index),
        })
        .collect();
    context.insert("documents", &series);
    context.insert("documents_visible", &record.is_some());
    context.insert("upload_kinds", &kinds);
    context.insert("associates", &associates);
    context.insert("may_upload_ids", &may.uploads(DocumentKind::FounderId));
    context.insert(
        "may_upload_tax_certificates",
        &may.uploads(DocumentKind::FounderTaxCertificate),
    );
    context.insert("uploads_open", &!may.upload.is_empty());
    context.insert("may_generate", &may.generate);
    context.insert(
        "has_draft",
        &series.iter().any(|d| d.kind == DocumentKind::BylawsDraft),
    );
    if let CaseIntake::Full(intake) = &case.intake {
        let papers: Vec<intake_facts::Papers> = associates
            .iter()
            .map(|a| (a.has_id, a.resident && !a.has_tax_certificate))
            .collect();
        context.insert("facts", &intake_facts::intake_facts(lang, intake, &papers));
    }
    // What comes next, on top: the missing uploads are those the viewer may make.
    let mut uploads: Vec<(String, Option<String>)> = Vec::new();
    if may.uploads(DocumentKind::FounderId) {
        for a in associates.iter().filter(|a| !a.has_id) {
            let label = format!("{} {}", text(lang, "web-upload-id-of", &[]), a.name);
            uploads.push((label, Some(format!("f-id-{}", a.index))));
        }
    }
    if may.uploads(DocumentKind::FounderTaxCertificate) {
        for a in associates
            .iter()
            .filter(|a| a.resident && !a.has_tax_certificate)
        {
            let label = format!(
                "{} {}",
                text(lang, "web-upload-tax-certificate-of", &[]),
                a.name
            );
            uploads.push((label, Some(format!("f-csf-{}", a.index))));
        }
    }
    let next_facts = next::Facts {
        case_id: case.id,
        status,
        role: viewer.user.role,
        offers: &facts.offers.items,
        history: record.map(|r| r.history.as_slice()),
        uploads,
        has_draft: series.iter().any(|d| d.kind == DocumentKind::BylawsDraft),
    };
    context.insert(
        "next",
        &next::summary(lang, next_facts, |at| when(state, lang, at)),
    );
    insert_record(&mut context, state, lang, viewer.user.id, record);
    context.insert("may_log_hours", &may.log_hours);
    context.insert("today", &state.today().to_string());

    // A form from an older page (sent after Back, or after someone else moved the case) is said
    // on top, with the state the case is in now; a form still offered keeps what was typed.
    let stale = failed.as_ref().is_some_and(|f| {
        matches!(
            f.refusal.problem.code.as_str(),
            "stale_version" | "invalid_state"
        )
    });
    context.insert("stale", &stale);
    // A failed form's errors, beside the form, and what was typed in it.
    let form = failed.as_ref().map(|f| f.form).unwrap_or_default();
    let refused = failed.as_ref().filter(|_| !stale).map(|f| f.refusal);
    super::render::errors_of_form(&mut context, refused, form);
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
            milestone: fields.get("milestone").to_owned(),
            on: fields.get("on").to_owned(),
            reference: fields.get("reference").to_owned(),
        })
        .unwrap_or_default();
    context.insert("values", &typed);
    context.insert(
        "associate_links",
        &super::particulars::links(lang, case, &viewer.user),
    );
    let status_code = failed.as_ref().map_or(StatusCode::OK, |f| f.refusal.status);
    page(state, visit, status_code, "case.html", context)
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
        when: when(state, lang, &d.created_at),
    }
}
