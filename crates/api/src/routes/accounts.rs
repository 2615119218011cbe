//! One's own account: a shelter's self-registration and the confirmation of its address, the
//! signed-in person, their profile and password. The wire forms of accounts and organizations
//! live here too; the managers' directory is [`super::directory`].

use axum::extract::State;
use axum::http::StatusCode;
use puente_workflow::Role;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::address::ClientAddress;
use crate::entity::organization::OrgKind;
use crate::entity::{organization, user};
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::ProblemDoc;
use crate::service::auth::AuthUser;

use crate::service::accounts::invitation::Invitation;
use crate::service::accounts::me::MeChanges;
use crate::service::{
    self,
    accounts::{PasswordChange, Registration},
};
use crate::state::AppState;

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register_shelter))
        .routes(routes!(resend_confirmation))
        .routes(routes!(invite))
        .routes(routes!(me, update_me))
        .routes(routes!(change_password))
}

/// An organization on the wire.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgView {
    /// Id.
    pub id: Uuid,
    /// `shelter`, `law_firm` or `program`.
    pub kind: OrgKind,
    /// Name.
    pub name: String,
    /// Federal entity (ISO 3166-2:MX).
    pub state: Option<String>,
    /// Municipality.
    pub municipality: Option<String>,
    /// Verified by a manager.
    pub verified: bool,
    /// When a shelter's personal data was blocked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_at: Option<String>,
    /// When a shelter's personal data was purged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purged_at: Option<String>,
}

impl From<&organization::Model> for OrgView {
    fn from(org: &organization::Model) -> OrgView {
        OrgView {
            id: org.id,
            kind: org.kind,
            name: org.name.clone(),
            state: org.state.clone(),
            municipality: org.municipality.clone(),
            verified: org.verified,
            blocked_at: org.blocked_at.map(crate::service::views::rfc3339),
            purged_at: org.purged_at.map(crate::service::views::rfc3339),
        }
    }
}

/// The organization a user belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    /// Id.
    pub id: Uuid,
    /// Name, where loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Kind, where loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrgKind>,
}

/// An account on the wire (`GET /api/v1/me` and the user administration).
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: Uuid,
    /// E-mail (the login).
    pub email: String,
    /// Full name.
    pub name: String,
    /// `shelter`, `lawyer` or `manager`.
    pub role: Role,
    /// May manage organizations and users.
    pub admin: bool,
    /// May sign in.
    pub active: bool,
    /// `es` or `en`.
    pub locale: String,
    /// The organization.
    pub organization: OrgRef,
    /// States of Mexico a lawyer prefers (ISO 3166-2:MX), first in their digest.
    pub preferred_states: Vec<String>,
    /// How many cases a lawyer takes at once (`null`: the program's default).
    pub case_capacity: Option<i32>,
    /// Notices the user turned off.
    pub muted_notifications: Vec<String>,
    /// Whether their e-mail address is confirmed (by its link, or a manager's verification).
    pub email_confirmed: bool,
}

pub(super) fn user_view(user: &user::Model, org: Option<&organization::Model>) -> UserView {
    UserView {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role,
        admin: user.admin,
        active: user.active,
        locale: user.locale.clone(),
        organization: OrgRef {
            id: user.organization_id,
            name: org.map(|o| o.name.clone()),
            kind: org.map(|o| o.kind),
        },
        preferred_states: serde_json::from_value(user.preferred_states.clone()).unwrap_or_default(),
        case_capacity: user.case_capacity,
        muted_notifications: serde_json::from_value(user.muted_notifications.clone())
            .unwrap_or_default(),
        email_confirmed: user.email_confirmed_at.is_some(),
    }
}

/// A registration received: a link to confirm the address went to it (or, when the address
/// already has an account, word of the attempt to its owner; the answer does not say which).
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationReceived {
    /// The address, as it will be used to sign in.
    pub email: String,
    /// Always `confirmation_sent`.
    pub status: &'static str,
}

/// A shelter registers itself and its first user; it stays unverified until a manager
/// verifies it, and cannot submit a request until its e-mail address is confirmed by the link
/// sent to it (or a manager verifies it). The answer is the same whether or not the address
/// already has an account.
#[utoipa::path(post, path = "/api/v1/shelters", tag = "accounts", request_body = Registration, responses(
    (status = 201, body = RegistrationReceived),
    (status = 400, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 413, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 415, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn register_shelter(
    State(state): State<AppState>,
    address: ClientAddress,
    Json(body): Json<Registration>,
) -> Result<(StatusCode, axum::Json<RegistrationReceived>), ApiError> {
    let email = service::accounts::register(&state, &address, body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(RegistrationReceived {
            email,
            status: "confirmation_sent",
        }),
    ))
}

/// Invites a colleague to the caller's shelter (shelter staff; ten an hour): the account is made
/// without a usable password and the link to choose one goes to the address (the outbox's
/// `invitation`). The answer is the same whether or not the address already had an account
/// (its owner is told of the attempt instead).
#[utoipa::path(post, path = "/api/v1/me/invitations", tag = "accounts", security(("bearer" = [])), request_body = Invitation, responses(
    (status = 202, description = "The invitation is on its way"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn invite(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<Invitation>,
) -> Result<StatusCode, ApiError> {
    service::accounts::invitation::invite(&state, &auth, body).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Sends a new link to confirm the signed-in person's e-mail address (the one before stops
/// working); at most five an hour.
#[utoipa::path(post, path = "/api/v1/me/email-confirmation", tag = "accounts", security(("bearer" = [])), responses(
    (status = 202, description = "A new link is on its way"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn resend_confirmation(
    State(state): State<AppState>,
    auth: AuthUser,
) -> Result<StatusCode, ApiError> {
    service::accounts::me::resend_confirmation(&state, &auth).await?;
    Ok(StatusCode::ACCEPTED)
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), responses(
    (status = 200, body = UserView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn me(
    State(state): State<AppState>,
    crate::caller::Enrolling(auth): crate::caller::Enrolling,
) -> Result<axum::Json<UserView>, ApiError> {
    let (user, org) = service::accounts::me::profile(&state, &auth).await?;
    Ok(axum::Json(user_view(&user, org.as_ref())))
}

/// Changes one's own name, language, notices and (lawyers) preferred states and capacity.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), request_body = MeChanges, responses(
    (status = 200, body = UserView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn update_me(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<MeChanges>,
) -> Result<axum::Json<UserView>, ApiError> {
    let (user, org) = service::accounts::me::update(&state, &auth, body).await?;
    Ok(axum::Json(user_view(&user, org.as_ref())))
}

/// Changes one's own password; every token issued before stops working.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", security(("bearer" = [])), request_body = PasswordChange, responses(
    (status = 204, description = "Changed"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 429, description = "Too many wrong current passwords; see Retry-After", body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    service::accounts::change_password(&state, &auth, body).await?;
    Ok(StatusCode::NO_CONTENT)
}
