//! What happens around a case: its history, comments and logged hours.

use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use puente_workflow::text::{self, Lines};
use puente_workflow::{FieldError, Role, Status};

use super::Error;
use crate::entity::{case, case_event, comment, hours as hours_entity, user};
use crate::service::auth::AuthUser;
use crate::service::repo::{cases, comments, history, hours, outbox, users};
use crate::service::views::rfc3339;
use crate::state::AppState;

/// Who recorded an event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActorRef {
    /// The user.
    pub id: Uuid,
    /// Their role then.
    pub role: Option<Role>,
}

/// One event of a case's history, with the hashes that chain it to the one before.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// Id.
    pub id: Uuid,
    /// 1, 2, 3… within the case.
    pub seq: i32,
    /// A workflow event, `created` or `intake_updated`.
    pub event: String,
    /// The event's data.
    #[schema(value_type = Object)]
    pub data: Value,
    /// Who recorded it (none for Puente itself).
    pub actor: Option<ActorRef>,
    /// The state before.
    pub state_before: Status,
    /// The state after.
    pub state_after: Status,
    /// While on hold after it: the state it was held from.
    pub held_from: Option<Status>,
    /// When (RFC 3339).
    #[schema(format = DateTime)]
    pub at: String,
    /// The hash of the event before (the chain).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

impl HistoryEntry {
    /// What the person who recorded it wrote: the message of a request, the reason of a
    /// refusal or a pause.
    pub fn note(&self) -> Option<&str> {
        ["message", "reason"]
            .into_iter()
            .find_map(|key| self.data.get(key).and_then(Value::as_str))
    }
}

impl From<case_event::Model> for HistoryEntry {
    fn from(e: case_event::Model) -> HistoryEntry {
        HistoryEntry {
            id: e.id,
            seq: e.seq,
            event: e.event,
            data: e.data,
            actor: e.actor_id.map(|id| ActorRef {
                id,
                role: e.actor_role,
            }),
            state_before: e.state_before,
            state_after: e.state_after,
            held_from: e.held_from_after,
            at: rfc3339(e.created_at),
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// A new comment.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    /// The text, 1 to 4000 characters: not only spaces, and line breaks the only control
    /// characters.
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*[^\s\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069][^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069]*$"
    )]
    pub body: String,
}

/// A comment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentView {
    /// Id.
    pub id: Uuid,
    /// The author.
    pub author_id: Uuid,
    /// The author's name, as the account has it now.
    pub author_name: String,
    /// The author's role (`shelter`, `lawyer`, `manager`).
    pub author_role: String,
    /// The text.
    pub body: String,
    /// Written (RFC 3339).
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl CommentView {
    fn of(c: comment::Model, author: Option<&user::Model>) -> CommentView {
        CommentView {
            id: c.id,
            author_id: c.author_id,
            author_name: author.map(|a| a.name.clone()).unwrap_or_default(),
            author_role: author
                .map(|a| a.role.as_str().to_owned())
                .unwrap_or_default(),
            body: c.body,
            created_at: rfc3339(c.created_at),
        }
    }
}

/// Time to log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHours {
    /// The day worked, `YYYY-MM-DD`, not in the future.
    pub date: String,
    /// Hours, in quarters: 0.25 to 24.
    pub hours: f64,
    /// What was done.
    pub description: String,
}

/// Logged pro bono time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoursView {
    /// Id.
    pub id: Uuid,
    /// The lawyer who worked.
    pub lawyer_id: Uuid,
    /// Their firm.
    pub firm_id: Uuid,
    /// The day worked, `YYYY-MM-DD`.
    pub date: String,
    /// Hours, in quarters.
    pub hours: f64,
    /// What was done.
    pub description: String,
    /// Logged (RFC 3339).
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<&hours_entity::Model> for HoursView {
    fn from(h: &hours_entity::Model) -> HoursView {
        HoursView {
            id: h.id,
            lawyer_id: h.lawyer_id,
            firm_id: h.firm_id,
            date: h.worked_on.to_string(),
            hours: f64::from(h.minutes) / 60.0,
            description: h.description.clone(),
            created_at: rfc3339(h.created_at),
        }
    }
}

