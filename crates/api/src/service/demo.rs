//! `puente demo`: fills an empty database with a believable program, all of it fictional: the
//! program with two managers, three law firms with three lawyers each, 27 shelters along the
//! northern border, the south and the routes between, and one request per shelter, moved
//! through the workflow by the same path the API uses, with histories spread over past months.

use sea_orm::DatabaseConnection;
use serde_json::json;
use time::Duration;

use puente_workflow::intake::{Curp, IntakeDraft};
use puente_workflow::{Actor, Event, EventKind, OrgId, Role, UserId};

use crate::clock;
use crate::error::ApiError;
use crate::service::repo::cases;
use crate::service::repo::orgs::{self, NewOrg, OrgFilter, OrgKind};
use crate::service::repo::users::{self, NewUser};
use crate::service::transitions;

/// The password of every demo account.
pub const PASSWORD: &str = "puente-demo-2026";

/// A login to print.
pub struct Login {
    /// Who.
    pub who: String,
    /// Their e-mail.
    pub email: String,
}

/// The 27 shelters: name, federal entity, municipality.
const SHELTERS: [(&str, &str, &str); 27] = [
    ("Casa del Migrante Camino Libre", "MX-CHH", "Juárez"),
    ("Albergue Frontera Digna", "MX-CHH", "Chihuahua"),
    ("Casa Refugio Tijuana Esperanza", "MX-BCN", "Tijuana"),
    ("Albergue Valle de Mexicali", "MX-BCN", "Mexicali"),
    ("Comedor y Albergue Nogales Unido", "MX-SON", "Nogales"),
    ("Casa Hermosillo Acoge", "MX-SON", "Hermosillo"),
    ("Albergue Agua Prieta Solidaria", "MX-SON", "Agua Prieta"),
    ("Casa del Caminante Saltillo", "MX-COA", "Saltillo"),
    ("Refugio Piedras Negras", "MX-COA", "Piedras Negras"),
    ("Albergue Río Bravo Reynosa", "MX-TAM", "Reynosa"),
    ("Casa Nuevo Laredo Hospitalaria", "MX-TAM", "Nuevo Laredo"),
    ("Albergue Matamoros Puerta Abierta", "MX-TAM", "Matamoros"),
    ("Casa Monterrey Sin Fronteras", "MX-NLE", "Monterrey"),
    ("Albergue Tapachula Bienvenida", "MX-CHP", "Tapachula"),
    ("Casa Palenque Camino Seguro", "MX-CHP", "Palenque"),
    (
        "Albergue Los Altos de Chiapas",
        "MX-CHP",
        "San Cristóbal de las Casas",
    ),
    ("Casa Tenosique Puerta del Sur", "MX-TAB", "Tenosique"),
    ("Albergue Villahermosa Acogida", "MX-TAB", "Centro"),
    ("Casa Ixtepec Tren y Esperanza", "MX-OAX", "Ciudad Ixtepec"),
    ("Albergue Istmo Juchitán", "MX-OAX", "Juchitán de Zaragoza"),
    ("Casa Coatzacoalcos Refugio", "MX-VER", "Coatzacoalcos"),
    ("Comedor Manos del Camino", "MX-VER", "Amatlán de los Reyes"),
    ("Casa Tlalli Ciudad de México", "MX-CMX", "Iztapalapa"),
    ("Centro de Acogida Cuauhtémoc", "MX-CMX", "Cuauhtémoc"),
    ("Albergue Guadalajara Acompaña", "MX-JAL", "Guadalajara"),
    ("Casa Celaya Vía Férrea", "MX-GUA", "Celaya"),
    (
        "Albergue San Luis Potosí Caminantes",
        "MX-SLP",
        "San Luis Potosí",
    ),
];

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

fn slug(name: &str) -> String {
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
fn intake(n: usize, name: &str, state: &str, municipality: &str) -> IntakeDraft {
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
        "contact": {"name": associates_name(n), "phone": format!("+52 55 {:04} {:04}", 1000 + n * 37, 2000 + n * 53), "email": format!("contacto@{domain}")},
    }))
    .unwrap_or_default()
}

