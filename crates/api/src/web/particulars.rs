//! An associate's generales, on a page of their own (`/cases/{id}/associates/{n}`) that the
//! case's lawyer fills in before the signing (the shelter writes them in the intake while it may
//! edit it); and the list of associates with what each still lacks, for the case page.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{ArgValue, Lang, text};
use puente_workflow::intake::{
    AssociateDraft, CIVIL_STATUSES, ID_KINDS, IMMIGRATION_STATUSES, ParticularsDraft, TREATMENTS,
};
use puente_workflow::{Missing, Role};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::refusal::Refusal;
use super::render::{failure, page, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::error::ApiError;
use crate::service;
use crate::service::auth::AuthUser;
use crate::service::particulars::AssociateParticulars;
use crate::service::views::{CaseIntake, CaseView};
use crate::state::AppState;

/// How a field is entered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    Text,
    Date,
    Choice(&'static [&'static str]),
}

/// The form's fields, in order: the generales, then the associate's RFC.
const FIELDS: [(&str, Input); 13] = [
    ("birth_date", Input::Date),
    ("birth_place", Input::Text),
    ("civil_status", Input::Choice(&CIVIL_STATUSES)),
    ("occupation", Input::Text),
    ("address", Input::Text),
    ("treatment", Input::Choice(&TREATMENTS)),
    ("id_kind", Input::Choice(&ID_KINDS)),
    ("id_number", Input::Text),
    ("id_valid_until", Input::Date),
    ("immigration_status", Input::Choice(&IMMIGRATION_STATUSES)),
    ("immigration_number", Input::Text),
    ("immigration_valid_until", Input::Date),
    ("rfc", Input::Text),
];

/// The names of the form's fields, as posted.
fn fields_named() -> impl Iterator<Item = &'static str> {
    FIELDS.iter().map(|(name, _)| *name)
}

/// An option of a select.
#[derive(Serialize)]
struct SelectOption {
    code: &'static str,
    label: String,
}

/// A field of one associate's form.
#[derive(Serialize)]
struct FormField {
    name: &'static str,
    /// The control's id, as the error summary links to it.
    id: String,
    label: String,
    /// `text`, `date` or `select`.
    kind: &'static str,
    options: Vec<SelectOption>,
    value: String,
    error: Option<String>,
}

/// The stored value of `field` for `associate`.
fn stored(associate: &AssociateDraft, field: &str) -> Option<String> {
    let p: &ParticularsDraft = &associate.particulars;
    let value = match field {
        "birth_date" => &p.birth_date,
        "birth_place" => &p.birth_place,
        "civil_status" => &p.civil_status,
        "occupation" => &p.occupation,
        "address" => &p.address,
        "treatment" => &p.treatment,
        "id_kind" => &p.id_kind,
        "id_number" => &p.id_number,
        "id_valid_until" => &p.id_valid_until,
        "immigration_status" => &p.immigration_status,
        "immigration_number" => &p.immigration_number,
        "immigration_valid_until" => &p.immigration_valid_until,
        "rfc" => &associate.rfc,
        _ => return None,
    };
    value.clone()
}

/// Whether `field` is asked of `associate`: the treatment only without a CURP, the immigration
/// document only of foreigners.
fn asked(associate: &AssociateDraft, field: &str) -> bool {
    let has_curp = associate
        .curp
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    match field {
        "treatment" => !has_curp,
        name if name.starts_with("immigration") => !associate.is_mexican(),
        _ => true,
    }
}

/// An associate on the case page's list: a link to their page and what they still lack.
#[derive(Serialize)]
pub struct AssociateLink {
    index: usize,
    name: String,
    summary: String,
    missing: Vec<String>,
}

/// Whether `viewer` may complete the generales of `case` now: its lawyer before the signing,
/// or its shelter while it may edit the intake.
fn may_complete(case: &CaseView, viewer: &AuthUser) -> bool {
    let before_signing = case.status.is_before_signing();
    (viewer.role == Role::Lawyer && case.may.assigned && before_signing) || case.may.edit_intake
}

/// Whether `viewer` completes the generales from the case page (the lawyer) or from the
/// intake (the shelter).
fn from_intake(viewer: &AuthUser) -> bool {
    viewer.role == Role::Shelter
}

/// The generales still blank of associate `index`, in words, and their count in words.
fn missing_of(lang: Lang, index: usize, associate: &AssociateDraft) -> (Vec<String>, String) {
    let missing: Vec<String> = associate
        .missing_particulars()
        .into_iter()
        .map(|p| Missing::Particular(index, p).message(lang))
        .collect();
    let summary = match missing.len() {
        0 => text(lang, "web-particulars-complete", &[]),
        n => text(
            lang,
            "web-particulars-missing",
            &[("n", ArgValue::Number(n as f64))],
        ),
    };
    (missing, summary)
}