/// Every recorded event of case `id`, oldest first.
pub async fn history(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<Vec<HistoryEntry>, Error> {
    let case = super::cases::full(state, caller, id).await?;
    history_of(state, &case).await
}

/// Every recorded event of a case the caller sees whole.
pub(super) async fn history_of(
    state: &AppState,
    case: &case::Model,
) -> Result<Vec<HistoryEntry>, Error> {
    Ok(history::of_case(&state.db, case.id)
        .await?
        .into_iter()
        .map(HistoryEntry::from)
        .collect())
}

/// The comments of case `id`, oldest first.
pub async fn comments(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
) -> Result<Vec<CommentView>, Error> {
    let case = super::cases::full(state, caller, id).await?;
    comments_of(state, &case).await
}

/// The comments of a case the caller sees whole, with their authors read in one query.
pub(super) async fn comments_of(
    state: &AppState,
    case: &case::Model,
) -> Result<Vec<CommentView>, Error> {
    let listed = comments::of_case(&state.db, case.id).await?;
    let mut ids: Vec<Uuid> = listed.iter().map(|c| c.author_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let authors = if ids.is_empty() {
        Vec::new()
    } else {
        users::by_ids(&state.db, &ids).await?
    };
    Ok(listed
        .into_iter()
        .map(|c| {
            let author = authors.iter().find(|a| a.id == c.author_id);
            CommentView::of(c, author)
        })
        .collect())
}

/// Adds a comment to case `id` (anyone who sees the whole case).
pub async fn add_comment(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    body: &str,
) -> Result<CommentView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    // A comment may run over several lines; nothing else invisible.
    if let Some(problem) = text::check("body", body, Lines::Many) {
        return Err(Error::Invalid(vec![problem]));
    }
    let text = body.trim();
    if text.is_empty() {
        return Err(Error::field("body", "required"));
    }
    if text.chars().count() > 4000 {
        return Err(Error::Invalid(vec![
            FieldError::new("body", "too_long").with("max", 4000),
        ]));
    }
    let at = state.now();
    let txn = state.db.begin().await?;
    let comment = comments::add(&txn, case.id, caller.id, text, at).await?;
    cases::touch(&txn, case.id, at).await?;
    for message in crate::service::mail::for_comment(&case, caller.id) {
        outbox::enqueue(&txn, message, at).await?;
    }
    txn.commit().await?;
    let author = users::find(&state.db, caller.id).await?;
    Ok(CommentView::of(comment, author.as_ref()))
}

/// The time logged on case `id`.
pub async fn hours(state: &AppState, caller: &AuthUser, id: Uuid) -> Result<Vec<HoursView>, Error> {
    let case = super::cases::full(state, caller, id).await?;
    hours_of(state, &case).await
}

/// The time logged on a case the caller sees whole.
pub(super) async fn hours_of(
    state: &AppState,
    case: &case::Model,
) -> Result<Vec<HoursView>, Error> {
    Ok(hours::of_case(&state.db, case.id)
        .await?
        .iter()
        .map(HoursView::from)
        .collect())
}

/// Logs pro bono time on case `id` (its assigned lawyer).
pub async fn log_hours(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    input: &NewHours,
) -> Result<HoursView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    if caller.role != Role::Lawyer || case.lawyer_id != Some(caller.id) {
        return Err(Error::Forbidden);
    }
    let (date, minutes, description) = super::hours_log::checked(state, input)?;
    let logged = hours::log(
        &state.db,
        hours::NewHours {
            case: case.id,
            lawyer: caller.id,
            firm: caller.organization,
            worked_on: date,
            minutes,
            description: &description,
            at: state.now(),
        },
    )
    .await?;
    cases::touch(&state.db, case.id, logged.created_at).await?;
    Ok(HoursView::from(&logged))
}
