//! The facts as the templates see them, under Spanish names (the lawyers who edit the templates
//! read them; `templates/documents/README.md` lists them). The words that agree with a person
//! and the phrases that depend on the state are computed here, in Rust, so the templates need
//! no string tests.

use serde::Serialize;

use crate::Error;
use crate::facts::{Associate, Attorney, BoardRole, Contact, Facts, LisrFraction};
use crate::spanish;

/// An associate as the templates see it.
#[derive(Serialize)]
struct AssociateContext<'a> {
    nombre: &'a str,
    /// "haitiana", as in "de nacionalidad haitiana".
    nacionalidad: &'static str,
    mexicano: bool,
    curp: Option<&'a str>,
    rfc: Option<&'a str>,
    correo: Option<&'a str>,
    /// The office, agreeing with the person ("Presidenta"); empty for a plain associate.
    cargo: &'static str,
    /// "Asociado fundador", "Asociada fundadora", "Persona asociada fundadora".
    fundador: &'static str,
    /// "Asociado", "Asociada", "Persona asociada".
    asociado: &'static str,
    /// "administrador único", "administradora única", "titular de la administración única".
    administrador: &'static str,
    /// "originario", "originaria", "persona originaria" (de ______).
    originario: &'static str,
    generales: ParticularsContext<'a>,
    representante: bool,
}

/// The generales not yet captured by the intake: each is absent (null) when unknown, and the
/// templates print a blank for it.
#[derive(Serialize)]
struct ParticularsContext<'a> {
    lugar_nacimiento: Option<&'a str>,
    /// `YYYY-MM-DD`, for the date filters.
    fecha_nacimiento: Option<String>,
    estado_civil: Option<&'a str>,
    ocupacion: Option<&'a str>,
    domicilio: Option<&'a str>,
    identificacion: Option<&'a str>,
    identificacion_numero: Option<&'a str>,
    documento_migratorio: Option<&'a str>,
    documento_migratorio_numero: Option<&'a str>,
}

/// The domicile as the templates see it.
#[derive(Serialize)]
struct DomicileContext<'a> {
    estado: &'a str,
    clave: &'a str,
    municipio: &'a str,
    direccion: &'a str,
    ciudad_de_mexico: bool,
    /// The place as the bylaws name it ("el municipio de Juárez, Chihuahua").
    lugar: String,
    /// The state as an address ends ("Chihuahua", "Ciudad de México", "Estado de México").
    entidad: String,
    /// "del Estado de Chihuahua", "de la Ciudad de México", "del Estado de México".
    de_la_entidad: String,
    /// Where a letter is dated: "Juárez, Chihuahua", "Ciudad de México".
    localidad: String,
    /// "Código Civil del Estado de Chihuahua" (review M-4).
    codigo_civil: String,
}

/// A LISR fraction as the templates see it.
#[derive(Serialize)]
struct FractionContext {
    fraccion: &'static str,
    actividades: &'static str,
}

#[derive(Serialize)]
struct AuthorizationContext<'a> {
    denominacion: &'a str,
    fecha: String,
    vigencia: String,
    /// The Clave Única del Documento; absent on older authorizations.
    cud: Option<&'a str>,
}

/// The notary chosen for the signing.
#[derive(Serialize)]
struct NotaryContext<'a> {
    nombre: &'a str,
    numero: &'a str,
    /// The judicial district by its name ("Bravos"); none in Mexico City.
    distrito: Option<&'a str>,
    /// "Chihuahua", "Ciudad de México", "Estado de México".
    entidad: String,
    /// "del Estado de Chihuahua", "de la Ciudad de México".
    de_la_entidad: String,
    /// `pro_bono`, `reduced` or `arancel`.
    honorarios: crate::facts::NotaryFees,
}

#[derive(Serialize)]
struct AttorneyContext<'a> {
    nombre: &'a str,
    correo: &'a str,
    /// "Abogada responsable", "Abogado responsable", "Abogado(a) responsable".
    firma: &'static str,
    /// "la suscrita", "el suscrito", "quien suscribe".
    suscrito: &'static str,
    /// "abogada", "abogado", or absent when the gender is unknown.
    profesion: Option<&'static str>,
}

/// A document delivered to the notary.
#[derive(Serialize)]
struct DocumentContext {
    /// "Identificación oficial de Gloria Hernández García".
    tipo: String,
}

#[derive(Serialize)]
struct ShelterContext<'a> {
    nombre: &'a str,
    contacto: &'a Contact,
}

/// The facts as the templates see them.
#[derive(Serialize)]
pub(crate) struct Context<'a> {
    expediente: &'a str,
    fecha: String,
    denominacion: &'a str,
    denominaciones: &'a [String],
    objeto: &'a str,
    objeto_oracion: String,
    domicilio: DomicileContext<'a>,
    asociados: Vec<AssociateContext<'a>>,
    representante: AssociateContext<'a>,
    consejo: bool,
    cargos: Vec<&'static str>,
    donataria: bool,
    fracciones_lisr: Vec<FractionContext>,
    extranjeros: bool,
    extranjeros_total: usize,
    albergue: ShelterContext<'a>,
    autorizacion: Option<AuthorizationContext<'a>>,
    notaria: Option<NotaryContext<'a>>,
    abogado: Option<AttorneyContext<'a>>,
    despacho: Option<&'a str>,
    documentos: Vec<DocumentContext>,
}

