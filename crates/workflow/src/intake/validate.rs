//! Reading an [`IntakeDraft`] into an [`Intake`], reporting every problem field by field.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{
    Associate, AssociateDraft, BoardRole, Contact, Curp, Domicile, Email, Governance, Intake,
    IntakeDraft, IntakeSection, MexicanState, Rfc,
};
use crate::field_error::{FieldError, lines_field, text_field};
use crate::text::Lines;

/// At most this many proposed names (the Secretaría de Economía's request takes up to five).
pub const MAX_PROPOSED_NAMES: usize = 5;
/// An Asociación Civil needs at least two associates.
pub const MIN_ASSOCIATES: usize = 2;
/// A generous ceiling, to keep forms and documents sane.
pub const MAX_ASSOCIATES: usize = 50;
const NAME_MAX: usize = 200;
const PURPOSE_MIN: usize = 20;
const PURPOSE_MAX: usize = 4000;
const ADDRESS_MAX: usize = 500;

impl IntakeDraft {
    /// Reads the draft into a complete intake, or lists every problem found.
    pub fn validate(&self) -> Result<Intake, Vec<FieldError>> {
        let mut errors = Vec::new();
        let proposed_names = proposed_names(&self.proposed_names, &mut errors);
        let purpose = purpose(self.purpose.as_deref(), &mut errors);
        let domicile = domicile(self, &mut errors);
        let governance = match self.governance.as_deref().map(str::trim) {
            None | Some("") => {
                errors.push(FieldError::new("governance", "required"));
                None
            }
            Some("board") => Some(Governance::Board),
            Some("sole_administrator") => Some(Governance::SoleAdministrator),
            Some(_) => {
                errors.push(FieldError::new("governance", "invalid_choice"));
                None
            }
        };
        let associates = associates(&self.associates, governance, &mut errors);
        let legal_representative = match self.legal_representative {
            None => {
                errors.push(FieldError::new("legal_representative", "required"));
                None
            }
            Some(index) if index >= self.associates.len() => {
                errors.push(FieldError::new(
                    "legal_representative",
                    "legal_representative.not_an_associate",
                ));
                None
            }
            Some(index) => Some(index),
        };
        if self.donataria_autorizada.is_none() {
            errors.push(FieldError::new("donataria_autorizada", "required"));
        }
        if self.privacy_consent != Some(true) {
            errors.push(FieldError::new("privacy_consent", "consent_required"));
        }
        if self.associates_consent != Some(true) {
            errors.push(FieldError::new(
                "associates_consent",
                "associates_consent.required",
            ));
        }
        let contact = contact(self, &mut errors);

        match (
            proposed_names,
            purpose,
            domicile,
            associates,
            governance,
            legal_representative,
            self.donataria_autorizada,
            contact,
        ) {
            (
                Some(proposed_names),
                Some(purpose),
                Some(domicile),
                Some(associates),
                Some(governance),
                Some(legal_representative),
                Some(donataria_autorizada),
                Some(contact),
            ) if errors.is_empty() => Ok(Intake {
                proposed_names,
                purpose,
                domicile,
                associates,
                governance,
                legal_representative,
                donataria_autorizada,
                contact,
            }),
            _ => Err(errors),
        }
    }

    /// The problems with the draft (empty when it is complete and valid).
    pub fn problems(&self) -> Vec<FieldError> {
        self.validate().err().unwrap_or_default()
    }

    /// The sections with a problem, as the workflow's facts want them.
    pub fn gaps(&self) -> BTreeSet<IntakeSection> {
        self.problems()
            .iter()
            .filter_map(|error| IntakeSection::of_field(&error.field))
            .collect()
    }
}

/// Compares names as a person would: ignoring case, accents and repeated spaces.
fn name_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn proposed_names(names: &[String], errors: &mut Vec<FieldError>) -> Option<Vec<String>> {
    if names.is_empty() {
        errors.push(FieldError::new("proposed_names", "required"));
        return None;
    }
    if names.len() > MAX_PROPOSED_NAMES {
        errors.push(FieldError::new("proposed_names", "too_many").with("max", MAX_PROPOSED_NAMES));
        return None;
    }
    let before = errors.len();
    let mut seen = BTreeSet::new();
    let mut valid = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let field = format!("proposed_names[{i}]");
        if let Some(name) = text_field(&field, Some(name), NAME_MAX, errors) {
            if carries_legal_form(&name) {
                errors.push(FieldError::new(field, "name.legal_form"));
            } else if seen.insert(name_key(&name)) {
                valid.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
            } else {
                errors.push(FieldError::new(field, "duplicate"));
            }
        }
    }
    (errors.len() == before).then_some(valid)
}