/// The associates with links to their pages, for the lawyer before the signing (empty for
/// anyone else: the shelter reaches them from the intake).
pub fn links(lang: Lang, case: &CaseView, viewer: &AuthUser) -> Vec<AssociateLink> {
    let associates: &[AssociateDraft] = match &case.intake {
        CaseIntake::Full(intake) if may_complete(case, viewer) && !from_intake(viewer) => {
            &intake.associates
        }
        _ => &[],
    };
    associates
        .iter()
        .enumerate()
        .map(|(index, associate)| {
            let (missing, summary) = missing_of(lang, index, associate);
            AssociateLink {
                index,
                name: associate.full_name.clone().unwrap_or_default(),
                summary,
                missing,
            }
        })
        .collect()
}

/// What was refused, to show beside the fields with what was typed.
struct Refused<'a> {
    refusal: &'a Refusal,
    fields: &'a Fields,
}

/// The form's fields for `associate`, with what is stored or was typed and its errors.
fn form_fields(
    lang: Lang,
    associate: &AssociateDraft,
    refused: Option<&Refused<'_>>,
) -> Vec<FormField> {
    let errors: BTreeMap<String, String> = refused
        .map(|r| r.refusal.errors_by_field())
        .unwrap_or_default();
    FIELDS
        .iter()
        .filter(|(name, _)| asked(associate, name))
        .map(|(name, input)| {
            let key = if *name == "rfc" {
                "rfc".to_owned()
            } else {
                format!("particulars.{name}")
            };
            let word = |prefix: &str, code: &str| {
                text(lang, &format!("{prefix}{}", code.replace('_', "-")), &[])
            };
            FormField {
                name,
                id: super::refusal::anchor(&key),
                label: word("web-particulars-", name),
                kind: match input {
                    Input::Text => "text",
                    Input::Date => "date",
                    Input::Choice(_) => "select",
                },
                options: match input {
                    Input::Choice(codes) => codes
                        .iter()
                        .map(|code| SelectOption {
                            code,
                            label: word(&format!("web-{}-", name.replace('_', "-")), code),
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                value: match refused {
                    Some(r) => r.fields.get(name).to_owned(),
                    None => stored(associate, name).unwrap_or_default(),
                },
                error: errors.get(&key).cloned(),
            }
        })
        .collect()
}

/// The page: associate `n`'s generales, for the case's lawyer before the signing.
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, n)): Path<(Uuid, usize)>,
) -> Response {
    render(&state, &signed, id, n, None).await
}

/// Saves the page's form; a refusal shows the page again with the reasons beside the fields.
pub async fn save(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, n)): Path<(Uuid, usize)>,
    Checked(fields): Checked,
) -> Response {
    let map: serde_json::Map<String, Value> = fields_named()
        .filter(|name| *name != "rfc")
        .filter_map(|name| {
            fields
                .opt(name)
                .map(|value| (name.to_owned(), Value::from(value)))
        })
        .collect();
    let input = AssociateParticulars {
        rfc: fields.opt("rfc"),
        particulars: serde_json::from_value(Value::Object(map)).unwrap_or_default(),
    };
    let version = fields.get("version").parse::<i32>().ok();
    let user = &signed.viewer.user;
    match service::particulars::update(&state, user, id, n, version, &input).await {
        Ok(_) if from_intake(user) => see(&format!("/cases/{id}/intake/associates")),
        Ok(_) => see(&format!("/cases/{id}?done=particulars")),
        Err(error) => {
            let refusal = Refusal::of(ApiError::from(error), signed.visit.lang);
            if refusal.is_input() {
                let refused = Refused {
                    refusal: &refusal,
                    fields: &fields,
                };
                return render(&state, &signed, id, n, Some(&refused)).await;
            }
            failure(&state, &signed.visit, &refusal)
        }
    }
}

async fn render(
    state: &AppState,
    signed: &SignedIn,
    id: Uuid,
    n: usize,
    refused: Option<&Refused<'_>>,
) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let case = match service::cases::show(state, &signed.viewer.user, id).await {
        Ok(case) => case,
        Err(error) => return super::render::refusal(state, visit, error),
    };
    let associate = match &case.intake {
        CaseIntake::Full(intake) if may_complete(&case, &signed.viewer.user) => {
            intake.associates.get(n).cloned()
        }
        _ => None,
    };
    let Some(associate) = associate else {
        return super::render::not_found(state, visit);
    };
    let (missing, _) = missing_of(lang, n, &associate);
    let mut context = visit.context();
    let back = if from_intake(&signed.viewer.user) {
        format!("/cases/{id}/intake/associates")
    } else {
        format!("/cases/{id}")
    };
    context.insert("case", &case);
    context.insert("back", &back);
    context.insert("index", &n);
    context.insert("name", &associate.full_name.clone().unwrap_or_default());
    context.insert("missing", &missing);
    context.insert("fields", &form_fields(lang, &associate, refused));
    super::render::errors_of_form(&mut context, refused.map(|r| r.refusal), "");
    let status = refused.map_or(StatusCode::OK, |r| r.refusal.status);
    page(state, visit, status, "associate.html", context)
}
