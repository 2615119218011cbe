//! The shelter's guided intake: one short page per part of the request, each saved to the case
//! as it is sent (so the shelter can stop and come back), in the order DOMAIN.md gives.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_workflow::intake::{
    AssociateDraft, BoardRole, ContactDraft, DomicileDraft, IntakeDraft, MAX_PROPOSED_NAMES,
};
use serde::Serialize;
use uuid::Uuid;

use super::account::states;
use super::case_page::intake_facts::country;
use super::refusal::Refusal;
use super::render::{errors, failure, page, refusal, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::error::ApiError;
use crate::service;
use crate::service::views::{CaseIntake, CaseView};
use crate::state::AppState;

/// The steps, in order.
pub const STEPS: [&str; 8] = [
    "names",
    "purpose",
    "domicile",
    "associates",
    "governance",
    "contact",
    "consent",
    "review",
];

/// Nationalities offered first (ISO 3166-1 alpha-2): Mexico and the countries most people in
/// the shelters come from; every other country follows by name.
const NATIONALITIES: [&str; 11] = [
    "MX", "GT", "HN", "SV", "NI", "VE", "CU", "HT", "CO", "EC", "US",
];

/// A country as the nationality select offers it.
#[derive(Serialize)]
struct CountryChoice {
    code: &'static str,
    name: String,
}

/// The countries the nationality select offers: the common ones, then every other by name.
fn countries(lang: puente_i18n::Lang) -> (Vec<CountryChoice>, Vec<CountryChoice>) {
    let choice = |code: &'static str| CountryChoice {
        code,
        name: country(lang, code),
    };
    let common = NATIONALITIES.into_iter().map(choice).collect();
    let mut others: Vec<CountryChoice> = puente_workflow::intake::country_codes()
        .filter(|code| !NATIONALITIES.contains(code))
        .map(choice)
        .collect();
    others.sort_by_cached_key(|c| sort_key(&c.name));
    (common, others)
}

/// A name as a list sorts it: without case or accents («Haití» beside «Honduras»).
fn sort_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Starts a new request (an empty intake in `draft`) and opens its first step.
pub async fn start(State(state): State<AppState>, signed: SignedIn, _: Checked) -> Response {
    let user = &signed.viewer.user;
    match service::intake::start(&state, user).await {
        Ok(id) => see(&format!("/cases/{id}/intake/names")),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}

fn step_index(step: &str) -> Option<usize> {
    STEPS.iter().position(|s| *s == step)
}

/// A step's page.
pub async fn step_page(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, step)): Path<(Uuid, String)>,
) -> Response {
    let case = match service::cases::show(&state, &signed.viewer.user, id).await {
        Ok(case) => case,
        Err(error) => return refusal(&state, &signed.visit, error),
    };
    // Once sent, the request is read, not edited: every step shows it whole.
    if step == "review" || (step_index(&step).is_some() && !case.may.edit_intake) {
        return super::intake_review::review(&state, &signed, &case, &STEPS).await;
    }
    render_step(&state, &signed, &case, &step, None)
}

/// What was typed in the form of a new associate, given back when it was refused.
#[derive(Serialize, Default)]
struct TypedAssociate<'a> {
    full_name: &'a str,
    nationality: &'a str,
    curp: &'a str,
    rfc: &'a str,
    email: &'a str,
    board_role: &'a str,
}

