//! The intake: what a shelter tells Puente about itself and the association it wants to create.
//!
//! A shelter writes the intake over several sittings, so it is kept as an [`IntakeDraft`] that
//! accepts anything; [`IntakeDraft::validate`] reads it field by field into an [`Intake`], whose
//! values are all valid by construction ("parse, don't validate").

mod curp;
mod email;
mod mexican_state;
mod particulars;
mod rfc;
mod validate;

use serde::{Deserialize, Serialize};

pub use curp::{Curp, CurpError};
pub use email::{Email, EmailError};
pub use mexican_state::{MexicanState, UnknownMexicanState};
pub use particulars::{
    CIVIL_STATUSES, ID_KINDS, IMMIGRATION_STATUSES, Particular, ParticularsDraft, TREATMENTS,
};
pub use rfc::{Rfc, RfcError};
pub use validate::{MAX_ASSOCIATES, MAX_PROPOSED_NAMES, MIN_ASSOCIATES};

/// Every country's ISO 3166-1 alpha-2 code, as a nationality takes it.
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    celes::Country::get_countries()
        .into_iter()
        .map(|country| country.alpha2)
}

/// A top-level part of the intake, as named in `intake:<section>` requirement codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeSection {
    /// The proposed names.
    ProposedNames,
    /// The social object.
    Purpose,
    /// The domicile.
    Domicile,
    /// The associates.
    Associates,
    /// Board or sole administrator.
    Governance,
    /// Who represents the association.
    LegalRepresentative,
    /// Whether it intends to become a donataria autorizada.
    DonatariaAutorizada,
    /// Consent to the privacy notice.
    PrivacyConsent,
    /// The shelter's attestation that every associate was informed and consented.
    AssociatesConsent,
    /// Whom to contact about the request.
    Contact,
}

impl IntakeSection {
    /// Every section, in the order of the intake form.
    pub const ALL: [IntakeSection; 10] = [
        IntakeSection::ProposedNames,
        IntakeSection::Purpose,
        IntakeSection::Domicile,
        IntakeSection::Associates,
        IntakeSection::Governance,
        IntakeSection::LegalRepresentative,
        IntakeSection::DonatariaAutorizada,
        IntakeSection::PrivacyConsent,
        IntakeSection::AssociatesConsent,
        IntakeSection::Contact,
    ];

    /// The wire name (`proposed_names`).
    pub fn as_str(self) -> &'static str {
        match self {
            IntakeSection::ProposedNames => "proposed_names",
            IntakeSection::Purpose => "purpose",
            IntakeSection::Domicile => "domicile",
            IntakeSection::Associates => "associates",
            IntakeSection::Governance => "governance",
            IntakeSection::LegalRepresentative => "legal_representative",
            IntakeSection::DonatariaAutorizada => "donataria_autorizada",
            IntakeSection::PrivacyConsent => "privacy_consent",
            IntakeSection::AssociatesConsent => "associates_consent",
            IntakeSection::Contact => "contact",
        }
    }

    /// The section a field path such as `associates[1].curp` belongs to.
    pub fn of_field(path: &str) -> Option<IntakeSection> {
        let head = path.split(['.', '[']).next().unwrap_or_default();
        IntakeSection::ALL
            .into_iter()
            .find(|section| section.as_str() == head)
    }
}

/// An associate's place on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardRole {
    /// Presidente.
    President,
    /// Secretario.
    Secretary,
    /// Tesorero.
    Treasurer,
    /// Vocal.
    Member,
    /// A plain associate, not on the board.
    None,
}

impl BoardRole {
    /// Every role.
    pub const ALL: [BoardRole; 5] = [
        BoardRole::President,
        BoardRole::Secretary,
        BoardRole::Treasurer,
        BoardRole::Member,
        BoardRole::None,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardRole::President => "president",
            BoardRole::Secretary => "secretary",
            BoardRole::Treasurer => "treasurer",
            BoardRole::Member => "member",
            BoardRole::None => "none",
        }
    }

    /// Whether only one associate may hold it.
    pub fn is_single_office(self) -> bool {
        matches!(
            self,
            BoardRole::President | BoardRole::Secretary | BoardRole::Treasurer
        )
    }
}

/// How the association is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Governance {
    /// A board of directors (consejo directivo).
    Board,
    /// A sole administrator (administrador único).
    SoleAdministrator,
}

impl Governance {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Governance::Board => "board",
            Governance::SoleAdministrator => "sole_administrator",
        }
    }
}

