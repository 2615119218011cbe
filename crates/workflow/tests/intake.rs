//! The intake: a complete one reads into a typed `Intake`; every problem is reported field by
//! field with a stable code and a message in Spanish and English.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use puente_i18n::Lang;
use puente_workflow::intake::*;
use puente_workflow::{FieldError, Problem};
use serde_json::json;

fn complete() -> IntakeDraft {
    serde_json::from_value(json!({
        "proposed_names": ["Casa del Migrante Paso Libre", "Albergue Paso Libre", "Paso Libre Juárez"],
        "purpose": "Brindar albergue, alimentación, orientación legal y atención médica básica a personas migrantes en tránsito.",
        "domicile": {"state": "MX-CHH", "municipality": "Juárez", "address": "Calle Niños Héroes 123, Col. Centro, C.P. 32000"},
        "associates": [
            {"full_name": "Gloria Hernández García", "nationality": "MX", "curp": "HEGG560427MVZRRL04", "rfc": "GODE561231GR8", "email": "gloria@pasolibre.org.mx", "board_role": "president"},
            {"full_name": "Jean-Baptiste Noël", "nationality": "HT", "email": "jb@pasolibre.org.mx", "board_role": "secretary"},
            {"full_name": "Ramón Muñoz Peña", "nationality": "mx", "curp": "PEXJ991231HNELRN02", "email": "ramon@pasolibre.org.mx", "board_role": "treasurer"}
        ],
        "governance": "board",
        "legal_representative": 0,
        "donataria_autorizada": true,
        "privacy_consent": true,
        "associates_consent": true,
        "contact": {"name": "Gloria Hernández", "phone": "+52 656 123 4567", "email": "contacto@pasolibre.org.mx"}
    }))
    .unwrap()
}

fn codes(errors: &[FieldError]) -> Vec<(String, &'static str)> {
    errors.iter().map(|e| (e.field.clone(), e.code)).collect()
}

fn problems_after(change: impl FnOnce(&mut IntakeDraft)) -> Vec<(String, &'static str)> {
    let mut draft = complete();
    change(&mut draft);
    codes(&draft.problems())
}

#[test]
fn a_complete_intake_reads_into_typed_values() {
    let intake = complete().validate().unwrap();
    assert_eq!(intake.domicile.state, MexicanState::Chihuahua);
    assert_eq!(intake.associates.len(), 3);
    assert_eq!(intake.associates[2].nationality, "MX");
    assert!(intake.has_foreign_associate());
    assert_eq!(
        intake.representative().unwrap().full_name,
        "Gloria Hernández García"
    );
    assert_eq!(intake.governance, Governance::Board);
    assert!(complete().gaps().is_empty());
}

#[test]
fn an_empty_draft_reports_every_missing_section() {
    let draft = IntakeDraft::default();
    let sections: Vec<IntakeSection> = draft.gaps().into_iter().collect();
    assert_eq!(sections, IntakeSection::ALL.to_vec());
    assert!(
        draft
            .problems()
            .iter()
            .all(|e| e.problem() == Problem::Missing)
    );
}

#[test]
fn proposed_names_one_to_five_without_repeats() {
    assert_eq!(
        problems_after(|d| d.proposed_names.clear()),
        [("proposed_names".into(), "required")]
    );
    assert_eq!(
        problems_after(|d| d.proposed_names = (1..=6).map(|i| format!("Nombre {i}")).collect()),
        [("proposed_names".into(), "too_many")]
    );
    // Case, accents and spacing do not make a different name.
    assert_eq!(
        problems_after(|d| d.proposed_names = vec!["Casa Ñandú".into(), "casa  ñandu".into()]),
        [("proposed_names[1]".into(), "duplicate")]
    );
    assert_eq!(
        problems_after(|d| d.proposed_names = vec!["Uno".into(), " ".into()]),
        [("proposed_names[1]".into(), "required")]
    );
    let five =
        problems_after(|d| d.proposed_names = (1..=5).map(|i| format!("Nombre {i}")).collect());
    assert!(five.is_empty());
}

