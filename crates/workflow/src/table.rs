//! The transition table of WORKFLOW.md, as data. `apply`, `available`, the exported JSON and the
//! diagram are all read from here, so they cannot disagree.

use serde::Serialize;

use crate::document::DocumentKind;
use crate::event::{EventKind, Field};
use crate::requirement::Requirement;
use crate::role::Party;
use crate::state::{CaseState, Status};

/// Where an event takes the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Target {
    /// To this state.
    State(Status),
    /// To `on_hold`, remembering the state it came from.
    Hold,
    /// Back to the state the case was held from.
    HeldFrom,
    /// The state does not change (the lawyer does).
    Unchanged,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct EventSpec {
    /// The event.
    pub kind: EventKind,
    /// The states it applies in.
    pub from: &'static [Status],
    /// Whether it also applies `on_hold` when the case was held from one of `from`.
    pub also_when_held: bool,
    /// Where it takes the case.
    pub to: Target,
    /// Who may fire it.
    pub who: &'static [Party],
    /// What it needs.
    pub requires: &'static [Requirement],
    /// Data it accepts without requiring it.
    pub optional: &'static [Field],
}

impl EventSpec {
    /// Whether deciding it needs the case's documents counted (firing the others need not read
    /// them).
    pub fn counts_documents(&self) -> bool {
        self.requires.iter().any(|r| r.counts_documents())
    }

    /// Whether the event applies to a case standing at `at`.
    pub fn applies_in(&self, at: CaseState) -> bool {
        if self.from.contains(&at.state) {
            return true;
        }
        self.also_when_held
            && at.state == Status::OnHold
            && at.held_from.is_some_and(|held| self.from.contains(&held))
    }

    /// Where the event takes a case standing at `at` (which it must apply in).
    pub fn target(&self, at: CaseState) -> CaseState {
        match self.to {
            Target::State(state) => CaseState::at(state),
            Target::Hold => CaseState::held(at.state),
            Target::HeldFrom => CaseState::at(at.held_from.unwrap_or(at.state)),
            Target::Unchanged => at,
        }
    }

    /// The data fields the event requires.
    pub fn required_fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.requires
            .iter()
            .filter_map(|requirement| match requirement {
                Requirement::Field(field) => Some(*field),
                Requirement::ConflictAttestation => Some(Field::ConflictCheck),
                Requirement::ActiveLawyer | Requirement::OtherLawyer => Some(Field::LawyerId),
                Requirement::SignedWhileNameAuthorized => Some(Field::SignedOn),
                Requirement::ApprovedByEachAssociate => Some(Field::ApprovedBy),
                _ => None,
            })
    }

    /// Every data field the event accepts, required ones first, without repeats.
    pub fn accepted_fields(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        for field in self.required_fields().chain(self.optional.iter().copied()) {
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields
    }
}

use DocumentKind as D;
use Field as F;
use Party as P;
use Requirement as R;
use Status as S;

const LAWYER_STAGES: &[Status] = &[
    S::Claimed,
    S::NameReservation,
    S::Drafting,
    S::ShelterReview,
    S::Notary,
    S::Signed,
];
const BEFORE_FILED: &[Status] = &[
    S::Draft,
    S::Submitted,
    S::NeedsInfo,
    S::Open,
    S::Claimed,
    S::NameReservation,
    S::Drafting,
    S::ShelterReview,
    S::Notary,
    S::Signed,
];
const OPEN_TO_FILED: &[Status] = &[
    S::Open,
    S::Claimed,
    S::NameReservation,
    S::Drafting,
    S::ShelterReview,
    S::Notary,
    S::Signed,
    S::Filed,
];
const LAWYER_OR_MANAGER: &[Party] = &[P::AssignedLawyer, P::Manager];
const ASSIGNED: &[Party] = &[P::AssignedLawyer];
const SHELTER: &[Party] = &[P::OwningShelter];
const MANAGER: &[Party] = &[P::Manager];
const REASON: &[Requirement] = &[R::Field(F::Reason)];

const fn row(
    kind: EventKind,
    from: &'static [Status],
    to: Target,
    who: &'static [Party],
    requires: &'static [Requirement],
) -> EventSpec {
    EventSpec {
        kind,
        from,
        also_when_held: false,
        to,
        who,
        requires,
        optional: &[],
    }
}

