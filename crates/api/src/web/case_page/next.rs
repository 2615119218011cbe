//! The case page's «¿Qué sigue?»: what the viewer does next, or whom the case waits for,
//! written for each role and state (a manager is never told to wait for the managers, nor a
//! lawyer for a lawyer); the latest request that brought the case here, quoted; what is still
//! missing, each item linked to where it is done; and the draft to read where the approval is
//! asked.

use puente_i18n::{Lang, text};
use puente_workflow::{Role, Status};
use serde::Serialize;

use crate::service::activity::HistoryEntry;
use crate::service::transitions::Offer;

/// Something still missing, and where it is done.
#[derive(Serialize)]
pub(super) struct MissingItem {
    label: String,
    link: Option<String>,
}

/// The note that brought the case to its state: a request for information or changes, the
/// reason of a pause or a refusal.
#[derive(Serialize)]
pub(super) struct Quote {
    who: String,
    when: String,
    text: String,
}

/// The summary at the top of the case page.
#[derive(Serialize)]
pub(super) struct Next {
    text: String,
    quote: Option<Quote>,
    missing: Vec<MissingItem>,
    read_draft: bool,
}

/// Whose words the summary is written in: `shelter`, `lawyer` or `manager`.
pub(crate) fn audience(role: Role) -> &'static str {
    match role {
        Role::Shelter => "shelter",
        Role::Lawyer => "lawyer",
        Role::Manager => "manager",
    }
}

/// The message key of the summary for `role` in `status`.
pub(crate) fn key(role: Role, status: Status) -> String {
    format!(
        "web-next-{}-{}",
        audience(role),
        status.as_str().replace('_', "-")
    )
}

/// The intake step of the wizard where a section of the intake is filled.
pub(crate) fn step_of(section: &str) -> Option<&'static str> {
    Some(match section {
        "proposed_names" => "names",
        "purpose" => "purpose",
        "domicile" => "domicile",
        "associates" => "associates",
        "governance" | "legal_representative" | "donataria_autorizada" => "governance",
        "contact" => "contact",
        "privacy_consent" | "associates_consent" => "consent",
        _ => return None,
    })
}

/// What the page knows of the case for its summary.
pub(super) struct Facts<'a> {
    pub case_id: uuid::Uuid,
    pub status: Status,
    pub role: Role,
    pub offers: &'a [Offer],
    pub history: Option<&'a [HistoryEntry]>,
    /// The uploads still missing, as (label, the anchor of their form) when the viewer may
    /// upload them, or (label, none).
    pub uploads: Vec<(String, Option<String>)>,
    pub has_draft: bool,
}

/// The summary of `facts` in `lang`; `when` writes a time as the page does.
pub(super) fn summary(lang: Lang, facts: Facts<'_>, when: impl Fn(&str) -> String) -> Next {
    let mut missing: Vec<MissingItem> = Vec::new();
    // What the viewer's own next steps still need (the pauses and withdrawals aside; what the
    // form itself asks for, and the approvals it ticks, are not missing).
    for offer in facts
        .offers
        .iter()
        .filter(|offer| !super::actions::secondary(offer.event))
    {
        for item in &offer.missing_details {
            if item.code.starts_with("field:")
                || item.code.starts_with("approval:")
                || item.code.starts_with("document:")
                || missing.iter().any(|m| m.label == item.message)
            {
                continue;
            }
            let link = item
                .code
                .strip_prefix("intake:")
                .and_then(step_of)
                .map(|step| format!("/cases/{}/intake/{step}", facts.case_id));
            missing.push(MissingItem {
                label: item.message.clone(),
                link,
            });
        }
    }
    missing.extend(
        facts
            .uploads
            .into_iter()
            .map(|(label, anchor)| MissingItem {
                label,
                link: anchor.map(|anchor| format!("#{anchor}")),
            }),
    );
    let quote = facts
        .history
        .and_then(|history| {
            history
                .iter()
                .rev()
                .find(|entry| entry.state_before != entry.state_after)
        })
        .filter(|entry| entry.state_after == facts.status)
        .and_then(|entry| {
            let note = entry.note()?.trim();
            (!note.is_empty()).then(|| Quote {
                who: text(
                    lang,
                    &format!(
                        "web-role-{}",
                        entry
                            .actor
                            .as_ref()
                            .and_then(|actor| actor.role)
                            .map_or("system", Role::as_str)
                    ),
                    &[],
                ),
                when: when(&entry.at),
                text: note.to_owned(),
            })
        });
    Next {
        text: text(lang, &key(facts.role, facts.status), &[]),
        quote,
        missing,
        read_draft: facts.has_draft
            && facts.role == Role::Shelter
            && facts.status == Status::ShelterReview,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every state has, for each role, a text of its own in both languages: no two roles read
    /// the same words, and no text tells its reader to wait for their own kind.
    #[test]
    fn every_state_and_role_has_a_text_of_its_own() {
        let roles = [Role::Shelter, Role::Lawyer, Role::Manager];
        for lang in [Lang::Es, Lang::En] {
            let mut seen = BTreeSet::new();
            for status in Status::ALL {
                for role in roles {
                    let key = key(role, status);
                    let said = puente_i18n::try_text(lang, &key, &[])
                        .unwrap_or_else(|| panic!("{key} has no {lang:?} text"));
                    assert!(seen.insert(said.clone()), "{key} repeats «{said}»");
                    let waits_for_self = match (lang, role) {
                        (Lang::Es, Role::Manager) => {
                            said.contains("Espera") && said.contains("coordinación")
                        }
                        (Lang::Es, Role::Lawyer) => said.contains("Espera que una persona abogada"),
                        (Lang::En, Role::Manager) => {
                            said.contains("Wait") && said.contains("program's")
                        }
                        (Lang::En, Role::Lawyer) => said.contains("Wait for a volunteer lawyer"),
                        _ => false,
                    };
                    assert!(!waits_for_self, "{key}: «{said}»");
                }
            }
        }
    }

    #[test]
    fn each_intake_section_leads_to_its_step() {
        for section in puente_workflow::intake::IntakeSection::ALL {
            let step = step_of(section.as_str())
                .unwrap_or_else(|| panic!("{} has no step", section.as_str()));
            assert!(crate::web::intake::STEPS.contains(&step), "{step}");
        }
    }
}
