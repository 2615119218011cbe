//! Administration (admin managers): the organizations and the people who use Puente, adding
//! them, turning an account off (after confirming) or on again, and sending someone a link to
//! set a new password.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::Lang;
use puente_workflow::{FieldError, Role};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::account::states;
use super::lists::{PAGE_SIZE, Pager, cursor_of, unreadable};
use super::refusal::Refusal;
use super::render::{errors_of_form, failure, page, refusal, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::service::accounts::OrgKind;
use crate::service::directory::{self, NewOrgRequest, NewUserRequest, UserChanges};
use crate::service::{self, accounts};
use crate::state::AppState;

/// A person as the administration lists them.
#[derive(Serialize)]
struct PersonRow {
    id: Uuid,
    name: String,
    email: String,
    role: Role,
    admin: bool,
    active: bool,
    organization: String,
}

/// An organization as the administration lists it.
#[derive(Serialize)]
struct OrgRow {
    id: Uuid,
    name: String,
    kind: OrgKind,
    verified: bool,
}

/// The administration page, with a refused form's errors when there is one: the people by
/// e-mail, a page at a time, and every organization.
async fn admin_page(
    state: &AppState,
    signed: &SignedIn,
    failed: Option<(&str, &Refusal, &Fields)>,
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
            role: person.role,
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
            kind: org.kind,
            verified: org.verified,
        })
        .collect();
    let pager = Pager::of(visit, people.next_cursor.as_deref(), people.total, false);
    let mut context = visit.context();
    context.insert("organizations", &organizations);
    context.insert("users", &users);
    context.insert("pager", &pager);
    context.insert("states", &states());
    context.insert("done", &super::home::done_key(visit));
    let form = failed.map(|(form, _, _)| form).unwrap_or_default();
    errors_of_form(&mut context, failed.map(|(_, refused, _)| refused), form);
    context.insert("failed_form", form);
    let typed: BTreeMap<&str, &str> = failed
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
            .map(|name| (name, fields.get(name)))
            .collect()
        })
        .unwrap_or_default();
    context.insert("typed", &typed);
    let status = failed.map_or(StatusCode::OK, |(_, refused, _)| refused.status);
    page(state, visit, status, "admin.html", context)
}

/// The administration page.
pub async fn admin(State(state): State<AppState>, signed: SignedIn) -> Response {
    admin_page(&state, &signed, None).await
}

/// After an administration form: back with a confirmation, or the page with the errors.
async fn after<T>(
    state: &AppState,
    signed: &SignedIn,
    form: &str,
    outcome: Result<T, service::Error>,
    fields: &Fields,
) -> Response {
    let error = match outcome {
        Ok(_) => return see(&format!("/admin?done=admin_{form}")),
        Err(error) => error,
    };
    let refused = Refusal::of(error, signed.visit.lang);
    if refused.is_input() {
        return admin_page(state, signed, Some((form, &refused, fields))).await;
    }
    failure(state, &signed.visit, &refused)
}

/// A choice of one of the form's selects; when it is not one, `invalid_choice` on the field.
fn choice<T: DeserializeOwned>(
    fields: &Fields,
    name: &str,
    wrong: &mut Vec<FieldError>,
) -> Option<T> {
    fields.choice(name).map_err(|e| wrong.push(e)).ok()
}

/// Adds an organization.
pub async fn add_organization(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let mut wrong = Vec::new();
    let outcome = match choice::<OrgKind>(&fields, "kind", &mut wrong) {
        Some(kind) => {
            let new = NewOrgRequest {
                kind,
                name: fields.get("name").to_owned(),
                state: fields.opt("state"),
                municipality: fields.opt("municipality"),
                verified: fields.checked("verified"),
            };
            directory::add_organization(&state, &signed.viewer.user, new).await
        }
        None => Err(service::Error::Invalid(wrong)),
    };
    after(&state, &signed, "organization", outcome, &fields).await
}

/// Adds a person.
pub async fn add_user(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let mut wrong = Vec::new();
    let role = choice::<Role>(&fields, "role", &mut wrong);
    let organization = Uuid::parse_str(fields.get("organization_id")).ok();
    if organization.is_none() {
        wrong.push(FieldError::new("organization_id", "invalid_value"));
    }
    let locale = choice::<Lang>(&fields, "locale", &mut wrong);
    let outcome = match (role, organization, locale) {
        (Some(role), Some(organization_id), Some(locale)) => {
            let new = NewUserRequest {
                email: fields.get("email").to_owned(),
                name: fields.get("name").to_owned(),
                role,
                organization_id,
                admin: fields.checked("admin"),
                password: fields.secret("password").to_owned(),
                locale: Some(locale),
            };
            directory::add_person(&state, &signed.viewer.user, new).await
        }
        _ => Err(service::Error::Invalid(wrong)),
    };
    after(&state, &signed, "user", outcome, &fields).await
}

/// Turns an account off or on again.
pub async fn set_active(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    Checked(fields): Checked,
) -> Response {
    let changes = UserChanges {
        active: Some(fields.get("active") == "true"),
        ..UserChanges::default()
    };
    let outcome = directory::change_person(&state, &signed.viewer.user, id, changes).await;
    after(&state, &signed, "account", outcome, &fields).await
}

/// Asks before turning an account off: who it is, and what follows.
pub async fn confirm_deactivation(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    let visit = &signed.visit;
    let person = match directory::person(&state, &signed.viewer.user, id).await {
        Ok(person) => person,
        Err(error) => return refusal(&state, visit, error),
    };
    let mut context = visit.context();
    context.insert("person_id", &person.id);
    context.insert("person_name", &person.name);
    context.insert("person_email", &person.email);
    page(&state, visit, StatusCode::OK, "deactivate.html", context)
}

/// Sends a person a link to set a new password.
pub async fn send_reset(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    Checked(fields): Checked,
) -> Response {
    let outcome = accounts::recovery::send_for(&state, &signed.viewer.user, id).await;
    after(&state, &signed, "reset", outcome, &fields).await
}