fn associates_name(n: usize) -> String {
    let person = &MEXICANS[n % MEXICANS.len()];
    title_case(&format!("{} {}", person.given, person.paternal))
}

/// Where each shelter's request ends up, in order: every state reachable before documents are
/// uploaded, some more than once.
const TARGETS: [&str; 27] = [
    "draft",
    "draft",
    "draft",
    "submitted",
    "submitted",
    "submitted",
    "submitted",
    "needs_info",
    "needs_info",
    "needs_info",
    "open",
    "open",
    "open",
    "open",
    "open",
    "claimed",
    "claimed",
    "claimed",
    "claimed",
    "claimed",
    "declined",
    "declined",
    "withdrawn",
    "withdrawn",
    "on_hold_open",
    "on_hold_claimed",
    "on_hold_claimed",
];

/// What the demo needs from the person fields of the database: an account id and how the
/// workflow sees them.
struct Who {
    id: uuid::Uuid,
    actor: Actor,
}

/// The demo password's hash, computed once for every account.
fn demo_hash() -> Result<String, ApiError> {
    static HASH: std::sync::OnceLock<Result<String, String>> = std::sync::OnceLock::new();
    HASH.get_or_init(|| crate::service::auth::password::hash(PASSWORD))
        .clone()
        .map_err(ApiError::Internal)
}

async fn account(
    db: &DatabaseConnection,
    org: uuid::Uuid,
    kind: Role,
    name: &str,
    email: &str,
    admin: bool,
) -> Result<Who, ApiError> {
    let user = users::create(
        db,
        NewUser {
            organization: org,
            email,
            name,
            role: kind,
            admin,
            password_hash: demo_hash()?,
            locale: "es",
            email_confirmed: true,
        },
        clock::now(),
    )
    .await?;
    Ok(Who {
        id: user.id,
        actor: Actor {
            user: UserId(user.id),
            role: kind,
            organization: OrgId(org),
        },
    })
}

