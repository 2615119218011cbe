//! Deciding whether an event applies: `apply` and `available`, both read from the table.

use serde::Serialize;
use time::Date;

use crate::event::{Event, EventData, EventKind, Field};
use crate::facts::{Assignment, Deed, Facts, Filing, NameAuthorization, Visibility, visibility};
use crate::intake::{IntakeSection, Rfc};
use crate::requirement::{Missing, Requirement};
use crate::role::{Actor, Party, Role};
use crate::state::CaseState;
use crate::table::{EventSpec, TABLE, spec};

/// Why an event was refused. Each maps to one HTTP answer of the transition endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The actor may not see the case at all (404: never reveal it exists).
    NotVisible,
    /// The actor sees the case but may not fire this event (403).
    NotAllowed,
    /// The event does not apply in the case's current state (409).
    InvalidState {
        /// Where the case stands.
        current: CaseState,
    },
    /// Requirements are unmet (422), listed by stable code.
    Unmet(Vec<Missing>),
}

/// A change to the case that comes with a transition, besides its new state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// The case is now claimed by or assigned to this lawyer.
    Assign(Assignment),
    /// The case no longer has a lawyer.
    Unassign,
    /// The name authorization to keep on the case.
    NameAuthorization(NameAuthorization),
    /// The name authorization on record no longer counts: a new one is being requested.
    NameAuthorizationVoid,
    /// The signed deed's particulars.
    Deed(Deed),
    /// The inscription in the registry.
    Filing(Filing),
    /// The new association's RFC.
    Rfc(Rfc),
}

/// An event that applies: where the case goes and what to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    /// Where the case stood.
    pub from: CaseState,
    /// Where it stands now.
    pub to: CaseState,
    /// The event with its data, to record in the history.
    pub event: Event,
    /// Changes to the case besides its state.
    pub effects: Vec<Effect>,
}

/// Fires `event` on a case standing at `at`. Checks, in this order: that the actor may see the
/// case, may fire the event, that the event applies in this state, and that every requirement is
/// met; `today` is the program's current date (no clock is read here).
pub fn apply(
    at: CaseState,
    event: &Event,
    actor: &Actor,
    facts: &Facts,
    today: Date,
) -> Result<Transition, Rejection> {
    let row = spec(event.kind);
    if visibility(at, actor, facts) == Visibility::Hidden {
        // A lawyer who saw the request on the open board and lost the race to claim it learns
        // that it was taken (409), and nothing else about it.
        if event.kind == EventKind::Claim && actor.role == Role::Lawyer && at.state.is_taken() {
            return Err(Rejection::InvalidState { current: at });
        }
        return Err(Rejection::NotVisible);
    }
    if !may_fire(row, actor, facts) {
        return Err(Rejection::NotAllowed);
    }
    if !row.applies_in(at) {
        return Err(Rejection::InvalidState { current: at });
    }
    let missing = unmet(row, &event.data, facts, today, true);
    if !missing.is_empty() {
        return Err(Rejection::Unmet(missing));
    }
    Ok(Transition {
        from: at,
        to: row.target(at),
        event: event.clone(),
        effects: effects(event, actor, facts),
    })
}

/// An event the actor may fire now, with what is still missing for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Available {
    /// The event.
    pub event: EventKind,
    /// Requirements the case's facts do not meet yet (documents, intake, verification).
    pub missing: Vec<Missing>,
    /// The data the event needs from whoever fires it.
    pub needs: Vec<Field>,
    /// Data it accepts without needing it.
    pub accepts: Vec<Field>,
}

/// The events `actor` may fire on a case standing at `at`, each with its unmet requirements.
/// Requirements on the event's own data are listed in `needs`, not in `missing`.
pub fn available(at: CaseState, actor: &Actor, facts: &Facts) -> Vec<Available> {
    if visibility(at, actor, facts) == Visibility::Hidden {
        return Vec::new();
    }
    TABLE
        .iter()
        .filter(|row| may_fire(row, actor, facts) && row.applies_in(at))
        .map(|row| {
            let needs: Vec<Field> = row.required_fields().collect();
            Available {
                event: row.kind,
                // The date only matters for data requirements, which are left out here.
                missing: unmet(row, &EventData::default(), facts, Date::MIN, false),
                accepts: row
                    .accepted_fields()
                    .into_iter()
                    .filter(|field| !needs.contains(field))
                    .collect(),
                needs,
            }
        })
        .collect()
}

