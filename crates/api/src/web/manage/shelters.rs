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
use crate::web::render::{day, page, refusal, see, state_label, state_name};
use crate::web::visit::{Checked, SignedIn};

/// A shelter as the verification page shows it.
#[derive(Serialize)]
struct ShelterRow {
    id: Uuid,
    name: String,
    municipality: Option<String>,
    /// The state of Mexico, by name.
    state: Option<&'static str>,
    /// The day it registered, as people read it.
    registered: String,
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
            state: org.state.as_deref().and_then(state_name),
            registered: day(
                visit.lang,
                org.created_at.to_offset(state.settings.utc_offset()).date(),
            ),
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
    Checked(fields): Checked,
) -> Response {
    match directory::verify_organization(&state, &signed.viewer.user, id).await {
        // From the shelter's own page, back to it.
        Ok(_) if fields.get("back") == "shelter" => see(&format!("/shelters/{id}?done=verified")),
        Ok(_) => see("/shelters?done=verified"),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}

/// A person of the shelter, as its page lists them.
#[derive(Serialize)]
struct StaffRow {
    name: String,
    email: String,
    since: String,
    confirmed: bool,
    active: bool,
}

/// A request of the shelter, as its page lists them.
#[derive(Serialize)]
struct RequestRow {
    id: Uuid,
    reference: String,
    state: String,
    since: String,
}

/// One shelter: where it is, when and by whom it registered, its staff, its requests, and the
/// button that verifies it (managers).
pub async fn shelter(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let detail = match accounts::shelter::detail(&state, &signed.viewer.user, id).await {
        Ok(detail) => detail,
        Err(error) => return refusal(&state, visit, error),
    };
    let offset = state.settings.utc_offset();
    let on = |at: time::OffsetDateTime| day(lang, at.to_offset(offset).date());
    let org = &detail.shelter;
    let staff: Vec<StaffRow> = detail
        .staff
        .iter()
        .map(|person| StaffRow {
            name: person.name.clone(),
            email: person.email.clone(),
            since: on(person.created_at),
            confirmed: person.email_confirmed_at.is_some(),
            active: person.active,
        })
        .collect();
    let requests: Vec<RequestRow> = detail
        .cases
        .iter()
        .map(|case| RequestRow {
            id: case.id,
            reference: case.reference.clone(),
            state: state_label(lang, case.status.as_str()),
            since: on(case.created_at),
        })
        .collect();
    let mut context = visit.context();
    context.insert("id", &org.id);
    context.insert("name", &org.name);
    let place_state = org
        .state
        .as_deref()
        .and_then(state_name)
        .unwrap_or_default();
    let place: Vec<&str> = [org.municipality.as_deref().unwrap_or_default(), place_state]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect();
    context.insert("place", &place.join(", "));
    context.insert("registered", &on(org.created_at));
    context.insert("verified", &org.verified);
    context.insert("staff", &staff);
    context.insert("blocked", &detail.blocked);
    context.insert("requests", &requests);
    context.insert("done", &crate::web::home::done_key(visit));
    page(&state, visit, StatusCode::OK, "shelter.html", context)
}
