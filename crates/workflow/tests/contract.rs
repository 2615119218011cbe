//! The crate's table against WORKFLOW.md, and `apply` / `available` against the contract for
//! every (position, event, person, facts, data) combination.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

mod common;

use std::collections::BTreeSet;

use common::*;
use puente_workflow::table::{TABLE, Target, spec};
use puente_workflow::*;
use time::macros::date;

#[test]
fn the_table_has_one_row_per_event_in_order() {
    assert_eq!(TABLE.len(), EventKind::ALL.len());
    for (row, kind) in TABLE.iter().zip(EventKind::ALL) {
        assert_eq!(row.kind, kind);
        assert_eq!(spec(kind).kind, kind);
    }
}

#[test]
fn the_table_says_what_workflow_md_says() {
    for row in &TABLE {
        let written = contract(row.kind);
        let mut from: Vec<&str> = row.from.iter().map(|s| s.as_str()).collect();
        if row.also_when_held {
            from.push("on_hold");
        }
        assert_eq!(from, written.from, "from-states of {}", row.kind);
        let to = match row.to {
            Target::State(state) => state.as_str(),
            Target::Hold => "on_hold",
            Target::HeldFrom => "<held>",
            Target::Unchanged => "=",
        };
        assert_eq!(to, written.to, "target of {}", row.kind);
        let who: Vec<&str> = row.who.iter().map(|p| p.as_str()).collect();
        assert_eq!(who, written.who, "parties of {}", row.kind);
        let requires: BTreeSet<String> = row.requires.iter().map(|r| r.code()).collect();
        let written_requires: BTreeSet<String> =
            written.requires.iter().map(|s| s.to_string()).collect();
        assert_eq!(requires, written_requires, "requirements of {}", row.kind);
    }
}

/// A change to complete facts or data.
type Change = fn(&mut Facts, &mut EventData);

/// A change to complete facts or data that breaks exactly one requirement, with its code.
struct KnockOut {
    name: &'static str,
    code: &'static str,
    apply: Change,
}

