//! Accounts and organizations: shelter self-registration, the signed-in user, and the
//! managers' administration of organizations and users.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use serde::Deserialize;
use serde_json::{Value, json};

use puente_workflow::Role;
use puente_workflow::intake::MexicanState;

use crate::accounts::{self, Check, NewAccount, hash};
use crate::auth::{AuthUser, password};
use crate::entity::{organization, user};
use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::repo::orgs::{self, NewOrg, OrgKind};
use crate::repo::users::{self, Changes, NewUser};
use crate::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/shelters", post(register_shelter))
        .route("/api/v1/me", get(me).patch(update_me))
        .route("/api/v1/me/password", post(change_password))
        .route("/api/v1/organizations", get(list_orgs).post(create_org))
        .route("/api/v1/organizations/{id}/verify", post(verify_org))
        .route("/api/v1/users", get(list_users).post(create_user))
        .route("/api/v1/users/{id}", patch(update_user))
}

/// An organization on the wire.
pub fn org_json(org: &organization::Model) -> Value {
    json!({
        "id": org.id, "kind": org.kind, "name": org.name, "state": org.state,
        "municipality": org.municipality, "verified": org.verified,
    })
}

fn user_json(user: &user::Model, org: Option<&organization::Model>) -> Value {
    json!({
        "id": user.id, "email": user.email, "name": user.name, "role": user.role,
        "admin": user.admin, "active": user.active, "locale": user.locale,
        "organization": org.map(|o| json!({"id": o.id, "name": o.name, "kind": o.kind}))
            .unwrap_or_else(|| json!({"id": user.organization_id})),
    })
}

