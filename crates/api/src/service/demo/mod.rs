//! `puente demo`: fills an empty database with a believable program, all of it fictional: the
//! program with two managers, three law firms with three lawyers each, 27 shelters along the
//! northern border, the south and the routes between, and one request per shelter, moved
//! through the workflow by the same path the API uses, with histories spread over past months.
//!
//! This module holds the program, its firms and the command that fills the database; the
//! shelters and where each request ends up are in `shelters`, their founders and requests in
//! `founders`, the accounts everyone signs in with in `accounts`.

mod accounts;
mod founders;
mod path;
mod shelters;

use serde_json::json;
use time::Duration;

use puente_workflow::{Event, EventKind, Role};

use crate::clock;
use crate::error::ApiError;
use crate::service::repo::cases;
use crate::service::repo::orgs::{self, NewOrg, OrgFilter, OrgKind};
use crate::service::transitions;
use crate::state::AppState;
use accounts::{Who, account};
use founders::{associates_name, intake, slug};
use path::{Stage, Walkers};
use shelters::{SHELTERS, TARGETS};

/// The password of every demo account.
pub const PASSWORD: &str = "puente-demo-2026";

/// A login to print.
pub struct Login {
    /// Who.
    pub who: String,
    /// Their e-mail.
    pub email: String,
}

/// Fills an empty database; refuses one that holds anything. The papers of the requests that
/// went past the claim go to `state`'s document store.
pub async fn fill(state: &AppState) -> Result<Vec<Login>, ApiError> {
    let db = &state.db;
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

    for (n, (name, entity, municipality)) in SHELTERS.iter().enumerate() {
        let target = TARGETS[n];
        let verified = !matches!(target, "draft" | "submitted") || n % 2 == 0;
        let org = orgs::create(
            db,
            NewOrg {
                kind: OrgKind::Shelter,
                name,
                state: Some(entity),
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
        let mut intake = intake(n, name, entity, municipality);
        if target == "draft" && n == 0 {
            // One request still half-written.
            intake.associates.truncate(1);
            intake.privacy_consent = None;
            intake.associates_consent = None;
        }
        // Histories start between one and seven months ago and move every few days.
        let mut at = now - Duration::days(30 + (n as i64 * 7) % 180);
        let mut case = cases::create(db, org.id, &intake, (staff.id, Role::Shelter), at).await?;
        let lawyer = &lawyers[n % lawyers.len()];
        let mut step = |days: i64| {
            at += Duration::days(days) + Duration::minutes(n as i64 * 13 % 600);
            at
        };
        let stage = Stage::of(target);
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
            _ if stage.is_some() => plan.push((&manager, EventKind::Accept, json!({}))),
            _ => {}
        }
        if matches!(target, "claimed" | "on_hold_claimed") || stage.is_some() {
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
        if let Some(stage) = stage {
            let walkers = Walkers {
                lawyer,
                staff: &staff,
            };
            let spacing = 3 + (n as i64 % 5);
            path::walk(state, case, stage, &walkers, step(1), spacing).await?;
        }
    }
    Ok(logins)
}
