//! The properties WORKFLOW.md asks the crate to prove: `filed` is reachable from `draft`, every
//! active state can reach a terminal one, and no path skips a requirement.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

mod common;

use std::collections::{BTreeSet, VecDeque};

use common::*;
use puente_workflow::export::edges;
use puente_workflow::*;

/// Every (position, assigned lawyer or not) reachable from `start` by anyone, with complete
/// facts and data.
fn reachable(start: Case) -> Vec<Case> {
    let key = |c: &Case| (format!("{}", c.at), c.facts.assignment.map(|a| a.lawyer));
    let mut seen = BTreeSet::from([key(&start)]);
    let mut queue = VecDeque::from([start]);
    let mut all = Vec::new();
    while let Some(case) = queue.pop_front() {
        for kind in EventKind::ALL {
            for who in EVERYONE {
                let mut next = case.clone();
                let event = Event {
                    kind,
                    data: complete_data(),
                };
                if next.fire(who, &event).is_ok() && seen.insert(key(&next)) {
                    queue.push_back(next);
                }
            }
        }
        all.push(case);
    }
    all
}

fn with_everything(mut case: Case) -> Case {
    let complete = complete_facts(false);
    case.facts.documents = complete.documents;
    case.facts.shelter_verified = true;
    case
}

#[test]
fn filed_is_reachable_from_draft() {
    let all = reachable(with_everything(Case::new()));
    assert!(all.iter().any(|c| c.at.state == Status::Filed));
    // And the legal path walks there step by step.
    let case = case_at(Status::Filed);
    assert_eq!(case.at, CaseState::at(Status::Filed));
}

#[test]
fn every_state_is_reachable_from_draft() {
    let all = reachable(with_everything(Case::new()));
    let states: BTreeSet<Status> = all.iter().map(|c| c.at.state).collect();
    assert_eq!(states, Status::ALL.into_iter().collect());
    let held: BTreeSet<Status> = all.iter().filter_map(|c| c.at.held_from).collect();
    assert_eq!(
        held.len(),
        CONTRACT_HOLDABLE.len(),
        "held from every holdable state"
    );
}

#[test]
fn every_active_position_can_reach_an_end() {
    for case in reachable(with_everything(Case::new())) {
        if case.at.state.is_terminal() {
            continue;
        }
        let ends = reachable(case.clone());
        assert!(
            ends.iter().any(|c| c.at.state.is_terminal()),
            "no terminal state reachable from {}",
            case.at
        );
    }
}

#[test]
fn declined_and_withdrawn_can_only_be_reopened_by_a_manager() {
    for end in [Status::Declined, Status::Withdrawn] {
        for who in EVERYONE {
            for kind in EventKind::ALL {
                let mut case = Case::new();
                case.at = CaseState::at(end);
                let ok = case
                    .fire(
                        who,
                        &Event {
                            kind,
                            data: complete_data(),
                        },
                    )
                    .is_ok();
                assert_eq!(
                    ok,
                    who == Who::Manager && kind == EventKind::Reopen,
                    "{kind} by {who:?} at {end}"
                );
            }
        }
    }
    let mut closed = Case::new();
    closed.at = CaseState::at(Status::Closed);
    for who in EVERYONE {
        for kind in EventKind::ALL {
            assert!(
                closed
                    .clone()
                    .fire(
                        who,
                        &Event {
                            kind,
                            data: complete_data()
                        }
                    )
                    .is_err()
            );
        }
    }
}

