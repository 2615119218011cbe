//! The program's directory, for managers: organizations (shelters to verify, law firms, the
//! program) and the people who use Puente, by pages; admins add them, turn accounts off or on,
//! reset a password, and remove a lost second factor.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::{Id, Json, Query};
use crate::openapi::{Page, ProblemDoc};
use crate::service::accounts::{OrgFilter as Orgs, OrgKind};
use crate::service::auth::AuthUser;
use crate::service::directory::{NewOrgRequest, NewUserRequest, UserChanges};
use crate::service::{self, directory};
use crate::state::AppState;

use super::accounts::{OrgView, UserView, user_view};

/// The routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_orgs, create_org))
        .routes(routes!(verify_org))
        .routes(routes!(list_users, create_user))
        .routes(routes!(update_user))
        .routes(routes!(remove_second_factor))
}

/// Filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrgFilter {
    kind: Option<OrgKind>,
    /// Verified or not.
    verified: Option<bool>,
    /// Page size, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The organizations by name, by pages, with `total` (managers).
#[utoipa::path(get, path = "/api/v1/organizations", tag = "accounts", security(("bearer" = [])), params(OrgFilter), responses(
    (status = 200, body = Page<OrgView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_orgs(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(filter): Query<OrgFilter>,
) -> Result<axum::Json<Page<OrgView>>, ApiError> {
    let listing = service::accounts::organizations(
        &state,
        &auth,
        Orgs {
            kind: filter.kind,
            verified: filter.verified,
        },
        filter.limit.unwrap_or(50),
        filter.cursor.as_deref(),
    )
    .await?;
    Ok(axum::Json(Page {
        items: listing.items.iter().map(OrgView::from).collect(),
        next_cursor: listing.next_cursor,
        total: listing.total,
    }))
}

/// Creates an organization (admins).
#[utoipa::path(post, path = "/api/v1/organizations", tag = "accounts", security(("bearer" = [])), request_body = NewOrgRequest, responses(
    (status = 201, body = OrgView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn create_org(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<NewOrgRequest>,
) -> Result<(StatusCode, axum::Json<OrgView>), ApiError> {
    let org = directory::add_organization(&state, &auth, body).await?;
    Ok((StatusCode::CREATED, axum::Json(OrgView::from(&org))))
}

/// Marks an organization verified (managers).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/verify", tag = "accounts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The organization")), responses(
    (status = 200, body = OrgView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn verify_org(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<axum::Json<OrgView>, ApiError> {
    let org = directory::verify_organization(&state, &auth, id).await?;
    Ok(axum::Json(OrgView::from(&org)))
}

/// Filters.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    organization: Option<Uuid>,
    /// Page size, 1 to 200 (50 by default).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// The accounts by e-mail, optionally of one organization, by pages, with `total` (managers).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", security(("bearer" = [])), params(UserFilter), responses(
    (status = 200, body = Page<UserView>),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn list_users(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(filter): Query<UserFilter>,
) -> Result<axum::Json<Page<UserView>>, ApiError> {
    let listing = service::accounts::people(
        &state,
        &auth,
        filter.organization,
        filter.limit.unwrap_or(50),
        filter.cursor.as_deref(),
    )
    .await?;
    Ok(axum::Json(Page {
        items: listing.items.iter().map(|u| user_view(u, None)).collect(),
        next_cursor: listing.next_cursor,
        total: listing.total,
    }))
}

/// Creates an account (admins).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", security(("bearer" = [])), request_body = NewUserRequest, responses(
    (status = 201, body = UserView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn create_user(
    State(state): State<AppState>,
    auth: AuthUser,
    Json(body): Json<NewUserRequest>,
) -> Result<(StatusCode, axum::Json<UserView>), ApiError> {
    let created = directory::add_person(&state, &auth, body).await?;
    Ok((StatusCode::CREATED, axum::Json(user_view(&created, None))))
}

/// Deactivates, renames or resets the password of an account (admins); deactivating or a new
/// password revokes the user's tokens.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user")), request_body = UserChanges, responses(
    (status = 200, body = UserView),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 422, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn update_user(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
    Json(body): Json<UserChanges>,
) -> Result<axum::Json<UserView>, ApiError> {
    let user = directory::change_person(&state, &auth, id, body).await?;
    Ok(axum::Json(user_view(&user, None)))
}

/// Removes the second factor of someone who lost their app and their recovery codes (admins;
/// not one's own): their sessions end, and they set a factor up again at their next sign-in
/// where the program requires one. Recorded in the access log.
#[utoipa::path(delete, path = "/api/v1/users/{id}/mfa", tag = "accounts", security(("bearer" = [])), params(("id" = Uuid, Path, description = "The account")), responses(
    (status = 204, description = "The second factor was removed"),
    (status = 401, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 403, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 404, body = ProblemDoc, content_type = "application/problem+json"),
    (status = 409, body = ProblemDoc, content_type = "application/problem+json"),
))]
async fn remove_second_factor(
    State(state): State<AppState>,
    auth: AuthUser,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    auth.require_admin()?;
    service::directory::remove_second_factor(&state, &auth, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
