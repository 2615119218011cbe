//! The world the workflow tests play in: organizations, people, complete facts and data, and
//! the WORKFLOW.md table transcribed by hand as the oracle the crate's table is checked against.
#![allow(
    dead_code,
    unreachable_pub,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used
)]

use std::collections::BTreeMap;

use puente_workflow::*;
use time::Date;
use time::macros::date;
use uuid::Uuid;

pub const TODAY: Date = date!(2026 - 11 - 22);

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn org(n: u128) -> OrgId {
    OrgId(id(n))
}

pub fn user(n: u128) -> UserId {
    UserId(id(n))
}

pub const SHELTER: u128 = 1;
pub const OTHER_SHELTER: u128 = 2;
pub const FIRM: u128 = 3;
pub const OTHER_FIRM: u128 = 4;
pub const PROGRAM: u128 = 5;

/// How a person stands to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    OwnStaff,
    OtherShelterStaff,
    AssignedLawyer,
    ColleagueOfAssigned,
    OutsideLawyer,
    Manager,
}

pub const EVERYONE: [Who; 6] = [
    Who::OwnStaff,
    Who::OtherShelterStaff,
    Who::AssignedLawyer,
    Who::ColleagueOfAssigned,
    Who::OutsideLawyer,
    Who::Manager,
];

impl Who {
    pub fn actor(self) -> Actor {
        let (n, role, organization) = match self {
            Who::OwnStaff => (10, Role::Shelter, SHELTER),
            Who::OtherShelterStaff => (11, Role::Shelter, OTHER_SHELTER),
            Who::AssignedLawyer => (20, Role::Lawyer, FIRM),
            Who::ColleagueOfAssigned => (21, Role::Lawyer, FIRM),
            Who::OutsideLawyer => (22, Role::Lawyer, OTHER_FIRM),
            Who::Manager => (30, Role::Manager, PROGRAM),
        };
        Actor {
            user: user(n),
            role,
            organization: org(organization),
        }
    }
}

/// The lawyer a manager names when assigning or reassigning: the outside lawyer.
pub fn named_lawyer() -> LawyerStanding {
    let actor = Who::OutsideLawyer.actor();
    LawyerStanding {
        id: actor.user,
        organization: actor.organization,
        is_lawyer: true,
        active: true,
    }
}

pub fn authorization() -> NameAuthorization {
    NameAuthorization::granted("Casa del Migrante Paso Libre".into(), date!(2026 - 07 - 01))
}

/// Facts under which every requirement a fact decides is met.
pub fn complete_facts(assigned: bool) -> Facts {
    let lawyer = Who::AssignedLawyer.actor();
    Facts {
        shelter: org(SHELTER),
        shelter_verified: true,
        shelter_email_confirmed: true,
        assignment: assigned.then_some(Assignment {
            lawyer: lawyer.user,
            firm: lawyer.organization,
        }),
        intake_gaps: Default::default(),
        associates: 2,
        residents: 2,
        missing_particulars: Vec::new(),
        documents: DocumentKind::ALL
            .into_iter()
            .map(|k| (k, 2))
            .collect::<BTreeMap<_, _>>(),
        name_authorization: Some(authorization()),
        notary_number: Some("27".into()),
        named_lawyer: Some(named_lawyer()),
    }
}

/// Data under which every requirement the data decides is met, for any event.
pub fn complete_data() -> EventData {
    EventData {
        message: Some("Falta el acta de la asamblea informal.".into()),
        reason: Some("Motivo documentado".into()),
        conflict_check: Some(ConflictCheck {
            no_conflict: Some(true),
            reference: Some("CONF-2026-118".into()),
        }),
        lawyer_id: Some(named_lawyer().id),
        authorized_name: Some("Casa del Migrante Paso Libre".into()),
        authorized_on: Some(date!(2026 - 07 - 01)),
        cud: Some("A202607011234567890".into()),
        notary_number: Some("27".into()),
        deed_number: Some("14,502".into()),
        volume: None,
        signed_on: Some(date!(2026 - 11 - 20)),
        aviso_de_uso_on: None,
        folio: Some("N-2026-004512".into()),
        registry_office: Some(
            "Registro Público de la Propiedad, Distrito Bravos, Chihuahua".into(),
        ),
        inscribed_on: Some(date!(2026 - 11 - 27)),
        rfc: None,
        approved_by: Some([0, 1].into()),
    }
}

/// Every position a case can stand at: each state, and on hold from each holdable state.
pub fn every_position() -> Vec<CaseState> {
    let mut all: Vec<CaseState> = Status::ALL
        .into_iter()
        .filter(|s| *s != Status::OnHold)
        .map(CaseState::at)
        .collect();
    all.extend(
        CONTRACT_HOLDABLE
            .iter()
            .map(|s| CaseState::held(parse_state(s))),
    );
    all
}

