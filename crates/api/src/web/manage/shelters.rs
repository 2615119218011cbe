//! The shelters to verify (or those verified), and verifying one (managers).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use uuid::Uuid;

use super::{param, params};
use crate::service::accounts::{self, OrgFilter, OrgKind};
use crate::service::directory;
use crate::state::AppState;
use crate::web::lists::{PAGE_SIZE, Pager, cursor_of, unreadable};
use crate::web::render::{page, refusal, see};
use crate::web::visit::{Checked, SignedIn};

/// A shelter as the verification page shows it.
#[derive(Serialize)]
struct ShelterRow {
    id: Uuid,
    name: String,
    municipality: Option<String>,
    state: Option<String>,
    verified: bool,
}

/// The shelters by name, those still to verify (each with its button) or, on request
/// (`?show=verified`), those verified, with how many each list holds (managers).
pub async fn shelters(State(state): State<AppState>, signed: SignedIn) -> Response {
    let visit = &signed.visit;
    let query = params(visit);
    let verified = param(&query, "show") == "verified";
    let filter = |verified: bool| OrgFilter {
        kind: Some(OrgKind::Shelter),
        verified: Some(verified),
    };
    let user = &signed.viewer.user;
    let cursor = cursor_of(visit);
    let listing =
        match accounts::organizations(&state, user, filter(verified), PAGE_SIZE, cursor.as_deref())
            .await
        {
            Ok(listing) => listing,
            Err(error) => return unreadable(&state, visit, error),
        };
    // How many the other list holds, for its link.
    let other = match accounts::count_organizations(&state, user, filter(!verified)).await {
        Ok(other) => other,
        Err(error) => return refusal(&state, visit, error),
    };
    let rows: Vec<ShelterRow> = listing
        .items
        .iter()
        .map(|org| ShelterRow {
            id: org.id,
            name: org.name.clone(),
            municipality: org.municipality.clone(),
            state: org.state.clone(),
            verified: org.verified,
        })
        .collect();
    let pager = Pager::of(visit, listing.next_cursor.as_deref(), listing.total, false);
    let total = listing.total.unwrap_or_default();
    let (pending, done) = if verified {
        (other, total)
    } else {
        (total, other)
    };
    let mut context = visit.context();
    context.insert("shelters", &rows);
    context.insert("pager", &pager);
    context.insert("show_verified", &verified);
    context.insert("pending_count", &pending);
    context.insert("verified_count", &done);
    context.insert("done", &crate::web::home::done_key(visit));
    page(&state, visit, StatusCode::OK, "shelters.html", context)
}

/// Verifies a shelter.
pub async fn verify(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    _: Checked,
) -> Response {
    match directory::verify_organization(&state, &signed.viewer.user, id).await {
        Ok(_) => see("/shelters?done=verified"),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}
