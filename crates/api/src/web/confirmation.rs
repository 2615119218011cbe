//! The e-mail address's confirmation: the page the link sent at registration opens, and the
//! form on the home page that sends a new link.

use axum::extract::{Path, State};
use axum::response::Response;

use super::render::{link_gone, refusal, see};
use super::visit::{Checked, SignedIn, Visit};
use crate::service::Error;
use crate::service::accounts::{me, registration};
use crate::state::AppState;

/// Opens a confirmation link: the address is confirmed and the person goes on to sign in (or
/// home, when signed in already); a used, expired or mangled link gets a page that says so and
/// how to ask for a new one.
pub async fn open(
    State(state): State<AppState>,
    visit: Visit,
    Path(token): Path<String>,
) -> Response {
    match registration::confirm(&state, &token).await {
        Ok(()) if visit.viewer.is_some() => see("/?done=email_confirmed"),
        Ok(()) => see("/login?done=email_confirmed"),
        Err(Error::Invalid(_)) => link_gone(&state, &visit, "web-link-invalid", None),
        Err(error) => refusal(&state, &visit, error),
    }
}

/// Sends a new confirmation link to the signed-in person.
pub async fn resend(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(_): Checked,
) -> Response {
    match me::resend_confirmation(&state, &signed.viewer.user).await {
        Ok(()) => see("/?done=confirmation_sent"),
        Err(Error::Conflict { .. }) => see("/?done=email_confirmed"),
        Err(Error::Throttled { .. }) => see("/?done=confirmation_wait"),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}
