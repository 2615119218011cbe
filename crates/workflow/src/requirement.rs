//! What an event needs before it applies, and the stable codes of what is still missing.

use std::fmt;

use puente_i18n::{ArgValue, Lang, text};
use serde::{Serialize, Serializer};

use crate::document::DocumentKind;
use crate::event::Field;
use crate::intake::{IntakeSection, Particular};

/// A requirement as listed in the transition table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// The intake is complete and valid (each failing part reported as `intake:<section>`).
    IntakeComplete,
    /// The privacy notice was accepted.
    PrivacyConsent,
    /// The shelter attested it informed every associate and has their consent.
    AssociatesConsent,
    /// The shelter organization has been verified by a manager.
    ShelterVerified,
    /// The shelter's e-mail address was confirmed, or a manager verified the shelter.
    EmailConfirmed,
    /// At least one current document of this kind.
    Document(DocumentKind),
    /// A `founder_id` document for each associate.
    FounderIdForEachAssociate,
    /// A `founder_tax_certificate` (constancia de situación fiscal) for each associate resident
    /// in Mexico: the notary must have their RFC (CFF art. 27).
    FounderTaxCertificateForEachResident,
    /// Every associate's generales, which the deed gives (each blank one reported as
    /// `particulars:associates[<n>].<field>`).
    FoundersParticulars,
    /// The event's data carries this field.
    Field(Field),
    /// The firm's conflict-of-interest attestation: `{no_conflict: true, reference}`.
    ConflictAttestation,
    /// `lawyer_id` names an active lawyer.
    ActiveLawyer,
    /// `lawyer_id` names a lawyer other than the one assigned now.
    OtherLawyer,
    /// The deed was signed while the name authorization was in force, and not in the future.
    SignedWhileNameAuthorized,
    /// The notary was chosen and recorded on the case, and the deed's `notary_number` is theirs.
    NotaryChosen,
    /// `approved_by` lists every associate: each one read and approved the draft (each missing
    /// one reported as `approval:associate:<n>`).
    ApprovedByEachAssociate,
}

impl Requirement {
    /// Whether checking it counts the case's documents.
    pub fn counts_documents(self) -> bool {
        matches!(
            self,
            Requirement::Document(_)
                | Requirement::FounderIdForEachAssociate
                | Requirement::FounderTaxCertificateForEachResident
        )
    }

    /// The requirement's stable code, as exported in the workflow definition.
    pub fn code(self) -> String {
        match self {
            Requirement::IntakeComplete => "intake".to_owned(),
            Requirement::PrivacyConsent => Missing::Intake(IntakeSection::PrivacyConsent).code(),
            Requirement::AssociatesConsent => {
                Missing::Intake(IntakeSection::AssociatesConsent).code()
            }
            Requirement::ShelterVerified => Missing::ShelterVerified.code(),
            Requirement::EmailConfirmed => Missing::EmailConfirmed.code(),
            Requirement::Document(kind) => Missing::Document(kind).code(),
            Requirement::FounderIdForEachAssociate => {
                Missing::Document(DocumentKind::FounderId).code()
            }
            Requirement::FounderTaxCertificateForEachResident => {
                Missing::Document(DocumentKind::FounderTaxCertificate).code()
            }
            Requirement::FoundersParticulars => "particulars".to_owned(),
            Requirement::Field(field) => Missing::Field(field).code(),
            Requirement::ConflictAttestation => Missing::Field(Field::ConflictCheck).code(),
            Requirement::ActiveLawyer => Missing::ActiveLawyer.code(),
            Requirement::OtherLawyer => Missing::OtherLawyer.code(),
            Requirement::SignedWhileNameAuthorized => Missing::NameAuthorizationInForce.code(),
            Requirement::NotaryChosen => Missing::NotaryChosen.code(),
            Requirement::ApprovedByEachAssociate => "approval".to_owned(),
        }
    }

    /// The key of the requirement's label in the translation files.
    pub fn label_key(self) -> String {
        match self {
            Requirement::FounderIdForEachAssociate => "requirement-founder-id-each".to_owned(),
            Requirement::FounderTaxCertificateForEachResident => {
                "requirement-founder-tax-certificate-each".to_owned()
            }
            other => format!("requirement-{}", code_to_key(&other.code())),
        }
    }

