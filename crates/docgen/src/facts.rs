//! What a document is drafted from: the case's facts, given by the caller in plain types.
//! `context.rs` hands them to the templates under Spanish names (the lawyers who edit the
//! templates read them; `templates/documents/README.md` lists them).

use serde::Serialize;
use time::Date;

/// A role on the first board (its name agrees with the person who holds it:
/// `spanish::office`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRole {
    /// Presidente, presidenta.
    President,
    /// Secretario, secretaria.
    Secretary,
    /// Tesorero, tesorera.
    Treasurer,
    /// Vocal.
    Member,
    /// A plain associate.
    None,
}

/// The grammatical gender a document gives a person (the "tratamiento"): the offices and roles
/// printed beside a name agree with it ("Presidenta", "Asociada fundadora", "Abogada
/// responsable", review S-1). Where it is not known, the documents keep the masculine generic
/// form for associates and write "Abogado(a) responsable" for the attorney.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// "Presidenta", "Asociada fundadora".
    Feminine,
    /// "Presidente", "Asociado fundador".
    Masculine,
    /// Neither: wording built on "persona" or on the office ("Persona asociada fundadora",
    /// "Titular de la Presidencia"), for a CURP that records a non-binary person.
    Neutral,
}

impl Gender {
    /// The gender a CURP records in its 11th character: `H` (hombre), `M` (mujer) or `X` (no
    /// binario, which RENAPO issues since 2023). `None` for anything else.
    pub fn from_curp(curp: &str) -> Option<Gender> {
        match curp.trim().chars().nth(10)?.to_ascii_uppercase() {
            'H' => Some(Gender::Masculine),
            'M' => Some(Gender::Feminine),
            'X' => Some(Gender::Neutral),
            _ => None,
        }
    }
}

/// An activity of article 79 of the Ley del Impuesto sobre la Renta (LISR) for which a
/// donataria autorizada is authorized. Art. 82 fr. I LISR asks that the association be constituted
/// and operate *exclusively* for the activities it names, and the SAT authorizes per activity: the
/// lawyer chooses the fraction(s), the bylaws name them (an empty choice leaves a blank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LisrFraction {
    /// Fracción VI: actividades asistenciales (alimentación, vestido o vivienda; orientación
    /// social) in favour of people of scarce resources and vulnerable groups.
    VI,
    /// Fracción XXV, inciso b): apoyo en la defensa y promoción de los derechos humanos.
    XxvB,
}

impl LisrFraction {
    /// Every fraction, in the law's order.
    pub const ALL: [LisrFraction; 2] = [LisrFraction::VI, LisrFraction::XxvB];

    /// The fraction as the law numbers it: "VI", "XXV, inciso b)".
    pub fn number(self) -> &'static str {
        match self {
            LisrFraction::VI => "VI",
            LisrFraction::XxvB => "XXV, inciso b)",
        }
    }

    /// The activities as the bylaws' exclusive-activities clause names them after "se dedica",
    /// with their preposition (LEGAL-REVIEW.md, C-2; the wording tracks the fraction's).
    pub fn activities(self) -> &'static str {
        match self {
            LisrFraction::VI => {
                "a las actividades asistenciales previstas en el artículo 79, fracción VI, de la \
                 Ley del Impuesto sobre la Renta, en beneficio de personas, sectores y regiones de \
                 escasos recursos y de grupos vulnerables, consistentes en la atención a \
                 requerimientos básicos de subsistencia en materia de alimentación, vestido o \
                 vivienda y la orientación social"
            }
            LisrFraction::XxvB => {
                "al apoyo en la defensa y promoción de los derechos humanos previsto en el \
                 artículo 79, fracción XXV, inciso b), de la Ley del Impuesto sobre la Renta"
            }
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
    /// CURP (Mexicans; foreign residents may have one too).
    pub curp: Option<String>,
    /// RFC, where given.
    pub rfc: Option<String>,
    /// E-mail, where given (never printed in the act: an e-mail is not one of the generales).
    pub email: Option<String>,
    /// Office on the first board.
    pub board_role: BoardRole,
    /// How the documents address the person, where known.
    pub gender: Option<Gender>,
    /// The rest of the generales the act states for each compareciente; blanks while unknown.
    pub particulars: Particulars,
}

/// The generales of a compareciente that a notary writes in the act besides the name,
/// nationality, CURP and RFC (review C-4, N3). Each one the case does not know yet is printed
/// as a blank for the notary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Particulars {
    /// Where the person was born ("Ciudad Juárez, Chihuahua").
    pub birth_place: Option<String>,
    /// When.
    pub birth_date: Option<Date>,
    /// Civil status ("casada", "soltero").
    pub civil_status: Option<String>,
    /// Occupation.
    pub occupation: Option<String>,
    /// The person's domicile.
    pub address: Option<String>,
    /// The identification shown to the notary.
    pub identification: Option<Identification>,
    /// A foreigner's immigration document (the legal stay the notary records).
    pub immigration: Option<Identification>,
}

