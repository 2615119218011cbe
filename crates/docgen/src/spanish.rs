//! Spanish as Mexican legal documents write it: cardinals in words with their gender
//! ("veintiún asociados", "una asociada"), ordinals for articles and chapters ("DÉCIMO
//! PRIMERO"), dates ("22 de noviembre de 2026", or wholly in words), places ("el municipio de
//! Juárez, Chihuahua", "la Ciudad de México") and the state's civil code, nationalities
//! ("haitiana"), offices and roles agreeing with the person ("Presidenta", "Asociada
//! fundadora"), the papers delivered to the notary, and a shelter's text continued in a
//! sentence of the bylaws.

mod generales;
mod nationalities;

pub use generales::{civil_status, identification, immigration_document};

use time::Date;

use crate::facts::{BoardRole, Domicile, Gender, Paper};

/// How a cardinal agrees with what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Standing alone or counting a masculine noun after it: "uno", "veintiuno", "doscientos".
    Masculine,
    /// Before a masculine noun: "un", "veintiún", "doscientos".
    BeforeNoun,
    /// Counting a feminine noun: "una", "veintiuna", "doscientas".
    Feminine,
}

const UNITS: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];

const TENS: [&str; 10] = [
    "",
    "",
    "",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];

const HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// `n` below a thousand, `n > 0`.
fn below_thousand(n: u64, agreement: Agreement) -> String {
    let hundreds = (n / 100) as usize;
    let rest = n % 100;
    let mut words = Vec::new();
    if hundreds > 0 {
        if n == 100 {
            return "cien".into();
        }
        let word = HUNDREDS[hundreds];
        words.push(if agreement == Agreement::Feminine && hundreds > 1 {
            word.replace("ientos", "ientas")
        } else {
            word.to_owned()
        });
    }
    if rest > 0 {
        let word = if rest < 30 {
            UNITS[rest as usize].to_owned()
        } else if rest.is_multiple_of(10) {
            TENS[(rest / 10) as usize].to_owned()
        } else {
            format!(
                "{} y {}",
                TENS[(rest / 10) as usize],
                UNITS[(rest % 10) as usize]
            )
        };
        words.push(agree_last_one(word, agreement));
    }
    words.join(" ")
}

/// "uno" at the end of a number agrees with what follows it.
fn agree_last_one(word: String, agreement: Agreement) -> String {
    match agreement {
        Agreement::Masculine => word,
        Agreement::BeforeNoun if word == "veintiuno" => "veintiún".into(),
        Agreement::BeforeNoun if word.ends_with("uno") => format!("{}n", &word[..word.len() - 2]),
        Agreement::Feminine if word.ends_with("uno") => format!("{}a", &word[..word.len() - 1]),
        _ => word,
    }
}

/// `n` in words: `cardinal(21, Agreement::BeforeNoun)` is "veintiún" (asociados),
/// `cardinal(2026, Agreement::Masculine)` is "dos mil veintiséis".
pub fn cardinal(n: u64, agreement: Agreement) -> String {
    if n == 0 {
        return UNITS[0].into();
    }
    let mut parts = Vec::new();
    let millions = n / 1_000_000;
    let thousands = (n / 1_000) % 1_000;
    let units = n % 1_000;
    if millions > 0 {
        parts.push(if millions == 1 {
            "un millón".to_owned()
        } else {
            // "millones" is masculine whatever follows it.
            format!("{} millones", cardinal(millions, Agreement::BeforeNoun))
        });
    }
    if thousands > 0 {
        parts.push(if thousands == 1 {
            "mil".to_owned()
        } else {
            // "mil" takes the agreement of the noun counted: "veintiún mil", "doscientas mil".
            let agreement = match agreement {
                Agreement::Feminine => Agreement::Feminine,
                _ => Agreement::BeforeNoun,
            };
            format!("{} mil", below_thousand(thousands, agreement))
        });
    }
    if units > 0 {
        parts.push(below_thousand(units, agreement));
    }
    parts.join(" ")
}

const ORDINAL_UNITS: [&str; 10] = [
    "", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
];

const ORDINAL_TENS: [&str; 10] = [
    "",
    "décimo",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
];

