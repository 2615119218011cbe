//! The OpenAPI document, generated from the handlers' annotations and the types they use, and
//! served at `/api/openapi.json`.

use puente_workflow::Status;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// An RFC 9457 problem document, as every error is answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProblemDoc {
    /// `urn:puente:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Stable code of the problem (`invalid_input`, `unmet_requirements`, `invalid_state`…).
    pub code: String,
    /// Short title, in the caller's language.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened and what to do, in the caller's language.
    pub detail: String,
    /// Invalid input, field by field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldProblem>>,
    /// Unmet workflow requirements, by stable code (`document:registry_receipt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
    /// The same, each with a message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_details: Option<Vec<CodeMessage>>,
    /// For conflicts: the case's current state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Status>,
    /// For conflicts on a paused case: the state it was held from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_from: Option<Status>,
    /// For conflicts and stale versions: the case's current version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// One invalid field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// Its path (`intake.associates[1].curp`).
    pub field: String,
    /// Stable code (`curp.check_digit`).
    pub code: String,
    /// Message in the caller's language.
    pub message: String,
}

/// A code and its message.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CodeMessage {
    /// Stable code.
    pub code: String,
    /// Message in the caller's language.
    pub message: String,
}

/// A page of a list: `{items, next_cursor}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `?cursor=` for the next page; absent on the last.
    pub next_cursor: Option<String>,
    /// How many items the whole list holds, on every page (absent where it cannot be known
    /// without reading them all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

impl<T: ToSchema> Page<T> {
    /// A list that comes whole.
    pub fn whole(items: Vec<T>) -> Page<T> {
        Page {
            items,
            next_cursor: None,
            total: None,
        }
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The document's frame; the operations are added by the routers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Puente",
        description = "Case management for a pro bono program that helps migrant shelters in Mexico incorporate as an Asociación Civil. Every error is an RFC 9457 problem document (application/problem+json) in the language of Accept-Language (es, default, or en).",
    ),
    modifiers(&BearerAuth),
    components(schemas(ProblemDoc, FieldProblem, CodeMessage)),
    tags(
        (name = "service", description = "Health, metrics and the workflow's definition"),
        (name = "auth", description = "Signing in and out"),
        (name = "accounts", description = "Shelter registration, users and organizations"),
        (name = "cases", description = "Cases, their workflow, history, comments and hours"),
        (name = "documents", description = "Case documents, encrypted at rest"),
        (name = "audit", description = "The tamper-evident history"),
        (name = "reports", description = "Figures and exports for program managers"),
        (name = "privacy", description = "A shelter's personal data: export, block, purge"),
    )
)]
pub struct ApiDoc;
