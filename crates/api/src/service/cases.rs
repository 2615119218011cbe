//! Cases as the caller may see them: one, whole or as a summary, and lists of them, filtered,
//! in pages.

use puente_workflow::intake::MexicanState;
use puente_workflow::{Alert, Status, Visibility};
use time::Duration;
use uuid::Uuid;

use super::{Error, Listing};
use crate::entity::{case, organization};
use crate::service::auth::AuthUser;
pub use crate::service::repo::cases::Order;
use crate::service::repo::cases::{self, Filter, Scope, state_of};
use crate::service::repo::orgs;
use crate::service::views::{CaseView, Names, case_alerts, case_view, sees_alerts};
use crate::state::AppState;

/// A case as the caller may see it, with its shelter (read once for both).
pub struct Sight {
    /// The case.
    pub case: case::Model,
    /// How much of it the caller sees (never hidden).
    pub visibility: Visibility,
    /// Its shelter.
    pub shelter: Option<organization::Model>,
}

/// A case the caller may see at all (not found otherwise).
pub async fn visible(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<Sight, Error> {
    let case = cases::find(&state.db, id).await?.ok_or(Error::NotFound)?;
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let facts = crate::service::views::access_facts(&case);
    let visibility = puente_workflow::visibility(state_of(&case), &caller.actor(), &facts);
    if visibility == Visibility::Hidden {
        return Err(Error::NotFound);
    }
    Ok(Sight {
        case,
        visibility,
        shelter,
    })
}

/// A case the caller may see whole, personal data included: not found when they may not see it
/// at all, forbidden when they see only its summary (a lawyer who has not claimed an open case),
/// a conflict while its shelter's personal data is blocked.
pub async fn full(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<case::Model, Error> {
    let sight = visible(state, caller, id).await?;
    if sight.visibility != Visibility::Full {
        return Err(Error::Forbidden);
    }
    // A shelter's blocked personal data is kept for legal retention only: never shown. Once
    // purged, what remains is anonymised.
    if sight
        .shelter
        .is_some_and(|s| s.blocked_at.is_some() && s.purged_at.is_none())
    {
        return Err(Error::conflict("personal_data_blocked"));
    }
    Ok(sight.case)
}

/// A change must name `case`'s current version: 428 without one, 412 with another.
pub fn at_version(case: &case::Model, expected: Option<i32>) -> Result<(), Error> {
    match expected {
        None => Err(Error::VersionRequired),
        Some(version) if version != case.version => Err(Error::Stale {
            version: case.version,
        }),
        Some(_) => Ok(()),
    }
}

/// The case `id` as the caller sees it after a change guarded by its version: `updated`, or,
/// when someone changed it first (`None`), the refusal naming its current version.
pub async fn saved(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    updated: Option<case::Model>,
) -> Result<CaseView, Error> {
    match updated {
        Some(updated) => view(state, caller, &updated).await,
        None => {
            let current = cases::find(&state.db, id).await?.ok_or(Error::NotFound)?;
            Err(Error::Stale {
                version: current.version,
            })
        }
    }
}

/// One case as the caller may see it.
pub async fn show(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<CaseView, Error> {
    let sight = visible(state, caller, id).await?;
    view_of(state, caller, &sight).await
}

/// How `case` looks to the caller.
pub async fn view(
    state: &AppState,
    caller: &AuthUser,
    case: &case::Model,
) -> Result<CaseView, Error> {
    let names = Names::load(&state.db, std::slice::from_ref(case)).await?;
    view_named(state, caller, case, &names)
}

/// How the case of `sight` looks to the caller, its shelter not read again.
pub async fn view_of(
    state: &AppState,
    caller: &AuthUser,
    sight: &Sight,
) -> Result<CaseView, Error> {
    view_knowing(state, caller, &sight.case, sight.shelter.as_ref()).await
}

/// How `case` looks to the caller, its `shelter` already read.
pub async fn view_knowing(
    state: &AppState,
    caller: &AuthUser,
    case: &case::Model,
    shelter: Option<&organization::Model>,
) -> Result<CaseView, Error> {
    let names = Names::load_knowing(
        &state.db,
        std::slice::from_ref(case),
        shelter.map(std::slice::from_ref).unwrap_or_default(),
    )
    .await?;
    view_named(state, caller, case, &names)
}

/// How `case` looks to the caller, with the names it refers to.
fn view_named(
    state: &AppState,
    caller: &AuthUser,
    case: &case::Model,
    names: &Names,
) -> Result<CaseView, Error> {
    case_view(
        case,
        names,
        caller,
        state.today(),
        state.settings.utc_offset(),
        &state.settings.alerts,
    )
    .ok_or(Error::NotFound)
}

/// What a case list asks for.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// By state of the workflow.
    pub status: Option<Status>,
    /// By federal entity of the domicile.
    pub state: Option<MexicanState>,
    /// By law firm.
    pub firm: Option<Uuid>,
    /// By lawyer.
    pub lawyer: Option<Uuid>,
    /// By deadline alert (only cases whose alerts the caller may see).
    pub alert: Option<Alert>,
    /// Text in the reference or the first proposed name.
    pub q: Option<String>,
    /// Only cases waiting in their current state at least this many days.
    pub waiting_days: Option<i64>,
    /// The order.
    pub order: Order,
    /// Page size, 1 to [`super::MAX_PAGE`].
    pub limit: u64,
    /// The `next_cursor` of the page before.
    pub cursor: Option<String>,
}

/// The cases `caller` may see that pass `query`, one page of them in its order, with how many
/// pass in all (unless an alert filter decides case by case).
pub async fn list(
    state: &AppState,
    caller: &AuthUser,
    query: CaseQuery,
) -> Result<Listing<CaseView>, Error> {
    let limit = super::page_size(query.limit)?;
    if query
        .waiting_days
        .is_some_and(|days| !(0..=3650).contains(&days))
    {
        return Err(Error::field("waiting", "invalid_value"));
    }
    let after = super::cursor(query.cursor.as_deref())?;
    let now = state.now();
    let mut filter = Filter {
        status: query.status,
        state: query.state.map(|s| s.code().to_owned()),
        firm: query.firm,
        lawyer: query.lawyer,
        q: query.q,
        // Waiting `days` whole days: in the state since `days` times 24 hours ago or earlier.
        waiting_since: query.waiting_days.map(|days| now - Duration::days(days)),
        order: query.order,
        after,
        // A list shows a summary of each intake.
        without_intake: false,
    };
    let scope = Scope::of(caller.role, caller.id, caller.organization);
    let total = match query.alert {
        Some(_) => None,
        None => Some(cases::count(&state.db, scope, &filter).await?),
    };
    let today = state.today();
    let offset = state.settings.utc_offset();
    let mut items = Vec::new();
    let mut next_cursor = None;
    // With an alert filter, pages are read until enough cases carry the alert.
    loop {
        let (batch, more) = cases::list(&state.db, scope, &filter, limit).await?;
        let names = Names::load(&state.db, &batch).await?;
        for (index, case) in batch.iter().enumerate() {
            if let Some(alert) = query.alert
                && !(sees_alerts(case, caller)
                    && case_alerts(case, today, offset, &state.settings.alerts).contains(&alert))
            {
                continue;
            }
            if let Some(mut view) =
                case_view(case, &names, caller, today, offset, &state.settings.alerts)
            {
                // The parties' names are for the one case a lawyer considers claiming, not for
                // a list of every open request.
                view.conflict_parties.clear();
                items.push(view);
            }
            if items.len() as u64 == limit {
                if more || index + 1 < batch.len() {
                    next_cursor = Some(cases::cursor_of(case, filter.order).encode());
                }
                return Ok(Listing {
                    items,
                    next_cursor,
                    total,
                });
            }
        }
        match batch.last() {
            Some(last) if more => filter.after = Some(cases::cursor_of(last, filter.order)),
            _ => break,
        }
    }
    Ok(Listing {
        items,
        next_cursor,
        total,
    })
}