/// For each state guarded by a requirement, the only arrows into it are the events that carry
/// that requirement, the return from a pause (which needs the case to have been there), and the
/// steps back from later states that only those events lead to (`renew_name` and
/// `revise_draft` leave states reached through `request_name` and `name_authorized`).
#[test]
fn the_only_ways_into_a_guarded_state_carry_its_requirement() {
    let guarded = [
        (
            Status::Submitted,
            vec![EventKind::Submit, EventKind::Reopen],
        ),
        (Status::Open, vec![EventKind::Accept, EventKind::Release]),
        (
            Status::Claimed,
            vec![EventKind::Claim, EventKind::Assign, EventKind::NameRefused],
        ),
        (
            Status::NameReservation,
            vec![EventKind::RequestName, EventKind::RenewName],
        ),
        (
            Status::Drafting,
            vec![
                EventKind::NameAuthorized,
                EventKind::RequestChanges,
                EventKind::ReviseDraft,
            ],
        ),
        (Status::ShelterReview, vec![EventKind::ShareDraft]),
        (Status::Notary, vec![EventKind::ApproveDraft]),
        (Status::Signed, vec![EventKind::RecordSigning]),
        (Status::Filed, vec![EventKind::RecordFiling]),
    ];
    for (state, allowed) in guarded {
        let into: BTreeSet<EventKind> = edges()
            .into_iter()
            .filter(|e| e.to == state && e.from != state)
            .map(|e| e.event)
            .filter(|e| *e != EventKind::Resume)
            .collect();
        assert_eq!(into, allowed.into_iter().collect(), "arrows into {state}");
        for edge in edges()
            .into_iter()
            .filter(|e| e.to == state && e.event == EventKind::Resume)
        {
            assert_eq!(edge.from, Status::OnHold);
        }
    }
}

/// Removing any one document, verification or intake part from a case otherwise ready blocks
/// the step that needs it, along the whole legal path.
#[test]
fn no_step_of_the_legal_path_can_skip_its_requirement() {
    use DocumentKind as D;
    let steps = [
        (
            Status::Draft,
            Who::OwnStaff,
            EventKind::Submit,
            "intake:privacy_consent",
        ),
        (
            Status::Submitted,
            Who::Manager,
            EventKind::Accept,
            "shelter:verified",
        ),
        (
            Status::Claimed,
            Who::AssignedLawyer,
            EventKind::RequestName,
            "document:founder_id",
        ),
        (
            Status::Claimed,
            Who::AssignedLawyer,
            EventKind::RequestName,
            "document:proof_of_address",
        ),
        (
            Status::NameReservation,
            Who::AssignedLawyer,
            EventKind::NameAuthorized,
            "document:name_authorization",
        ),
        (
            Status::Drafting,
            Who::AssignedLawyer,
            EventKind::ShareDraft,
            "document:bylaws_draft",
        ),
        (
            Status::Notary,
            Who::AssignedLawyer,
            EventKind::RecordSigning,
            "document:signed_deed",
        ),
        (
            Status::Notary,
            Who::AssignedLawyer,
            EventKind::RecordSigning,
            "document:founder_tax_certificate",
        ),
        (
            Status::Signed,
            Who::AssignedLawyer,
            EventKind::RecordFiling,
            "document:registry_receipt",
        ),
    ];
    for (state, who, kind, code) in steps {
        let mut case = case_at(state);
        let mut complete = case.clone();
        for kind in D::ALL {
            complete.upload(kind);
            complete.upload(kind);
        }
        complete.step(who, kind);
        match code {
            "intake:privacy_consent" => {
                case.facts
                    .intake_gaps
                    .insert(intake::IntakeSection::PrivacyConsent);
            }
            "shelter:verified" => case.facts.shelter_verified = false,
            "document:founder_id" => {
                case.facts.documents.insert(D::FounderId, 1);
                case.upload(D::ProofOfAddress);
            }
            _ => {
                for kind in D::ALL {
                    if format!("document:{kind}") != code && kind != D::FounderId {
                        case.upload(kind);
                    }
                }
                case.facts.documents.insert(D::FounderId, 2);
                case.facts.documents.insert(D::FounderTaxCertificate, 2);
                let kind: D = code.trim_start_matches("document:").parse().unwrap();
                case.facts.documents.remove(&kind);
            }
        }
        let result = case.fire(
            who,
            &Event {
                kind,
                data: complete_data(),
            },
        );
        assert_eq!(
            unmet_codes(result),
            [code],
            "{kind} at {state} without {code}"
        );
    }
}