/// An identity document: for Mexicans usually the credencial para votar or a passport; for
/// foreigners a passport and their immigration document (tarjeta de residente, tarjeta de
/// visitante por razones humanitarias, constancia de la COMAR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identification {
    /// What it is, as the act names it after "se identifica con" ("credencial para votar").
    pub document: String,
    /// Its number.
    pub number: String,
}

/// Where the association is domiciled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Domicile {
    /// The state's name ("Chihuahua").
    #[serde(rename = "estado")]
    pub state: String,
    /// The state's ISO 3166-2:MX code ("MX-CHH"): it decides how the place is named (Mexico
    /// City is divided into alcaldías, not municipios; "México" alone would be ambiguous).
    #[serde(rename = "clave")]
    pub state_code: String,
    /// The municipality (in Mexico City, the alcaldía).
    #[serde(rename = "municipio")]
    pub municipality: String,
    /// Street address.
    #[serde(rename = "direccion")]
    pub address: String,
}

impl Domicile {
    /// Whether the domicile is in Mexico City (MX-CMX).
    pub fn is_mexico_city(&self) -> bool {
        self.state_code.trim().eq_ignore_ascii_case(MEXICO_CITY)
    }

    /// Whether the domicile is in the State of Mexico (MX-MEX).
    pub fn is_state_of_mexico(&self) -> bool {
        self.state_code.trim().eq_ignore_ascii_case(STATE_OF_MEXICO)
    }
}

/// ISO 3166-2:MX of Mexico City.
const MEXICO_CITY: &str = "MX-CMX";
/// ISO 3166-2:MX of the State of Mexico.
const STATE_OF_MEXICO: &str = "MX-MEX";

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
    /// When it lapses: the last day for the notary's aviso de uso (review N5).
    pub expires_on: Date,
    /// Its Clave Única del Documento, which the act cites and the notary's aviso de uso uses
    /// (review C-5); absent on authorizations recorded before it was asked, printed as a blank.
    pub cud: Option<String>,
}

/// The notary chosen for the signing (review W1), whom the letter addresses and the act names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notary {
    /// The notary's full name, without a title (the documents write "Lic.").
    pub name: String,
    /// The notary's number.
    pub number: String,
    /// The judicial district the notary is appointed to, by its name alone ("Bravos").
    pub district: String,
    /// The state the notary practises in: `state` and `state_code` (the rest is empty).
    pub seat: Domicile,
    /// The fee arrangement agreed with the notary.
    pub fees: NotaryFees,
}

/// The fee arrangement agreed with the notary, which the letter recalls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotaryFees {
    /// No fees.
    ProBono,
    /// Below the arancel.
    Reduced,
    /// The arancel in full.
    Arancel,
}

/// The attorney responsible for the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attorney {
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// How the letter addresses the attorney, where known ("Abogada responsable"); unknown, the
    /// letter writes "Abogado(a) responsable".
    pub gender: Option<Gender>,
}

/// A paper of the case file that goes to the notary with the letter (review M-3): not Puente's
/// own drafts, nor internal papers, nor what comes after the signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Paper {
    /// The Secretaría de Economía's authorization to use the name.
    NameAuthorization,
    /// Bylaws the lawyer drafted and filed (not one Puente generated).
    BylawsDraft,
    /// An associate's official identification.
    FounderId,
    /// An associate's constancia de situación fiscal.
    FounderTaxCertificate,
    /// Proof of the association's domicile.
    ProofOfAddress,
}

/// A document in the case file that is delivered to the notary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiledDocument {
    /// What it is.
    pub paper: Paper,
    /// Whose it is, for an associate's paper ("Gloria Hernández García"), where known.
    pub associate: Option<String>,
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
    /// The LISR art. 79 fraction(s) the donataria's bylaws name, as the lawyer chose them;
    /// empty while not chosen (the clause then leaves a blank for the lawyer).
    pub lisr_fractions: Vec<LisrFraction>,
    /// The shelter's name.
    pub shelter: String,
    /// The shelter's contact.
    pub contact: Contact,
    /// The name authorization, once granted.
    pub name_authorization: Option<NameAuthorization>,
    /// The notary chosen for the signing; until chosen, the documents leave blanks.
    pub notary: Option<Notary>,
    /// The responsible attorney, once the case is claimed.
    pub attorney: Option<Attorney>,
    /// The attorney's firm.
    pub firm: Option<String>,
    /// The documents in the file that go to the notary.
    pub documents: Vec<FiledDocument>,
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

    /// The variables the templates see, as JSON (`templates/documents/README.md` lists them).
    pub fn template_variables(&self) -> Result<serde_json::Value, crate::Error> {
        let context = crate::context::Context::of(self)?;
        serde_json::to_value(context).map_err(|e| crate::Error::Template {
            template: "variables".into(),
            line: 0,
            message: e.to_string(),
        })
    }
}