/// The intake as the shelter has written it so far: every field optional and unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)] // the fields mirror [`Intake`]'s
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntakeDraft {
    pub proposed_names: Vec<String>,
    pub purpose: Option<String>,
    pub domicile: Option<DomicileDraft>,
    pub associates: Vec<AssociateDraft>,
    pub governance: Option<String>,
    pub legal_representative: Option<usize>,
    pub donataria_autorizada: Option<bool>,
    pub privacy_consent: Option<bool>,
    /// The shelter attests that it gave every associate the privacy notice and collected their
    /// express consent (their data includes sensitive data: nationality, immigration status,
    /// identity documents). It stands in for each associate's own consent until associates can
    /// give it by a link of their own.
    pub associates_consent: Option<bool>,
    pub contact: Option<ContactDraft>,
}

/// The domicile as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomicileDraft {
    pub state: Option<String>,
    pub municipality: Option<String>,
    pub address: Option<String>,
}

/// An associate as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssociateDraft {
    pub full_name: Option<String>,
    pub nationality: Option<String>,
    pub curp: Option<String>,
    pub rfc: Option<String>,
    pub email: Option<String>,
    pub board_role: Option<String>,
    /// The generales the deed gives (optional until the signing).
    #[serde(skip_serializing_if = "ParticularsDraft::is_empty")]
    pub particulars: ParticularsDraft,
}

impl AssociateDraft {
    /// Whether the associate is a Mexican national.
    pub fn is_mexican(&self) -> bool {
        self.nationality
            .as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case("MX"))
    }

    /// Whether the associate resides in Mexico as far as the intake tells: a Mexican national,
    /// or a foreigner with a temporary or permanent resident's card. The notary needs a
    /// resident's RFC and constancia de situación fiscal (CFF art. 27) before the signing.
    pub fn resides_in_mexico(&self) -> bool {
        self.is_mexican() || self.particulars.resident_card()
    }

    /// The generales the signing needs that are still blank.
    pub fn missing_particulars(&self) -> Vec<Particular> {
        let given = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
        self.particulars.missing(
            self.is_mexican(),
            given(&self.curp),
            self.resides_in_mexico(),
            given(&self.rfc),
        )
    }
}

impl IntakeDraft {
    /// The associates who reside in Mexico, by their place in the list counted from 1 (as
    /// documents name them).
    pub fn resident_slots(&self) -> std::collections::BTreeSet<usize> {
        (1..)
            .zip(&self.associates)
            .filter(|(_, associate)| associate.resides_in_mexico())
            .map(|(slot, _)| slot)
            .collect()
    }

    /// Each associate's generales the signing still needs: (index from 0, particular).
    pub fn missing_particulars(&self) -> Vec<(usize, Particular)> {
        self.associates
            .iter()
            .enumerate()
            .flat_map(|(index, associate)| {
                associate
                    .missing_particulars()
                    .into_iter()
                    .map(move |particular| (index, particular))
            })
            .collect()
    }
}

/// The contact as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDraft {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A complete, valid intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intake {
    /// One to five names, in order of preference, without repeats.
    pub proposed_names: Vec<String>,
    /// The social object (objeto social).
    pub purpose: String,
    /// The association's domicile.
    pub domicile: Domicile,
    /// At least two associates.
    pub associates: Vec<Associate>,
    /// Board or sole administrator.
    pub governance: Governance,
    /// The index in `associates` of the legal representative.
    pub legal_representative: usize,
    /// Whether the association intends to become a donataria autorizada (a donee authorized by
    /// the SAT to receive tax-deductible donations), which adds the SAT's clauses to the bylaws.
    pub donataria_autorizada: bool,
    /// Whom to contact about the request.
    pub contact: Contact,
}

/// Where the association is domiciled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domicile {
    /// The federal entity.
    pub state: MexicanState,
    /// The municipality (or Mexico City's alcaldía).
    pub municipality: String,
    /// Street, number, neighbourhood and postal code.
    pub address: String,
}

/// A founding associate (asociado): a natural person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Associate {
    /// Full name as on the official ID.
    pub full_name: String,
    /// Nationality, as an ISO 3166-1 alpha-2 code (`MX`).
    pub nationality: String,
    /// CURP: required of Mexicans, optional for foreigners who have one.
    pub curp: Option<Curp>,
    /// RFC of a natural person, where given.
    pub rfc: Option<Rfc>,
    /// E-mail address.
    pub email: Email,
    /// Place on the board.
    pub board_role: BoardRole,
}

impl Associate {
    /// Whether the associate is a foreign national (which brings the foreigners' admission
    /// clause into the bylaws).
    pub fn is_foreign(&self) -> bool {
        self.nationality != "MX"
    }
}

/// Whom Puente and the lawyer contact about the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Telephone, as written (at least one of phone and e-mail is given).
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<Email>,
}

impl Intake {
    /// Whether any associate is a foreign national.
    pub fn has_foreign_associate(&self) -> bool {
        self.associates.iter().any(Associate::is_foreign)
    }

    /// The legal representative.
    pub fn representative(&self) -> Option<&Associate> {
        self.associates.get(self.legal_representative)
    }
}