/// An associate as the templates see it; fails when the nationality has no Spanish word (a
/// deed cannot print a country code).
fn associate(
    position: usize,
    a: &Associate,
    representative: bool,
) -> Result<AssociateContext<'_>, Error> {
    let nationality = spanish::nationality(&a.nationality).ok_or_else(|| Error::Nationality {
        position,
        associate: a.full_name.clone(),
        code: a.nationality.clone(),
    })?;
    let particulars = &a.particulars;
    let identification = particulars.identification.as_ref();
    Ok(AssociateContext {
        nombre: &a.full_name,
        nacionalidad: nationality,
        mexicano: a.nationality.eq_ignore_ascii_case("MX"),
        curp: a.curp.as_deref(),
        rfc: a.rfc.as_deref(),
        correo: a.email.as_deref(),
        cargo: spanish::office(a.board_role, a.gender),
        fundador: spanish::founding_associate(a.gender),
        asociado: spanish::associate(a.gender),
        administrador: spanish::sole_administrator(a.gender),
        originario: spanish::native_of(a.gender),
        generales: ParticularsContext {
            lugar_nacimiento: particulars.birth_place.as_deref(),
            fecha_nacimiento: particulars.birth_date.map(|d| d.to_string()),
            estado_civil: particulars.civil_status.as_deref(),
            ocupacion: particulars.occupation.as_deref(),
            domicilio: particulars.address.as_deref(),
            identificacion: identification.map(|i| i.document.as_str()),
            identificacion_numero: identification.map(|i| i.number.as_str()),
            documento_migratorio: particulars
                .immigration
                .as_ref()
                .map(|i| i.document.as_str()),
            documento_migratorio_numero: particulars
                .immigration
                .as_ref()
                .map(|i| i.number.as_str()),
        },
        representante: representative,
    })
}

fn attorney(a: &Attorney) -> AttorneyContext<'_> {
    AttorneyContext {
        nombre: &a.name,
        correo: &a.email,
        firma: spanish::attorney_in_charge(a.gender),
        suscrito: spanish::undersigned(a.gender),
        profesion: spanish::lawyer(a.gender),
    }
}

/// The single-seat offices (presidente, secretario, tesorero) someone holds on the first board,
/// in that order: the bylaws name the board's composition from them (a two-person board must
/// not claim a treasurer). None for a sole administrator.
fn offices(facts: &Facts) -> Vec<&'static str> {
    if !facts.board {
        return Vec::new();
    }
    [
        (BoardRole::President, "presidente"),
        (BoardRole::Secretary, "secretario"),
        (BoardRole::Treasurer, "tesorero"),
    ]
    .into_iter()
    .filter(|(role, _)| facts.associates.iter().any(|a| a.board_role == *role))
    .map(|(_, office)| office)
    .collect()
}

impl<'a> Context<'a> {
    /// The context of `facts`: [`Error::NoAssociates`] when there is no associate to name as
    /// representative, [`Error::Nationality`] when an associate's nationality has no word.
    pub(crate) fn of(facts: &'a Facts) -> Result<Context<'a>, Error> {
        let foreigners = facts
            .associates
            .iter()
            .filter(|a| !a.nationality.eq_ignore_ascii_case("MX"))
            .count();
        let representative = if facts.legal_representative < facts.associates.len() {
            facts.legal_representative
        } else {
            0
        };
        let asociados = facts
            .associates
            .iter()
            .enumerate()
            .map(|(i, a)| associate(i, a, i == facts.legal_representative))
            .collect::<Result<Vec<_>, _>>()?;
        let domicile = &facts.domicile;
        Ok(Context {
            expediente: &facts.reference,
            fecha: facts.date.to_string(),
            denominacion: facts.name(),
            denominaciones: &facts.proposed_names,
            objeto: &facts.purpose,
            objeto_oracion: spanish::continuing_sentence(&facts.purpose),
            domicilio: DomicileContext {
                estado: &domicile.state,
                clave: &domicile.state_code,
                municipio: &domicile.municipality,
                direccion: &domicile.address,
                ciudad_de_mexico: domicile.is_mexico_city(),
                lugar: spanish::place(domicile),
                entidad: spanish::entity(domicile),
                de_la_entidad: spanish::of_the_entity(domicile),
                localidad: spanish::locality(domicile),
                codigo_civil: spanish::civil_code(domicile),
            },
            representante: associate(
                representative,
                facts
                    .associates
                    .get(representative)
                    .ok_or(Error::NoAssociates)?,
                true,
            )?,
            asociados,
            consejo: facts.board,
            cargos: offices(facts),
            donataria: facts.donataria,
            fracciones_lisr: LisrFraction::ALL
                .into_iter()
                .filter(|f| facts.lisr_fractions.contains(f))
                .map(|f| FractionContext {
                    fraccion: f.number(),
                    actividades: f.activities(),
                })
                .collect(),
            extranjeros: foreigners > 0,
            extranjeros_total: foreigners,
            albergue: ShelterContext {
                nombre: &facts.shelter,
                contacto: &facts.contact,
            },
            autorizacion: facts
                .name_authorization
                .as_ref()
                .map(|a| AuthorizationContext {
                    denominacion: &a.name,
                    fecha: a.authorized_on.to_string(),
                    vigencia: a.expires_on.to_string(),
                    cud: a.cud.as_deref().map(str::trim).filter(|c| !c.is_empty()),
                }),
            notaria: facts.notary.as_ref().map(|n| NotaryContext {
                nombre: &n.name,
                numero: &n.number,
                distrito: Some(n.district.trim())
                    .filter(|d| !d.is_empty() && !n.seat.is_mexico_city()),
                entidad: spanish::entity(&n.seat),
                de_la_entidad: spanish::of_the_entity(&n.seat),
                honorarios: n.fees,
            }),
            abogado: facts.attorney.as_ref().map(attorney),
            despacho: facts.firm.as_deref(),
            documentos: facts
                .documents
                .iter()
                .map(|d| DocumentContext {
                    tipo: spanish::paper(d.paper, d.associate.as_deref()),
                })
                .collect(),
        })
    }
}
