//! The legal path after the claim, walked for the demo's requests that reach it: the papers
//! uploaded (a fictional one-page PDF each), the name requested and authorized, the bylaws drafted
//! by the real templates and shared, approved, signed, inscribed and closed, with the milestones
//! after the signing and the lawyer's pro bono hours, so that the dashboard's medians,
//! registrations and hours show real figures.

use bytes::Bytes;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use puente_i18n::Lang;
use puente_workflow::intake::{IntakeDraft, Rfc};
use puente_workflow::{DocumentKind, Event, EventKind, Milestone, NotaryDraft};

use super::accounts::Who;
use crate::clock::Clock;
use crate::entity::case;
use crate::error::ApiError;
use crate::service::activity::{self, NewHours};
use crate::service::auth::AuthUser;
use crate::service::documents::{self, Incoming};
use crate::service::drafts::{self, Format, Template};
use crate::service::milestones::{self, NewMilestone};
use crate::service::notary;
use crate::service::particulars::{self, AssociateParticulars};
use crate::service::repo::cases;
use crate::service::transitions;
use crate::state::AppState;

/// The fictional paper every demo upload carries.
const PAPER: &[u8] = include_bytes!("paper.pdf");

/// How far along the legal path a demo request goes, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    NameReservation,
    Drafting,
    ShelterReview,
    Notary,
    Signed,
    Filed,
    Closed,
}

impl Stage {
    /// The stage a target of `shelters::TARGETS` names, if it lies beyond the claim.
    pub(super) fn of(target: &str) -> Option<Stage> {
        Some(match target {
            "name_reservation" => Stage::NameReservation,
            "drafting" => Stage::Drafting,
            "shelter_review" => Stage::ShelterReview,
            "notary" => Stage::Notary,
            "signed" => Stage::Signed,
            "filed" => Stage::Filed,
            "closed" => Stage::Closed,
            _ => return None,
        })
    }
}

/// Who walks the path: the lawyer who claimed the case and the shelter's staff.
pub(super) struct Walkers<'a> {
    pub(super) lawyer: &'a Who,
    pub(super) staff: &'a Who,
}

/// A demo person as a signed-in caller.
fn caller(who: &Who) -> AuthUser {
    AuthUser {
        id: who.id,
        role: who.actor.role,
        organization: who.actor.organization.0,
        admin: false,
        lang: Lang::Es,
        session: uuid::Uuid::nil(),
        must_enrol: false,
    }
}