    /// Whether checking it needs the event's data (otherwise the case's facts alone decide).
    pub fn needs_event_data(self) -> bool {
        matches!(
            self,
            Requirement::Field(_)
                | Requirement::ConflictAttestation
                | Requirement::ActiveLawyer
                | Requirement::OtherLawyer
                | Requirement::SignedWhileNameAuthorized
                | Requirement::ApprovedByEachAssociate
        )
    }
}

/// One unmet requirement, as reported in the `missing` list of a 422 answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Missing {
    /// `intake:<section>`: this part of the intake is incomplete or invalid.
    Intake(IntakeSection),
    /// `shelter:verified`.
    ShelterVerified,
    /// `shelter:email_confirmed`: nobody at the shelter has confirmed their e-mail address yet.
    EmailConfirmed,
    /// `document:<kind>`.
    Document(DocumentKind),
    /// `field:<name>`: the event's data lacks this field (or it is blank or false).
    Field(Field),
    /// `lawyer:active`: `lawyer_id` is not an active lawyer.
    ActiveLawyer,
    /// `lawyer:other`: `lawyer_id` is the lawyer already assigned.
    OtherLawyer,
    /// `name_authorization:in_force`: the signing date is after the name authorization lapsed,
    /// before it was granted, in the future, or there is no authorization on record.
    NameAuthorizationInForce,
    /// `particulars:associates[<n>].<field>`: one of an associate's generales is blank.
    Particular(usize, Particular),
    /// `notary:chosen`: no notary is recorded on the case.
    NotaryChosen,
    /// `notary:number`: the deed's `notary_number` is not the chosen notary's.
    NotaryNumber,
    /// `approval:associate:<n>`: `approved_by` does not list associate `n` (from 0).
    Approval(usize),
    /// `approval:unknown:<n>`: `approved_by` lists a number that names no associate.
    UnknownAssociate(usize),
}

impl Missing {
    /// The stable code (`document:registry_receipt`, `field:folio`, `intake:associates`).
    pub fn code(self) -> String {
        match self {
            Missing::Intake(section) => format!("intake:{}", section.as_str()),
            Missing::ShelterVerified => "shelter:verified".to_owned(),
            Missing::EmailConfirmed => "shelter:email_confirmed".to_owned(),
            Missing::Document(kind) => format!("document:{}", kind.as_str()),
            Missing::Field(field) => format!("field:{}", field.as_str()),
            Missing::ActiveLawyer => "lawyer:active".to_owned(),
            Missing::OtherLawyer => "lawyer:other".to_owned(),
            Missing::NameAuthorizationInForce => "name_authorization:in_force".to_owned(),
            Missing::Particular(index, particular) => {
                format!("particulars:{}", particular.path(index))
            }
            Missing::NotaryChosen => "notary:chosen".to_owned(),
            Missing::NotaryNumber => "notary:number".to_owned(),
            Missing::Approval(index) => format!("approval:associate:{index}"),
            Missing::UnknownAssociate(index) => format!("approval:unknown:{index}"),
        }
    }

    /// The key of the label shown to people in the translation files (one per particular,
    /// whoever's it is).
    pub fn label_key(self) -> String {
        match self {
            Missing::Particular(_, particular) => {
                format!("missing-particulars-{}", code_to_key(particular.as_str()))
            }
            other => format!("missing-{}", code_to_key(&other.code())),
        }
    }

    /// What is missing, for a person, in `lang` (an associate's generales name the associate by
    /// their number, from 1).
    pub fn message(self, lang: Lang) -> String {
        match self {
            Missing::Particular(index, _)
            | Missing::Approval(index)
            | Missing::UnknownAssociate(index) => {
                let number = ArgValue::Number(index as f64 + 1.0);
                text(lang, &self.label_key(), &[("n", number)])
            }
            other => text(lang, &other.label_key(), &[]),
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Missing {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

/// `document:founder_id` → `document-founder-id`: Fluent identifiers allow only dashes.
fn code_to_key(code: &str) -> String {
    code.replace([':', '_', '.'], "-")
}