/// The table, one row per event, in the order of WORKFLOW.md.
pub const TABLE: [EventSpec; 23] = [
    row(
        EventKind::Submit,
        &[S::Draft, S::NeedsInfo],
        Target::State(S::Submitted),
        SHELTER,
        &[
            R::IntakeComplete,
            R::PrivacyConsent,
            R::AssociatesConsent,
            R::EmailConfirmed,
        ],
    ),
    row(
        EventKind::RequestInfo,
        &[S::Submitted],
        Target::State(S::NeedsInfo),
        MANAGER,
        &[R::Field(F::Message)],
    ),
    row(
        EventKind::Accept,
        &[S::Submitted],
        Target::State(S::Open),
        MANAGER,
        &[R::ShelterVerified, R::AssociatesConsent],
    ),
    row(
        EventKind::Decline,
        &[S::Submitted],
        Target::State(S::Declined),
        MANAGER,
        REASON,
    ),
    row(
        EventKind::Claim,
        &[S::Open],
        Target::State(S::Claimed),
        &[P::AnyLawyer],
        &[R::ConflictAttestation],
    ),
    row(
        EventKind::Assign,
        &[S::Open],
        Target::State(S::Claimed),
        MANAGER,
        &[R::ActiveLawyer, R::ConflictAttestation],
    ),
    row(
        EventKind::Release,
        &[S::Claimed, S::NameReservation, S::Drafting],
        Target::State(S::Open),
        LAWYER_OR_MANAGER,
        REASON,
    ),
    row(
        EventKind::Reassign,
        LAWYER_STAGES,
        Target::Unchanged,
        MANAGER,
        &[R::ActiveLawyer, R::OtherLawyer, R::ConflictAttestation],
    ),
    row(
        EventKind::RequestName,
        &[S::Claimed],
        Target::State(S::NameReservation),
        ASSIGNED,
        &[R::FounderIdForEachAssociate, R::Document(D::ProofOfAddress)],
    ),
    row(
        EventKind::NameAuthorized,
        &[S::NameReservation],
        Target::State(S::Drafting),
        ASSIGNED,
        &[
            R::Document(D::NameAuthorization),
            R::Field(F::AuthorizedName),
            R::Field(F::AuthorizedOn),
            R::Field(F::Cud),
        ],
    ),
    row(
        EventKind::NameRefused,
        &[S::NameReservation],
        Target::State(S::Claimed),
        ASSIGNED,
        REASON,
    ),
    row(
        EventKind::RenewName,
        &[S::Drafting, S::ShelterReview, S::Notary],
        Target::State(S::NameReservation),
        ASSIGNED,
        REASON,
    ),
    row(
        EventKind::ShareDraft,
        &[S::Drafting],
        Target::State(S::ShelterReview),
        ASSIGNED,
        &[R::Document(D::BylawsDraft)],
    ),
    row(
        EventKind::RequestChanges,
        &[S::ShelterReview],
        Target::State(S::Drafting),
        SHELTER,
        &[R::Field(F::Message)],
    ),
    row(
        EventKind::ApproveDraft,
        &[S::ShelterReview],
        Target::State(S::Notary),
        SHELTER,
        &[R::ApprovedByEachAssociate],
    ),
    row(
        EventKind::ReviseDraft,
        &[S::Notary],
        Target::State(S::Drafting),
        ASSIGNED,
        &[R::Field(F::Message)],
    ),
    EventSpec {
        optional: &[F::Volume, F::AvisoDeUsoOn],
        ..row(
            EventKind::RecordSigning,
            &[S::Notary],
            Target::State(S::Signed),
            ASSIGNED,
            &[
                R::Document(D::SignedDeed),
                R::FounderTaxCertificateForEachResident,
                R::FoundersParticulars,
                R::NotaryChosen,
                R::Field(F::NotaryNumber),
                R::Field(F::DeedNumber),
                R::Field(F::SignedOn),
                R::SignedWhileNameAuthorized,
            ],
        )
    },
    row(
        EventKind::RecordFiling,
        &[S::Signed],
        Target::State(S::Filed),
        ASSIGNED,
        &[
            R::Document(D::RegistryReceipt),
            R::Field(F::Folio),
            R::Field(F::RegistryOffice),
            R::Field(F::InscribedOn),
        ],
    ),
    EventSpec {
        optional: &[F::Rfc],
        ..row(
            EventKind::Close,
            &[S::Filed],
            Target::State(S::Closed),
            LAWYER_OR_MANAGER,
            &[],
        )
    },
    EventSpec {
        also_when_held: true,
        ..row(
            EventKind::Withdraw,
            BEFORE_FILED,
            Target::State(S::Withdrawn),
            &[P::OwningShelter, P::Manager],
            REASON,
        )
    },
    row(
        EventKind::Hold,
        OPEN_TO_FILED,
        Target::Hold,
        LAWYER_OR_MANAGER,
        REASON,
    ),
    row(
        EventKind::Resume,
        &[S::OnHold],
        Target::HeldFrom,
        LAWYER_OR_MANAGER,
        &[],
    ),
    // Reopening sends the request back to screening, which must only ever see a complete
    // intake: without the intake requirements, a draft withdrawn by a manager and reopened
    // would reach `submitted` without passing `submit`'s checks.
    row(
        EventKind::Reopen,
        &[S::Declined, S::Withdrawn],
        Target::State(S::Submitted),
        MANAGER,
        &[R::Field(F::Reason), R::IntakeComplete, R::PrivacyConsent],
    ),
];

/// The row of `kind`.
pub fn spec(kind: EventKind) -> &'static EventSpec {
    // The rows follow the order of `EventKind` (checked by the tests), and the array has one row
    // per kind, so the index is always in range.
    &TABLE[kind as usize]
}

/// The states a case may be held from: those `hold` applies in.
pub fn holdable_states() -> &'static [Status] {
    spec(EventKind::Hold).from
}