#[test]
fn a_paused_case_resumes_where_it_was() {
    for state in [
        Status::Open,
        Status::Drafting,
        Status::Signed,
        Status::Filed,
    ] {
        let mut case = case_at(state);
        case.step(Who::Manager, EventKind::Hold);
        assert_eq!(case.at, CaseState::held(state));
        case.step(Who::Manager, EventKind::Resume);
        assert_eq!(case.at, CaseState::at(state));
    }
}

#[test]
fn a_case_paused_after_filing_cannot_be_withdrawn() {
    let mut case = case_at(Status::Filed);
    case.step(Who::Manager, EventKind::Hold);
    let result = case.fire(
        Who::Manager,
        &Event {
            kind: EventKind::Withdraw,
            data: complete_data(),
        },
    );
    assert_eq!(
        result.err(),
        Some(Rejection::InvalidState {
            current: CaseState::held(Status::Filed)
        })
    );
    let mut drafting = case_at(Status::Drafting);
    drafting.step(Who::AssignedLawyer, EventKind::Hold);
    drafting.step(Who::OwnStaff, EventKind::Withdraw);
    assert_eq!(drafting.at, CaseState::at(Status::Withdrawn));
}

#[test]
fn two_lawyers_claiming_the_same_case_one_wins_the_other_learns_it_was_taken() {
    let mut case = case_at(Status::Open);
    let first = case.fire(
        Who::OutsideLawyer,
        &Event {
            kind: EventKind::Claim,
            data: complete_data(),
        },
    );
    assert!(first.is_ok());
    let second = case.fire(
        Who::AssignedLawyer,
        &Event {
            kind: EventKind::Claim,
            data: complete_data(),
        },
    );
    assert_eq!(
        second.err(),
        Some(Rejection::InvalidState {
            current: CaseState::at(Status::Claimed)
        })
    );
    // Beyond claiming, the other firm sees nothing of it.
    let other = case.fire(
        Who::AssignedLawyer,
        &Event {
            kind: EventKind::Hold,
            data: complete_data(),
        },
    );
    assert_eq!(other.err(), Some(Rejection::NotVisible));
}

#[test]
fn releasing_gives_the_case_back_to_the_board_without_a_lawyer() {
    let mut case = case_at(Status::Drafting);
    case.step(Who::AssignedLawyer, EventKind::Release);
    assert_eq!(case.at, CaseState::at(Status::Open));
    assert_eq!(case.facts.assignment, None);
    assert_eq!(
        visibility(case.at, &Who::OutsideLawyer.actor(), &case.facts),
        Visibility::Summary
    );
}

#[test]
fn a_manager_reassigns_without_moving_the_case() {
    let mut case = case_at(Status::Notary);
    let transition = case
        .fire(
            Who::Manager,
            &Event {
                kind: EventKind::Reassign,
                data: complete_data(),
            },
        )
        .unwrap();
    assert_eq!(transition.from, transition.to);
    let outsider = Who::OutsideLawyer.actor();
    assert_eq!(
        case.facts.assignment,
        Some(Assignment {
            lawyer: outsider.user,
            firm: outsider.organization
        })
    );
    // The former lawyer's firm no longer sees the case; the new one does.
    assert_eq!(
        visibility(case.at, &Who::AssignedLawyer.actor(), &case.facts),
        Visibility::Hidden
    );
    assert_eq!(
        visibility(case.at, &outsider, &case.facts),
        Visibility::Full
    );
}