/// The ordinal of `n` (1 to 199) in the masculine form articles and chapters use, lower case:
/// "primero", "décimo primero", "vigésimo tercero", "centésimo". `None` outside that range.
pub fn ordinal(n: u32) -> Option<String> {
    if n == 0 || n >= 200 {
        return None;
    }
    let mut words = Vec::new();
    if n >= 100 {
        words.push("centésimo");
    }
    let rest = (n % 100) as usize;
    if rest >= 10 {
        words.push(ORDINAL_TENS[rest / 10]);
    }
    if !rest.is_multiple_of(10) {
        words.push(ORDINAL_UNITS[rest % 10]);
    }
    Some(words.join(" "))
}

const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn month(date: Date) -> &'static str {
    MONTHS[usize::from(u8::from(date.month())) - 1]
}

/// "22 de noviembre de 2026".
pub fn date(date: Date) -> String {
    format!("{} de {} de {}", date.day(), month(date), date.year())
}

/// "veintidós de noviembre de dos mil veintiséis" (the first of a month is "primero").
pub fn date_in_words(date: Date) -> String {
    let day = if date.day() == 1 {
        "primero".to_owned()
    } else {
        cardinal(u64::from(date.day()), Agreement::Masculine)
    };
    let year = u64::try_from(date.year()).unwrap_or_default();
    format!(
        "{day} de {} de {}",
        month(date),
        cardinal(year, Agreement::Masculine)
    )
}

/// The nationality as a deed writes it after "de nacionalidad" ("mexicana" for `MX`, "haitiana"
/// for `HT`), for every ISO 3166-1 code the intake accepts; `None` for a code without one
/// (Antarctica, or anything else): the caller must not print a code instead.
pub fn nationality(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    nationalities::NATIONALITIES
        .binary_search_by(|(c, _)| c.cmp(&code.as_str()))
        .ok()
        .map(|i| nationalities::NATIONALITIES[i].1)
}

/// The form of a word that agrees with a person (review S-1): the masculine is also the
/// generic form while the gender is unknown.
fn agreeing(
    gender: Option<Gender>,
    masculine: &'static str,
    feminine: &'static str,
    neutral: &'static str,
) -> &'static str {
    match gender {
        Some(Gender::Feminine) => feminine,
        Some(Gender::Neutral) => neutral,
        Some(Gender::Masculine) | None => masculine,
    }
}

/// The office on the first board, agreeing with who holds it: "Presidente", "Presidenta";
/// for a non-binary person the office itself, "Titular de la Presidencia". `""` for a plain
/// associate.
pub fn office(role: BoardRole, gender: Option<Gender>) -> &'static str {
    match role {
        BoardRole::President => agreeing(
            gender,
            "Presidente",
            "Presidenta",
            "Titular de la Presidencia",
        ),
        BoardRole::Secretary => agreeing(
            gender,
            "Secretario",
            "Secretaria",
            "Titular de la Secretaría",
        ),
        BoardRole::Treasurer => agreeing(gender, "Tesorero", "Tesorera", "Titular de la Tesorería"),
        BoardRole::Member => "Vocal",
        BoardRole::None => "",
    }
}

/// What a founder signs the act as: "Asociado fundador", "Asociada fundadora", "Persona
/// asociada fundadora".
pub fn founding_associate(gender: Option<Gender>) -> &'static str {
    agreeing(
        gender,
        "Asociado fundador",
        "Asociada fundadora",
        "Persona asociada fundadora",
    )
}

/// An associate without an office: "Asociado", "Asociada", "Persona asociada".
pub fn associate(gender: Option<Gender>) -> &'static str {
    agreeing(gender, "Asociado", "Asociada", "Persona asociada")
}

/// The sole administrator, after "Se designa": "administrador único", "administradora única",
/// "titular de la administración única".
pub fn sole_administrator(gender: Option<Gender>) -> &'static str {
    agreeing(
        gender,
        "administrador único",
        "administradora única",
        "titular de la administración única",
    )
}

/// Before "de ______" in a compareciente's generales: "originario", "originaria", "persona
/// originaria".
pub fn native_of(gender: Option<Gender>) -> &'static str {
    agreeing(gender, "originario", "originaria", "persona originaria")
}