/// Walks `case` (claimed) up to `stage`, each step `spacing` days after the one before from
/// `at` on, everything recorded at its own time (the demo's own clock); answers the case as it
/// ends.
pub(super) async fn walk(
    state: &AppState,
    case: case::Model,
    stage: Stage,
    walkers: &Walkers<'_>,
    mut at: OffsetDateTime,
    spacing: i64,
) -> Result<case::Model, ApiError> {
    let state = &AppState {
        clock: Clock::system(),
        ..state.clone()
    };
    let lawyer = caller(walkers.lawyer);
    let intake: IntakeDraft = serde_json::from_value(case.intake.clone()).unwrap_or_default();
    let mut case = case;
    // Moves the demo's clock `steps` spacings on, and answers the time.
    let mut next = |steps: i64| {
        at += Duration::days(steps * spacing);
        state.clock.set(at);
        at
    };

    next(0);
    for slot in 1..=intake.associates.len() {
        upload(state, &case, &lawyer, DocumentKind::FounderId, slot).await?;
    }
    upload(state, &case, &lawyer, DocumentKind::ProofOfAddress, 0).await?;
    case = fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::RequestName,
        json!({}),
        next(1),
    )
    .await?;
    // The notary is chosen early: the name request asks for the fedatario (LEGAL-REVIEW.md W1).
    case = choose_notary(state, &lawyer, &case, &intake).await?;
    if stage == Stage::NameReservation {
        return Ok(case);
    }

    let authorized = next(1);
    upload(state, &case, &lawyer, DocumentKind::NameAuthorization, 0).await?;
    let name = intake.proposed_names.first().cloned().unwrap_or_default();
    let cud = format!("A{}", authorized.unix_timestamp());
    let data =
        json!({"authorized_name": name, "authorized_on": day(state, authorized), "cud": cud});
    case = fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::NameAuthorized,
        data,
        authorized,
    )
    .await?;
    if stage == Stage::Drafting {
        return Ok(case);
    }

    next(1);
    drafts::generate(state, &lawyer, case.id, Template::Bylaws, Format::Docx).await?;
    case = fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::ShareDraft,
        json!({}),
        next(0),
    )
    .await?;
    if stage == Stage::ShelterReview {
        return Ok(case);
    }

    case = fire(
        state,
        &case,
        walkers.staff,
        EventKind::ApproveDraft,
        json!({"approved_by": (0..intake.associates.len()).collect::<Vec<_>>()}),
        next(1),
    )
    .await?;
    if stage == Stage::Notary {
        return Ok(case);
    }

    let signed = next(2);
    complete_generales(state, &lawyer, &case, &intake).await?;
    for slot in intake.resident_slots() {
        upload(
            state,
            &case,
            &lawyer,
            DocumentKind::FounderTaxCertificate,
            slot,
        )
        .await?;
    }
    upload(state, &case, &lawyer, DocumentKind::SignedDeed, 0).await?;
    let deed = 4_000 + signed.unix_timestamp() % 997;
    let data = json!({
        "notary_number": "27", "deed_number": deed.to_string(), "volume": "CCXII",
        "signed_on": day(state, signed),
    });
    case = fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::RecordSigning,
        data,
        signed,
    )
    .await?;
    let aviso = day(state, next(1));
    milestone(state, &lawyer, &case, Milestone::AvisoDeUso, &aviso, None).await?;
    let work = "Estatutos, denominación y firma ante notario.";
    log_hours(state, &lawyer, &case, &aviso, 6.5, work).await?;
    case = cases::find(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if stage == Stage::Signed {
        return Ok(case);
    }

    let inscribed = next(2);
    upload(state, &case, &lawyer, DocumentKind::RegistryReceipt, 0).await?;
    let data = json!({
        "folio": format!("PM-{deed}"),
        "registry_office": "Registro Público de la Propiedad, oficina del distrito del domicilio",
        "inscribed_on": day(state, inscribed),
    });
    case = fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::RecordFiling,
        data,
        inscribed,
    )
    .await?;
    if stage == Stage::Filed {
        return Ok(case);
    }

    let registered = next(1);
    let rfc = rfc_of(signed);
    milestone(
        state,
        &lawyer,
        &case,
        Milestone::Rfc,
        &day(state, registered),
        Some(rfc.clone()),
    )
    .await?;
    let case = cases::find(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let close = json!({"rfc": rfc});
    fire(
        state,
        &case,
        walkers.lawyer,
        EventKind::Close,
        close,
        next(1),
    )
    .await
}

