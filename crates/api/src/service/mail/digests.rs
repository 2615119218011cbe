//! The daily messages: managers' digest of the cases with deadline alerts, each lawyer's
//! digest of the requests newly open for claiming (those in their preferred states first; none
//! for a lawyer already at capacity), and the warnings to a lawyer whose case's name
//! authorization is about to lapse or has lapsed.
//!
//! Each is queued with a de-duplication key (the day, or the deadline and its stage), so running
//! this again the same day, on this server or another, queues nothing more.

use std::collections::HashMap;

use puente_workflow::{Alert, Status};
use sea_orm::TransactionTrait;
use serde_json::json;
use time::{OffsetDateTime, Time};
use uuid::Uuid;

use super::Notice;
use crate::entity::case;
use crate::service::repo::cases::state_of;
use crate::service::repo::outbox::{self, Message, To};
use crate::service::views::{case_alerts, name_authorization};
use crate::state::AppState;

/// Days before a lapse when the lawyer is warned again, after the first warning.
const LAST_WARNING_DAYS: i64 = 7;

/// Queues the digests and warnings of `now`'s day; returns how many messages were queued.
pub async fn run(state: &AppState, now: OffsetDateTime) -> Result<u64, sea_orm::DbErr> {
    let offset = state.settings.utc_offset();
    let local = now.to_offset(offset);
    let today = local.date();
    let hour = Time::from_hms(state.settings.digest_hour, 0, 0).unwrap_or(Time::MIDNIGHT);
    // The digest covers the day up to this morning's digest hour.
    let moment = today.with_time(hour).assume_offset(offset);
    let since = moment - time::Duration::days(1);

    // The caseload a page at a time: what the digests need of it is kept, not the whole of it.
    let mut alerted: Vec<(case::Model, Vec<Alert>)> = Vec::new();
    let mut newly_open: Vec<case::Model> = Vec::new();
    let mut held: HashMap<Uuid, u64> = HashMap::new();
    let mut after = None;
    loop {
        let page = crate::service::repo::cases::page_by_creation(&state.db, after, 500).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some((last.created_at, last.id));
        for c in page {
            let at = state_of(&c).state;
            if let Some(lawyer) = c
                .lawyer_id
                .filter(|_| crate::service::reports::caseload::holds(at))
            {
                *held.entry(lawyer).or_default() += 1;
            }
            let alerts = case_alerts(&c, today, offset, &state.settings.alerts);
            let opened =
                at == Status::Open && c.status_changed_at >= since && c.status_changed_at < moment;
            if opened {
                newly_open.push(c.clone());
            }
            if !alerts.is_empty() {
                alerted.push((c, alerts));
            }
        }
    }
    let mut messages = Vec::new();
    if !alerted.is_empty() {
        let listed: Vec<_> = alerted
            .iter()
            .map(|(c, alerts)| {
                json!({"reference": c.reference, "title": c.title, "status": state_of(c).state,
                       "alerts": alerts.iter().map(|a| a.as_str()).collect::<Vec<_>>()})
            })
            .collect();
        messages.push(Message {
            notice: Notice::AlertsDigest,
            case: None,
            to: To::Managers,
            payload: json!({"day": today.to_string(), "cases": listed}),
            except: None,
            dedupe: Some(format!("alerts_digest:{today}")),
        });
    }

    // The lawyer of each case whose name authorization lapses soon: at the first warning, a
    // week before, and once lapsed.
    for (case, alerts) in &alerted {
        let (Some(lawyer), Some(authorization)) = (case.lawyer_id, name_authorization(case)) else {
            continue;
        };
        let days_left = (authorization.expires_on - today).whole_days();
        let stage = if alerts.contains(&Alert::NameAuthorizationLapsed) {
            "lapsed"
        } else if !alerts.contains(&Alert::NameAuthorizationLapsing) {
            continue;
        } else if days_left <= LAST_WARNING_DAYS {
            "last"
        } else {
            "first"
        };
        messages.push(Message {
            notice: Notice::NameAuthorizationLapsing,
            case: Some(case.id),
            to: To::User(lawyer),
            payload: json!({"case_id": case.id, "reference": case.reference, "title": case.title,
                            "expires_on": authorization.expires_on.to_string(), "days_left": days_left}),
            except: None,
            dedupe: Some(format!(
                "name_authorization_lapsing:{}:{}:{stage}",
                case.id, authorization.expires_on
            )),
        });
    }

    // Lawyers with room: the requests that opened since yesterday's digest.
    if !newly_open.is_empty() {
        let lawyers = crate::service::repo::users::active_lawyers(&state.db).await?;
        for lawyer in lawyers {
            let capacity = u64::from(lawyer.capacity(state.settings.lawyer_capacity));
            if held.get(&lawyer.id).copied().unwrap_or(0) >= capacity {
                continue;
            }
            let preferred: Vec<String> =
                serde_json::from_value(lawyer.preferred_states.clone()).unwrap_or_default();
            let mut listed: Vec<(bool, &case::Model)> = newly_open
                .iter()
                .map(|c| {
                    let state = c.domicile_state.clone().unwrap_or_default();
                    (preferred.contains(&state), c)
                })
                .collect();
            // Preferred states first; within each, the longest waiting first.
            listed.sort_by_key(|(preferred, c)| (!preferred, c.status_changed_at));
            let listed: Vec<_> = listed
                .iter()
                .map(|(preferred, c)| {
                    json!({"reference": c.reference, "state": c.domicile_state,
                           "preferred": preferred,
                           "waiting_days": (today - c.status_changed_at.to_offset(offset).date()).whole_days()})
                })
                .collect();
            messages.push(Message {
                notice: Notice::OpenRequestsDigest,
                case: None,
                to: To::User(lawyer.id),
                payload: json!({"day": today.to_string(), "cases": listed}),
                except: None,
                dedupe: Some(format!("open_requests_digest:{today}")),
            });
        }
    }

    let txn = state.db.begin().await?;
    let mut queued = 0;
    for message in messages {
        queued += outbox::enqueue(&txn, message, now).await?;
    }
    txn.commit().await?;
    Ok(queued)
}