/// What the attorney signs the letter as: "Abogada responsable", "Abogado responsable"; while
/// the attorney's gender is unknown, "Abogado(a) responsable" (review S-4).
pub fn attorney_in_charge(gender: Option<Gender>) -> &'static str {
    match gender {
        None => "Abogado(a) responsable",
        Some(_) => agreeing(
            gender,
            "Abogado responsable",
            "Abogada responsable",
            "Persona abogada responsable",
        ),
    }
}

/// How the letter's writer names themself: "la suscrita", "el suscrito"; "quien suscribe"
/// (which agrees with anyone) when the gender is unknown or neutral.
pub fn undersigned(gender: Option<Gender>) -> &'static str {
    match gender {
        Some(Gender::Feminine) => "la suscrita",
        Some(Gender::Masculine) => "el suscrito",
        Some(Gender::Neutral) | None => "quien suscribe",
    }
}

/// The attorney's profession after the name: "abogada", "abogado"; `None` when the gender is
/// unknown or neutral (the letter then names the firm alone).
pub fn lawyer(gender: Option<Gender>) -> Option<&'static str> {
    match gender {
        Some(Gender::Feminine) => Some("abogada"),
        Some(Gender::Masculine) => Some("abogado"),
        Some(Gender::Neutral) | None => None,
    }
}

/// A paper delivered to the notary, named for whose it is: "Identificación oficial de Gloria
/// Hernández García" (review M-3).
pub fn paper(paper: Paper, associate: Option<&str>) -> String {
    let of_whom = || match associate.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => name.to_owned(),
        None => "una persona asociada".to_owned(),
    };
    match paper {
        Paper::NameAuthorization => {
            "Autorización de uso de denominación de la Secretaría de Economía".to_owned()
        }
        Paper::BylawsDraft => "Proyecto de estatutos sociales".to_owned(),
        Paper::FounderId => format!("Identificación oficial de {}", of_whom()),
        Paper::FounderTaxCertificate => format!("Constancia de situación fiscal de {}", of_whom()),
        Paper::ProofOfAddress => "Comprobante de domicilio de la asociación".to_owned(),
    }
}

/// What a document prints where a fact is missing: a blank for the lawyer to fill.
pub const BLANK: &str = "______";

/// The domicile's place as the bylaws name it after "El domicilio de la asociación es":
/// "el municipio de Juárez, Chihuahua"; in Mexico City, which has alcaldías and no municipios,
/// "la Ciudad de México" (", alcaldía Cuauhtémoc" when one is given); in the State of Mexico,
/// "el municipio de Huehuetoca, Estado de México" (its official name, "México", alone would read
/// as the country). A missing municipality or state is a blank.
pub fn place(domicile: &Domicile) -> String {
    let or_blank = |text: &str| {
        let text = text.trim();
        if text.is_empty() {
            BLANK.to_owned()
        } else {
            text.to_owned()
        }
    };
    if domicile.is_mexico_city() {
        let alcaldia = domicile.municipality.trim();
        // What a shelter may type in the field: "Alcaldía Cuauhtémoc", or the city again.
        let alcaldia = ["alcaldía ", "alcaldia "]
            .iter()
            .find_map(|prefix| {
                alcaldia
                    .get(..prefix.len())
                    .filter(|head| head.to_lowercase() == *prefix)
                    .map(|_| alcaldia[prefix.len()..].trim())
            })
            .unwrap_or(alcaldia);
        let is_city = ["ciudad de méxico", "ciudad de mexico", "cdmx"]
            .contains(&alcaldia.to_lowercase().as_str());
        return if alcaldia.is_empty() || is_city {
            "la Ciudad de México".to_owned()
        } else {
            format!("la Ciudad de México, alcaldía {alcaldia}")
        };
    }
    let state = if domicile.is_state_of_mexico() {
        "Estado de México".to_owned()
    } else {
        or_blank(&domicile.state)
    };
    format!(
        "el municipio de {}, {state}",
        or_blank(&domicile.municipality)
    )
}

/// The state's name, or a blank.
fn state_or_blank(domicile: &Domicile) -> String {
    let state = domicile.state.trim();
    if state.is_empty() {
        BLANK.to_owned()
    } else {
        state.to_owned()
    }
}