/// The documents add ", A.C." after the name: typed in it, the bylaws would read "…, A.C., A.C.".
#[test]
fn a_proposed_name_carries_no_legal_form() {
    for typed in [
        "Casa San Judas Tadeo, A.C.",
        "Casa San Judas Tadeo A. C.",
        "Casa San Judas Tadeo AC",
        "Asociación Civil Casa San Judas",
        "Casa San Judas Tadeo, asociacion civil",
    ] {
        assert_eq!(
            problems_after(|d| d.proposed_names = vec![typed.into()]),
            [("proposed_names[0]".into(), "name.legal_form")],
            "{typed}"
        );
    }
    for fine in [
        "Casa Mac",
        "Albergue Acacias",
        "Casa del Migrante Paso Libre",
    ] {
        assert!(
            problems_after(|d| d.proposed_names = vec![fine.into()]).is_empty(),
            "{fine}"
        );
    }
}

#[test]
fn purpose_and_domicile() {
    assert_eq!(
        problems_after(|d| d.purpose = Some("Ayuda".into())),
        [("purpose".into(), "too_short")]
    );
    assert_eq!(
        problems_after(|d| d.purpose = Some("x".repeat(4001))),
        [("purpose".into(), "too_long")]
    );
    assert_eq!(
        problems_after(|d| d.domicile.as_mut().unwrap().state = Some("MX-DIF".into())),
        [("domicile.state".into(), "state.unknown")]
    );
    assert_eq!(
        problems_after(|d| d.domicile = None),
        [("domicile".into(), "required")]
    );
    for state in MexicanState::ALL {
        assert!(
            problems_after(|d| d.domicile.as_mut().unwrap().state = Some(state.code().into()))
                .is_empty()
        );
    }
}

#[test]
fn associates_at_least_two_each_valid() {
    assert_eq!(
        problems_after(|d| d.associates.truncate(1)),
        [("associates".into(), "too_few")]
    );
    assert_eq!(
        problems_after(|d| d.associates[0].curp = Some("HEGG560427MVZRRL05".into())),
        [("associates[0].curp".into(), "curp.check_digit")]
    );
    assert_eq!(
        problems_after(|d| d.associates[2].curp = None),
        [("associates[2].curp".into(), "curp.required_for_mexicans")]
    );
    assert_eq!(
        problems_after(|d| d.associates[2].curp = d.associates[0].curp.clone()),
        [("associates[2].curp".into(), "curp.duplicate")]
    );
    assert_eq!(
        problems_after(|d| d.associates[0].rfc = Some("SAT970701NN3".into())),
        [("associates[0].rfc".into(), "rfc.natural_person")]
    );
    assert_eq!(
        problems_after(|d| d.associates[1].nationality = Some("XX".into())),
        [("associates[1].nationality".into(), "nationality.unknown")]
    );
    assert_eq!(
        problems_after(|d| d.associates[1].email = Some("jb@".into())),
        [("associates[1].email".into(), "email.invalid")]
    );
    assert_eq!(
        problems_after(|d| d.associates[1].board_role = Some("king".into())),
        [("associates[1].board_role".into(), "invalid_choice")]
    );
}

#[test]
fn board_offices() {
    assert_eq!(
        problems_after(|d| d.associates[1].board_role = Some("president".into())),
        [("associates[1].board_role".into(), "board_role.duplicate")]
    );
    assert_eq!(
        problems_after(|d| d.associates[0].board_role = Some("member".into())),
        [("associates".into(), "board_role.president_required")]
    );
    let sole = problems_after(|d| {
        d.governance = Some("sole_administrator".into());
        for a in &mut d.associates {
            a.board_role = Some("none".into());
        }
    });
    assert!(sole.is_empty(), "{sole:?}");
    assert_eq!(
        problems_after(|d| d.governance = Some("sole_administrator".into())).len(),
        3,
        "a sole administrator has no board officers"
    );
    assert_eq!(
        problems_after(|d| d.governance = Some("junta".into())),
        [("governance".into(), "invalid_choice")]
    );
}

