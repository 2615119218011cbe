//! What the workflow needs to know about a case beyond its state, gathered by the caller.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::document::DocumentKind;
use crate::ids::{OrgId, UserId};
use crate::intake::IntakeSection;
use crate::role::{Actor, Role};
use crate::state::{CaseState, Status};

/// How long a name authorization stays in force. The Secretaría de Economía's authorization to
/// use a name (Autorización de Uso de Denominación o Razón Social) lapses 180 calendar days after
/// it is granted unless the deed is signed before then, so the signing must happen within it.
pub const NAME_AUTHORIZATION_DAYS: i64 = 180;

/// The lawyer a case is claimed by or assigned to, and their firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The lawyer.
    pub lawyer: UserId,
    /// The lawyer's law firm.
    pub firm: OrgId,
}

/// A lawyer as found in the directory, when an event names one (`assign`, `reassign`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LawyerStanding {
    /// The user.
    pub id: UserId,
    /// Their organization.
    pub organization: OrgId,
    /// Whether the user's role is lawyer.
    pub is_lawyer: bool,
    /// Whether the account is active.
    pub active: bool,
}

/// The Secretaría de Economía's authorization to use the association's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameAuthorization {
    /// The authorized name.
    pub name: String,
    /// When it was granted.
    pub authorized_on: Date,
    /// The last day it is in force: `authorized_on` plus [`NAME_AUTHORIZATION_DAYS`].
    pub expires_on: Date,
    /// Its Clave Única del Documento (absent on authorizations recorded before it was asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cud: Option<String>,
}

impl NameAuthorization {
    /// The authorization granted on `authorized_on`, with its lapse date.
    pub fn granted(name: String, authorized_on: Date) -> NameAuthorization {
        let expires_on = authorized_on
            .checked_add(Duration::days(NAME_AUTHORIZATION_DAYS))
            .unwrap_or(Date::MAX);
        NameAuthorization {
            name,
            authorized_on,
            expires_on,
            cud: None,
        }
    }

    /// The same authorization with its Clave Única del Documento.
    pub fn with_cud(self, cud: Option<String>) -> NameAuthorization {
        NameAuthorization { cud, ..self }
    }

    /// Whether a deed signed on `day` was signed while the authorization was in force.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.authorized_on <= day && day <= self.expires_on
    }
}

/// The signed deed's particulars, as `record_signing` records them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deed {
    /// The notary's number.
    pub notary_number: String,
    /// The deed's number.
    pub deed_number: String,
    /// The volume (volumen or libro) of the protocol, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// The signing date.
    pub signed_on: Date,
    /// When the notary gave the aviso de uso of the name, once known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aviso_de_uso_on: Option<Date>,
}

/// The inscription in the public registry, as `record_filing` records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Filing {
    /// The registry's folio, as that registry names it.
    pub folio: String,
    /// The registry office: the state's registry and its district.
    pub registry_office: String,
    /// The date of the inscription.
    pub inscribed_on: Date,
}

/// A step of the association's legal life after the signing, tracked without blocking the case
/// (LEGAL-REVIEW.md H-9, W7, W9, W10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Milestone {
    /// The notary gave the Secretaría de Economía the aviso de uso of the name.
    AvisoDeUso,
    /// The SAT registered the association in the RFC (due within a month of the signing).
    Rfc,
    /// The association's e.firma was issued.
    Efirma,
    /// The association's CLUNI (Registro Federal de las OSC) was granted.
    Cluni,
    /// The application for the donataria autorizada authorization was filed with the SAT.
    DonatariaApplication,
    /// The SAT authorized the association to receive deductible donations.
    DonatariaAuthorization,
}

impl Milestone {
    /// Every milestone, in the order they usually come.
    pub const ALL: [Milestone; 6] = [
        Milestone::AvisoDeUso,
        Milestone::Rfc,
        Milestone::Efirma,
        Milestone::Cluni,
        Milestone::DonatariaApplication,
        Milestone::DonatariaAuthorization,
    ];

    /// The wire name (`aviso_de_uso`).
    pub fn as_str(self) -> &'static str {
        match self {
            Milestone::AvisoDeUso => "aviso_de_uso",
            Milestone::Rfc => "rfc",
            Milestone::Efirma => "efirma",
            Milestone::Cluni => "cluni",
            Milestone::DonatariaApplication => "donataria_application",
            Milestone::DonatariaAuthorization => "donataria_authorization",
        }
    }

    /// The key of its label in the translation files.
    pub fn label_key(self) -> String {
        format!("milestone-{}", self.as_str().replace('_', "-"))
    }
}