#[test]
fn the_name_authorization_is_recorded_with_its_lapse_date() {
    let case = case_at(Status::Drafting);
    let authorization = case.facts.name_authorization.unwrap();
    assert_eq!(
        authorization.authorized_on,
        time::macros::date!(2026 - 07 - 01)
    );
    assert_eq!(authorization.cud.as_deref(), Some("A202607011234567890"));
    // 180 calendar days: 1 May 2026 lapses on 28 October 2026, as in API.md's example.
    assert_eq!(
        NameAuthorization::granted("X".into(), time::macros::date!(2026 - 05 - 01)).expires_on,
        time::macros::date!(2026 - 10 - 28)
    );
}

/// A notary's changes send the draft back to the lawyer, and a lapsed authorization back to the
/// Secretaría de Economía; both only by the assigned lawyer, and the case still reaches the
/// registry afterwards with a new authorization.
#[test]
fn the_notarys_changes_and_a_new_name_authorization_lead_back_onto_the_path() {
    let mut case = case_at(Status::Notary);
    for who in [Who::OwnStaff, Who::ColleagueOfAssigned, Who::Manager] {
        let refused = case.fire(who, &Event::bare(EventKind::ReviseDraft));
        assert!(
            matches!(refused, Err(Rejection::NotAllowed | Rejection::NotVisible)),
            "{who:?}"
        );
    }
    assert_eq!(
        unmet_codes(case.fire(Who::AssignedLawyer, &Event::bare(EventKind::ReviseDraft))),
        ["field:message"]
    );
    case.step(Who::AssignedLawyer, EventKind::ReviseDraft);
    assert_eq!(case.at, CaseState::at(Status::Drafting));
    case.step(Who::AssignedLawyer, EventKind::ShareDraft);
    case.step(Who::OwnStaff, EventKind::ApproveDraft);
    assert_eq!(
        case.fire(Who::Manager, &Event::bare(EventKind::RenewName))
            .err(),
        Some(Rejection::NotAllowed)
    );
    case.step(Who::AssignedLawyer, EventKind::RenewName);
    assert_eq!(case.at, CaseState::at(Status::NameReservation));
    assert_eq!(
        case.facts.name_authorization, None,
        "the old one no longer counts"
    );
    // Without an authorization on record the deed cannot be recorded as signed.
    case.step(Who::AssignedLawyer, EventKind::NameAuthorized);
    assert!(case.facts.name_authorization.is_some());
    case.step(Who::AssignedLawyer, EventKind::ShareDraft);
    case.step(Who::OwnStaff, EventKind::ApproveDraft);
    case.upload(DocumentKind::SignedDeed);
    case.upload(DocumentKind::FounderTaxCertificate);
    case.upload(DocumentKind::FounderTaxCertificate);
    case.step(Who::AssignedLawyer, EventKind::RecordSigning);
    case.upload(DocumentKind::RegistryReceipt);
    case.step(Who::AssignedLawyer, EventKind::RecordFiling);
    assert_eq!(case.at, CaseState::at(Status::Filed));
}

/// The deed cannot be recorded as signed without the authorization's CUD on record, nor before
/// each resident associate's constancia de situación fiscal is in the file.
#[test]
fn no_signing_without_the_cud_and_the_residents_tax_certificates() {
    let mut case = case_at(Status::NameReservation);
    let mut without_cud = complete_data();
    without_cud.cud = None;
    case.upload(DocumentKind::NameAuthorization);
    assert_eq!(
        unmet_codes(case.fire(
            Who::AssignedLawyer,
            &Event {
                kind: EventKind::NameAuthorized,
                data: without_cud,
            },
        )),
        ["field:cud"]
    );
    let mut case = case_at(Status::Notary);
    case.upload(DocumentKind::SignedDeed);
    case.facts.documents.insert(
        DocumentKind::FounderTaxCertificate,
        case.facts.residents - 1,
    );
    let refused = case.fire(
        Who::AssignedLawyer,
        &Event {
            kind: EventKind::RecordSigning,
            data: complete_data(),
        },
    );
    assert_eq!(unmet_codes(refused), ["document:founder_tax_certificate"]);
    case.facts.residents -= 1;
    case.step(Who::AssignedLawyer, EventKind::RecordSigning);
}