pub fn parse_state(name: &str) -> Status {
    name.parse()
        .unwrap_or_else(|_| panic!("unknown state {name}"))
}

pub fn parse_event(name: &str) -> EventKind {
    name.parse()
        .unwrap_or_else(|_| panic!("unknown event {name}"))
}

// ---------------------------------------------------------------------------------------------
// WORKFLOW.md, transcribed by hand. `to` is a state name, "=" for unchanged, "<held>" for the
// state it came from; `on_hold` appears in `from` only where the contract lists it.

pub struct Row {
    pub event: &'static str,
    pub from: &'static [&'static str],
    pub to: &'static str,
    pub who: &'static [&'static str],
    pub requires: &'static [&'static str],
}

pub const CONTRACT_HOLDABLE: &[&str] = &[
    "open",
    "claimed",
    "name_reservation",
    "drafting",
    "shelter_review",
    "notary",
    "signed",
    "filed",
];
const CLAIMED_TO_SIGNED: &[&str] = &[
    "claimed",
    "name_reservation",
    "drafting",
    "shelter_review",
    "notary",
    "signed",
];
const ACTIVE_BEFORE_FILED: &[&str] = &[
    "draft",
    "submitted",
    "needs_info",
    "open",
    "claimed",
    "name_reservation",
    "drafting",
    "shelter_review",
    "notary",
    "signed",
    "on_hold",
];

pub const CONTRACT: &[Row] = &[
    Row {
        event: "submit",
        from: &["draft", "needs_info"],
        to: "submitted",
        who: &["owning_shelter"],
        // The security review (issue 13) added the confirmed e-mail address to WORKFLOW.md's
        // row: an unconfirmed, unverified shelter cannot submit.
        // Puente adds the shelter's attestation of its associates' consent (the privacy
        // notice, issue 15), apart from the intake so that `reopen` does not need it.
        requires: &[
            "intake",
            "intake:privacy_consent",
            "intake:associates_consent",
            "shelter:email_confirmed",
        ],
    },
    Row {
        event: "request_info",
        from: &["submitted"],
        to: "needs_info",
        who: &["manager"],
        requires: &["field:message"],
    },
    Row {
        event: "accept",
        from: &["submitted"],
        to: "open",
        who: &["manager"],
        // Puente adds the associates' consent: a request reopened from before it was asked goes
        // back to its shelter (`request_info`) for it.
        requires: &["shelter:verified", "intake:associates_consent"],
    },
    Row {
        event: "decline",
        from: &["submitted"],
        to: "declined",
        who: &["manager"],
        requires: &["field:reason"],
    },
    Row {
        event: "claim",
        from: &["open"],
        to: "claimed",
        who: &["lawyer"],
        requires: &["field:conflict_check"],
    },
    Row {
        event: "assign",
        from: &["open"],
        to: "claimed",
        who: &["manager"],
        requires: &["lawyer:active", "field:conflict_check"],
    },
    Row {
        event: "release",
        from: &["claimed", "name_reservation", "drafting"],
        to: "open",
        who: &["assigned_lawyer", "manager"],
        requires: &["field:reason"],
    },
    Row {
        event: "reassign",
        from: CLAIMED_TO_SIGNED,
        to: "=",
        who: &["manager"],
        requires: &["lawyer:active", "lawyer:other", "field:conflict_check"],
    },
    Row {
        event: "request_name",
        from: &["claimed"],
        to: "name_reservation",
        who: &["assigned_lawyer"],
        requires: &["document:founder_id", "document:proof_of_address"],
    },
    Row {
        event: "name_authorized",
        from: &["name_reservation"],
        to: "drafting",
        who: &["assigned_lawyer"],
        requires: &[
            "document:name_authorization",
            "field:authorized_name",
            "field:authorized_on",
            "field:cud",
        ],
    },
    Row {
        event: "name_refused",
        from: &["name_reservation"],
        to: "claimed",
        who: &["assigned_lawyer"],
        requires: &["field:reason"],
    },
    // Puente adds `renew_name` and `revise_draft` (docs/workflow.md): a lapsed authorization and
    // a notary's changes were dead ends.
    Row {
        event: "renew_name",
        from: &["drafting", "shelter_review", "notary"],
        to: "name_reservation",
        who: &["assigned_lawyer"],
        requires: &["field:reason"],
    },
    Row {
        event: "share_draft",
        from: &["drafting"],
        to: "shelter_review",
        who: &["assigned_lawyer"],
        requires: &["document:bylaws_draft"],
    },
    Row {
        event: "request_changes",
        from: &["shelter_review"],
        to: "drafting",
        who: &["owning_shelter"],
        requires: &["field:message"],
    },
    Row {
        event: "approve_draft",
        from: &["shelter_review"],
        to: "notary",
        who: &["owning_shelter"],
        // Puente records which associates approved, and asks for every one (W13).
        requires: &["approval"],
    },
    Row {
        event: "revise_draft",
        from: &["notary"],
        to: "drafting",
        who: &["assigned_lawyer"],
        requires: &["field:message"],
    },
    Row {
        event: "record_signing",
        from: &["notary"],
        to: "signed",
        who: &["assigned_lawyer"],
        requires: &[
            "document:signed_deed",
            "document:founder_tax_certificate",
            // Puente adds the associates' generales the deed gives (issue 15).
            "particulars",
            // ... and the notary chosen before the signing (W1).
            "notary:chosen",
            "field:notary_number",
            "field:deed_number",
            "field:signed_on",
            "name_authorization:in_force",
        ],
    },
    Row {
        event: "record_filing",
        from: &["signed"],
        to: "filed",
        who: &["assigned_lawyer"],
        requires: &[
            "document:registry_receipt",
            "field:folio",
            "field:registry_office",
            "field:inscribed_on",
        ],
    },
    Row {
        event: "close",
        from: &["filed"],
        to: "closed",
        who: &["assigned_lawyer", "manager"],
        requires: &[],
    },
    Row {
        event: "withdraw",
        from: ACTIVE_BEFORE_FILED,
        to: "withdrawn",
        who: &["owning_shelter", "manager"],
        requires: &["field:reason"],
    },
    Row {
        event: "hold",
        from: CONTRACT_HOLDABLE,
        to: "on_hold",
        who: &["assigned_lawyer", "manager"],
        requires: &["field:reason"],
    },
    Row {
        event: "resume",
        from: &["on_hold"],
        to: "<held>",
        who: &["assigned_lawyer", "manager"],
        requires: &[],
    },
    Row {
        event: "reopen",
        from: &["declined", "withdrawn"],
        to: "submitted",
        who: &["manager"],
        // Puente adds the intake requirements to `reopen` (docs/workflow.md): otherwise a
        // draft withdrawn and reopened would reach screening without `submit`'s checks.
        requires: &["field:reason", "intake", "intake:privacy_consent"],
    },
];