/// Fills an empty database; refuses one that holds anything.
pub async fn fill(db: &DatabaseConnection) -> Result<Vec<Login>, ApiError> {
    if orgs::count(db, OrgFilter::default()).await? > 0 {
        return Err(ApiError::Conflict {
            code: "duplicate",
            state: None,
            version: None,
        });
    }
    let mut logins = Vec::new();
    let now = clock::now();
    let program = orgs::create(
        db,
        NewOrg {
            kind: OrgKind::Program,
            name: "Programa Puente de Acompañamiento Legal",
            state: Some("MX-CMX"),
            municipality: Some("Cuauhtémoc"),
            verified: true,
        },
        now,
    )
    .await?;
    let admin = account(
        db,
        program.id,
        Role::Manager,
        "Mariana Robles Fuentes",
        "coordinacion@puente.ejemplo.mx",
        true,
    )
    .await?;
    let manager = account(
        db,
        program.id,
        Role::Manager,
        "Tomás Aguilar Méndez",
        "tomas.aguilar@puente.ejemplo.mx",
        false,
    )
    .await?;
    logins.push(Login {
        who: "Coordinación (admin)".into(),
        email: "coordinacion@puente.ejemplo.mx".into(),
    });
    logins.push(Login {
        who: "Coordinación".into(),
        email: "tomas.aguilar@puente.ejemplo.mx".into(),
    });

    let firms = [
        (
            "Bufete Solidario Hernández y Asociados, S.C.",
            "MX-CMX",
            "bufetesolidario",
            [
                "Lucía Fernández Ortega",
                "Andrés Castro Villa",
                "Elena Ríos Montes",
            ],
        ),
        (
            "Aguirre Pro Bono Abogados, S.C.",
            "MX-NLE",
            "aguirreprobono",
            [
                "Ricardo Aguirre Leal",
                "Sofía Garza Treviño",
                "Daniel Peña Cantú",
            ],
        ),
        (
            "Despacho Jurídico del Pacífico, S.C.",
            "MX-JAL",
            "juridicopacifico",
            [
                "Gabriela Ochoa Ruiz",
                "Fernando Lara Ibarra",
                "Mónica Estrada Soto",
            ],
        ),
    ];
    let mut lawyers = Vec::new();
    for (name, state, domain, people) in firms {
        let firm = orgs::create(
            db,
            NewOrg {
                kind: OrgKind::LawFirm,
                name,
                state: Some(state),
                municipality: None,
                verified: true,
            },
            now,
        )
        .await?;
        for (i, person) in people.iter().enumerate() {
            let email = format!("{}@{domain}.ejemplo.mx", slug(person).replace('-', "."));
            lawyers.push(account(db, firm.id, Role::Lawyer, person, &email, false).await?);
            if i == 0 {
                logins.push(Login {
                    who: format!("Abogada/o · {name}"),
                    email,
                });
            }
        }
    }

    for (n, (name, state, municipality)) in SHELTERS.iter().enumerate() {
        let target = TARGETS[n];
        let verified = !matches!(target, "draft" | "submitted") || n % 2 == 0;
        let org = orgs::create(
            db,
            NewOrg {
                kind: OrgKind::Shelter,
                name,
                state: Some(state),
                municipality: Some(municipality),
                verified,
            },
            now,
        )
        .await?;
        let email = format!("contacto@{}.ejemplo.mx", slug(name));
        let staff = account(
            db,
            org.id,
            Role::Shelter,
            &associates_name(n),
            &email,
            false,
        )
        .await?;
        if n < 3 || target == "needs_info" && n == 7 || target == "claimed" && n == 15 {
            logins.push(Login {
                who: format!("Albergue · {name}"),
                email,
            });
        }
        let mut intake = intake(n, name, state, municipality);
        if target == "draft" && n == 0 {
            // One request still half-written.
            intake.associates.truncate(1);
            intake.privacy_consent = None;
        }
        // Histories start between one and seven months ago and move every few days.
        let mut at = now - Duration::days(30 + (n as i64 * 7) % 180);
        let mut case = cases::create(db, org.id, &intake, (staff.id, Role::Shelter), at).await?;
        let lawyer = &lawyers[n % lawyers.len()];
        let mut step = |days: i64| {
            at += Duration::days(days) + Duration::minutes(n as i64 * 13 % 600);
            at
        };
        let mut plan: Vec<(&Who, EventKind, serde_json::Value)> = Vec::new();
        if target != "draft" {
            plan.push((&staff, EventKind::Submit, json!({})));
        }
        match target {
            "needs_info" => plan.push((&manager, EventKind::RequestInfo, json!({"message": "Por favor indiquen el domicilio completo con código postal y adjunten el acta de su asamblea informal."}))),
            "declined" => plan.push((&admin, EventKind::Decline, json!({"reason": "La organización ya cuenta con representación legal de otro programa."}))),
            "open" | "claimed" | "withdrawn" | "on_hold_open" | "on_hold_claimed" => {
                plan.push((&manager, EventKind::Accept, json!({})));
            }
            _ => {}
        }
        if matches!(target, "claimed" | "on_hold_claimed") {
            plan.push((lawyer, EventKind::Claim, json!({"conflict_check": {"no_conflict": true, "reference": format!("CI-2026-{:04}", 100 + n)}})));
        }
        match target {
            "withdrawn" => plan.push((
                &staff,
                EventKind::Withdraw,
                json!({"reason": "El albergue decidió constituirse más adelante."}),
            )),
            "on_hold_open" | "on_hold_claimed" => plan.push((
                &manager,
                EventKind::Hold,
                json!({"reason": "El albergue pidió una pausa por cambio de coordinación."}),
            )),
            _ => {}
        }
        for (who, kind, data) in plan {
            let event = Event::parse(kind, &data).map_err(ApiError::Invalid)?;
            let when = step(3 + (n as i64 % 5));
            let today = when.to_offset(time::UtcOffset::UTC).date();
            case = transitions::fire(db, &case, &event, &who.actor, today, when, None).await?;
        }
    }
    Ok(logins)
}