/// Whether a proposed name carries the legal form, which the documents add after it ("…, A.C."):
/// "A.C.", "A. C.", "AC" as its last word, or "Asociación Civil" anywhere.
fn carries_legal_form(name: &str) -> bool {
    let key = name_key(name);
    let words: Vec<String> = key
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let last: Vec<&str> = words.iter().rev().take(2).map(String::as_str).collect();
    key.contains("asociacion civil") || last.first() == Some(&"ac") || last == ["c", "a"]
}

fn purpose(purpose: Option<&str>, errors: &mut Vec<FieldError>) -> Option<String> {
    let purpose = lines_field("purpose", purpose, PURPOSE_MAX, Lines::Many, errors)?;
    if purpose.chars().count() < PURPOSE_MIN {
        errors.push(FieldError::new("purpose", "too_short").with("min", PURPOSE_MIN));
        return None;
    }
    Some(purpose)
}

fn domicile(draft: &IntakeDraft, errors: &mut Vec<FieldError>) -> Option<Domicile> {
    let Some(domicile) = &draft.domicile else {
        errors.push(FieldError::new("domicile", "required"));
        return None;
    };
    let state = match domicile.state.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new("domicile.state", "required"));
            None
        }
        Some(code) => match code.parse::<MexicanState>() {
            Ok(state) => Some(state),
            Err(_) => {
                errors.push(FieldError::new("domicile.state", "state.unknown"));
                None
            }
        },
    };
    let municipality = text_field(
        "domicile.municipality",
        domicile.municipality.as_deref(),
        NAME_MAX,
        errors,
    );
    let address = text_field(
        "domicile.address",
        domicile.address.as_deref(),
        ADDRESS_MAX,
        errors,
    );
    Some(Domicile {
        state: state?,
        municipality: municipality?,
        address: address?,
    })
}

fn associates(
    drafts: &[AssociateDraft],
    governance: Option<Governance>,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<Associate>> {
    let before = errors.len();
    if drafts.len() < MIN_ASSOCIATES {
        errors.push(FieldError::new("associates", "too_few").with("min", MIN_ASSOCIATES));
    }
    if drafts.len() > MAX_ASSOCIATES {
        errors.push(FieldError::new("associates", "too_many").with("max", MAX_ASSOCIATES));
        return None;
    }
    let mut associates = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        if let Some(associate) = associate(i, draft, errors) {
            associates.push(associate);
        }
    }
    offices(drafts, governance, errors);
    let mut curps = BTreeSet::new();
    for (i, draft) in drafts.iter().enumerate() {
        if let Some(Ok(curp)) = draft
            .curp
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(Curp::parse)
            && !curps.insert(curp)
        {
            errors.push(FieldError::new(
                format!("associates[{i}].curp"),
                "curp.duplicate",
            ));
        }
    }
    (errors.len() == before).then_some(associates)
}

