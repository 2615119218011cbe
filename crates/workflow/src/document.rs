//! The kinds of document a case collects (DOMAIN.md, "Documents a case collects").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a stored document is. The serialized names are the wire names of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "sea-orm",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum DocumentKind {
    /// Official ID of an associate.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "founder_id"))]
    FounderId,
    /// An associate's constancia de situación fiscal (the SAT's tax status certificate).
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "founder_tax_certificate"))]
    FounderTaxCertificate,
    /// Proof of the association's domicile.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "proof_of_address"))]
    ProofOfAddress,
    /// The Secretaría de Economía's Autorización de Uso de Denominación o Razón Social.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "name_authorization"))]
    NameAuthorization,
    /// Draft bylaws (estatutos sociales), generated or uploaded by the lawyer.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "bylaws_draft"))]
    BylawsDraft,
    /// The signed deed: the notary's testimonio or letter.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "signed_deed"))]
    SignedDeed,
    /// The public registry's boleta de inscripción, carrying the folio.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "registry_receipt"))]
    RegistryReceipt,
    /// The new association's RFC certificate.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "rfc_certificate"))]
    RfcCertificate,
    /// Anything else.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "other"))]
    Other,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 9] = [
        DocumentKind::FounderId,
        DocumentKind::FounderTaxCertificate,
        DocumentKind::ProofOfAddress,
        DocumentKind::NameAuthorization,
        DocumentKind::BylawsDraft,
        DocumentKind::SignedDeed,
        DocumentKind::RegistryReceipt,
        DocumentKind::RfcCertificate,
        DocumentKind::Other,
    ];

    /// The wire name (`registry_receipt`).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::FounderId => "founder_id",
            DocumentKind::FounderTaxCertificate => "founder_tax_certificate",
            DocumentKind::ProofOfAddress => "proof_of_address",
            DocumentKind::NameAuthorization => "name_authorization",
            DocumentKind::BylawsDraft => "bylaws_draft",
            DocumentKind::SignedDeed => "signed_deed",
            DocumentKind::RegistryReceipt => "registry_receipt",
            DocumentKind::RfcCertificate => "rfc_certificate",
            DocumentKind::Other => "other",
        }
    }

    /// The key of the kind's label in the translation files.
    pub fn label_key(self) -> String {
        format!("document-{}", self.as_str().replace('_', "-"))
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| format!("unknown document kind `{s}`"))
    }
}