pub fn contract(event: EventKind) -> &'static Row {
    CONTRACT
        .iter()
        .find(|row| row.event == event.as_str())
        .unwrap_or_else(|| panic!("no contract row for {event}"))
}

/// Whether the contract lets the event apply at `at` ("any active state before filed, on_hold
/// included": a case held from `filed` is not before filed).
pub fn contract_applies(row: &Row, at: CaseState) -> bool {
    if at.state == Status::OnHold && row.event == "withdraw" {
        return at.held_from != Some(Status::Filed);
    }
    row.from.contains(&at.state.as_str())
}

pub fn is_lawyer(who: Who) -> bool {
    matches!(
        who,
        Who::AssignedLawyer | Who::ColleagueOfAssigned | Who::OutsideLawyer
    )
}

/// Whether `who` belongs to one of the contract's parties, given the case's assignment.
pub fn contract_may_fire(row: &Row, who: Who, assignment: Option<Assignment>) -> bool {
    row.who.iter().any(|party| match *party {
        "owning_shelter" => who == Who::OwnStaff,
        "lawyer" => is_lawyer(who),
        "assigned_lawyer" => assignment.is_some_and(|a| a.lawyer == who.actor().user),
        "manager" => who == Who::Manager,
        other => panic!("unknown party {other}"),
    })
}

/// DOMAIN.md's visibility rules, written out again: a lawyer sees open cases, and those claimed
/// by them or assigned to their firm.
pub fn contract_visible(who: Who, at: CaseState, assignment: Option<Assignment>) -> bool {
    match who {
        Who::Manager | Who::OwnStaff => true,
        Who::OtherShelterStaff => false,
        _ => {
            at.state == Status::Open
                || assignment.is_some_and(|a| {
                    a.lawyer == who.actor().user || a.firm == who.actor().organization
                })
        }
    }
}

/// Where the contract takes a case.
pub fn contract_target(row: &Row, at: CaseState) -> CaseState {
    match row.to {
        "=" => at,
        "<held>" => CaseState::at(at.held_from.expect("held case")),
        "on_hold" => CaseState::held(at.state),
        name => CaseState::at(parse_state(name)),
    }
}

