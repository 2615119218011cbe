//! Notifications by e-mail. What happens to a case is written to the outbox in the same
//! transaction as the event ([`crate::service::repo::outbox`]), one message per person, in that person's
//! language; the daily digests and deadline warnings are written by [`digests`]; a worker inside
//! `puente serve` ([`worker`]) delivers them over SMTP from the templates in `templates/email/`
//! ([`templates`]).
//!
//! E-mails carry as little as they can: a case's reference and proposed name, where it stands,
//! and a link to Puente; never an associate's data, a comment's text or a document.

pub mod digests;
pub mod error;
pub mod templates;
pub mod worker;

pub use error::MailError;
use puente_workflow::{Effect, EventKind, Role, Status, Transition};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::entity::case;
use crate::service::repo::outbox::{Message, To};

/// A kind of notification, stored as the outbox row's `kind`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    sea_orm::EnumIter,
    sea_orm::DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Notice {
    /// To a shelter: its case moved on.
    #[sea_orm(string_value = "case_status")]
    CaseStatus,
    /// To a shelter: its case waits for it (information asked, a draft to review).
    #[sea_orm(string_value = "action_needed")]
    ActionNeeded,
    /// To the shelter's staff and the lawyer: someone commented on the case.
    #[sea_orm(string_value = "comment")]
    Comment,
    /// To a lawyer: a manager assigned them a case.
    #[sea_orm(string_value = "case_assigned")]
    CaseAssigned,
    /// To the lawyer: the shelter approved the draft bylaws or asked for changes.
    #[sea_orm(string_value = "draft_reviewed")]
    DraftReviewed,
    /// To managers: a request arrived for screening.
    #[sea_orm(string_value = "new_submission")]
    NewSubmission,
    /// To managers, daily: the cases with deadline alerts.
    #[sea_orm(string_value = "alerts_digest")]
    AlertsDigest,
    /// To lawyers with room for more cases, daily: requests newly open for claiming.
    #[sea_orm(string_value = "open_requests_digest")]
    OpenRequestsDigest,
    /// To the lawyer: the name authorization of their case lapses soon, or lapsed.
    #[sea_orm(string_value = "name_authorization_lapsing")]
    NameAuthorizationLapsing,
    /// To a shelter that just registered: the link that confirms its e-mail address.
    #[sea_orm(string_value = "confirm_email")]
    ConfirmEmail,
    /// To the owner of an address someone tried to register again: it is already an account.
    #[sea_orm(string_value = "registration_attempt")]
    RegistrationAttempt,
    /// To a person who forgot their password (or whose admin asked for them): the link that
    /// sets a new one.
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
    /// To a colleague a shelter's staff invited: the link that sets their first password.
    #[sea_orm(string_value = "invitation")]
    Invitation,
    /// To managers: a shelter registered itself and waits to be verified.
    #[sea_orm(string_value = "shelter_registered")]
    ShelterRegistered,
    /// To a shelter that confirmed its address: what Puente is and what comes next.
    #[sea_orm(string_value = "welcome")]
    Welcome,
}

impl Notice {
    /// Every kind.
    pub const ALL: [Notice; 15] = [
        Notice::CaseStatus,
        Notice::ActionNeeded,
        Notice::Comment,
        Notice::CaseAssigned,
        Notice::DraftReviewed,
        Notice::NewSubmission,
        Notice::AlertsDigest,
        Notice::OpenRequestsDigest,
        Notice::NameAuthorizationLapsing,
        Notice::ConfirmEmail,
        Notice::RegistrationAttempt,
        Notice::PasswordReset,
        Notice::Invitation,
        Notice::ShelterRegistered,
        Notice::Welcome,
    ];

    /// The wire name (and the template's file name).
    pub fn as_str(self) -> &'static str {
        match self {
            Notice::CaseStatus => "case_status",
            Notice::ActionNeeded => "action_needed",
            Notice::Comment => "comment",
            Notice::CaseAssigned => "case_assigned",
            Notice::DraftReviewed => "draft_reviewed",
            Notice::NewSubmission => "new_submission",
            Notice::AlertsDigest => "alerts_digest",
            Notice::OpenRequestsDigest => "open_requests_digest",
            Notice::NameAuthorizationLapsing => "name_authorization_lapsing",
            Notice::ConfirmEmail => "confirm_email",
            Notice::RegistrationAttempt => "registration_attempt",
            Notice::PasswordReset => "password_reset",
            Notice::Invitation => "invitation",
            Notice::ShelterRegistered => "shelter_registered",
            Notice::Welcome => "welcome",
        }
    }

    /// Who receives it (see [`for_transition`], [`for_comment`] and the digests): what
    /// «Mi cuenta» lists for each role.
    pub fn audience(self) -> &'static [Role] {
        match self {
            Notice::CaseStatus | Notice::ActionNeeded => &[Role::Shelter],
            Notice::Comment => &[Role::Shelter, Role::Lawyer],
            Notice::CaseAssigned
            | Notice::DraftReviewed
            | Notice::OpenRequestsDigest
            | Notice::NameAuthorizationLapsing => &[Role::Lawyer],
            Notice::NewSubmission | Notice::AlertsDigest | Notice::ShelterRegistered => {
                &[Role::Manager]
            }
            Notice::ConfirmEmail
            | Notice::RegistrationAttempt
            | Notice::Invitation
            | Notice::Welcome => &[Role::Shelter],
            Notice::PasswordReset => &[Role::Shelter, Role::Lawyer, Role::Manager],
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Notice> {
        Notice::ALL.into_iter().find(|n| n.as_str() == name)
    }

    /// Whether a person must receive it: it asks them to act, or warns of a legal deadline.
    /// The others can be turned off.
    pub fn essential(self) -> bool {
        matches!(
            self,
            Notice::ActionNeeded
                | Notice::CaseAssigned
                | Notice::DraftReviewed
                | Notice::NameAuthorizationLapsing
                | Notice::ConfirmEmail
                | Notice::RegistrationAttempt
                | Notice::PasswordReset
                | Notice::Invitation
                | Notice::Welcome
        )
    }
}