/// Whether `actor` belongs to one of the parties allowed to fire the row's event.
fn may_fire(row: &EventSpec, actor: &Actor, facts: &Facts) -> bool {
    row.who.iter().any(|party| match party {
        Party::OwningShelter => actor.role == Role::Shelter && actor.organization == facts.shelter,
        Party::AnyLawyer => actor.role == Role::Lawyer,
        Party::AssignedLawyer => facts.is_assigned(actor),
        Party::Manager => actor.role == Role::Manager,
    })
}

/// The unmet requirements of a row, in table order; with `with_data` false, only those the
/// case's facts decide.
fn unmet(
    row: &EventSpec,
    data: &EventData,
    facts: &Facts,
    today: Date,
    with_data: bool,
) -> Vec<Missing> {
    let mut missing = Vec::new();
    for requirement in row.requires {
        if requirement.needs_event_data() && !with_data {
            continue;
        }
        check(*requirement, data, facts, today, &mut missing);
    }
    missing.dedup();
    missing
}

fn check(
    requirement: Requirement,
    data: &EventData,
    facts: &Facts,
    today: Date,
    missing: &mut Vec<Missing>,
) {
    let mut need = |ok: bool, item: Missing| {
        if !ok {
            missing.push(item);
        }
    };
    match requirement {
        Requirement::IntakeComplete => facts
            .intake_gaps
            .iter()
            .filter(|section| {
                !matches!(
                    section,
                    IntakeSection::PrivacyConsent | IntakeSection::AssociatesConsent
                )
            })
            .for_each(|section| need(false, Missing::Intake(*section))),
        Requirement::AssociatesConsent => need(
            !facts
                .intake_gaps
                .contains(&IntakeSection::AssociatesConsent),
            Missing::Intake(IntakeSection::AssociatesConsent),
        ),
        Requirement::PrivacyConsent => need(
            !facts.intake_gaps.contains(&IntakeSection::PrivacyConsent),
            Missing::Intake(IntakeSection::PrivacyConsent),
        ),
        Requirement::ShelterVerified => need(facts.shelter_verified, Missing::ShelterVerified),
        Requirement::EmailConfirmed => need(
            facts.shelter_email_confirmed || facts.shelter_verified,
            Missing::EmailConfirmed,
        ),
        Requirement::Document(kind) => {
            need(facts.document_count(kind) > 0, Missing::Document(kind));
        }
        Requirement::FoundersParticulars => {
            for (index, particular) in &facts.missing_particulars {
                need(false, Missing::Particular(*index, *particular));
            }
        }
        Requirement::FounderTaxCertificateForEachResident => {
            let kind = crate::document::DocumentKind::FounderTaxCertificate;
            need(
                facts.document_count(kind) >= facts.residents,
                Missing::Document(kind),
            );
        }
        Requirement::FounderIdForEachAssociate => {
            let kind = crate::document::DocumentKind::FounderId;
            let count = facts.document_count(kind);
            need(
                count > 0 && count >= facts.associates,
                Missing::Document(kind),
            );
        }
        Requirement::Field(field) => need(data.has(field), Missing::Field(field)),
        Requirement::ConflictAttestation => {
            if data.has(Field::ConflictCheck) {
                need(
                    data.has(Field::ConflictCheckNoConflict),
                    Missing::Field(Field::ConflictCheckNoConflict),
                );
                need(
                    data.has(Field::ConflictCheckReference),
                    Missing::Field(Field::ConflictCheckReference),
                );
            } else {
                need(false, Missing::Field(Field::ConflictCheck));
            }
        }
        Requirement::ActiveLawyer => match data.lawyer_id {
            None => need(false, Missing::Field(Field::LawyerId)),
            Some(id) => need(
                facts
                    .named_lawyer
                    .is_some_and(|l| l.id == id && l.is_lawyer && l.active),
                Missing::ActiveLawyer,
            ),
        },
        Requirement::OtherLawyer => need(
            data.lawyer_id.is_none() || facts.assignment.map(|a| a.lawyer) != data.lawyer_id,
            Missing::OtherLawyer,
        ),
        Requirement::NotaryChosen => match (&facts.notary_number, &data.notary_number) {
            (None, _) => need(false, Missing::NotaryChosen),
            (Some(chosen), Some(given)) => need(same_number(chosen, given), Missing::NotaryNumber),
            (Some(_), None) => {}
        },
        Requirement::ApprovedByEachAssociate => {
            let listed = data.approved_by.clone().unwrap_or_default();
            for index in 0..facts.associates {
                need(listed.contains(&index), Missing::Approval(index));
            }
            for index in listed.range(facts.associates..) {
                need(false, Missing::UnknownAssociate(*index));
            }
        }
        Requirement::SignedWhileNameAuthorized => {
            if let Some(signed_on) = data.signed_on {
                let in_force = facts
                    .name_authorization
                    .as_ref()
                    .is_some_and(|authorization| authorization.in_force_on(signed_on));
                need(
                    in_force && signed_on <= today,
                    Missing::NameAuthorizationInForce,
                );
            }
        }
    }
}

