//! The case page's actions: each event the workflow allows now as a form, with its fields and
//! what is still missing.

use puente_i18n::{Lang, text};
use puente_workflow::{EventKind, Field};
use serde::Serialize;

use super::{Choice, Failed};
use crate::service::transitions::Offer;
use crate::web::refusal::anchor;

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

/// An associate as an approval's checkbox.
#[derive(Serialize)]
struct Ticked<'a> {
    id: &'a str,
    name: &'a str,
    ticked: bool,
}

/// An action of the case page: an event's form, with what is still missing.
#[derive(Serialize)]
pub(super) struct Action<'a> {
    pub(super) event: &'static str,
    pub(super) label: &'a str,
    fields: Vec<FormField>,
    attestation: bool,
    pub(super) secondary: bool,
    lawyers: &'a [Choice],
    /// The associates to tick, for an approval (`approved_by`), with those ticked before.
    associates: Vec<Ticked<'a>>,
    /// The names the shelter proposed, to choose the authorized one among.
    proposals: &'a [String],
    missing: Vec<&'a str>,
    ready: bool,
    /// It ends the request or undoes work: sent only with its confirmation ticked.
    destructive: bool,
    /// The confirmation's error, if it was sent unticked.
    confirm_error: Option<String>,
}

/// Whether an event is kept folded away, below what moves the case forward: pausing,
/// withdrawing, releasing, reassigning.
pub(super) fn secondary(event: EventKind) -> bool {
    matches!(
        event,
        EventKind::Hold | EventKind::Withdraw | EventKind::Release | EventKind::Reassign
    )
}

/// Whether the event named `event` ends the request or undoes work, and so asks to be confirmed
/// on the page: declining, withdrawing, every proposed name refused.
pub fn destructive(event: &str) -> bool {
    matches!(event, "decline" | "withdraw" | "name_refused")
}

/// One action of the case page: its label, its fields, what is missing.
pub(super) fn action<'a>(
    lang: Lang,
    offer: &'a Offer,
    failed: Option<&Failed<'_>>,
    lawyers: &'a [Choice],
    associates: &'a [Choice],
    proposals: &'a [String],
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
            Field::LawyerId => "lawyer",
            Field::ApprovedBy => "associates",
            Field::AuthorizedName if !proposals.is_empty() => "name_choice",
            _ if field.value_type() == puente_workflow::event::FieldType::Date => "date",
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
        .filter(|m| !m.code.starts_with("field:") && !m.code.starts_with("approval:"))
        .map(|m| m.message.as_str())
        .collect();
    let ticked = failed
        .and_then(|f| f.fields)
        .map(|f| f.all("approved_by"))
        .unwrap_or_default();
    let takes_approvals = offer
        .needs
        .iter()
        .chain(&offer.accepts)
        .any(|f| *f == Field::ApprovedBy);
    Action {
        event,
        label: &offer.label,
        associates: if takes_approvals {
            associates
                .iter()
                .map(|a| Ticked {
                    id: &a.id,
                    name: &a.name,
                    ticked: ticked.contains(&a.id),
                })
                .collect()
        } else {
            Vec::new()
        },
        proposals,
        fields,
        attestation,
        secondary: secondary(offer.event),
        destructive: destructive(event),
        confirm_error: failed.and_then(|f| f.refusal.error_of("confirm")),
        lawyers,
        ready: missing.is_empty(),
        missing,
    }
}
