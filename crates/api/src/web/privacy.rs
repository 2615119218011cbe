//! The privacy notice (aviso de privacidad integral) that the LFPDPPP 2025 asks for: open to
//! anyone, signed in or not, in either language, naming the responsible party, its domicile and
//! the address for ARCO requests as configured (`privacy_controller`, `privacy_address`,
//! `privacy_email`). The simplified notice shown where data is collected (registration, the
//! intake's consent step) links here. The text is in `locales/<lang>/privacy.ftl`;
//! `docs/privacy-notice.md` says what is still to confirm with counsel.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use tera::Context;

use super::render::page;
use super::visit::Visit;
use crate::state::AppState;

/// Where the full notice is.
pub const PATH: &str = "/aviso-de-privacidad";

/// The responsible party as the notices name it.
#[derive(Serialize)]
struct Controller<'a> {
    name: &'a str,
    address: &'a str,
    email: &'a str,
    /// How long blocked personal data is kept before it is suppressed, in days.
    retention_days: u32,
}

/// Puts the responsible party in a page's context as `privacy` (`privacy.name`, `.address`,
/// `.email`, `.retention_days`), for a page that shows a notice. The pages link to the full
/// notice at [`PATH`].
pub fn add_controller(state: &AppState, context: &mut Context) {
    let settings = &state.settings;
    context.insert(
        "privacy",
        &Controller {
            name: settings.privacy_controller.trim(),
            address: settings.privacy_address.trim(),
            email: settings.privacy_email.trim(),
            retention_days: settings.personal_data_retention_days,
        },
    );
}

/// The full notice.
pub async fn notice(State(state): State<AppState>, visit: Visit) -> Response {
    let mut context = visit.context();
    add_controller(&state, &mut context);
    page(&state, &visit, StatusCode::OK, "privacy.html", context)
}