fn render_step(
    state: &AppState,
    signed: &SignedIn,
    case: &CaseView,
    step: &str,
    failed: Option<(&Refusal, &Fields)>,
) -> Response {
    let visit = &signed.visit;
    let Some(index) = step_index(step) else {
        return super::render::not_found(state, visit);
    };
    let mut context = visit.context();
    let outline = case.intake.outline();
    let mut names: Vec<&str> = outline.names.iter().map(String::as_str).collect();
    names.resize(MAX_PROPOSED_NAMES, "");
    context.insert("case", case);
    context.insert("intake", &case.intake);
    context.insert("names", &names);
    context.insert("step", step);
    context.insert("step_number", &(index + 1));
    context.insert("step_count", &STEPS.len());
    context.insert("steps", &STEPS);
    context.insert("previous", &index.checked_sub(1).map(|i| STEPS[i]));
    context.insert("states", &states());
    let (common, others) = countries(visit.lang);
    context.insert("common_countries", &common);
    context.insert("other_countries", &others);
    context.insert(
        "board_roles",
        &BoardRole::ALL.map(BoardRole::as_str).to_vec(),
    );
    let full = match &case.intake {
        CaseIntake::Full(intake) => Some(intake),
        CaseIntake::Summary(_) => None,
    };
    // «Cambiar» opens the associate's form filled in (`?edit=<n>`); a refused change keeps it.
    let editing = failed
        .map(|(_, fields)| fields.get("edit").to_owned())
        .or_else(|| visit.param("edit"))
        .and_then(|value| value.parse::<usize>().ok())
        .filter(|index| full.is_some_and(|intake| *index < intake.associates.len()));
    // What was typed and refused is given back; an associate being changed shows what it holds.
    let typed = match (failed, editing.and_then(|i| full.map(|f| &f.associates[i]))) {
        (Some((_, fields)), _) => TypedAssociate {
            full_name: fields.get("full_name"),
            nationality: fields.get("nationality"),
            curp: fields.get("curp"),
            rfc: fields.get("rfc"),
            email: fields.get("email"),
            board_role: fields.get("board_role"),
        },
        (None, Some(a)) => TypedAssociate {
            full_name: a.full_name.as_deref().unwrap_or_default(),
            nationality: a.nationality.as_deref().map(str::trim).unwrap_or_default(),
            curp: a.curp.as_deref().unwrap_or_default(),
            rfc: a.rfc.as_deref().unwrap_or_default(),
            email: a.email.as_deref().unwrap_or_default(),
            board_role: a.board_role.as_deref().unwrap_or_default(),
        },
        (None, None) => TypedAssociate::default(),
    };
    context.insert("typed", &typed);
    context.insert("editing", &editing);
    // A new associate takes the first office still free by default.
    let taken: Vec<&str> = full
        .into_iter()
        .flat_map(|intake| &intake.associates)
        .filter_map(|a| a.board_role.as_deref())
        .collect();
    let free_role = BoardRole::ALL
        .map(BoardRole::as_str)
        .into_iter()
        .find(|role| !taken.contains(role) && *role != "none")
        .unwrap_or("member");
    context.insert("free_role", free_role);
    let listed = full
        .map(|intake| super::case_page::intake_facts::founders(visit.lang, intake))
        .unwrap_or_default();
    // «Quitar» asks first: the step opened with `?remove=<n>` holds the confirmation.
    #[derive(Serialize)]
    struct Removing<'a> {
        index: usize,
        name: &'a str,
    }
    let removing = visit
        .param("remove")
        .and_then(|value| value.parse::<usize>().ok())
        .and_then(|index| {
            listed.get(index).map(|a| Removing {
                index,
                name: a.name,
            })
        });
    context.insert("removing", &removing);
    context.insert(
        "editing_name",
        editing.and_then(|i| listed.get(i)).map_or("", |a| a.name),
    );
    context.insert("listed", &listed);
    // What registration already said: the shelter's state, the person's name and address.
    context.insert(
        "default_state",
        case.shelter
            .as_ref()
            .and_then(|s| s.state.as_deref())
            .unwrap_or_default(),
    );
    context.insert("default_contact_name", &signed.viewer.name);
    context.insert("default_contact_email", &signed.viewer.email);
    super::privacy::add_controller(state, &mut context);
    // Errors about the associate being added or changed name its position: they are shown
    // beside the form's fields.
    let new_prefix = format!(
        "intake.associates[{}].",
        editing.unwrap_or(outline.associates)
    );
    let refused = failed.map(|(refused, _)| refused.clone().strip_prefix(&new_prefix));
    errors(&mut context, refused.as_ref());
    let status = failed.map_or(StatusCode::OK, |(refused, _)| refused.status);
    page(state, visit, status, "intake.html", context)
}

/// Whether the form of a new associate holds anything typed (the lists always hold a choice).
fn associate_typed(fields: &Fields) -> bool {
    ["full_name", "curp", "rfc", "email"]
        .iter()
        .any(|name| fields.opt(name).is_some())
}