fn knock_outs() -> Vec<KnockOut> {
    let mut all = vec![
        KnockOut {
            name: "nothing broken",
            code: "",
            apply: |_, _| {},
        },
        KnockOut {
            name: "shelter unverified",
            code: "shelter:verified",
            apply: |f, _| f.shelter_verified = false,
        },
        KnockOut {
            name: "associates invalid",
            code: "intake:associates",
            apply: |f, _| {
                f.intake_gaps.insert(intake::IntakeSection::Associates);
            },
        },
        KnockOut {
            name: "no proposed names",
            code: "intake:proposed_names",
            apply: |f, _| {
                f.intake_gaps.insert(intake::IntakeSection::ProposedNames);
            },
        },
        KnockOut {
            name: "no privacy consent",
            code: "intake:privacy_consent",
            apply: |f, _| {
                f.intake_gaps.insert(intake::IntakeSection::PrivacyConsent);
            },
        },
        KnockOut {
            name: "associates' consent not attested",
            code: "intake:associates_consent",
            apply: |f, _| {
                f.intake_gaps
                    .insert(intake::IntakeSection::AssociatesConsent);
            },
        },
        KnockOut {
            name: "an associate without ID",
            code: "document:founder_id",
            apply: |f, _| {
                f.documents.insert(DocumentKind::FounderId, 1);
            },
        },
        KnockOut {
            name: "an associate's birth date still blank",
            code: "particulars:associates[1].particulars.birth_date",
            apply: |f, _| {
                f.missing_particulars = vec![(1, intake::Particular::BirthDate)];
            },
        },
        KnockOut {
            name: "a resident associate without a tax certificate",
            code: "document:founder_tax_certificate",
            apply: |f, _| {
                f.documents.insert(DocumentKind::FounderTaxCertificate, 1);
            },
        },
        KnockOut {
            name: "no name authorization on record",
            code: "name_authorization:in_force",
            apply: |f, _| f.name_authorization = None,
        },
        KnockOut {
            name: "authorization lapsed before signing",
            code: "name_authorization:in_force",
            apply: |f, _| {
                f.name_authorization = Some(NameAuthorization::granted(
                    "X".into(),
                    date!(2026 - 01 - 02),
                ))
            },
        },
        KnockOut {
            name: "signed before the authorization",
            code: "name_authorization:in_force",
            apply: |_, d| d.signed_on = Some(date!(2026 - 06 - 30)),
        },
        KnockOut {
            name: "signing date in the future",
            code: "name_authorization:in_force",
            apply: |_, d| d.signed_on = Some(date!(2026 - 11 - 23)),
        },
        KnockOut {
            name: "attestation without no_conflict",
            code: "field:conflict_check.no_conflict",
            apply: |_, d| {
                d.conflict_check = Some(ConflictCheck {
                    no_conflict: Some(false),
                    reference: Some("R-1".into()),
                })
            },
        },
        KnockOut {
            name: "attestation without reference",
            code: "field:conflict_check.reference",
            apply: |_, d| {
                d.conflict_check = Some(ConflictCheck {
                    no_conflict: Some(true),
                    reference: Some("  ".into()),
                })
            },
        },
        KnockOut {
            name: "named lawyer inactive",
            code: "lawyer:active",
            apply: |f, _| {
                f.named_lawyer = f
                    .named_lawyer
                    .map(|l| LawyerStanding { active: false, ..l })
            },
        },
        KnockOut {
            name: "named user not a lawyer",
            code: "lawyer:active",
            apply: |f, _| {
                f.named_lawyer = f.named_lawyer.map(|l| LawyerStanding {
                    is_lawyer: false,
                    ..l
                })
            },
        },
        KnockOut {
            name: "named lawyer unknown",
            code: "lawyer:active",
            apply: |f, _| f.named_lawyer = None,
        },
        KnockOut {
            name: "naming the assigned lawyer",
            code: "lawyer:other",
            apply: |f, d| {
                let assigned = Who::AssignedLawyer.actor();
                d.lawyer_id = Some(assigned.user);
                f.named_lawyer = Some(LawyerStanding {
                    id: assigned.user,
                    organization: assigned.organization,
                    is_lawyer: true,
                    active: true,
                });
            },
        },
    ];
    for (kind, code) in [
        (DocumentKind::ProofOfAddress, "document:proof_of_address"),
        (
            DocumentKind::NameAuthorization,
            "document:name_authorization",
        ),
        (DocumentKind::BylawsDraft, "document:bylaws_draft"),
        (DocumentKind::SignedDeed, "document:signed_deed"),
        (DocumentKind::RegistryReceipt, "document:registry_receipt"),
    ] {
        all.push(KnockOut {
            name: code,
            code,
            apply: match kind {
                DocumentKind::ProofOfAddress => |f, _| {
                    f.documents.remove(&DocumentKind::ProofOfAddress);
                },
                DocumentKind::NameAuthorization => |f, _| {
                    f.documents.remove(&DocumentKind::NameAuthorization);
                },
                DocumentKind::BylawsDraft => |f, _| {
                    f.documents.remove(&DocumentKind::BylawsDraft);
                },
                DocumentKind::SignedDeed => |f, _| {
                    f.documents.remove(&DocumentKind::SignedDeed);
                },
                _ => |f, _| {
                    f.documents.remove(&DocumentKind::RegistryReceipt);
                },
            },
        });
    }
    let fields: [(&'static str, Change); 13] = [
        ("field:message", |_, d| d.message = Some("   ".into())),
        ("field:reason", |_, d| d.reason = None),
        ("field:conflict_check", |_, d| d.conflict_check = None),
        ("field:lawyer_id", |_, d| d.lawyer_id = None),
        ("field:authorized_name", |_, d| d.authorized_name = None),
        ("field:authorized_on", |_, d| d.authorized_on = None),
        ("field:notary_number", |_, d| d.notary_number = None),
        ("field:deed_number", |_, d| {
            d.deed_number = Some(String::new())
        }),
        ("field:signed_on", |_, d| d.signed_on = None),
        ("field:folio", |_, d| d.folio = None),
        ("field:cud", |_, d| d.cud = None),
        ("field:registry_office", |_, d| {
            d.registry_office = Some(" ".into())
        }),
        ("field:inscribed_on", |_, d| d.inscribed_on = None),
    ];
    for (code, apply) in fields {
        all.push(KnockOut {
            name: code,
            code,
            apply,
        });
    }
    all
}

/// What the contract says should happen.
fn expected(
    at: CaseState,
    kind: EventKind,
    who: Who,
    assigned: bool,
    knock_out: &KnockOut,
) -> Result<CaseState, Rejection> {
    let row = contract(kind);
    let assignment = complete_facts(assigned).assignment;
    if !contract_visible(who, at, assignment) {
        let taken = at.state.is_taken();
        return Err(if kind == EventKind::Claim && is_lawyer(who) && taken {
            Rejection::InvalidState { current: at }
        } else {
            Rejection::NotVisible
        });
    }
    if !contract_may_fire(row, who, assignment) {
        return Err(Rejection::NotAllowed);
    }
    if !contract_applies(row, at) {
        return Err(Rejection::InvalidState { current: at });
    }
    // Naming the assigned lawyer while nobody is assigned breaks nothing.
    let names_nobody_else = knock_out.code == "lawyer:other" && !assigned;
    let breaks =
        !knock_out.code.is_empty() && contract_requires(row, knock_out.code) && !names_nobody_else;
    if breaks {
        return Err(Rejection::Unmet(vec![]));
    }
    Ok(contract_target(row, at))
}

#[test]
fn every_combination_follows_the_contract() {
    let mut checked = 0usize;
    for at in every_position() {
        for kind in EventKind::ALL {
            for who in EVERYONE {
                for assigned in [false, true] {
                    for knock_out in knock_outs() {
                        let mut facts = complete_facts(assigned);
                        let mut data = complete_data();
                        (knock_out.apply)(&mut facts, &mut data);
                        let event = Event { kind, data };
                        let got = apply(at, &event, &who.actor(), &facts, TODAY);
                        let want = expected(at, kind, who, assigned, &knock_out);
                        let context = format!(
                            "{kind} at {at} by {who:?} (assigned: {assigned}, {})",
                            knock_out.name
                        );
                        match (&got, &want) {
                            (Ok(transition), Ok(target)) => {
                                assert_eq!(transition.to, *target, "{context}");
                                assert_eq!(transition.from, at, "{context}");
                            }
                            (Err(Rejection::Unmet(missing)), Err(Rejection::Unmet(_))) => {
                                let codes: Vec<String> = missing.iter().map(|m| m.code()).collect();
                                assert_eq!(codes, vec![knock_out.code.to_string()], "{context}");
                            }
                            (got, want) => {
                                assert_eq!(got.as_ref().err(), want.as_ref().err(), "{context}")
                            }
                        }
                        checked += 1;
                    }
                }
            }
        }
    }
    // 22 positions × 23 events × 6 people × 2 assignments × 37 facts/data variants.
    assert_eq!(knock_outs().len(), 37);
    assert_eq!(
        checked,
        22 * EventKind::ALL.len() * 6 * 2 * knock_outs().len()
    );
}

#[test]
fn available_lists_exactly_what_apply_would_accept() {
    for at in every_position() {
        for who in EVERYONE {
            for assigned in [false, true] {
                for knock_out in knock_outs() {
                    let mut facts = complete_facts(assigned);
                    let mut data = complete_data();
                    (knock_out.apply)(&mut facts, &mut data);
                    let offered = available(at, &who.actor(), &facts);
                    for kind in EventKind::ALL {
                        let result = apply(
                            at,
                            &Event {
                                kind,
                                data: complete_data(),
                            },
                            &who.actor(),
                            &facts,
                            TODAY,
                        );
                        let entry = offered.iter().find(|a| a.event == kind);
                        let context = format!("{kind} at {at} by {who:?} ({})", knock_out.name);
                        match result {
                            Ok(_) => {
                                assert_eq!(entry.map(|a| a.missing.len()), Some(0), "{context}")
                            }
                            Err(Rejection::Unmet(missing)) => {
                                // What the event's data decides is listed in `needs`, not here.
                                let from_facts: Vec<Missing> = missing
                                    .into_iter()
                                    .filter(|m| {
                                        let code = m.code();
                                        !code.starts_with("field:")
                                            && !code.starts_with("lawyer:")
                                            && code != "name_authorization:in_force"
                                    })
                                    .collect();
                                assert_eq!(
                                    entry.map(|a| a.missing.clone()),
                                    Some(from_facts),
                                    "{context}"
                                )
                            }
                            Err(_) => assert!(entry.is_none(), "{context} should not be offered"),
                        }
                        if let Some(entry) = entry {
                            let needs: Vec<Field> = spec(kind).required_fields().collect();
                            assert_eq!(entry.needs, needs, "{context}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn intake_problems_are_all_reported_at_once() {
    let mut facts = complete_facts(false);
    facts.intake_gaps.extend([
        intake::IntakeSection::Associates,
        intake::IntakeSection::Domicile,
        intake::IntakeSection::PrivacyConsent,
    ]);
    let result = apply(
        CaseState::at(Status::Draft),
        &Event::bare(EventKind::Submit),
        &Who::OwnStaff.actor(),
        &facts,
        TODAY,
    );
    let codes = unmet_codes(result);
    assert_eq!(
        codes,
        [
            "intake:domicile",
            "intake:associates",
            "intake:privacy_consent"
        ]
    );
}

/// An unconfirmed, unverified shelter cannot submit; its confirmed address or a manager's
/// verification each suffices.
#[test]
fn a_shelter_submits_once_its_address_is_confirmed_or_it_is_verified() {
    let submit = |confirmed: bool, verified: bool| {
        let mut facts = complete_facts(false);
        facts.shelter_email_confirmed = confirmed;
        facts.shelter_verified = verified;
        apply(
            CaseState::at(Status::Draft),
            &Event::bare(EventKind::Submit),
            &Who::OwnStaff.actor(),
            &facts,
            TODAY,
        )
    };
    assert_eq!(
        unmet_codes(submit(false, false)),
        ["shelter:email_confirmed"]
    );
    assert!(submit(true, false).is_ok());
    assert!(submit(false, true).is_ok());
}

#[test]
fn every_unmet_requirement_of_record_signing_is_listed_together() {
    let mut facts = complete_facts(true);
    facts.documents.clear();
    facts.missing_particulars = vec![(0, intake::Particular::Occupation)];
    let result = apply(
        CaseState::at(Status::Notary),
        &Event::bare(EventKind::RecordSigning),
        &Who::AssignedLawyer.actor(),
        &facts,
        TODAY,
    );
    let codes = unmet_codes(result);
    assert_eq!(
        codes,
        [
            "document:signed_deed",
            "document:founder_tax_certificate",
            "particulars:associates[0].particulars.occupation",
            "field:notary_number",
            "field:deed_number",
            "field:signed_on"
        ]
    );
}

#[test]
fn the_signing_needs_the_chosen_notary_and_names_a_different_one() {
    let signing = |chosen: Option<&str>, given: &str| {
        let mut facts = complete_facts(true);
        facts.notary_number = chosen.map(str::to_owned);
        let mut data = complete_data();
        data.notary_number = Some(given.to_owned());
        let event = Event {
            kind: EventKind::RecordSigning,
            data,
        };
        apply(
            CaseState::at(Status::Notary),
            &event,
            &Who::AssignedLawyer.actor(),
            &facts,
            TODAY,
        )
    };
    assert_eq!(unmet_codes(signing(None, "27")), ["notary:chosen"]);
    assert_eq!(unmet_codes(signing(Some("27"), "28")), ["notary:number"]);
    for written in ["No. 027", "Núm. 27", "Nº 27", "N° 27", "27"] {
        assert!(
            signing(Some("27"), written).is_ok(),
            "the same number, written otherwise: {written}"
        );
    }
    assert_eq!(
        unmet_codes(signing(Some("27"), "27 Bis")),
        ["notary:number"]
    );
}

#[test]
fn the_draft_is_approved_by_every_associate_by_number() {
    let approval = |approved_by: Option<Vec<usize>>| {
        let data = EventData {
            approved_by: approved_by.map(|listed| listed.into_iter().collect()),
            ..EventData::default()
        };
        let event = Event {
            kind: EventKind::ApproveDraft,
            data,
        };
        apply(
            CaseState::at(Status::ShelterReview),
            &event,
            &Who::OwnStaff.actor(),
            &complete_facts(true),
            TODAY,
        )
    };
    assert_eq!(
        unmet_codes(approval(None)),
        ["approval:associate:0", "approval:associate:1"]
    );
    assert_eq!(
        unmet_codes(approval(Some(vec![1, 2, 900]))),
        [
            "approval:associate:0",
            "approval:unknown:2",
            "approval:unknown:900"
        ]
    );
    assert!(approval(Some(vec![1, 0])).is_ok());
    let parsed = Event::parse(
        EventKind::ApproveDraft,
        &serde_json::json!({"approved_by": [0, "uno"]}),
    );
    let errors = parsed.expect_err("a list of numbers");
    assert_eq!(errors[0].field, "data.approved_by");
}

/// Firing an event whose row counts no documents may skip reading them: for every position,
/// person and assignment, such an event decides the same with the documents unknown.
#[test]
fn events_that_count_no_documents_decide_without_them() {
    let mut skipping = 0usize;
    for kind in EventKind::ALL {
        if spec(kind).counts_documents() {
            continue;
        }
        skipping += 1;
        for at in every_position() {
            for who in EVERYONE {
                for assigned in [false, true] {
                    let facts = complete_facts(assigned);
                    let mut unread = facts.clone();
                    unread.documents.clear();
                    let event = Event {
                        kind,
                        data: complete_data(),
                    };
                    assert_eq!(
                        apply(at, &event, &who.actor(), &unread, TODAY),
                        apply(at, &event, &who.actor(), &facts, TODAY),
                        "{kind} at {at} by {who:?}"
                    );
                }
            }
        }
    }
    // `request_name`, `name_authorized` and the others that need papers do count them.
    assert!(spec(EventKind::RequestName).counts_documents());
    assert!(!spec(EventKind::Hold).counts_documents());
    assert!(skipping > EventKind::ALL.len() / 2);
}