/// When a milestone was reached, and what identifies it (the RFC, the CLUNI, the SAT's folio or
/// oficio), where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneRecord {
    /// The day.
    pub on: Date,
    /// Its reference, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The milestones recorded for a case.
pub type Milestones = BTreeMap<Milestone, MilestoneRecord>;

/// What the deadlines of the legal path look at: the name authorization, the signing and the
/// milestones after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegalRecord {
    /// The name authorization on record.
    pub name_authorization: Option<NameAuthorization>,
    /// The day the deed was signed, once it was.
    pub signed_on: Option<Date>,
    /// The milestones after the signing.
    pub milestones: Milestones,
}

/// The facts about a case that the requirements and visibility rules look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The shelter organization that owns the case.
    pub shelter: OrgId,
    /// Whether a manager has verified that shelter.
    pub shelter_verified: bool,
    /// Whether one of the shelter's staff confirmed their e-mail address by the link sent at
    /// registration (a manager's verification confirms them too).
    pub shelter_email_confirmed: bool,
    /// The lawyer the case is claimed by or assigned to.
    pub assignment: Option<Assignment>,
    /// The parts of the intake that are incomplete or invalid (empty when it can be submitted).
    pub intake_gaps: BTreeSet<IntakeSection>,
    /// How many associates the intake lists.
    pub associates: usize,
    /// How many of them reside in Mexico (and so need a constancia de situación fiscal
    /// before the signing).
    pub residents: usize,
    /// The associates' generales still blank, by associate (from 0): the signing needs them.
    pub missing_particulars: Vec<(usize, crate::intake::Particular)>,
    /// How many current documents the case holds, by kind. For `founder_id`, the number of
    /// associates covered by one; for `founder_tax_certificate`, the number of residents.
    pub documents: BTreeMap<DocumentKind, usize>,
    /// The name authorization on record.
    pub name_authorization: Option<NameAuthorization>,
    /// The number of the notary chosen for the signing, once chosen.
    pub notary_number: Option<String>,
    /// The lawyer named by the event's `lawyer_id`, if the directory has such a user.
    pub named_lawyer: Option<LawyerStanding>,
}

impl Facts {
    /// The facts of a new case owned by `shelter`: nothing gathered yet.
    pub fn new(shelter: OrgId) -> Facts {
        Facts {
            shelter,
            shelter_verified: false,
            shelter_email_confirmed: false,
            assignment: None,
            intake_gaps: BTreeSet::new(),
            associates: 0,
            residents: 0,
            missing_particulars: Vec::new(),
            documents: BTreeMap::new(),
            name_authorization: None,
            notary_number: None,
            named_lawyer: None,
        }
    }

    /// How many current documents of `kind` the case holds.
    pub fn document_count(&self, kind: DocumentKind) -> usize {
        self.documents.get(&kind).copied().unwrap_or(0)
    }

    /// Whether `actor` is the lawyer the case is claimed by or assigned to.
    pub fn is_assigned(&self, actor: &Actor) -> bool {
        actor.role == Role::Lawyer && self.assignment.is_some_and(|a| a.lawyer == actor.user)
    }
}

/// How much of a case a person may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Nothing: the case does not exist for them (404).
    Hidden,
    /// The anonymised summary of an open request, without the associates' personal data.
    Summary,
    /// Everything, personal data included.
    Full,
}

/// What `actor` may see of a case standing at `at` (DOMAIN.md: a shelter sees its own cases, a
/// lawyer open cases in summary and those claimed by them or assigned to their firm, a manager
/// all).
pub fn visibility(at: CaseState, actor: &Actor, facts: &Facts) -> Visibility {
    match actor.role {
        Role::Manager => Visibility::Full,
        Role::Shelter if actor.organization == facts.shelter => Visibility::Full,
        Role::Shelter => Visibility::Hidden,
        Role::Lawyer => match facts.assignment {
            Some(a) if a.lawyer == actor.user || a.firm == actor.organization => Visibility::Full,
            _ if at.state == Status::Open => Visibility::Summary,
            _ => Visibility::Hidden,
        },
    }
}