/// The state as an address or a date line ends: "Chihuahua"; "Ciudad de México"; "Estado de
/// México" (its official name, "México", alone would read as the country; review M-5).
pub fn entity(domicile: &Domicile) -> String {
    if domicile.is_mexico_city() {
        "Ciudad de México".to_owned()
    } else if domicile.is_state_of_mexico() {
        "Estado de México".to_owned()
    } else {
        state_or_blank(domicile)
    }
}

/// The state after a registry or a notary's number: "del Estado de Chihuahua", "del Estado de
/// México", "de la Ciudad de México" (which is not a state).
pub fn of_the_entity(domicile: &Domicile) -> String {
    naming_the_state(domicile, "de la Ciudad de México", "del")
}

/// `in_mexico_city` there (Mexico City is not a state); elsewhere `before` followed by "Estado
/// de" and the state's name.
fn naming_the_state(domicile: &Domicile, in_mexico_city: &str, before: &str) -> String {
    if domicile.is_mexico_city() {
        in_mexico_city.to_owned()
    } else {
        format!("{before} Estado de {}", state_or_blank(domicile))
    }
}

/// Where a letter is dated: "Juárez, Chihuahua"; "Huehuetoca, Estado de México"; "Ciudad de
/// México" (the city, not the alcaldía).
pub fn locality(domicile: &Domicile) -> String {
    if domicile.is_mexico_city() {
        return entity(domicile);
    }
    let municipality = domicile.municipality.trim();
    if municipality.is_empty() {
        entity(domicile)
    } else {
        format!("{municipality}, {}", entity(domicile))
    }
}

/// The civil code that governs the association (review M-4): "Código Civil del Estado de
/// Chihuahua"; for Mexico City, whose code kept the Federal District's name, "Código Civil
/// para el Distrito Federal, aplicable en la Ciudad de México".
pub fn civil_code(domicile: &Domicile) -> String {
    naming_the_state(
        domicile,
        "Código Civil para el Distrito Federal, aplicable en la Ciudad de México",
        "Código Civil del",
    )
}

