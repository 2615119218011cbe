//! Administration (admin managers): the organizations and the people who use Puente, adding
//! them and turning an account off or on again.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};
use uuid::Uuid;

use super::account::states;
use super::api::{Answer, Api};
use super::render::{errors_of_form, failure, page, see};
use super::visit::{Checked, Fields, SignedIn};
use crate::state::AppState;

/// The administration page, with a refused form's errors when there is one.
async fn admin_page(
    state: &AppState,
    api: &Api,
    signed: &SignedIn,
    failed: Option<(&str, &Answer, &Fields)>,
) -> Response {
    let visit = &signed.visit;
    let orgs = api
        .get(visit, &signed.viewer, "/api/v1/organizations")
        .await;
    if !orgs.ok() {
        return failure(state, visit, &orgs);
    }
    let users = api.get(visit, &signed.viewer, "/api/v1/users").await;
    if !users.ok() {
        return failure(state, visit, &users);
    }
    let mut context = visit.context();
    context.insert("organizations", &orgs.body["items"]);
    context.insert("users", &users.body["items"]);
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
pub async fn admin(
    State(state): State<AppState>,
    Extension(api): Extension<Api>,
    signed: SignedIn,
) -> Response {
    admin_page(&state, &api, &signed, None).await
}

/// After an administration form: back with a confirmation, or the page with the errors.
async fn after(
    state: &AppState,
    api: &Api,
    signed: &SignedIn,
    form: &str,
    answer: Answer,
    fields: &Fields,
) -> Response {
    if answer.ok() {
        return see(&format!("/admin?done=admin_{form}"));
    }
    if answer.status == StatusCode::UNPROCESSABLE_ENTITY {
        return admin_page(state, api, signed, Some((form, &answer, fields))).await;
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
    after(&state, &api, &signed, "organization", answer, &fields).await
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
    after(&state, &api, &signed, "user", answer, &fields).await
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
    after(&state, &api, &signed, "account", answer, &fields).await
}
