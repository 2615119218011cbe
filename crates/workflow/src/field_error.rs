//! Invalid input, reported field by field with a stable code and a message in either language.

use std::fmt;

use puente_i18n::{Lang, text};

use crate::text::Lines;

/// Whether a field was left out or given a value that cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Nothing was given where something is needed: fine while a draft is being written,
    /// blocking when it is submitted.
    Missing,
    /// What was given is wrong (bad format, wrong check digit, unknown choice): never stored.
    Invalid,
}

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where: a path such as `associates[1].curp` or `data.signed_on`.
    pub field: String,
    /// What, as a stable code such as `curp.check_digit`; clients may rely on it.
    pub code: &'static str,
    /// Values the message mentions (a maximum, an index).
    pub args: Vec<(&'static str, String)>,
}

/// Every code a [`FieldError`] may carry; each has a message in every language.
pub const ERROR_CODES: &[&str] = &[
    "required",
    "too_long",
    "too_short",
    "too_many",
    "too_few",
    "duplicate",
    "invalid_choice",
    "consent_required",
    "associates_consent.required",
    "object_expected",
    "unknown_field",
    "text_expected",
    "boolean_expected",
    "associates_expected",
    "name.legal_form",
    "date.invalid",
    "date.before_signing",
    "uuid.invalid",
    "code.invalid",
    "donataria.not_sought",
    "rfc.format",
    "rfc.date",
    "rfc.check_digit",
    "rfc.legal_person",
    "rfc.natural_person",
    "curp.format",
    "curp.birth_date",
    "curp.check_digit",
    "curp.required_for_mexicans",
    "curp.duplicate",
    "email.invalid",
    "state.unknown",
    "nationality.unknown",
    "legal_representative.not_an_associate",
    "board_role.duplicate",
    "board_role.sole_administrator",
    "board_role.president_required",
    "phone.invalid",
    "contact.phone_or_email",
    "invalid_type",
    "invalid_value",
    "password.too_short",
    "password.wrong",
    "email.taken",
    "admin.managers_only",
    "organization.unknown",
    "role.organization_mismatch",
    "limit.range",
    "period.order",
    "lawyers_only",
    "capacity.range",
    "notification.essential",
    "hours.range",
    "date.future",
    "filename.invalid",
    "document.infected",
    "storage.quota_exceeded",
    "template.failed",
    "intake.incomplete",
    "text.control_characters",
    "password.common",
    "password.context",
    "mfa.code_wrong",
    "token.invalid",
    "dependency.unavailable",
];

impl FieldError {
    /// A problem `code` with `field`.
    pub fn new(field: impl Into<String>, code: &'static str) -> FieldError {
        debug_assert!(ERROR_CODES.contains(&code), "unlisted error code {code}");
        FieldError {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    /// Adds a value for the message.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> FieldError {
        self.args.push((name, value.to_string()));
        self
    }

    /// Whether the field was missing rather than wrong.
    pub fn problem(&self) -> Problem {
        match self.code {
            "required"
            | "too_few"
            | "too_short"
            | "consent_required"
            | "associates_consent.required"
            | "contact.phone_or_email"
            | "board_role.president_required" => Problem::Missing,
            _ => Problem::Invalid,
        }
    }

    /// The key of the message in the translation files: `error-` and the code with dots and
    /// underscores as dashes.
    pub fn message_key(&self) -> String {
        format!("error-{}", self.code.replace(['.', '_'], "-"))
    }

    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<puente_i18n::Arg<'_>> = self
            .args
            .iter()
            .map(|(name, value)| (*name, value.as_str().into()))
            .collect();
        text(lang, &self.message_key(), &args)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message(Lang::En))
    }
}

/// Trims `value` and checks it is present, on one line and not longer than `max` characters.
pub(crate) fn text_field(
    field: &str,
    value: Option<&str>,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    lines_field(field, value, max, Lines::One, errors)
}

/// The same for a field of `lines`: the characters are checked as sent, before trimming, so a
/// refused character is never quietly kept or dropped.
pub(crate) fn lines_field(
    field: &str,
    value: Option<&str>,
    max: usize,
    lines: Lines,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    if let Some(problem) = value.and_then(|v| crate::text::check(field, v, lines)) {
        errors.push(problem);
        return None;
    }
    let trimmed = value.map(str::trim).filter(|v| !v.is_empty());
    match trimmed {
        None => {
            errors.push(FieldError::new(field, "required"));
            None
        }
        Some(v) if v.chars().count() > max => {
            errors.push(FieldError::new(field, "too_long").with("max", max));
            None
        }
        Some(v) => Some(v.to_owned()),
    }
}
