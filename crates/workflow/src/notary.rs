//! The notary chosen for the signing (LEGAL-REVIEW.md W1): recorded from the claim on, so the
//! name request can name the fedatario and the fees are agreed early; `record_signing` requires
//! it.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, lines_field, text_field};
use crate::intake::MexicanState;
use crate::text::Lines;

/// What the notary charges for the constitution (a pro bono program asks for reduced or pro
/// bono fees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NotaryFees {
    /// The notary waives the fees.
    ProBono,
    /// The notary charges less than the arancel.
    Reduced,
    /// The state's arancel, in full.
    Arancel,
}

impl NotaryFees {
    /// Every arrangement, as offered.
    pub const ALL: [NotaryFees; 3] = [
        NotaryFees::ProBono,
        NotaryFees::Reduced,
        NotaryFees::Arancel,
    ];

    /// The wire name (`pro_bono`).
    pub fn as_str(self) -> &'static str {
        match self {
            NotaryFees::ProBono => "pro_bono",
            NotaryFees::Reduced => "reduced",
            NotaryFees::Arancel => "arancel",
        }
    }

    /// The key of its label in the translation files.
    pub fn label_key(self) -> String {
        format!("notary-fees-{}", self.as_str().replace('_', "-"))
    }
}

/// The notary chosen for the signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notary {
    /// The notary's full name.
    pub name: String,
    /// The notary's number (the notaría's number in its state).
    pub number: String,
    /// The state the notary practises in, as an ISO 3166-2 code (`MX-CHH`).
    pub state: String,
    /// The district (distrito judicial, or the city) the notary is appointed to.
    pub district: String,
    /// How to reach the notaría: a telephone, an e-mail address, a person.
    pub contact: String,
    /// The fee arrangement agreed.
    pub fees: NotaryFees,
    /// What was agreed, in words, when there is more to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_note: Option<String>,
}

/// The notary as the lawyer sends it: every field checked, all problems reported at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotaryDraft {
    /// The notary's full name (up to 200 characters).
    #[serde(default)]
    pub name: Option<String>,
    /// The notary's number (up to 20 characters).
    #[serde(default)]
    pub number: Option<String>,
    /// The state, as an ISO 3166-2 code (`MX-CHH`).
    #[serde(default)]
    pub state: Option<String>,
    /// The district or city (up to 200 characters).
    #[serde(default)]
    pub district: Option<String>,
    /// A telephone, e-mail address or person at the notaría (up to 300 characters).
    #[serde(default)]
    pub contact: Option<String>,
    /// `pro_bono`, `reduced` or `arancel`.
    #[serde(default)]
    pub fees: Option<String>,
    /// What was agreed, in words (optional, up to 2,000 characters).
    #[serde(default)]
    pub fee_note: Option<String>,
}

impl NotaryDraft {
    /// The notary, or every field that is missing or wrong.
    pub fn check(&self) -> Result<Notary, Vec<FieldError>> {
        let mut errors = Vec::new();
        // The documents write "Lic." themselves.
        let name = text_field("name", self.name.as_deref(), 200, &mut errors).map(without_title);
        let number = text_field("number", self.number.as_deref(), 20, &mut errors);
        let state = text_field("state", self.state.as_deref(), 10, &mut errors).and_then(|code| {
            let known = MexicanState::from_str(&code.to_ascii_uppercase()).ok();
            if known.is_none() {
                errors.push(FieldError::new("state", "invalid_choice"));
            }
            known.map(|state| state.code().to_owned())
        });
        // Mexico City's notaries are not appointed to a judicial district.
        let in_mexico_city = state.as_deref() == Some("MX-CMX");
        let district = match self.district.as_deref().filter(|d| !d.trim().is_empty()) {
            None if in_mexico_city => Some(String::new()),
            given => text_field("district", given, 200, &mut errors),
        };
        let contact = text_field("contact", self.contact.as_deref(), 300, &mut errors);
        let fees = text_field("fees", self.fees.as_deref(), 20, &mut errors).and_then(|code| {
            let known = NotaryFees::ALL.into_iter().find(|f| f.as_str() == code);
            if known.is_none() {
                errors.push(FieldError::new("fees", "invalid_choice"));
            }
            known
        });
        let note = self.fee_note.as_deref().filter(|v| !v.trim().is_empty());
        let fee_note =
            note.and_then(|v| lines_field("fee_note", Some(v), 2000, Lines::Many, &mut errors));
        match (name, number, state, district, contact, fees) {
            (Some(name), Some(number), Some(state), Some(district), Some(contact), Some(fees))
                if errors.is_empty() =>
            {
                Ok(Notary {
                    name,
                    number,
                    state,
                    district,
                    contact,
                    fees,
                    fee_note,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The name without the title a person may type before it ("Lic.", "Licenciada").
fn without_title(name: String) -> String {
    let lower = name.to_lowercase();
    for title in ["licenciada ", "licenciado ", "lic. ", "lic "] {
        if lower.starts_with(title) {
            let rest = name[title.len()..].trim();
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> NotaryDraft {
        NotaryDraft {
            name: Some(" Lic. Rosa Elena Márquez Soto ".into()),
            number: Some("12".into()),
            state: Some("mx-chh".into()),
            district: Some("Distrito Judicial Bravos".into()),
            contact: Some("656 123 4567".into()),
            fees: Some("pro_bono".into()),
            fee_note: Some("  ".into()),
        }
    }

    #[test]
    fn a_complete_notary_is_trimmed_and_its_state_normalised() {
        let notary = complete().check().expect("valid");
        assert_eq!(
            notary.name, "Rosa Elena Márquez Soto",
            "the title is the documents'"
        );
        assert_eq!(notary.state, "MX-CHH");
        assert_eq!(notary.fees, NotaryFees::ProBono);
        assert_eq!(notary.fee_note, None);
    }

    #[test]
    fn a_notary_in_mexico_city_needs_no_district() {
        let draft = NotaryDraft {
            state: Some("MX-CMX".into()),
            district: None,
            ..complete()
        };
        assert_eq!(draft.check().expect("valid").district, "");
        let elsewhere = NotaryDraft {
            district: None,
            ..complete()
        };
        let errors = elsewhere.check().expect_err("a district");
        assert_eq!(errors[0].field, "district");
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let draft = NotaryDraft {
            name: None,
            state: Some("MX-ZZZ".into()),
            fees: Some("free".into()),
            fee_note: Some("x".repeat(2001)),
            ..complete()
        };
        let errors = draft.check().expect_err("invalid");
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("state", "invalid_choice"),
                ("fees", "invalid_choice"),
                ("fee_note", "too_long"),
            ]
        );
    }
}
