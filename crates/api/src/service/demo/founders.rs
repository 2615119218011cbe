//! The demo's founders, fictional Mexicans (with CURPs built by RENAPO's rules) and foreigners,
//! and the request each shelter fills in with them.

use serde_json::json;

use puente_workflow::intake::{Curp, IntakeDraft};

/// A fictional Mexican founder, as RENAPO would write them.
struct Founder {
    given: &'static str,
    paternal: &'static str,
    maternal: &'static str,
    sex: char,
    born: (i32, u8, u8),
    entity: &'static str,
}

const fn founder(
    given: &'static str,
    paternal: &'static str,
    maternal: &'static str,
    sex: char,
    born: (i32, u8, u8),
    entity: &'static str,
) -> Founder {
    Founder {
        given,
        paternal,
        maternal,
        sex,
        born,
        entity,
    }
}

/// Founders: given name, paternal and maternal surnames, sex, birth date, entity of birth.
const MEXICANS: [Founder; 9] = [
    founder(
        "MARIA GUADALUPE",
        "RAMIREZ",
        "SOTO",
        'M',
        (1968, 3, 12),
        "CH",
    ),
    founder("JOSE LUIS", "HERNANDEZ", "PEREZ", 'H', (1975, 11, 2), "BC"),
    founder("ANA LAURA", "MORALES", "DIAZ", 'M', (1983, 6, 25), "SR"),
    founder("FRANCISCO", "GUTIERREZ", "LUNA", 'H', (1961, 1, 30), "TS"),
    founder("ROSA ELENA", "VAZQUEZ", "CRUZ", 'M', (1990, 9, 8), "CS"),
    founder(
        "MIGUEL ANGEL",
        "TORRES",
        "NAVARRO",
        'H',
        (1979, 4, 17),
        "OC",
    ),
    founder("PATRICIA", "JIMENEZ", "ROJAS", 'M', (1972, 12, 3), "VZ"),
    founder("ALEJANDRO", "MENDOZA", "CASTILLO", 'H', (2001, 7, 21), "DF"),
    founder("VERONICA", "SALAZAR", "ORTIZ", 'M', (1986, 2, 14), "JC"),
];

/// Foreign founders: name and nationality.
const FOREIGNERS: [(&str, &str); 5] = [
    ("Wilmer Antonio Reyes", "HN"),
    ("Marisol Chávez López", "GT"),
    ("José Ernesto Hernández", "SV"),
    ("Yusleidy Carolina Pérez", "VE"),
    ("Jean-Baptiste Pierre", "HT"),
];

fn first_inner(word: &str, vowels: bool) -> char {
    word.chars()
        .skip(1)
        .find(|c| "AEIOU".contains(*c) == vowels)
        .unwrap_or('X')
}

/// A CURP built by RENAPO's rules for a fictional person, with its check digit.
fn fictional_curp(person: &Founder) -> Option<String> {
    let Founder {
        given,
        paternal,
        maternal,
        sex,
        born: (year, month, day),
        entity,
    } = *person;
    let given = given.split(' ').next().unwrap_or(given);
    let initial = |w: &str| w.chars().next().unwrap_or('X');
    let body = format!(
        "{}{}{}{}{:02}{:02}{:02}{}{}{}{}{}{}",
        initial(paternal),
        first_inner(paternal, true),
        initial(maternal),
        initial(given),
        year % 100,
        month,
        day,
        sex,
        entity,
        first_inner(paternal, false),
        first_inner(maternal, false),
        first_inner(given, false),
        if year < 2000 { '0' } else { 'A' },
    );
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|c| Curp::parse(c).is_ok())
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|f| f.to_string() + &chars.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn slug(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    plain
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The intake of shelter `n`: two or three founders, one of them foreign on every third.
pub(super) fn intake(n: usize, name: &str, state: &str, municipality: &str) -> IntakeDraft {
    let domain = format!("{}.ejemplo.mx", slug(name));
    let mut associates = Vec::new();
    for k in 0..2 {
        let person = &MEXICANS[(n + k * 4) % MEXICANS.len()];
        associates.push(json!({
            "full_name": title_case(&format!("{} {} {}", person.given, person.paternal, person.maternal)),
            "nationality": "MX",
            "curp": fictional_curp(person),
            "email": format!("{}@{domain}", person.given.split(' ').next().unwrap_or("socia").to_lowercase()),
            "board_role": if k == 0 { "president" } else { "treasurer" },
        }));
    }
    if n.is_multiple_of(3) {
        let (full_name, nationality) = FOREIGNERS[n % FOREIGNERS.len()];
        associates.push(json!({
            "full_name": full_name, "nationality": nationality,
            "email": format!("voluntariado@{domain}"), "board_role": "secretary",
        }));
    }
    let short = name.split(' ').skip(1).collect::<Vec<_>>().join(" ");
    serde_json::from_value(json!({
        "proposed_names": [name, format!("Red de Apoyo {short}"), format!("Acompañamiento Migrante {municipality}")],
        "purpose": format!(
            "Brindar albergue temporal, alimentación, atención médica básica, orientación legal y acompañamiento psicosocial a personas migrantes, refugiadas y desplazadas en {municipality}, sin distinción de nacionalidad, origen, religión o condición migratoria."
        ),
        "domicile": {"state": state, "municipality": municipality, "address": format!("Calle Hidalgo {}, Col. Centro", 100 + n * 7)},
        "associates": associates,
        "governance": "board",
        "legal_representative": 0,
        "donataria_autorizada": n.is_multiple_of(2),
        "privacy_consent": true,
        "associates_consent": true,
        "contact": {"name": associates_name(n), "phone": format!("+52 55 {:04} {:04}", 1000 + n * 37, 2000 + n * 53), "email": format!("contacto@{domain}")},
    }))
    .unwrap_or_default()
}

pub(super) fn associates_name(n: usize) -> String {
    let person = &MEXICANS[n % MEXICANS.len()];
    title_case(&format!("{} {}", person.given, person.paternal))
}