/// What a case's messages say of it.
fn about(case: &case::Model) -> serde_json::Value {
    json!({"case_id": case.id, "reference": case.reference, "title": case.title})
}

/// The states in which a case waits for its shelter.
fn waits_for_shelter(state: Status) -> bool {
    matches!(state, Status::NeedsInfo | Status::ShelterReview)
}

/// Who hears of a transition: the shelter's staff whenever the case moves on (told to act
/// when it waits for them), managers of each new submission, a lawyer a manager assigns, and
/// the lawyer holding the case when the shelter reviews the draft. The person who acted is not
/// told of their own act.
pub fn for_transition(case: &case::Model, transition: &Transition, actor: Uuid) -> Vec<Message> {
    let mut payload = about(case);
    payload["event"] = json!(transition.event.kind);
    payload["from"] = json!(transition.from.state);
    payload["to"] = json!(transition.to.state);
    let message = |notice: Notice, to: To| Message {
        notice,
        case: Some(case.id),
        to,
        payload: payload.clone(),
        except: Some(actor),
        dedupe: None,
    };
    let mut messages = Vec::new();
    if transition.from.state != transition.to.state {
        let notice = if waits_for_shelter(transition.to.state) {
            Notice::ActionNeeded
        } else {
            Notice::CaseStatus
        };
        messages.push(message(notice, To::ShelterStaff(case.shelter_id)));
    }
    match transition.event.kind {
        EventKind::Submit => messages.push(message(Notice::NewSubmission, To::Managers)),
        EventKind::Assign | EventKind::Reassign => {
            for effect in &transition.effects {
                if let Effect::Assign(assignment) = effect {
                    messages.push(message(Notice::CaseAssigned, To::User(assignment.lawyer.0)));
                }
            }
        }
        EventKind::ApproveDraft | EventKind::RequestChanges => {
            if let Some(lawyer) = case.lawyer_id {
                messages.push(message(Notice::DraftReviewed, To::User(lawyer)));
            }
        }
        _ => {}
    }
    messages
}

/// Who hears of a comment: the shelter's staff and the lawyer holding the case, not its author.
pub fn for_comment(case: &case::Model, author: Uuid) -> Vec<Message> {
    let to = std::iter::once(To::ShelterStaff(case.shelter_id))
        .chain(case.lawyer_id.map(To::User))
        .collect::<Vec<_>>();
    to.into_iter()
        .map(|to| Message {
            notice: Notice::Comment,
            case: Some(case.id),
            to,
            payload: about(case),
            except: Some(author),
            dedupe: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every notice a transition or a comment sends goes to a role its audience names.
    #[test]
    fn each_notice_reaches_only_the_roles_its_audience_names() {
        use puente_workflow::{Assignment, CaseState, Event, OrgId, Status, UserId};
        let lawyer = Uuid::from_u128(7);
        let now = time::OffsetDateTime::UNIX_EPOCH;
        let case = case::Model {
            id: Uuid::nil(),
            reference: "PUE-2026-000001".into(),
            status: Status::Draft,
            held_from: None,
            version: 1,
            shelter_id: Uuid::from_u128(1),
            lawyer_id: Some(lawyer),
            firm_id: None,
            domicile_state: None,
            title: String::new(),
            intake: json!({}),
            name_authorization: None,
            deed: None,
            folio: None,
            filing: None,
            lisr_fractions: None,
            milestones: None,
            notary: None,
            rfc: None,
            history_head: String::new(),
            history_length: 1,
            created_at: now,
            updated_at: now,
            status_changed_at: now,
            last_activity_at: now,
        };
        let role_of = |to: &To| match to {
            To::ShelterStaff(_) => Role::Shelter,
            To::Managers => Role::Manager,
            To::User(id) if *id == lawyer => Role::Lawyer,
            other => panic!("unexpected recipient {other:?}"),
        };
        let mut sent = for_comment(&case, Uuid::nil());
        for kind in puente_workflow::EventKind::ALL {
            for to in [Status::Submitted, Status::NeedsInfo, Status::Notary] {
                let transition = Transition {
                    event: Event::bare(kind),
                    from: CaseState::at(Status::Draft),
                    to: CaseState::at(to),
                    effects: vec![Effect::Assign(Assignment {
                        lawyer: UserId(lawyer),
                        firm: OrgId(Uuid::nil()),
                    })],
                };
                sent.extend(for_transition(&case, &transition, Uuid::nil()));
            }
        }
        for message in &sent {
            let role = role_of(&message.to);
            assert!(
                message.notice.audience().contains(&role),
                "{:?} reaches a {role:?}",
                message.notice
            );
        }
    }

    #[test]
    fn names_round_trip_and_only_the_non_essential_can_be_turned_off() {
        for notice in Notice::ALL {
            assert_eq!(Notice::parse(notice.as_str()), Some(notice));
            assert_eq!(
                serde_json::to_value(notice).ok(),
                Some(json!(notice.as_str()))
            );
        }
        let optional: Vec<&str> = Notice::ALL
            .iter()
            .filter(|n| !n.essential())
            .map(|n| n.as_str())
            .collect();
        assert_eq!(
            optional,
            [
                "case_status",
                "comment",
                "new_submission",
                "alerts_digest",
                "open_requests_digest",
                "shelter_registered"
            ]
        );
    }
}