/// The lawyer records a notary (fictional) where the association will be domiciled, who
/// agreed to reduced fees; answers the case as it stands after.
async fn choose_notary(
    state: &AppState,
    lawyer: &AuthUser,
    case: &case::Model,
    intake: &IntakeDraft,
) -> Result<case::Model, ApiError> {
    let draft = NotaryDraft {
        name: Some("Alma Delia Ruiz Treviño".to_owned()),
        number: Some("27".to_owned()),
        state: intake.domicile.as_ref().and_then(|d| d.state.clone()),
        district: Some("Centro".to_owned()),
        contact: Some("notaria27@example.org".to_owned()),
        fees: Some("reduced".to_owned()),
        fee_note: Some("La mitad del arancel; sin costo el aviso de uso.".to_owned()),
    };
    notary::choose(state, lawyer, case.id, Some(case.version), &draft).await?;
    cases::find(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The lawyer completes every associate's generales (fictional), with the RFC of those who
/// reside in Mexico, derived from their CURP.
async fn complete_generales(
    state: &AppState,
    lawyer: &AuthUser,
    case: &case::Model,
    intake: &IntakeDraft,
) -> Result<(), ApiError> {
    const OCCUPATIONS: [&str; 4] = ["trabajo social", "docencia", "enfermería", "comercio"];
    for (index, associate) in intake.associates.iter().enumerate() {
        let mexican = associate.is_mexican();
        let curp = associate.curp.clone().unwrap_or_default();
        let born = curp
            .get(4..10)
            .map(|d| {
                let century = if &d[0..2] < "30" { "20" } else { "19" };
                format!("{century}{}-{}-{}", &d[0..2], &d[2..4], &d[4..6])
            })
            .unwrap_or_else(|| "1985-06-15".to_owned());
        let civil_status = ["single", "married", "widowed", "free_union"][index % 4];
        let treatment = ["female", "male"][index % 2];
        let mut particulars = serde_json::json!({
            "birth_date": born,
            "birth_place": if mexican { "México" } else { "su país de origen" },
            "civil_status": civil_status,
            "occupation": OCCUPATIONS[index % OCCUPATIONS.len()],
            "address": "el de la asociación",
            "id_kind": if mexican { "voter_card" } else { "passport" },
            "id_number": format!("DEMO{:06}", 1_000 + index),
        });
        if !mexican {
            particulars["immigration_status"] = json!("humanitarian_visitor");
            particulars["immigration_number"] = json!(format!("VRH{:07}", 2_000 + index));
        }
        if curp.is_empty() {
            particulars["treatment"] = json!(treatment);
        }
        let input = AssociateParticulars {
            rfc: (mexican && curp.len() >= 10).then(|| rfc_from_curp(&curp)),
            particulars: serde_json::from_value(particulars).unwrap_or_default(),
        };
        let current = cases::find(&state.db, case.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        particulars::update(state, lawyer, case.id, index, Some(current.version), &input).await?;
    }
    Ok(())
}

/// A person's RFC from their CURP: its first ten characters, a homoclave and the check digit
/// that makes it valid.
fn rfc_from_curp(curp: &str) -> String {
    let stem = format!("{}D4", &curp[..10]);
    valid_rfc(&stem)
}

/// `stem` completed with the check digit that makes it a valid RFC.
fn valid_rfc(stem: &str) -> String {
    "0123456789A"
        .chars()
        .map(|digit| format!("{stem}{digit}"))
        .find(|rfc| Rfc::parse(rfc).is_ok())
        .unwrap_or_else(|| format!("{stem}0"))
}

/// A fictional association's RFC for a deed signed at `signed`: "PAS", the date, a homoclave
/// whose last character is the check digit that makes it valid.
fn rfc_of(signed: OffsetDateTime) -> String {
    let date = signed.date();
    let stem = format!(
        "PAS{:02}{:02}{:02}A7",
        date.year() % 100,
        u8::from(date.month()),
        date.day()
    );
    valid_rfc(&stem)
}

/// `when` as the program's day, `YYYY-MM-DD`.
fn day(state: &AppState, when: OffsetDateTime) -> String {
    when.to_offset(state.settings.utc_offset())
        .date()
        .to_string()
}

async fn fire(
    state: &AppState,
    case: &case::Model,
    who: &Who,
    kind: EventKind,
    data: Value,
    when: OffsetDateTime,
) -> Result<case::Model, ApiError> {
    // Uploads and milestones moved the case's version on since it was read.
    let case = cases::find(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let event = Event::parse(kind, &data).map_err(ApiError::Invalid)?;
    let today = when.to_offset(state.settings.utc_offset()).date();
    Ok(transitions::fire(&state.db, &case, &event, &who.actor, today, when, None).await?)
}

/// Uploads the fictional paper as `kind` (for associate `slot`, counted from 1, where the kind
/// is an associate's).
async fn upload(
    state: &AppState,
    case: &case::Model,
    by: &AuthUser,
    kind: DocumentKind,
    slot: usize,
) -> Result<(), ApiError> {
    let case = cases::find(&state.db, case.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let incoming = Incoming {
        case: &case,
        kind,
        slot: i32::try_from(slot).unwrap_or(0),
        filename: Some(format!("{}.pdf", kind.as_str())),
        uploader: (by.id, by.role),
        generated: None,
    };
    let source = futures::stream::iter([Ok(Bytes::from_static(PAPER))]);
    documents::upload(state, incoming, source).await?;
    Ok(())
}

async fn milestone(
    state: &AppState,
    by: &AuthUser,
    case: &case::Model,
    which: Milestone,
    on: &str,
    reference: Option<String>,
) -> Result<(), ApiError> {
    let input = NewMilestone {
        on: on.to_owned(),
        reference,
    };
    milestones::record(state, by, case.id, which, &input).await?;
    Ok(())
}

async fn log_hours(
    state: &AppState,
    by: &AuthUser,
    case: &case::Model,
    date: &str,
    hours: f64,
    description: &str,
) -> Result<(), ApiError> {
    let input = NewHours {
        date: date.to_owned(),
        hours,
        description: description.to_owned(),
    };
    activity::log_hours(state, by, case.id, &input).await?;
    Ok(())
}