/// Whether two notary numbers are the same number: "12", "012", "No. 12", "Núm. 12" and "Nº 12"
/// are; "12 Bis" is not "12".
fn same_number(a: &str, b: &str) -> bool {
    let number = |s: &str| -> String {
        let kept: String = s
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_uppercase();
        // What comes before the first digit is a word for "number".
        let from_digits = kept
            .find(|c: char| c.is_ascii_digit())
            .map_or("", |at| &kept[at..]);
        from_digits.trim_start_matches('0').to_owned()
    };
    number(a) == number(b)
}

/// The changes that come with an event that applies.
fn effects(event: &Event, actor: &Actor, facts: &Facts) -> Vec<Effect> {
    let data = &event.data;
    let named = |facts: &Facts| {
        facts.named_lawyer.map(|l| {
            Effect::Assign(Assignment {
                lawyer: l.id,
                firm: l.organization,
            })
        })
    };
    let effect = match event.kind {
        EventKind::Claim => Some(Effect::Assign(Assignment {
            lawyer: actor.user,
            firm: actor.organization,
        })),
        EventKind::Assign | EventKind::Reassign => named(facts),
        EventKind::Release => Some(Effect::Unassign),
        EventKind::NameAuthorized => match (&data.authorized_name, data.authorized_on) {
            (Some(name), Some(on)) => Some(Effect::NameAuthorization(
                NameAuthorization::granted(name.clone(), on).with_cud(data.cud.clone()),
            )),
            _ => None,
        },
        EventKind::RenewName => Some(Effect::NameAuthorizationVoid),
        EventKind::RecordSigning => {
            match (&data.notary_number, &data.deed_number, data.signed_on) {
                (Some(notary_number), Some(deed_number), Some(signed_on)) => {
                    Some(Effect::Deed(Deed {
                        notary_number: notary_number.clone(),
                        deed_number: deed_number.clone(),
                        volume: data.volume.clone(),
                        signed_on,
                        aviso_de_uso_on: data.aviso_de_uso_on,
                    }))
                }
                _ => None,
            }
        }
        EventKind::RecordFiling => match (&data.folio, &data.registry_office, data.inscribed_on) {
            (Some(folio), Some(office), Some(inscribed_on)) => Some(Effect::Filing(Filing {
                folio: folio.clone(),
                registry_office: office.clone(),
                inscribed_on,
            })),
            _ => None,
        },
        EventKind::Close => data.rfc.clone().map(Effect::Rfc),
        _ => None,
    };
    effect.into_iter().collect()
}