#[test]
fn representative_consent_and_contact() {
    assert_eq!(
        problems_after(|d| d.legal_representative = Some(3)),
        [(
            "legal_representative".into(),
            "legal_representative.not_an_associate"
        )]
    );
    assert_eq!(
        problems_after(|d| d.privacy_consent = Some(false)),
        [("privacy_consent".into(), "consent_required")]
    );
    assert_eq!(
        problems_after(|d| d.associates_consent = None),
        [("associates_consent".into(), "associates_consent.required")]
    );
    assert_eq!(
        problems_after(|d| d.associates_consent = Some(false)),
        [("associates_consent".into(), "associates_consent.required")]
    );
    assert_eq!(
        problems_after(|d| d.donataria_autorizada = None),
        [("donataria_autorizada".into(), "required")]
    );
    assert_eq!(
        problems_after(|d| d.contact.as_mut().unwrap().phone = Some("12-34".into())),
        [("contact.phone".into(), "phone.invalid")]
    );
    assert_eq!(
        problems_after(|d| {
            let c = d.contact.as_mut().unwrap();
            c.phone = None;
            c.email = None;
        }),
        [("contact".into(), "contact.phone_or_email")]
    );
}

#[test]
fn many_problems_are_reported_together_and_gaps_name_their_sections() {
    let mut draft = complete();
    draft.associates[0].curp = Some("ABCD".into());
    draft.domicile.as_mut().unwrap().state = Some("Chihuahua".into());
    draft.privacy_consent = None;
    let found = codes(&draft.problems());
    assert_eq!(
        found,
        [
            ("domicile.state".into(), "state.unknown"),
            ("associates[0].curp".into(), "curp.format"),
            ("privacy_consent".into(), "consent_required"),
        ]
    );
    let gaps: Vec<IntakeSection> = draft.gaps().into_iter().collect();
    assert_eq!(
        gaps,
        [
            IntakeSection::Domicile,
            IntakeSection::Associates,
            IntakeSection::PrivacyConsent
        ]
    );
    // A malformed value is never mistaken for a blank one a draft may still fill in.
    let problems = draft.problems();
    assert_eq!(problems[1].problem(), Problem::Invalid);
    assert_eq!(problems[2].problem(), Problem::Missing);
}

#[test]
fn messages_come_in_spanish_and_english_with_their_values() {
    let draft = IntakeDraft {
        proposed_names: (1..=6).map(|i| format!("Nombre {i}")).collect(),
        ..complete()
    };
    let error = &draft.problems()[0];
    assert_eq!(error.message(Lang::Es), "Son demasiados: máximo 5.");
    assert_eq!(error.message(Lang::En), "Too many: at most 5.");
    let curp = FieldError::new("associates[0].curp", "curp.check_digit");
    assert!(curp.message(Lang::Es).contains("dígito verificador"));
    assert!(curp.message(Lang::En).contains("check digit"));
}

#[test]
fn the_draft_round_trips_through_json_as_stored() {
    let draft = complete();
    let json = serde_json::to_value(&draft).unwrap();
    let back: IntakeDraft = serde_json::from_value(json).unwrap();
    assert_eq!(back, draft);
    // A partial draft, as saved half-way through the form, reads too.
    let partial: IntakeDraft = serde_json::from_value(json!({"purpose": "Albergue"})).unwrap();
    assert_eq!(partial.purpose.as_deref(), Some("Albergue"));
}

