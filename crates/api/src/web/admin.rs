//! Administration (admin managers): the organizations and the people who use Puente, adding
//! them and turning an account off or on again.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::account::states;
use super::api::{Answer, Api};
use super::lists::{PAGE_SIZE, Pager, cursor_of, unreadable};
use super::render::{errors_of_form, failure, page, refusal, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::service::accounts;
use crate::state::AppState;

/// A person as the administration lists them.
#[derive(Serialize)]
struct PersonRow {
    id: Uuid,
    name: String,
    email: String,
    role: String,
    admin: bool,
    active: bool,
    organization: String,
}

/// An organization as the administration lists it.
#[derive(Serialize)]
struct OrgRow {
    id: Uuid,
    name: String,
    kind: String,
    verified: bool,
}

/// The administration page, with a refused form's errors when there is one: the people by
/// e-mail, a page at a time, and every organization.
async fn admin_page(
    state: &AppState,
    signed: &SignedIn,
    failed: Option<(&str, &Answer, &Fields)>,
) -> Response {
    let visit = &signed.visit;
    let user = &signed.viewer.user;
    let orgs = match accounts::all_organizations(state, user).await {
        Ok(orgs) => orgs,
        Err(error) => return refusal(state, visit, error),
    };
    let cursor = cursor_of(visit);
    let people = match accounts::people(state, user, None, PAGE_SIZE, cursor.as_deref()).await {
        Ok(people) => people,
        Err(error) => return unreadable(state, visit, error),
    };
    let org_names: HashMap<Uuid, &str> = orgs.iter().map(|o| (o.id, o.name.as_str())).collect();
    let users: Vec<PersonRow> = people
        .items
        .iter()
        .map(|person| PersonRow {
            id: person.id,
            name: person.name.clone(),
            email: person.email.clone(),
            role: person.role.clone(),
            admin: person.admin,
            active: person.active,
            organization: org_names
                .get(&person.organization_id)
                .map(|name| (*name).to_owned())
                .unwrap_or_default(),
        })
        .collect();
    let organizations: Vec<OrgRow> = orgs
        .iter()
        .map(|org| OrgRow {
            id: org.id,
            name: org.name.clone(),
            kind: org.kind.clone(),
            verified: org.verified,
        })
        .collect();
    let pager = Pager::of(visit, people.next_cursor.as_deref(), people.total, false);
    let mut context = visit.context();
    context.insert("organizations", &organizations);
    context.insert("users", &users);
    context.insert("pager", &pager);
    context.insert("states", &states());
    context.insert("done", &super::cases::done_key(visit));
    let form = failed.map(|(form, _, _)| form).unwrap_or_default();
    errors_of_form(&mut context, failed.map(|(_, answer, _)| answer), form);
    context.insert("failed_form", form);
    let typed: serde_json::Map<String, Value> = failed
        .map(|(_, _, fields)| {
            [
                "name",
                "email",
                "kind",
                "state",
                "municipality",
                "role",
                "organization_id",
            ]
            .into_iter()
            .map(|name| (name.to_owned(), Value::from(fields.get(name))))
            .collect()
        })
        .unwrap_or_default();
    context.insert("typed", &typed);
    let status = failed.map_or(StatusCode::OK, |(_, answer, _)| answer.status);
    page(state, visit, status, "admin.html", context)
}

/// The administration page.
pub async fn admin(State(state): State<AppState>, signed: SignedIn) -> Response {
    admin_page(&state, &signed, None).await
}

/// After an administration form: back with a confirmation, or the page with the errors.
async fn after(
    state: &AppState,
    signed: &SignedIn,
    form: &str,
    answer: Answer,
    fields: &Fields,
) -> Response {
    if answer.ok() {
        return see(&format!("/admin?done=admin_{form}"));
    }
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        return admin_page(state, signed, Some((form, &answer, fields))).await;
    }
    failure(state, &signed.visit, &answer)
}

/// Adds an organization.
pub async fn add_organization(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let mut body = json!({
        "kind": fields.get("kind"),
        "name": fields.get("name"),
        "verified": fields.checked("verified"),
    });
    for name in ["state", "municipality"] {
        if let Some(value) = fields.opt(name) {
            body[name] = Value::from(value);
        }
    }
    let answer = api
        .post(
            &signed.visit,
            &signed.viewer,
            "/api/v1/organizations",
            &body,
        )
        .await;
    after(&state, &signed, "organization", answer, &fields).await
}

/// Adds a person.
pub async fn add_user(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let body = json!({
        "email": fields.get("email"),
        "name": fields.get("name"),
        "role": fields.get("role"),
        "organization_id": fields.get("organization_id"),
        "admin": fields.checked("admin"),
        "password": fields.secret("password"),
        "locale": fields.get("locale"),
    });
    let answer = api
        .post(&signed.visit, &signed.viewer, "/api/v1/users", &body)
        .await;
    after(&state, &signed, "user", answer, &fields).await
}

/// Turns an account off or on again.
pub async fn set_active(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    Checked(fields): Checked,
) -> Response {
    let body = json!({"active": fields.get("active") == "true"});
    let answer = api
        .send(
            &signed.visit,
            &signed.viewer,
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            &body,
            None,
        )
        .await;
    after(&state, &signed, "account", answer, &fields).await
}