fn associate(i: usize, draft: &AssociateDraft, errors: &mut Vec<FieldError>) -> Option<Associate> {
    draft.particulars.check(i, errors);
    let at = |field: &str| format!("associates[{i}].{field}");
    let full_name = text_field(
        &at("full_name"),
        draft.full_name.as_deref(),
        NAME_MAX,
        errors,
    );
    let nationality = match draft.nationality.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new(at("nationality"), "required"));
            None
        }
        Some(code) => {
            let code = code.to_ascii_uppercase();
            if code.len() == 2 && celes::Country::from_alpha2(&code).is_ok() {
                Some(code)
            } else {
                errors.push(FieldError::new(at("nationality"), "nationality.unknown"));
                None
            }
        }
    };
    let curp = match draft
        .curp
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        None if nationality.as_deref() == Some("MX") => {
            errors.push(FieldError::new(at("curp"), "curp.required_for_mexicans"));
            None
        }
        None => None,
        Some(text) => match Curp::parse(text) {
            Ok(curp) => Some(curp),
            Err(error) => {
                errors.push(FieldError::new(at("curp"), error.code()));
                None
            }
        },
    };
    let rfc = match draft
        .rfc
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        None => None,
        Some(text) => match Rfc::parse(text) {
            Ok(rfc) if !rfc.is_legal_person() => Some(rfc),
            Ok(_) => {
                errors.push(FieldError::new(at("rfc"), "rfc.natural_person"));
                None
            }
            Err(error) => {
                errors.push(FieldError::new(at("rfc"), error.code()));
                None
            }
        },
    };
    let email = email(&at("email"), draft.email.as_deref(), true, errors);
    let board_role = match draft.board_role.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new(at("board_role"), "required"));
            None
        }
        Some(text) => {
            let role = BoardRole::ALL.into_iter().find(|r| r.as_str() == text);
            if role.is_none() {
                errors.push(FieldError::new(at("board_role"), "invalid_choice"));
            }
            role
        }
    };
    Some(Associate {
        full_name: full_name?,
        nationality: nationality?,
        curp,
        rfc,
        email: email?,
        board_role: board_role?,
    })
}

/// One president, secretary and treasurer at most; a board needs its president; a sole
/// administrator has no board officers.
fn offices(
    drafts: &[AssociateDraft],
    governance: Option<Governance>,
    errors: &mut Vec<FieldError>,
) {
    let roles: Vec<Option<BoardRole>> = drafts
        .iter()
        .map(|d| {
            let text = d.board_role.as_deref().map(str::trim);
            BoardRole::ALL
                .into_iter()
                .find(|r| Some(r.as_str()) == text)
        })
        .collect();
    let mut taken = BTreeSet::new();
    for (i, role) in roles.iter().enumerate() {
        let Some(role) = role.filter(|r| r.is_single_office()) else {
            continue;
        };
        let field = format!("associates[{i}].board_role");
        if governance == Some(Governance::SoleAdministrator) {
            errors.push(FieldError::new(field, "board_role.sole_administrator"));
        } else if !taken.insert(role.as_str()) {
            errors.push(FieldError::new(field, "board_role.duplicate"));
        }
    }
    if governance == Some(Governance::Board)
        && drafts.len() >= MIN_ASSOCIATES
        && !roles.contains(&Some(BoardRole::President))
    {
        errors.push(FieldError::new(
            "associates",
            "board_role.president_required",
        ));
    }
}

fn email(
    field: &str,
    value: Option<&str>,
    required: bool,
    errors: &mut Vec<FieldError>,
) -> Option<Email> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => {
            if required {
                errors.push(FieldError::new(field, "required"));
            }
            None
        }
        Some(text) => match Email::parse(text) {
            Ok(email) => Some(email),
            Err(_) => {
                errors.push(FieldError::new(field, "email.invalid"));
                None
            }
        },
    }
}

/// A telephone number as people write them: digits with spaces, dashes, dots, brackets and a
/// leading `+`; between 10 digits (a Mexican number) and 15 (the international maximum).
fn phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -.()".contains(c) || (c == '+' && i == 0));
    allowed && (10..=15).contains(&digits)
}

fn contact(draft: &IntakeDraft, errors: &mut Vec<FieldError>) -> Option<Contact> {
    let Some(contact) = &draft.contact else {
        errors.push(FieldError::new("contact", "required"));
        return None;
    };
    let name = text_field("contact.name", contact.name.as_deref(), NAME_MAX, errors);
    let phone_text = contact
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(text) = phone_text
        && !phone(text)
    {
        errors.push(FieldError::new("contact.phone", "phone.invalid"));
    }
    let email = email("contact.email", contact.email.as_deref(), false, errors);
    let email_given = contact
        .email
        .as_deref()
        .is_some_and(|e| !e.trim().is_empty());
    if phone_text.is_none() && !email_given {
        errors.push(FieldError::new("contact", "contact.phone_or_email"));
    }
    Some(Contact {
        name: name?,
        phone: phone_text.map(str::to_owned),
        email,
    })
}
