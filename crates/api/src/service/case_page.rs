//! Everything the case page shows, read at once: the case as the caller sees it, the events
//! they may fire, and for those who see the whole case its history, documents, comments and
//! hours; for a manager, the lawyers it may be assigned to. The case and its shelter are read
//! once for the visibility rule, the workflow's facts and the names on the case, the documents
//! once for the facts and the list; the other names come in one query per table (counted in
//! `tests/case_page.rs`).

use uuid::Uuid;

use puente_workflow::{Role, Visibility};

use super::Error;
use super::activity::{self, CommentView, HistoryEntry, HoursView};
use super::documents::{self, DocumentSeries};
use super::transitions::{Offers, offers_of};
use crate::entity::user;
use crate::service::auth::AuthUser;
use crate::service::repo::documents as rows;
use crate::service::views::{CaseView, facts_with};
use crate::state::AppState;

/// What happened around a case, for those who see it whole.
#[derive(Debug, Clone)]
pub struct Record {
    /// Every event, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The documents, as series of versions.
    pub documents: Vec<DocumentSeries>,
    /// The comments, oldest first.
    pub comments: Vec<CommentView>,
    /// The logged hours.
    pub hours: Vec<HoursView>,
}

/// The case page's facts.
#[derive(Debug, Clone)]
pub struct CasePage {
    /// The case, with what the caller may do with it.
    pub case: CaseView,
    /// The events the caller may fire now.
    pub offers: Offers,
    /// Its record, when the caller sees the whole case.
    pub record: Option<Record>,
    /// The lawyers a manager may assign it to (none for anyone else).
    pub lawyers: Vec<user::Model>,
    /// To a lawyer who may claim it: the cases they hold now and how many they said they can.
    pub load: Option<Load>,
}

/// A lawyer's cases against their capacity.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// The cases they hold now (in a lawyer's stage or on hold).
    pub held: u64,
    /// How many they take at once (their own figure, or the program's).
    pub capacity: u64,
}

impl Load {
    /// Whether one more case goes beyond the capacity.
    pub fn full(self) -> bool {
        self.held >= self.capacity
    }
}

/// The caller's load, read only for a lawyer offered `claim`.
async fn load_of(
    state: &AppState,
    caller: &AuthUser,
    offers: &Offers,
) -> Result<Option<Load>, Error> {
    let claims = offers
        .items
        .iter()
        .any(|offer| offer.event == puente_workflow::EventKind::Claim);
    if caller.role != Role::Lawyer || !claims {
        return Ok(None);
    }
    let default = state.settings.lawyer_capacity;
    let capacity = crate::service::repo::users::find(&state.db, caller.id)
        .await?
        .map_or(default, |lawyer| lawyer.capacity(default));
    let capacity = u64::from(capacity);
    let holding: Vec<puente_workflow::Status> = puente_workflow::Status::ALL
        .into_iter()
        .filter(|status| crate::service::reports::caseload::holds(*status))
        .collect();
    let held = crate::service::repo::cases::held_by(&state.db, caller.id, holding).await?;
    Ok(Some(Load { held, capacity }))
}

/// The case page of case `id` for the caller.
pub async fn page(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<CasePage, Error> {
    let sight = super::cases::visible(state, caller, id).await?;
    let case = &sight.case;
    let view = super::cases::view_of(state, caller, &sight).await?;
    let stored = rows::of_case(&state.db, case.id).await?;
    let facts = facts_with(&state.db, case, sight.shelter.as_ref(), &stored).await?;
    let offers = offers_of(case, &caller.actor(), &facts, caller.lang);
    // The record is the whole case's: not for a summary, nor while personal data is blocked.
    let record = if sight.visibility == Visibility::Full && view.personal_data {
        Some(Record {
            history: activity::history_of(state, case).await?,
            documents: documents::series(&stored),
            comments: activity::comments_of(state, case).await?,
            hours: activity::hours_of(state, case).await?,
        })
    } else {
        None
    };
    let lawyers = if caller.role == Role::Manager {
        super::accounts::lawyers_to_assign(state, caller).await?
    } else {
        Vec::new()
    };
    let load = load_of(state, caller, &offers).await?;
    Ok(CasePage {
        case: view,
        offers,
        record,
        lawyers,
        load,
    })
}
