//! The OpenAPI document, generated from the handlers' annotations and the types they use, and
//! served at `/api/openapi.json`.

use puente_workflow::Status;
use serde::Serialize;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
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

/// What the handlers' annotations cannot say, added to the whole document once the routers are
/// merged: the form of `If-Match`, the errors every body can meet, the intake's two forms, and
/// the links from a created or listed resource to the operations on it.
pub fn refine(document: &mut utoipa::openapi::OpenApi) {
    for item in document.paths.paths.values_mut() {
        for operation in operations_mut(item) {
            for parameter in operation.parameters.iter_mut().flatten() {
                if let RefOr::T(parameter) = parameter
                    && parameter.name == "If-Match"
                {
                    // A case's version as its ETag (`"4"`, weak or not).
                    parameter.schema = Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .pattern(Some(r#"^(W/)?"[1-9][0-9]{0,8}"$"#))
                            .into(),
                    );
                }
            }
            if operation.request_body.is_some() {
                declare(operation, "400", "The body is not well-formed.");
                declare(
                    operation,
                    "415",
                    "The body is not of a media type the operation reads.",
                );
            }
        }
    }
    any_of(document, "CaseIntake");
    link(document);
}

fn operations_mut(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// Declares a problem document answered with `status`, unless the operation already does.
fn declare(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/problem+json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ProblemDoc")))
                            .build(),
                    )
                    .build(),
            )
        });
}

/// An untagged enum whose forms may both match one value is `anyOf`, not `oneOf` (exactly one).
fn any_of(document: &mut utoipa::openapi::OpenApi, name: &str) {
    let Some(schemas) = document.components.as_mut().map(|c| &mut c.schemas) else {
        return;
    };
    if let Some(RefOr::T(Schema::OneOf(one))) = schemas.get(name) {
        let mut any = AnyOfBuilder::new();
        for item in one.items.clone() {
            any = any.item(item);
        }
        schemas.insert(name.to_owned(), RefOr::T(Schema::AnyOf(any.build())));
    }
}

/// Collections whose members live under a path of their own: a case's documents are
/// `/api/v1/documents/{id}`.
const MEMBERS_ELSEWHERE: [(&str, &str); 1] =
    [("/api/v1/cases/{id}/documents", "/api/v1/documents")];

/// Links each collection's list (`GET`, its first item) and creation (`POST`, what it made) to
/// every operation on one of its members (`{collection}/{param}…`), which lets a client (and a
/// stateful fuzzer) walk from a case to its history, comments, hours and documents.
fn link(document: &mut utoipa::openapi::OpenApi) {
    let paths: Vec<String> = document.paths.paths.keys().cloned().collect();
    let methods = |path: &str| -> Vec<&'static str> {
        let Some(item) = document.paths.paths.get(path) else {
            return Vec::new();
        };
        [
            ("get", item.get.is_some()),
            ("put", item.put.is_some()),
            ("post", item.post.is_some()),
            ("delete", item.delete.is_some()),
            ("patch", item.patch.is_some()),
        ]
        .into_iter()
        .filter_map(|(method, present)| present.then_some(method))
        .collect()
    };
    // (collection, where its members are, whether the collection's own parameters pass on)
    let mut families: Vec<(String, String, bool)> = paths
        .iter()
        .filter(|p| !p.ends_with('}'))
        .map(|p| (p.clone(), p.clone(), true))
        .collect();
    families.extend(
        MEMBERS_ELSEWHERE
            .iter()
            .map(|(collection, members)| (collection.to_string(), members.to_string(), false)),
    );
    let mut links = Vec::new();
    for (collection, members, pass_on) in &families {
        let prefix = format!("{members}/{{");
        for member in paths.iter().filter(|p| p.starts_with(&prefix)) {
            let Some(param) = member[prefix.len()..].split('}').next() else {
                continue;
            };
            for method in methods(member) {
                let pointer = member.replace('~', "~0").replace('/', "~1");
                let mut builder = LinkBuilder::new()
                    .operation_ref(format!("#/paths/{pointer}/{method}"))
                    .description(format!("{} {member}", method.to_uppercase()));
                let known = collection
                    .split('/')
                    .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'));
                for known in known.filter(|_| *pass_on) {
                    builder = builder.parameter(known, format!("$request.path.{known}"));
                }
                let name = format!("{method}{}", member.replace(['/', '{', '}', '-', '_'], ""));
                links.push((collection.clone(), param.to_owned(), name, builder.build()));
            }
        }
    }
    for (collection, param, name, template) in links {
        let Some(item) = document.paths.paths.get_mut(&collection) else {
            continue;
        };
        for (operation, status, source) in [
            (item.get.as_mut(), "200", "$response.body#/items/0/id"),
            (item.post.as_mut(), "201", "$response.body#/id"),
        ] {
            let Some(operation) = operation else { continue };
            if let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status) {
                let mut link = template.clone();
                link.parameters.insert(param.clone(), source.into());
                response.links.insert(name.clone(), RefOr::T(link));
            }
        }
    }
}
