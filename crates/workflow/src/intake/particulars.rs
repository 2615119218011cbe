//! An associate's generales: what a notary writes of each compareciente (birth, civil status,
//! occupation, domicile, identification, and for a foreigner the immigration document), and how
//! the deed addresses them. Optional while the shelter writes the intake (it may not have them
//! yet); the lawyer completes them before the signing, which needs them (LEGAL-REVIEW.md C-4).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::field_error::FieldError;
use crate::text::Lines;

/// The longest text of a particular (a birthplace, an occupation, a domicile, a number).
const TEXT_MAX: usize = 200;

/// An associate's generales as written: every field optional and unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticularsDraft {
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Town or city and country (or state) of birth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// `single`, `married`, `divorced`, `widowed` or `free_union`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub civil_status: Option<String>,
    /// Occupation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// Their own domicile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// How the deed addresses them, for those without a CURP (a CURP says it): `female`,
    /// `male` or `neutral`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treatment: Option<String>,
    /// The identification they show the notary: `voter_card` (INE), `passport`,
    /// `residence_card` or `other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_kind: Option<String>,
    /// Its number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// Valid until, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_valid_until: Option<String>,
    /// For foreigners, their immigration document: `temporary_resident`,
    /// `permanent_resident`, `humanitarian_visitor` (tarjeta de visitante por razones
    /// humanitarias) or `comar_certificate` (constancia de la COMAR).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immigration_status: Option<String>,
    /// Its number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immigration_number: Option<String>,
    /// Valid until, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub immigration_valid_until: Option<String>,
}

/// One of the generales, as named in the unmet items of `record_signing`
/// (`particulars:associates[0].birth_date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Particular {
    /// Birth date.
    BirthDate,
    /// Birthplace.
    BirthPlace,
    /// Civil status.
    CivilStatus,
    /// Occupation.
    Occupation,
    /// Domicile.
    Address,
    /// How the deed addresses them (asked when there is no CURP).
    Treatment,
    /// The identification's kind.
    IdKind,
    /// The identification's number.
    IdNumber,
    /// The associate's RFC (residents in Mexico).
    Rfc,
    /// A foreigner's immigration document.
    ImmigrationStatus,
    /// Its number.
    ImmigrationNumber,
}

impl Particular {
    /// The field's name (`birth_date`; `rfc` is the associate's own field, not a particular).
    pub fn as_str(self) -> &'static str {
        match self {
            Particular::BirthDate => "birth_date",
            Particular::BirthPlace => "birth_place",
            Particular::CivilStatus => "civil_status",
            Particular::Occupation => "occupation",
            Particular::Address => "address",
            Particular::Treatment => "treatment",
            Particular::IdKind => "id_kind",
            Particular::IdNumber => "id_number",
            Particular::Rfc => "rfc",
            Particular::ImmigrationStatus => "immigration_status",
            Particular::ImmigrationNumber => "immigration_number",
        }
    }

    /// The path of the field in the intake, for associate `index` (counted from 0).
    pub fn path(self, index: usize) -> String {
        match self {
            Particular::Rfc => format!("associates[{index}].rfc"),
            other => format!("associates[{index}].particulars.{}", other.as_str()),
        }
    }
}

/// The answers a choice accepts, by field.
pub const CIVIL_STATUSES: [&str; 5] = ["single", "married", "divorced", "widowed", "free_union"];
/// How the deed may address a person.
pub const TREATMENTS: [&str; 3] = ["female", "male", "neutral"];
/// The identifications a notary accepts here.
pub const ID_KINDS: [&str; 4] = ["voter_card", "passport", "residence_card", "other"];
/// A foreigner's immigration documents.
pub const IMMIGRATION_STATUSES: [&str; 4] = [
    "temporary_resident",
    "permanent_resident",
    "humanitarian_visitor",
    "comar_certificate",
];

impl ParticularsDraft {
    /// Whether the immigration document makes its holder a resident of Mexico.
    pub fn resident_card(&self) -> bool {
        matches!(
            self.immigration_status.as_deref(),
            Some("temporary_resident" | "permanent_resident")
        )
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        *self == ParticularsDraft::default()
    }

    /// Checks what was written (nothing is required here), reporting each wrong field under
    /// `associates[index].particulars.`.
    pub fn check(&self, index: usize, errors: &mut Vec<FieldError>) {
        let at = |field: &str| format!("associates[{index}].particulars.{field}");
        fn filled(value: &Option<String>) -> Option<&str> {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
        }
        for (field, value) in [
            ("birth_place", &self.birth_place),
            ("occupation", &self.occupation),
            ("address", &self.address),
            ("id_number", &self.id_number),
            ("immigration_number", &self.immigration_number),
        ] {
            if let Some(text) = filled(value) {
                if let Some(problem) = crate::text::check(&at(field), text, Lines::One) {
                    errors.push(problem);
                } else if text.chars().count() > TEXT_MAX {
                    errors.push(FieldError::new(at(field), "too_long").with("max", TEXT_MAX));
                }
            }
        }
        for (field, value, allowed) in [
            ("civil_status", &self.civil_status, &CIVIL_STATUSES[..]),
            ("treatment", &self.treatment, &TREATMENTS[..]),
            ("id_kind", &self.id_kind, &ID_KINDS[..]),
            (
                "immigration_status",
                &self.immigration_status,
                &IMMIGRATION_STATUSES[..],
            ),
        ] {
            if filled(value).is_some_and(|choice| !allowed.contains(&choice)) {
                errors.push(FieldError::new(at(field), "invalid_choice"));
            }
        }
        let format = time::macros::format_description!("[year]-[month]-[day]");
        for (field, value) in [
            ("birth_date", &self.birth_date),
            ("id_valid_until", &self.id_valid_until),
            ("immigration_valid_until", &self.immigration_valid_until),
        ] {
            if filled(value).is_some_and(|text| Date::parse(text, &format).is_err()) {
                errors.push(FieldError::new(at(field), "date.invalid"));
            }
        }
    }

    /// The generales still blank that the signing needs, for an associate who is Mexican (or
    /// not), has a CURP (or not) and resides in Mexico (or not), with their RFC (or not).
    pub fn missing(
        &self,
        mexican: bool,
        has_curp: bool,
        resident: bool,
        has_rfc: bool,
    ) -> Vec<Particular> {
        let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
        let mut missing: Vec<Particular> = [
            (Particular::BirthDate, &self.birth_date),
            (Particular::BirthPlace, &self.birth_place),
            (Particular::CivilStatus, &self.civil_status),
            (Particular::Occupation, &self.occupation),
            (Particular::Address, &self.address),
            (Particular::IdKind, &self.id_kind),
            (Particular::IdNumber, &self.id_number),
        ]
        .into_iter()
        .filter(|(_, value)| blank(value))
        .map(|(particular, _)| particular)
        .collect();
        if !has_curp && blank(&self.treatment) {
            missing.push(Particular::Treatment);
        }
        if resident && !has_rfc {
            missing.push(Particular::Rfc);
        }
        if !mexican {
            if blank(&self.immigration_status) {
                missing.push(Particular::ImmigrationStatus);
            }
            if blank(&self.immigration_number) {
                missing.push(Particular::ImmigrationNumber);
            }
        }
        missing.sort();
        missing
    }
}
