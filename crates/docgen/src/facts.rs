//! What a document is drafted from: the case's facts, given by the caller in plain types and
//! handed to the templates under Spanish names (the lawyers who edit the templates read them;
//! `templates/documents/README.md` lists them).

use serde::Serialize;
use time::Date;

use crate::spanish;

/// A role on the first board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRole {
    /// Presidente.
    President,
    /// Secretario.
    Secretary,
    /// Tesorero.
    Treasurer,
    /// Vocal.
    Member,
    /// A plain associate.
    None,
}

impl BoardRole {
    /// The office's name in the bylaws, or `""` for a plain associate.
    pub fn title(self) -> &'static str {
        match self {
            BoardRole::President => "Presidente",
            BoardRole::Secretary => "Secretario",
            BoardRole::Treasurer => "Tesorero",
            BoardRole::Member => "Vocal",
            BoardRole::None => "",
        }
    }
}

/// A founding associate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Associate {
    /// Full name.
    pub full_name: String,
    /// ISO 3166-1 alpha-2 code of the nationality.
    pub nationality: String,
    /// CURP (Mexicans).
    pub curp: Option<String>,
    /// RFC, where given.
    pub rfc: Option<String>,
    /// E-mail, where given.
    pub email: Option<String>,
    /// Office on the first board.
    pub board_role: BoardRole,
}

/// Where the association is domiciled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domicile {
    /// The state's name ("Chihuahua").
    #[serde(rename = "estado")]
    pub state: String,
    /// The municipality.
    #[serde(rename = "municipio")]
    pub municipality: String,
    /// Street address.
    #[serde(rename = "direccion")]
    pub address: String,
}

/// Someone to write to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Name.
    #[serde(rename = "nombre")]
    pub name: String,
    /// Telephone.
    #[serde(rename = "telefono")]
    pub phone: String,
    /// E-mail.
    #[serde(rename = "correo")]
    pub email: String,
}

/// The name authorization of the Secretaría de Economía.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameAuthorization {
    /// The authorized name.
    pub name: String,
    /// When it was granted.
    pub authorized_on: Date,
    /// When it lapses.
    pub expires_on: Date,
}

/// The attorney responsible for the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attorney {
    /// Name.
    #[serde(rename = "nombre")]
    pub name: String,
    /// E-mail.
    #[serde(rename = "correo")]
    pub email: String,
}

/// A document already in the case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiledDocument {
    /// What it is, in Spanish ("Identificación oficial de un asociado").
    #[serde(rename = "tipo")]
    pub kind: String,
    /// Its version.
    pub version: i32,
}

/// Everything a document may say about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The case's reference ("PUE-2026-000123").
    pub reference: String,
    /// The day of the draft.
    pub date: Date,
    /// The proposed names, in order of preference.
    pub proposed_names: Vec<String>,
    /// The social object.
    pub purpose: String,
    /// The domicile.
    pub domicile: Domicile,
    /// The associates, at least one.
    pub associates: Vec<Associate>,
    /// A board (`true`) or a sole administrator.
    pub board: bool,
    /// The legal representative's position in `associates`.
    pub legal_representative: usize,
    /// Whether the association intends to become a donataria autorizada.
    pub donataria: bool,
    /// The shelter's name.
    pub shelter: String,
    /// The shelter's contact.
    pub contact: Contact,
    /// The name authorization, once granted.
    pub name_authorization: Option<NameAuthorization>,
    /// The responsible attorney, once the case is claimed.
    pub attorney: Option<Attorney>,
    /// The attorney's firm.
    pub firm: Option<String>,
    /// The documents already in the file.
    pub documents: Vec<FiledDocument>,
}

/// An associate as the templates see it.
#[derive(Serialize)]
struct AssociateContext<'a> {
    nombre: &'a str,
    nacionalidad: String,
    mexicano: bool,
    curp: Option<&'a str>,
    rfc: Option<&'a str>,
    correo: Option<&'a str>,
    cargo: &'static str,
    representante: bool,
}

#[derive(Serialize)]
struct AuthorizationContext<'a> {
    denominacion: &'a str,
    fecha: String,
    vigencia: String,
}

/// The facts as the templates see them.
#[derive(Serialize)]
pub(crate) struct Context<'a> {
    expediente: &'a str,
    fecha: String,
    denominacion: &'a str,
    denominaciones: &'a [String],
    objeto: &'a str,
    domicilio: &'a Domicile,
    asociados: Vec<AssociateContext<'a>>,
    representante: AssociateContext<'a>,
    consejo: bool,
    donataria: bool,
    extranjeros: bool,
    extranjeros_total: usize,
    albergue: ShelterContext<'a>,
    autorizacion: Option<AuthorizationContext<'a>>,
    abogado: Option<&'a Attorney>,
    despacho: Option<&'a str>,
    documentos: &'a [FiledDocument],
}

#[derive(Serialize)]
struct ShelterContext<'a> {
    nombre: &'a str,
    contacto: &'a Contact,
}

fn associate(a: &Associate, representative: bool) -> AssociateContext<'_> {
    AssociateContext {
        nombre: &a.full_name,
        nacionalidad: spanish::nationality(&a.nationality),
        mexicano: a.nationality.eq_ignore_ascii_case("MX"),
        curp: a.curp.as_deref(),
        rfc: a.rfc.as_deref(),
        correo: a.email.as_deref(),
        cargo: a.board_role.title(),
        representante: representative,
    }
}

impl Facts {
    /// The association's name: the authorized one, or else the first proposed.
    pub fn name(&self) -> &str {
        self.name_authorization
            .as_ref()
            .map(|a| a.name.as_str())
            .or(self.proposed_names.first().map(String::as_str))
            .unwrap_or_default()
    }

    /// The variables the templates see, as JSON (`templates/documents/README.md` lists them);
    /// `None` when there is no associate to name as representative.
    pub fn template_variables(&self) -> Option<serde_json::Value> {
        self.context()
            .and_then(|context| serde_json::to_value(context).ok())
    }

    /// `None` when there is no associate to name as representative.
    pub(crate) fn context(&self) -> Option<Context<'_>> {
        let foreigners = self
            .associates
            .iter()
            .filter(|a| !a.nationality.eq_ignore_ascii_case("MX"))
            .count();
        let representative = self
            .associates
            .get(self.legal_representative)
            .or(self.associates.first())?;
        Some(Context {
            expediente: &self.reference,
            fecha: self.date.to_string(),
            denominacion: self.name(),
            denominaciones: &self.proposed_names,
            objeto: &self.purpose,
            domicilio: &self.domicile,
            asociados: self
                .associates
                .iter()
                .enumerate()
                .map(|(i, a)| associate(a, i == self.legal_representative))
                .collect(),
            representante: associate(representative, true),
            consejo: self.board,
            donataria: self.donataria,
            extranjeros: foreigners > 0,
            extranjeros_total: foreigners,
            albergue: ShelterContext {
                nombre: &self.shelter,
                contacto: &self.contact,
            },
            autorizacion: self
                .name_authorization
                .as_ref()
                .map(|a| AuthorizationContext {
                    denominacion: &a.name,
                    fecha: a.authorized_on.to_string(),
                    vigencia: a.expires_on.to_string(),
                }),
            abogado: self.attorney.as_ref(),
            despacho: self.firm.as_deref(),
            documentos: &self.documents,
        })
    }
}
