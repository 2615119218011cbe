//! One shelter as a manager looks it up from a case or the verification list: when and by whom
//! it registered, its staff and their contact, and every request it made.

use uuid::Uuid;

use puente_workflow::Status;

use crate::entity::{organization, user};
use crate::service::Error;
use crate::service::auth::AuthUser;
use crate::service::repo::{cases, orgs, users};
use crate::state::AppState;

/// A shelter, its staff and its requests.
pub struct ShelterDetail {
    /// The shelter.
    pub shelter: organization::Model,
    /// Whether its personal data is blocked (its people are then not listed).
    pub blocked: bool,
    /// Its staff, the one who registered first.
    pub staff: Vec<user::Model>,
    /// Its requests, oldest first.
    pub cases: Vec<ShelterCase>,
}

/// One request of the shelter.
pub struct ShelterCase {
    /// The case.
    pub id: Uuid,
    /// Its reference.
    pub reference: String,
    /// Where it stands.
    pub status: Status,
    /// When it was started.
    pub created_at: time::OffsetDateTime,
}

/// Shelter `id` with its staff and requests (managers); not found for another kind of
/// organization.
pub async fn detail(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<ShelterDetail, Error> {
    caller.require_manager()?;
    let shelter = orgs::find(&state.db, id)
        .await?
        .filter(|org| org.kind == orgs::OrgKind::Shelter)
        .ok_or(Error::NotFound)?;
    // A shelter's blocked personal data is not shown to anyone: its people are left out.
    let blocked = shelter.blocked_at.is_some() && shelter.purged_at.is_none();
    let mut staff = if blocked {
        Vec::new()
    } else {
        users::staff_of(&state.db, id).await?
    };
    staff.sort_by_key(|person| person.created_at);
    let cases = cases::of_shelter(&state.db, id)
        .await?
        .into_iter()
        .map(|case| ShelterCase {
            id: case.id,
            status: cases::state_of(&case).state,
            reference: case.reference,
            created_at: case.created_at,
        })
        .collect();
    Ok(ShelterDetail {
        blocked,
        shelter,
        staff,
        cases,
    })
}