async fn email_free(state: &AppState, field: &str, email: &str) -> Result<(), ApiError> {
    if users::by_email(&state.db, email).await?.is_some() {
        return Err(ApiError::field(field, "email.taken"));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Registration {
    organization: RegistrationOrg,
    user: RegistrationUser,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrationOrg {
    name: String,
    state: String,
    municipality: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistrationUser {
    name: String,
    email: String,
    password: String,
    #[serde(default)]
    locale: Option<puente_i18n::Lang>,
}

/// `POST /api/v1/shelters`: a shelter registers itself and its first user; it stays unverified
/// until a manager verifies it.
async fn register_shelter(
    State(state): State<AppState>,
    Json(body): Json<Registration>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    let mut check = Check::default();
    let org_name = check.text("organization.name", &body.organization.name, 200);
    let org_state = check.state("organization.state", &body.organization.state);
    let municipality = check.text(
        "organization.municipality",
        &body.organization.municipality,
        200,
    );
    let name = check.text("user.name", &body.user.name, 200);
    let email = check.email("user.email", &body.user.email);
    check.password("user.password", &body.user.password);
    check.done()?;
    email_free(&state, "user.email", &email).await?;
    let password_hash = hash(body.user.password).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let org = orgs::create(
        &txn,
        NewOrg {
            kind: OrgKind::Shelter,
            name: &org_name,
            state: org_state.map(MexicanState::code),
            municipality: Some(&municipality),
            verified: false,
        },
    )
    .await?;
    let locale = body.user.locale.unwrap_or_default();
    let created = users::create(
        &txn,
        NewUser {
            organization: org.id,
            email: &email,
            name: &name,
            role: Role::Shelter.as_str(),
            admin: false,
            password_hash,
            locale: locale.code(),
        },
    )
    .await;
    let created = match created {
        Err(error) if crate::repo::is_unique_violation(&error) => {
            return Err(ApiError::field("user.email", "email.taken"));
        }
        other => other?,
    };
    txn.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(
            json!({"organization": org_json(&org), "user": user_json(&created, Some(&org))}),
        ),
    ))
}

/// `GET /api/v1/me`.
async fn me(State(state): State<AppState>, auth: AuthUser) -> Result<axum::Json<Value>, ApiError> {
    let user = users::find(&state.db, auth.id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let org = orgs::find(&state.db, user.organization_id).await?;
    Ok(axum::Json(user_json(&user, org.as_ref())))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeChanges {
    name: Option<String>,
    locale: Option<puente_i18n::Lang>,
}

/// `PATCH /api/v1/me`: one's own name and language.
async fn update_me(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<MeChanges>,
) -> Result<axum::Json<Value>, ApiError> {
    let mut check = Check::default();
    let name = body.name.as_deref().map(|n| check.text("name", n, 200));
    check.done()?;
    let user = users::find(&state.db, auth.id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let changes = Changes {
        name,
        locale: body.locale.map(|l| l.code().to_owned()),
        ..Changes::default()
    };
    let user = users::update(&state.db, user, changes).await?;
    let org = orgs::find(&state.db, user.organization_id).await?;
    Ok(axum::Json(user_json(&user, org.as_ref())))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// `POST /api/v1/me/password`: every token issued before stops working.
async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let mut check = Check::default();
    check.password("new_password", &body.new_password);
    check.done()?;
    let user = users::find(&state.db, auth.id)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let stored = user.password_hash.clone();
    let current = body.current_password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&current, &stored))
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    if !matches {
        return Err(ApiError::field("current_password", "password.wrong"));
    }
    let password_hash = hash(body.new_password).await?;
    users::update(
        &state.db,
        user,
        Changes {
            password_hash: Some(password_hash),
            ..Changes::default()
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFilter {
    kind: Option<OrgKind>,
}

/// `GET /api/v1/organizations` (managers).
async fn list_orgs(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(filter): Query<OrgFilter>,
) -> Result<axum::Json<Value>, ApiError> {
    auth.require_manager()?;
    let items: Vec<Value> = orgs::list(&state.db, filter.kind)
        .await?
        .iter()
        .map(org_json)
        .collect();
    Ok(axum::Json(json!({"items": items, "next_cursor": null})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewOrgRequest {
    kind: OrgKind,
    name: String,
    state: Option<String>,
    municipality: Option<String>,
    #[serde(default)]
    verified: bool,
}

/// `POST /api/v1/organizations` (admins).
async fn create_org(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<NewOrgRequest>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    auth.require_admin()?;
    let mut check = Check::default();
    let name = check.text("name", &body.name, 200);
    let org_state = body.state.as_deref().and_then(|s| check.state("state", s));
    let municipality = body
        .municipality
        .as_deref()
        .map(|m| check.text("municipality", m, 200));
    check.done()?;
    let org = orgs::create(
        &state.db,
        NewOrg {
            kind: body.kind,
            name: &name,
            state: org_state.map(MexicanState::code),
            municipality: municipality.as_deref(),
            verified: body.verified,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(org_json(&org))))
}

/// `POST /api/v1/organizations/{id}/verify` (managers).
async fn verify_org(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<Value>, ApiError> {
    auth.require_manager()?;
    let org = orgs::find(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    let org = orgs::verify(&state.db, org).await?;
    Ok(axum::Json(org_json(&org)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFilter {
    organization: Option<uuid::Uuid>,
}

/// `GET /api/v1/users` (managers).
async fn list_users(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(filter): Query<UserFilter>,
) -> Result<axum::Json<Value>, ApiError> {
    auth.require_manager()?;
    let items: Vec<Value> = users::list(&state.db, filter.organization)
        .await?
        .iter()
        .map(|u| user_json(u, None))
        .collect();
    Ok(axum::Json(json!({"items": items, "next_cursor": null})))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUserRequest {
    email: String,
    name: String,
    role: Role,
    organization_id: uuid::Uuid,
    #[serde(default)]
    admin: bool,
    password: String,
    locale: Option<puente_i18n::Lang>,
}

/// `POST /api/v1/users` (admins).
async fn create_user(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<NewUserRequest>,
) -> Result<(StatusCode, axum::Json<Value>), ApiError> {
    auth.require_admin()?;
    let created = accounts::create(
        &state.db,
        NewAccount {
            email: &body.email,
            name: &body.name,
            role: body.role,
            organization: body.organization_id,
            admin: body.admin,
            password: body.password,
            locale: body.locale.unwrap_or_default(),
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(user_json(&created, None))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserChanges {
    active: Option<bool>,
    name: Option<String>,
    password: Option<String>,
}

/// `PATCH /api/v1/users/{id}` (admins): deactivate, rename or reset the password; deactivating
/// or a new password revokes the user's tokens.
async fn update_user(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<UserChanges>,
) -> Result<axum::Json<Value>, ApiError> {
    auth.require_admin()?;
    let mut check = Check::default();
    let name = body.name.as_deref().map(|n| check.text("name", n, 200));
    if let Some(password) = &body.password {
        check.password("password", password);
    }
    check.done()?;
    let user = users::find(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let password_hash = match body.password {
        Some(password) => Some(hash(password).await?),
        None => None,
    };
    let user = users::update(
        &state.db,
        user,
        Changes {
            active: body.active,
            name,
            password_hash,
            locale: None,
        },
    )
    .await?;
    Ok(axum::Json(user_json(&user, None)))
}