/// Whether a missing code is one the contract row requires (`intake` covers every
/// `intake:<section>`; `field:conflict_check` covers its parts; `lawyer:active` covers a
/// missing `lawyer_id`).
pub fn contract_requires(row: &Row, code: &str) -> bool {
    row.requires.iter().any(|required| {
        *required == code
            || (*required == "intake"
                && code.starts_with("intake:")
                && code != "intake:privacy_consent"
                && code != "intake:associates_consent")
            || (*required == "field:conflict_check" && code.starts_with("field:conflict_check"))
            || (*required == "particulars" && code.starts_with("particulars:"))
            || (*required == "lawyer:active" && code == "field:lawyer_id")
    })
}

/// The codes of a refusal for unmet requirements; panics on any other answer.
pub fn unmet_codes(result: Result<Transition, Rejection>) -> Vec<String> {
    match result {
        Err(Rejection::Unmet(missing)) => missing.iter().map(|m| m.code()).collect(),
        other => panic!("expected unmet requirements, got {other:?}"),
    }
}

/// A simulated case: its position, its facts, and what it went through.
#[derive(Debug, Clone)]
pub struct Case {
    pub at: CaseState,
    pub facts: Facts,
    pub history: Vec<EventKind>,
}

impl Case {
    pub fn new() -> Case {
        let mut facts = complete_facts(false);
        facts.documents.clear();
        facts.name_authorization = None;
        facts.shelter_verified = false;
        Case {
            at: CaseState::at(Status::Draft),
            facts,
            history: Vec::new(),
        }
    }

    /// Fires an event and, when it applies, moves the case and applies its effects.
    pub fn fire(&mut self, who: Who, event: &Event) -> Result<Transition, Rejection> {
        let transition = apply(self.at, event, &who.actor(), &self.facts, TODAY)?;
        self.at = transition.to;
        for effect in &transition.effects {
            match effect {
                Effect::Assign(assignment) => self.facts.assignment = Some(*assignment),
                Effect::Unassign => self.facts.assignment = None,
                Effect::NameAuthorization(a) => self.facts.name_authorization = Some(a.clone()),
                Effect::NameAuthorizationVoid => self.facts.name_authorization = None,
                Effect::Deed(_) | Effect::Filing(_) | Effect::Rfc(_) => {}
            }
        }
        self.history.push(event.kind);
        Ok(transition)
    }

    /// Fires with complete data, by whoever the contract allows; panics if it does not apply.
    pub fn step(&mut self, who: Who, kind: EventKind) {
        let event = Event {
            kind,
            data: complete_data(),
        };
        if let Err(rejection) = self.fire(who, &event) {
            panic!("{kind} by {who:?} at {} refused: {rejection:?}", self.at);
        }
    }

    pub fn upload(&mut self, kind: DocumentKind) {
        *self.facts.documents.entry(kind).or_default() += 1;
    }
}

/// A case walked along the legal path up to (and including) the state `until`.
pub fn case_at(until: Status) -> Case {
    use EventKind as E;
    let path: [(Who, E, Option<DocumentKind>, Status); 10] = [
        (Who::OwnStaff, E::Submit, None, Status::Submitted),
        (Who::Manager, E::Accept, None, Status::Open),
        (Who::AssignedLawyer, E::Claim, None, Status::Claimed),
        (
            Who::AssignedLawyer,
            E::RequestName,
            Some(DocumentKind::FounderId),
            Status::NameReservation,
        ),
        (
            Who::AssignedLawyer,
            E::NameAuthorized,
            Some(DocumentKind::NameAuthorization),
            Status::Drafting,
        ),
        (
            Who::AssignedLawyer,
            E::ShareDraft,
            Some(DocumentKind::BylawsDraft),
            Status::ShelterReview,
        ),
        (Who::OwnStaff, E::ApproveDraft, None, Status::Notary),
        (
            Who::AssignedLawyer,
            E::RecordSigning,
            Some(DocumentKind::SignedDeed),
            Status::Signed,
        ),
        (
            Who::AssignedLawyer,
            E::RecordFiling,
            Some(DocumentKind::RegistryReceipt),
            Status::Filed,
        ),
        (Who::AssignedLawyer, E::Close, None, Status::Closed),
    ];
    let mut case = Case::new();
    case.facts.shelter_verified = true;
    if until == Status::Draft {
        return case;
    }
    for (who, event, document, reached) in path {
        if let Some(kind) = document {
            case.upload(kind);
            if kind == DocumentKind::FounderId {
                case.upload(kind);
                case.upload(DocumentKind::ProofOfAddress);
            }
            if kind == DocumentKind::SignedDeed {
                for _ in 0..case.facts.residents {
                    case.upload(DocumentKind::FounderTaxCertificate);
                }
            }
        }
        case.step(who, event);
        if reached == until {
            return case;
        }
    }
    panic!("{until} is not on the legal path");
}
