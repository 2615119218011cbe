//! What a page shows when a use case refused: the same problem document the API answers with,
//! typed, in the page's language, read field by field for the forms.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::IntoResponse;
use puente_i18n::Lang;
use serde::Serialize;

use crate::error::{ApiError, Problem};
use crate::openapi::{FieldProblem, ProblemDoc};

/// A refusal, as a page shows it.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// The status the page answers with (never a 5xx for a refusal of the input).
    pub status: StatusCode,
    /// The problem, in the page's language.
    pub problem: ProblemDoc,
}

/// One field's message, linked to its control for an error summary.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorLink {
    /// The `id` of the field's control.
    pub anchor: String,
    /// The message.
    pub message: String,
}

impl Refusal {
    /// The refusal of `error` in `lang`, as the API would answer it.
    pub fn of(error: impl Into<ApiError>, lang: Lang) -> Refusal {
        let response = error.into().into_response();
        let status = response.status();
        let problem = match response.extensions().get::<Problem>() {
            Some(problem) => problem.doc(lang),
            None => Problem::of_status(status).doc(lang),
        };
        Refusal { status, problem }
    }

    /// A refusal of the page's own making: one field's message, 422.
    pub fn field(lang: Lang, field: &str, message: String) -> Refusal {
        let mut refusal = Refusal::of(ApiError::Invalid(Vec::new()), lang);
        refusal.problem.errors = Some(vec![FieldProblem {
            field: field.to_owned(),
            code: "invalid_value".to_owned(),
            message,
        }]);
        // The message says it all.
        refusal.problem.detail = String::new();
        refusal
    }

    /// Whether the input was refused (a form shows it again), rather than the action itself.
    pub fn is_input(&self) -> bool {
        self.status == StatusCode::UNPROCESSABLE_ENTITY
    }

    /// The field errors.
    pub fn errors(&self) -> &[FieldProblem] {
        self.problem.errors.as_deref().unwrap_or_default()
    }

    /// The message about one field (`name` or `data.name`), if there is one.
    pub fn error_of(&self, name: &str) -> Option<String> {
        self.errors()
            .iter()
            .find(|e| e.field == name || e.field.strip_prefix("data.") == Some(name))
            .map(|e| e.message.clone())
    }

    /// The field errors keyed by field path, for templates.
    pub fn errors_by_field(&self) -> BTreeMap<String, String> {
        self.errors()
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect()
    }

    /// The field errors for an error summary, each linked to its field's `id`
    /// (`prefix` + [`anchor`] of the field).
    pub fn error_list(&self, prefix: &str) -> Vec<ErrorLink> {
        self.errors()
            .iter()
            .map(|e| ErrorLink {
                anchor: anchor(&format!("{prefix}{}", e.field)),
                message: e.message.clone(),
            })
            .collect()
    }

    /// What a person reads besides the field errors: the problem's detail and the unmet
    /// requirements.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = Some(self.problem.detail.clone())
            .filter(|detail| !detail.is_empty())
            .into_iter()
            .collect();
        notes.extend(
            self.problem
                .missing_details
                .iter()
                .flatten()
                .map(|m| m.message.clone()),
        );
        notes
    }

    /// Everything a person reads about it: the notes, then the field errors.
    pub fn messages(&self) -> Vec<String> {
        let mut messages = self.notes();
        messages.extend(self.errors().iter().map(|e| e.message.clone()));
        messages
    }

    /// Moves the errors under `prefix` to the fields they name without it (the form of a new
    /// associate names `full_name`, the API `intake.associates[2].full_name`).
    pub fn strip_prefix(mut self, prefix: &str) -> Refusal {
        for error in self.problem.errors.iter_mut().flatten() {
            if let Some(field) = error.field.strip_prefix(prefix) {
                error.field = field.to_owned();
            }
        }
        self
    }
}

/// The `id` of a field's control: `f-` and its path with every other character a dash
/// (`intake.associates[0].curp` → `f-intake-associates-0-curp`).
pub fn anchor(field: &str) -> String {
    let path: String = field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", path.trim_matches('-').replace("--", "-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use puente_workflow::FieldError;

    #[test]
    fn anchors_name_controls() {
        assert_eq!(
            anchor("intake.associates[0].curp"),
            "f-intake-associates-0-curp"
        );
    }

    #[test]
    fn a_refused_field_keeps_its_message_and_status() {
        let refusal = Refusal::of(
            ApiError::Invalid(vec![FieldError::new("data.reason", "required")]),
            Lang::Es,
        );
        assert_eq!(refusal.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refusal.is_input());
        assert!(refusal.error_of("reason").is_some());
        assert_eq!(refusal.error_list("hold.")[0].anchor, "f-hold-data-reason");
        let moved = refusal.strip_prefix("data.");
        assert!(moved.errors_by_field().contains_key("reason"));
    }

    #[test]
    fn a_refused_action_says_why() {
        let refusal = Refusal::of(ApiError::Forbidden, Lang::Es);
        assert_eq!(refusal.status, StatusCode::FORBIDDEN);
        assert_eq!(refusal.notes(), vec![refusal.problem.detail.clone()]);
    }
}