/// Applies a step's form to the intake.
fn apply(step: &str, intake: &mut IntakeDraft, fields: &Fields) {
    let text = |name: &str| fields.opt(name);
    match step {
        "names" => {
            intake.proposed_names = fields
                .all("name")
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect();
        }
        "purpose" => {
            intake.purpose = text("purpose");
            intake.donataria_autorizada = match fields.get("donataria_autorizada") {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            };
        }
        "domicile" => {
            intake.domicile = Some(DomicileDraft {
                state: text("state"),
                municipality: text("municipality"),
                address: text("address"),
            });
        }
        "associates" => {
            let position = |name: &str| {
                fields
                    .get(name)
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < intake.associates.len())
            };
            let typed = AssociateDraft {
                full_name: text("full_name"),
                nationality: text("nationality"),
                curp: text("curp"),
                rfc: text("rfc"),
                email: text("email"),
                board_role: text("board_role"),
                // The generales are completed on the associate's own page.
                particulars: Default::default(),
            };
            if let Some(index) = position("remove") {
                intake.associates.remove(index);
                // The legal representative points at a position: it is chosen again.
                intake.legal_representative = None;
            } else if let Some(index) = position("edit") {
                let kept = std::mem::take(&mut intake.associates[index].particulars);
                intake.associates[index] = AssociateDraft {
                    particulars: kept,
                    ..typed
                };
            } else {
                intake.associates.push(typed);
            }
        }
        "governance" => {
            intake.governance = text("governance");
            intake.legal_representative = fields.get("legal_representative").parse().ok();
        }
        "contact" => {
            intake.contact = Some(ContactDraft {
                name: text("contact_name"),
                phone: text("contact_phone"),
                email: text("contact_email"),
            });
        }
        "consent" => {
            intake.privacy_consent = Some(fields.checked("privacy_consent"));
            intake.associates_consent = Some(fields.checked("associates_consent"));
        }
        _ => {}
    }
}

/// Saves a step and goes on: to the next step, back to the associates after adding or
/// removing one, or to the case page after the last.
pub async fn save_step(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((id, step)): Path<(Uuid, String)>,
    Checked(fields): Checked,
) -> Response {
    let visit = &signed.visit;
    let user = &signed.viewer.user;
    let Some(index) = step_index(&step) else {
        return see(&format!("/cases/{id}"));
    };
    let case = match service::cases::show(&state, user, id).await {
        Ok(case) => case,
        Err(error) => return refusal(&state, visit, error),
    };
    // Only the shelter's own staff see the whole intake, and only they may change it.
    let CaseIntake::Full(mut intake) = case.intake.clone() else {
        return refusal(&state, visit, ApiError::Forbidden);
    };
    if step == "review" {
        return see(&format!("/cases/{id}/intake/review"));
    }
    // «Continuar» from the associates keeps a new associate typed in the form, or asks.
    let go_on = fields.get("go") == "next";
    if step == "associates" && fields.opt("remove").is_none() {
        if go_on && !associate_typed(&fields) {
            return see(&format!("/cases/{id}/intake/governance"));
        }
        if fields.opt("full_name").is_none() {
            let key = if go_on {
                "web-intake-continue-typed"
            } else {
                "web-error-associate-name"
            };
            let message = puente_i18n::text(visit.lang, key, &[]);
            let refused = Refusal::field(visit.lang, "full_name", message);
            return render_step(&state, &signed, &case, &step, Some((&refused, &fields)));
        }
    }
    // An associate is changed or removed by position: only in the intake the page showed (its
    // version, sent with the form); a position that is not there is not a new associate.
    let count = intake.associates.len();
    let beyond = |name: &str| {
        fields
            .opt(name)
            .is_some_and(|n| n.parse::<usize>().map_or(true, |n| n >= count))
    };
    if step == "associates" && (beyond("edit") || beyond("remove")) {
        return see(&format!("/cases/{id}/intake/associates"));
    }
    let expected = fields.get("version").parse::<i32>().unwrap_or(case.version);
    apply(&step, &mut intake, &fields);
    let saved = service::intake::replace(&state, user, id, Some(expected), &intake).await;
    if let Err(error) = saved {
        let refused = Refusal::of(error, visit.lang);
        // A page older than the intake says so above the step as it is now: what was typed
        // referred to positions that may have moved, so it is not given back.
        if refused.problem.code == "stale_version" {
            let fresh = match service::cases::show(&state, user, id).await {
                Ok(fresh) => fresh,
                Err(error) => return refusal(&state, visit, error),
            };
            let none = Fields::default();
            return render_step(&state, &signed, &fresh, &step, Some((&refused, &none)));
        }
        if refused.is_input() {
            return render_step(&state, &signed, &case, &step, Some((&refused, &fields)));
        }
        return failure(&state, visit, &refused);
    }
    let next = if step == "associates" && go_on {
        format!("/cases/{id}/intake/governance")
    } else if step == "associates" {
        format!("/cases/{id}/intake/associates")
    } else {
        match STEPS.get(index + 1) {
            Some(next) => format!("/cases/{id}/intake/{next}"),
            None => format!("/cases/{id}?done=intake"),
        }
    };
    see(&next)
}
