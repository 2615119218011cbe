//! Numbers and dates as Mexican legal documents write them: cardinals in words with their
//! gender ("veintiún asociados", "una asociada"), ordinals for articles and chapters
//! ("DÉCIMO PRIMERO"), and dates ("22 de noviembre de 2026", or wholly in words).

use time::Date;

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

/// Nationalities as a deed writes them after "de nacionalidad" (the adjective agrees with
/// "nacionalidad"): the countries most of a shelter's associates come from.
const NATIONALITIES: [(&str, &str); 44] = [
    ("AF", "afgana"),
    ("AO", "angoleña"),
    ("AR", "argentina"),
    ("BO", "boliviana"),
    ("BR", "brasileña"),
    ("BZ", "beliceña"),
    ("CA", "canadiense"),
    ("CD", "congoleña"),
    ("CL", "chilena"),
    ("CM", "camerunesa"),
    ("CN", "china"),
    ("CO", "colombiana"),
    ("CR", "costarricense"),
    ("CU", "cubana"),
    ("DE", "alemana"),
    ("DO", "dominicana"),
    ("EC", "ecuatoriana"),
    ("ER", "eritrea"),
    ("ES", "española"),
    ("FR", "francesa"),
    ("GB", "británica"),
    ("GH", "ghanesa"),
    ("GN", "guineana"),
    ("GT", "guatemalteca"),
    ("HN", "hondureña"),
    ("HT", "haitiana"),
    ("IN", "india"),
    ("IT", "italiana"),
    ("JM", "jamaiquina"),
    ("MX", "mexicana"),
    ("NG", "nigeriana"),
    ("NI", "nicaragüense"),
    ("NP", "nepalí"),
    ("PA", "panameña"),
    ("PE", "peruana"),
    ("PY", "paraguaya"),
    ("RU", "rusa"),
    ("SN", "senegalesa"),
    ("SV", "salvadoreña"),
    ("UA", "ucraniana"),
    ("US", "estadounidense"),
    ("UY", "uruguaya"),
    ("VE", "venezolana"),
    ("VN", "vietnamita"),
];

/// "mexicana" for `MX`; a country not in the table is named by its code ("extranjera (XK)").
pub fn nationality(code: &str) -> String {
    let code = code.to_ascii_uppercase();
    NATIONALITIES
        .binary_search_by(|(c, _)| c.cmp(&code.as_str()))
        .map(|i| NATIONALITIES[i].1.to_owned())
        .unwrap_or_else(|_| format!("extranjera ({code})"))
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

    #[test]
    fn nationalities_are_found_in_their_sorted_table() {
        assert!(NATIONALITIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(nationality("mx"), "mexicana");
        assert_eq!(nationality("HT"), "haitiana");
        assert_eq!(nationality("XK"), "extranjera (XK)");
    }
}
