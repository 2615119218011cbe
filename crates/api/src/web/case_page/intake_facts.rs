//! The whole intake on the case page, for those who see the case whole: whom to call (the
//! contact as `tel:` and `mailto:` links), how the association will be run, and each associate
//! with their nationality by name, CURP, RFC and the papers still missing.

use puente_i18n::{Lang, text};
use puente_workflow::intake::{AssociateDraft, IntakeDraft};
use serde::Serialize;

use crate::web::render::state_name;

/// The person to talk to about the request.
#[derive(Serialize)]
pub(super) struct ContactItem<'a> {
    name: &'a str,
    phone: &'a str,
    /// The phone as a `tel:` link: its digits, with a leading `+` kept.
    tel: String,
    email: &'a str,
}

/// An associate as the staff read them.
#[derive(Serialize)]
pub(super) struct AssociateFacts<'a> {
    name: &'a str,
    nationality: String,
    curp: &'a str,
    rfc: &'a str,
    email: &'a str,
    board_role: String,
    representative: bool,
    /// The papers of theirs still missing, by label.
    missing: Vec<String>,
}

/// The intake's facts for the page.
#[derive(Serialize)]
pub(super) struct IntakeFacts<'a> {
    contact: Option<ContactItem<'a>>,
    /// The domicile in one line, the state by name.
    domicile: String,
    governance: String,
    donataria: String,
    associates: Vec<AssociateFacts<'a>>,
}

/// A country's name in `lang` from its ISO 3166-1 code, or the code as typed.
pub(crate) fn country(lang: Lang, code: &str) -> String {
    let code = code.trim().to_uppercase();
    puente_i18n::try_text(lang, &format!("web-nationality-{code}"), &[]).unwrap_or(code)
}

/// An associate's office in `lang` («Presidencia»), or nothing when none was chosen.
fn office(lang: Lang, a: &AssociateDraft) -> String {
    a.board_role
        .as_deref()
        .and_then(|role| puente_i18n::try_text(lang, &format!("web-board-role-{role}"), &[]))
        .unwrap_or_default()
}

/// An associate's nationality as a country's name in `lang`, or nothing.
fn nationality(lang: Lang, a: &AssociateDraft) -> String {
    a.nationality
        .as_deref()
        .map(|code| country(lang, code))
        .unwrap_or_default()
}

/// An associate as the intake's pages list them: name, office, country, representative.
#[derive(Serialize)]
pub(crate) struct Founder<'a> {
    pub(crate) name: &'a str,
    role: String,
    nationality: String,
    representative: bool,
}

/// The intake's associates as [`Founder`]s.
pub(crate) fn founders(lang: Lang, intake: &IntakeDraft) -> Vec<Founder<'_>> {
    intake
        .associates
        .iter()
        .enumerate()
        .map(|(index, a)| Founder {
            name: a.full_name.as_deref().unwrap_or_default(),
            role: office(lang, a),
            nationality: nationality(lang, a),
            representative: intake.legal_representative == Some(index),
        })
        .collect()
}

fn tel(phone: &str) -> String {
    let plus = phone.trim_start().starts_with('+');
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if plus { format!("+{digits}") } else { digits }
}

/// Which papers an associate still lacks: (has an identification, needs a tax certificate and
/// has none).
pub(super) type Papers = (bool, bool);

/// The facts of `intake`, with each associate's papers (by position).
pub(super) fn intake_facts<'a>(
    lang: Lang,
    intake: &'a IntakeDraft,
    papers: &[Papers],
) -> IntakeFacts<'a> {
    let contact = intake.contact.as_ref().map(|c| {
        let phone = c.phone.as_deref().unwrap_or_default().trim();
        ContactItem {
            name: c.name.as_deref().unwrap_or_default(),
            phone,
            tel: tel(phone),
            email: c.email.as_deref().unwrap_or_default().trim(),
        }
    });
    let label_or_dash = |key: Option<String>| {
        key.and_then(|key| puente_i18n::try_text(lang, &key, &[]))
            .unwrap_or_else(|| "—".to_owned())
    };
    let associates = intake
        .associates
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let (has_id, needs_certificate) = papers.get(index).copied().unwrap_or((true, false));
            let mut missing = Vec::new();
            if !has_id {
                missing.push(text(lang, "web-paper-id", &[]));
            }
            if needs_certificate {
                missing.push(text(lang, "web-paper-tax-certificate", &[]));
            }
            AssociateFacts {
                name: a.full_name.as_deref().unwrap_or_default(),
                nationality: nationality(lang, a),
                curp: a.curp.as_deref().unwrap_or_default(),
                rfc: a.rfc.as_deref().unwrap_or_default(),
                email: a.email.as_deref().unwrap_or_default(),
                board_role: Some(office(lang, a))
                    .filter(|role| !role.is_empty())
                    .unwrap_or_else(|| "—".to_owned()),
                representative: intake.legal_representative == Some(index),
                missing,
            }
        })
        .collect();
    let domicile = intake
        .domicile
        .as_ref()
        .map(|d| {
            let state = d
                .state
                .as_deref()
                .map(|code| state_name(code).unwrap_or(code));
            [d.address.as_deref(), d.municipality.as_deref(), state]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|line| !line.is_empty())
        .unwrap_or_else(|| "—".to_owned());
    IntakeFacts {
        contact,
        domicile,
        governance: label_or_dash(
            intake
                .governance
                .as_deref()
                .map(|g| format!("web-governance-{}", g.replace('_', "-"))),
        ),
        donataria: label_or_dash(
            intake
                .donataria_autorizada
                .map(|wants| if wants { "web-yes" } else { "web-no" }.to_owned()),
        ),
        associates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_becomes_a_tel_link_and_a_country_its_name() {
        assert_eq!(tel("+52 (951) 123-4567"), "+529511234567");
        assert_eq!(tel("951 123 4567"), "9511234567");
        assert_eq!(country(Lang::Es, "ht"), "Haití");
        assert_eq!(country(Lang::En, "HT"), "Haiti");
        assert_eq!(country(Lang::Es, "ZZ"), "ZZ");
    }
}