/// Until associates consent by a link of their own, the shelter attests it informed each of them
/// and collected their consent: an intake is not complete without it, and the gap is its own
/// section, missing rather than invalid, with a message in both languages.
#[test]
fn the_associates_consent_is_its_own_section_of_the_intake() {
    let mut draft = complete();
    draft.associates_consent = None;
    let problems = draft.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].problem(), Problem::Missing);
    assert!(problems[0].message(Lang::Es).contains("persona asociada"));
    assert!(problems[0].message(Lang::En).contains("associate"));
    assert_eq!(
        draft.gaps().into_iter().collect::<Vec<_>>(),
        [IntakeSection::AssociatesConsent]
    );
    assert_eq!(
        IntakeSection::of_field("associates_consent"),
        Some(IntakeSection::AssociatesConsent)
    );
    assert_eq!(
        IntakeSection::AssociatesConsent.as_str(),
        "associates_consent"
    );
    // Given, it travels with the draft as stored.
    let json = serde_json::to_value(complete()).unwrap();
    assert_eq!(json["associates_consent"], true);
}

/// An associate's generales are optional in the intake (the lawyer completes them), checked
/// when given, and the signing knows which are still blank: for a Mexican, birth, civil status,
/// occupation, domicile and identification; for a foreigner without a CURP also how the deed
/// addresses them and their immigration document; the RFC of whoever resides in Mexico.
#[test]
fn the_generales_are_optional_checked_when_given_and_listed_for_the_signing() {
    let mut draft = complete();
    assert_eq!(codes(&draft.problems()), []);
    assert_eq!(draft.associates[0].missing_particulars().len(), 7);
    assert_eq!(
        draft.associates[1].missing_particulars(),
        [
            Particular::BirthDate,
            Particular::BirthPlace,
            Particular::CivilStatus,
            Particular::Occupation,
            Particular::Address,
            Particular::Treatment,
            Particular::IdKind,
            Particular::IdNumber,
            Particular::ImmigrationStatus,
            Particular::ImmigrationNumber,
        ]
    );
    // Ramón, a Mexican without an RFC, must give it before the signing.
    assert!(
        draft.associates[2]
            .missing_particulars()
            .contains(&Particular::Rfc)
    );

    draft.associates[1].particulars = serde_json::from_value(json!({
        "birth_date": "1988-02-30", "civil_status": "casado", "id_kind": "passport",
        "immigration_status": "permanent_resident", "occupation": "enfermero\ty cocinero",
    }))
    .unwrap();
    assert_eq!(
        codes(&draft.problems()),
        [
            (
                "associates[1].particulars.occupation".into(),
                "text.control_characters"
            ),
            (
                "associates[1].particulars.civil_status".into(),
                "invalid_choice"
            ),
            (
                "associates[1].particulars.birth_date".into(),
                "date.invalid"
            ),
        ]
    );
    assert_eq!(
        draft.problems()[0].field,
        "associates[1].particulars.occupation"
    );

    // A permanent resident resides in Mexico: a tax certificate and an RFC are asked of them.
    draft.associates[1].particulars = serde_json::from_value(json!({
        "birth_date": "1988-02-29", "birth_place": "Jacmel, Haití", "civil_status": "married",
        "occupation": "enfermero", "address": "Calle Uno 5, Juárez", "treatment": "male",
        "id_kind": "passport", "id_number": "HT123456", "immigration_status": "permanent_resident",
        "immigration_number": "TRP-998877",
    }))
    .unwrap();
    assert_eq!(codes(&draft.problems()), []);
    assert_eq!(draft.associates[1].missing_particulars(), [Particular::Rfc]);
    assert_eq!(
        draft.resident_slots().into_iter().collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let codes_of_signing: Vec<String> = draft
        .missing_particulars()
        .into_iter()
        .map(|(index, particular)| particular.path(index))
        .filter(|path| path.starts_with("associates[1]"))
        .collect();
    assert_eq!(codes_of_signing, ["associates[1].rfc"]);

    // Stored as written, and left out of the JSON when nothing was written.
    let json = serde_json::to_value(&draft).unwrap();
    assert_eq!(json["associates"][1]["particulars"]["treatment"], "male");
    assert!(json["associates"][0].get("particulars").is_none());
}