/// A shelter's text continued inside a sentence of the bylaws ("tendrá por objeto, sin fines
/// de lucro, brindar albergue…"): the first letter in lower case unless the first word is an
/// acronym ("DIF"), and a final period. A blank when there is no text.
pub fn continuing_sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return format!("{BLANK}.");
    };
    let acronym = chars.next().is_some_and(char::is_uppercase);
    let mut out = if first.is_uppercase() && !acronym {
        first.to_lowercase().chain(text.chars().skip(1)).collect()
    } else {
        text.to_owned()
    };
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// The first letter in upper case ("Veintidós").
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn cardinals_read_as_a_notary_writes_them() {
        let cases: &[(u64, Agreement, &str)] = &[
            (0, Agreement::Masculine, "cero"),
            (1, Agreement::Masculine, "uno"),
            (1, Agreement::BeforeNoun, "un"),
            (1, Agreement::Feminine, "una"),
            (15, Agreement::Masculine, "quince"),
            (16, Agreement::Masculine, "dieciséis"),
            (21, Agreement::BeforeNoun, "veintiún"),
            (21, Agreement::Feminine, "veintiuna"),
            (22, Agreement::Masculine, "veintidós"),
            (30, Agreement::Masculine, "treinta"),
            (31, Agreement::BeforeNoun, "treinta y un"),
            (31, Agreement::Feminine, "treinta y una"),
            (99, Agreement::Masculine, "noventa y nueve"),
            (100, Agreement::Masculine, "cien"),
            (101, Agreement::Masculine, "ciento uno"),
            (200, Agreement::Feminine, "doscientas"),
            (515, Agreement::Masculine, "quinientos quince"),
            (1_000, Agreement::Masculine, "mil"),
            (1_001, Agreement::Masculine, "mil uno"),
            (2_026, Agreement::Masculine, "dos mil veintiséis"),
            (21_000, Agreement::Masculine, "veintiún mil"),
            (21_000, Agreement::Feminine, "veintiuna mil"),
            (200_000, Agreement::Feminine, "doscientas mil"),
            (1_000_000, Agreement::Masculine, "un millón"),
            (
                2_500_001,
                Agreement::Masculine,
                "dos millones quinientos mil uno",
            ),
        ];
        for (n, agreement, expected) in cases {
            assert_eq!(cardinal(*n, *agreement), *expected, "{n} {agreement:?}");
        }
    }

    #[test]
    fn ordinals_follow_mexican_legal_style() {
        assert_eq!(ordinal(1).as_deref(), Some("primero"));
        assert_eq!(ordinal(3).as_deref(), Some("tercero"));
        assert_eq!(ordinal(10).as_deref(), Some("décimo"));
        assert_eq!(ordinal(11).as_deref(), Some("décimo primero"));
        assert_eq!(ordinal(20).as_deref(), Some("vigésimo"));
        assert_eq!(ordinal(47).as_deref(), Some("cuadragésimo séptimo"));
        assert_eq!(ordinal(100).as_deref(), Some("centésimo"));
        assert_eq!(ordinal(0), None);
        assert_eq!(ordinal(200), None);
    }

    #[test]
    fn dates_in_figures_and_in_words() {
        assert_eq!(date(date!(2026 - 11 - 22)), "22 de noviembre de 2026");
        assert_eq!(
            date_in_words(date!(2026 - 11 - 22)),
            "veintidós de noviembre de dos mil veintiséis"
        );
        assert_eq!(
            date_in_words(date!(2027 - 01 - 01)),
            "primero de enero de dos mil veintisiete"
        );
        assert_eq!(capitalize("érase"), "Érase");
    }

    fn domicile(code: &str, state: &str, municipality: &str) -> Domicile {
        Domicile {
            state: state.into(),
            state_code: code.into(),
            municipality: municipality.into(),
            address: String::new(),
        }
    }

    #[test]
    fn places_are_named_as_each_entity_is_divided() {
        assert_eq!(
            place(&domicile("MX-CHH", "Chihuahua", "Juárez")),
            "el municipio de Juárez, Chihuahua"
        );
        // Mexico City has alcaldías, not municipios.
        assert_eq!(
            place(&domicile("MX-CMX", "Ciudad de México", "Cuauhtémoc")),
            "la Ciudad de México, alcaldía Cuauhtémoc"
        );
        assert_eq!(
            place(&domicile(
                "mx-cmx",
                "Ciudad de México",
                "Alcaldía Iztapalapa"
            )),
            "la Ciudad de México, alcaldía Iztapalapa"
        );
        for nothing in ["", "  ", "Ciudad de México", "CDMX"] {
            assert_eq!(
                place(&domicile("MX-CMX", "Ciudad de México", nothing)),
                "la Ciudad de México"
            );
        }
        // The State of Mexico is not the country.
        assert_eq!(
            place(&domicile("MX-MEX", "México", "Huehuetoca")),
            "el municipio de Huehuetoca, Estado de México"
        );
        assert_eq!(
            place(&domicile("", "", "")),
            "el municipio de ______, ______"
        );
    }

    #[test]
    fn a_shelters_text_continues_the_sentence() {
        assert_eq!(
            continuing_sentence("Brindar albergue a personas migrantes."),
            "brindar albergue a personas migrantes."
        );
        assert_eq!(
            continuing_sentence(" Acompañar a familias migrantes "),
            "acompañar a familias migrantes."
        );
        assert_eq!(continuing_sentence("DIF y albergue"), "DIF y albergue.");
        assert_eq!(continuing_sentence("Ñ"), "ñ.");
        assert_eq!(continuing_sentence("¿Por qué no?"), "¿Por qué no?");
        assert_eq!(continuing_sentence(""), "______.");
    }

    #[test]
    fn nationalities_are_found_in_their_sorted_table() {
        let table = nationalities::NATIONALITIES;
        assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(nationality("mx"), Some("mexicana"));
        assert_eq!(nationality(" HT "), Some("haitiana"));
        assert_eq!(nationality("MR"), Some("mauritana"));
        assert_eq!(nationality("PR"), Some("estadounidense"));
        // Antarctica has no nationality; an unknown code has no word either.
        assert_eq!(nationality("AQ"), None);
        assert_eq!(nationality("ZZ"), None);
        assert_eq!(nationality(""), None);
    }

    #[test]
    fn every_country_the_intake_accepts_has_its_word_but_antarctica() {
        // The intake validates nationalities with `celes` (puente-workflow, intake/validate.rs).
        let missing: Vec<&str> = celes::Country::get_countries()
            .iter()
            .map(|c| c.alpha2)
            .filter(|code| *code != "AQ" && nationality(code).is_none())
            .collect();
        assert!(missing.is_empty(), "no word for {missing:?}");
        for (code, word) in nationalities::NATIONALITIES {
            assert!(
                celes::Country::from_alpha2(code).is_ok(),
                "{code} is not a code the intake accepts"
            );
            assert!(
                !word.is_empty() && word.chars().all(|c| c.is_lowercase()),
                "{code}: «{word}» is one lower-case word"
            );
        }
    }

    #[test]
    fn offices_and_roles_agree_with_the_person() {
        use Gender::{Feminine, Masculine, Neutral};
        assert_eq!(office(BoardRole::President, Some(Feminine)), "Presidenta");
        assert_eq!(office(BoardRole::President, Some(Masculine)), "Presidente");
        assert_eq!(office(BoardRole::President, None), "Presidente");
        assert_eq!(
            office(BoardRole::President, Some(Neutral)),
            "Titular de la Presidencia"
        );
        assert_eq!(office(BoardRole::Secretary, Some(Feminine)), "Secretaria");
        assert_eq!(office(BoardRole::Treasurer, Some(Feminine)), "Tesorera");
        assert_eq!(office(BoardRole::Member, Some(Feminine)), "Vocal");
        assert_eq!(office(BoardRole::None, Some(Feminine)), "");
        assert_eq!(founding_associate(Some(Feminine)), "Asociada fundadora");
        assert_eq!(founding_associate(None), "Asociado fundador");
        assert_eq!(
            founding_associate(Some(Neutral)),
            "Persona asociada fundadora"
        );
        assert_eq!(associate(Some(Feminine)), "Asociada");
        assert_eq!(sole_administrator(Some(Feminine)), "administradora única");
        assert_eq!(native_of(Some(Feminine)), "originaria");
        // The attorney: no masculine generic while unknown.
        assert_eq!(attorney_in_charge(None), "Abogado(a) responsable");
        assert_eq!(attorney_in_charge(Some(Feminine)), "Abogada responsable");
        assert_eq!(attorney_in_charge(Some(Masculine)), "Abogado responsable");
        assert_eq!(undersigned(None), "quien suscribe");
        assert_eq!(undersigned(Some(Feminine)), "la suscrita");
        assert_eq!(lawyer(None), None);
    }

    #[test]
    fn the_state_is_named_with_its_civil_code() {
        // (code, state, municipality): entity, of the entity, locality, civil code.
        let cases = [
            (
                ("MX-CHH", "Chihuahua", "Juárez"),
                [
                    "Chihuahua",
                    "del Estado de Chihuahua",
                    "Juárez, Chihuahua",
                    "Código Civil del Estado de Chihuahua",
                ],
            ),
            (
                ("MX-CMX", "Ciudad de México", "Cuauhtémoc"),
                [
                    "Ciudad de México",
                    "de la Ciudad de México",
                    "Ciudad de México",
                    "Código Civil para el Distrito Federal, aplicable en la Ciudad de México",
                ],
            ),
            (
                ("MX-MEX", "México", "Huehuetoca"),
                [
                    "Estado de México",
                    "del Estado de México",
                    "Huehuetoca, Estado de México",
                    "Código Civil del Estado de México",
                ],
            ),
            (
                ("", "", ""),
                [
                    "______",
                    "del Estado de ______",
                    "______",
                    "Código Civil del Estado de ______",
                ],
            ),
        ];
        for ((code, state, municipality), expected) in cases {
            let d = domicile(code, state, municipality);
            assert_eq!(
                [entity(&d), of_the_entity(&d), locality(&d), civil_code(&d)],
                expected,
                "{code}"
            );
        }
    }

    #[test]
    fn the_papers_for_the_notary_say_whose_they_are() {
        assert_eq!(
            paper(Paper::FounderId, Some("Gloria Hernández García")),
            "Identificación oficial de Gloria Hernández García"
        );
        assert_eq!(
            paper(Paper::FounderTaxCertificate, None),
            "Constancia de situación fiscal de una persona asociada"
        );
    }
}
