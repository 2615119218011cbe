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
/// the shelters come from; any other code may be typed.
const NATIONALITIES: [&str; 11] = [
    "MX", "GT", "HN", "SV", "NI", "VE", "CU", "HT", "CO", "EC", "US",
];

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
    context.insert("nationalities", &NATIONALITIES);
    context.insert(
        "board_roles",
        &BoardRole::ALL.map(BoardRole::as_str).to_vec(),
    );
    // What was typed and refused is given back.
    let typed = failed
        .map(|(_, fields)| TypedAssociate {
            full_name: fields.get("full_name"),
            nationality: fields.get("nationality"),
            curp: fields.get("curp"),
            rfc: fields.get("rfc"),
            email: fields.get("email"),
            board_role: fields.get("board_role"),
        })
        .unwrap_or_default();
    context.insert("typed", &typed);
    // A new associate takes the first office still free by default.
    let taken: Vec<&str> = match &case.intake {
        CaseIntake::Full(intake) => intake
            .associates
            .iter()
            .filter_map(|a| a.board_role.as_deref())
            .collect(),
        CaseIntake::Summary(_) => Vec::new(),
    };
    let free_role = BoardRole::ALL
        .map(BoardRole::as_str)
        .into_iter()
        .find(|role| !taken.contains(role) && *role != "none")
        .unwrap_or("member");
    context.insert("free_role", free_role);
    let listed = match &case.intake {
        CaseIntake::Full(intake) => super::case_page::intake_facts::founders(visit.lang, intake),
        CaseIntake::Summary(_) => Vec::new(),
    };
    // «Quitar» asks first: the step opened with `?remove=<n>` holds the confirmation.
    #[derive(Serialize)]
    struct Removing<'a> {
        index: usize,
        name: &'a str,
    }
    let removing = form_urlencoded::parse(visit.query.as_bytes())
        .find(|(key, _)| key == "remove")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .and_then(|index| {
            listed.get(index).map(|a| Removing {
                index,
                name: a.name,
            })
        });
    context.insert("removing", &removing);
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
    // Errors about the associate being added name its future position: they are shown beside
    // the form's fields.
    let new_prefix = format!("intake.associates[{}].", outline.associates);
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
            if let Some(index) = fields
                .get("remove")
                .parse::<usize>()
                .ok()
                .filter(|i| *i < intake.associates.len())
            {
                intake.associates.remove(index);
                // The legal representative points at a position: it is chosen again.
                intake.legal_representative = None;
            } else {
                intake.associates.push(AssociateDraft {
                    full_name: text("full_name"),
                    nationality: text("nationality"),
                    curp: text("curp"),
                    rfc: text("rfc"),
                    email: text("email"),
                    board_role: text("board_role"),
                    // The generales are completed on the associate's own page.
                    particulars: Default::default(),
                });
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
    apply(&step, &mut intake, &fields);
    let saved = service::intake::replace(&state, user, id, Some(case.version), &intake).await;
    if let Err(error) = saved {
        let refused = Refusal::of(error, visit.lang);
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
