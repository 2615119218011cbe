//! Property tests: random sequences of events, fired by random people with random data while
//! documents come and go, never break the workflow's invariants.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

mod common;

use common::*;
use proptest::prelude::*;
use puente_workflow::*;

#[derive(Debug, Clone)]
enum Step {
    Fire {
        kind: EventKind,
        who: Who,
        complete: bool,
    },
    /// Fires one of the events that apply at the case's position (picked by `pick`), so that
    /// histories travel far along the path instead of bouncing off wrong states.
    Next {
        pick: usize,
        who: Who,
        complete: bool,
    },
    Upload(DocumentKind),
    Remove(DocumentKind),
    Verify,
    BreakIntake,
    MendIntake,
}

fn step() -> impl Strategy<Value = Step> {
    let kind = prop::sample::select(EventKind::ALL.to_vec());
    let who = prop::sample::select(EVERYONE.to_vec());
    let document = prop::sample::select(DocumentKind::ALL.to_vec());
    prop_oneof![
        3 => (kind, who.clone(), any::<bool>()).prop_map(|(kind, who, complete)| Step::Fire { kind, who, complete }),
        6 => (any::<usize>(), who, prop::bool::weighted(0.8)).prop_map(|(pick, who, complete)| Step::Next { pick, who, complete }),
        4 => document.clone().prop_map(Step::Upload),
        1 => document.prop_map(Step::Remove),
        1 => Just(Step::Verify),
        1 => Just(Step::BreakIntake),
        1 => Just(Step::MendIntake),
    ]
}

/// The document an event's arrival in a state proves was there.
fn proof_of(kind: EventKind) -> Option<DocumentKind> {
    match kind {
        EventKind::RequestName => Some(DocumentKind::ProofOfAddress),
        EventKind::NameAuthorized => Some(DocumentKind::NameAuthorization),
        EventKind::ShareDraft => Some(DocumentKind::BylawsDraft),
        EventKind::RecordSigning => Some(DocumentKind::SignedDeed),
        EventKind::RecordFiling => Some(DocumentKind::RegistryReceipt),
        _ => None,
    }
}

/// The legal path's events, in the order a filed case must have gone through them (it reached
/// screening by `submit` or, after a withdrawal, by `reopen`: both checked above).
const PATH_TO_FILED: [EventKind; 6] = [
    EventKind::Accept,
    EventKind::RequestName,
    EventKind::NameAuthorized,
    EventKind::ShareDraft,
    EventKind::ApproveDraft,
    EventKind::RecordSigning,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_histories_keep_the_invariants(steps in prop::collection::vec(step(), 1..160)) {
        let mut case = Case::new();
        for step in steps {
            let step = match step {
                Step::Next { pick, who, complete } => {
                    let applicable: Vec<EventKind> = EventKind::ALL
                        .into_iter()
                        .filter(|kind| contract_applies(contract(*kind), case.at))
                        // Leaving the path stays possible through `Fire`, just less often.
                        .filter(|kind| !matches!(kind, EventKind::Withdraw | EventKind::Decline | EventKind::Hold | EventKind::Release))
                        .collect();
                    let Some(kind) = applicable.get(pick % applicable.len().max(1)).copied() else {
                        continue;
                    };
                    // Mostly someone the contract lets fire it; sometimes whoever was drawn.
                    let allowed: Vec<Who> = EVERYONE
                        .into_iter()
                        .filter(|w| contract_visible(*w, case.at, case.facts.assignment))
                        .filter(|w| contract_may_fire(contract(kind), *w, case.facts.assignment))
                        .collect();
                    let who = match allowed.get((pick / 7) % allowed.len().max(1)) {
                        Some(allowed) if pick % 5 != 0 => *allowed,
                        _ => who,
                    };
                    Step::Fire { kind, who, complete }
                }
                other => other,
            };
            match step {
                Step::Upload(kind) => case.upload(kind),
                Step::Remove(kind) => { case.facts.documents.remove(&kind); }
                Step::Verify => case.facts.shelter_verified = true,
                Step::BreakIntake => { case.facts.intake_gaps.insert(intake::IntakeSection::Associates); }
                Step::MendIntake => case.facts.intake_gaps.clear(),
                Step::Next { .. } => unreachable!("resolved above"),
                Step::Fire { kind, who, complete } => {
                    let data = if complete { complete_data() } else { EventData::default() };
                    let before = case.clone();
                    let event = Event { kind, data };
                    match case.fire(who, &event) {
                        Err(_) => {
                            // A refusal changes nothing.
                            prop_assert_eq!(case.at, before.at);
                            prop_assert_eq!(&case.facts, &before.facts);
                        }
                        Ok(transition) => {
                            let row = contract(kind);
                            prop_assert!(contract_applies(row, before.at));
                            prop_assert!(contract_visible(who, before.at, before.facts.assignment));
                            prop_assert!(contract_may_fire(row, who, before.facts.assignment));
                            prop_assert_eq!(transition.to, contract_target(row, before.at));
                            if let Some(document) = proof_of(kind) {
                                prop_assert!(before.facts.document_count(document) > 0, "{} without {}", kind, document);
                            }
                            if kind == EventKind::RequestName {
                                prop_assert!(before.facts.document_count(DocumentKind::FounderId) >= before.facts.associates);
                            }
                            if transition.to.state == Status::Submitted {
                                // Whichever way it arrives, screening only sees complete intakes.
                                prop_assert!(before.facts.intake_gaps.is_empty(), "{} with an incomplete intake", kind);
                            }
                            if kind == EventKind::Accept { prop_assert!(before.facts.shelter_verified); }
                            if kind == EventKind::RecordSigning {
                                let signed_on = event.data.signed_on.unwrap();
                                prop_assert!(before.facts.name_authorization.as_ref().unwrap().in_force_on(signed_on));
                            }
                            if !complete {
                                // Without data, only events that need none can apply.
                                prop_assert!(kind_needs_no_data(kind), "{} applied without its data", kind);
                            }
                        }
                    }
                }
            }
            // Invariants of every position.
            prop_assert_eq!(case.at.held_from.is_some(), case.at.state == Status::OnHold);
            if case.at.progress().is_lawyer_stage() || case.at.progress() == Status::Filed {
                prop_assert!(case.facts.assignment.is_some(), "{} without a lawyer", case.at);
            }
            if case.at.progress() == Status::Filed || case.at.state == Status::Closed {
                // A filed case went through every step of the legal path, in order.
                let mut remaining = PATH_TO_FILED.iter().peekable();
                for kind in &case.history {
                    if remaining.peek() == Some(&kind) { remaining.next(); }
                }
                prop_assert!(remaining.peek().is_none(), "filed after {:?}", case.history);
            }
        }
    }
}

fn kind_needs_no_data(kind: EventKind) -> bool {
    puente_workflow::table::spec(kind)
        .required_fields()
        .next()
        .is_none()
}
