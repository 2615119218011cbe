//! Deadline alerts appear and disappear on the right day.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use puente_workflow::*;
use time::Date;
use time::macros::date;

fn history(entries: &[(Date, Status)]) -> Vec<Activity> {
    entries
        .iter()
        .map(|(on, state_after)| Activity {
            on: *on,
            state_after: *state_after,
        })
        .collect()
}

fn on(
    day: Date,
    at: CaseState,
    entries: &[(Date, Status)],
    authorization: Option<&NameAuthorization>,
) -> Vec<Alert> {
    let record = LegalRecord {
        name_authorization: authorization.cloned(),
        ..LegalRecord::default()
    };
    alerts(
        at,
        &history(entries),
        &record,
        day,
        &AlertSettings::default(),
    )
}

#[test]
fn screening_is_overdue_after_more_than_five_days() {
    let entries = [
        (date!(2026 - 11 - 01), Status::Draft),
        (date!(2026 - 11 - 02), Status::Submitted),
    ];
    let at = CaseState::at(Status::Submitted);
    assert_eq!(on(date!(2026 - 11 - 07), at, &entries, None), []);
    assert_eq!(
        on(date!(2026 - 11 - 08), at, &entries, None),
        [Alert::ScreeningOverdue]
    );
    // Screening ends the alert.
    let accepted = [
        entries[0],
        entries[1],
        (date!(2026 - 11 - 09), Status::Open),
    ];
    assert_eq!(
        on(
            date!(2026 - 11 - 09),
            CaseState::at(Status::Open),
            &accepted,
            None
        ),
        []
    );
}

#[test]
fn an_open_request_is_unclaimed_after_more_than_fourteen_days_and_comments_do_not_reset_it() {
    let entries = [
        (date!(2026 - 10 - 01), Status::Open),
        (date!(2026 - 10 - 10), Status::Open), // a comment
    ];
    let at = CaseState::at(Status::Open);
    assert_eq!(on(date!(2026 - 10 - 15), at, &entries, None), []);
    assert_eq!(
        on(date!(2026 - 10 - 16), at, &entries, None),
        [Alert::Unclaimed]
    );
    let claimed = [
        entries[0],
        entries[1],
        (date!(2026 - 10 - 16), Status::Claimed),
    ];
    assert_eq!(
        on(
            date!(2026 - 10 - 16),
            CaseState::at(Status::Claimed),
            &claimed,
            None
        ),
        []
    );
}

#[test]
fn a_case_in_a_lawyers_hands_stalls_after_thirty_days_without_activity() {
    let entries = [
        (date!(2026 - 09 - 01), Status::Claimed),
        (date!(2026 - 09 - 10), Status::Drafting),
    ];
    let at = CaseState::at(Status::Drafting);
    assert_eq!(on(date!(2026 - 10 - 09), at, &entries, None), []);
    assert_eq!(
        on(date!(2026 - 10 - 10), at, &entries, None),
        [Alert::Stalled]
    );
    // Any activity restarts the clock.
    let commented = [
        entries[0],
        entries[1],
        (date!(2026 - 10 - 05), Status::Drafting),
    ];
    assert_eq!(on(date!(2026 - 10 - 10), at, &commented, None), []);
    // A paused case is not stalled.
    assert_eq!(
        on(
            date!(2026 - 12 - 31),
            CaseState::held(Status::Drafting),
            &entries,
            None
        ),
        []
    );
    // Nor is a filed one.
    assert_eq!(
        on(
            date!(2026 - 12 - 31),
            CaseState::at(Status::Filed),
            &entries,
            None
        ),
        []
    );
}

#[test]
fn a_name_authorization_is_urgent_thirty_days_before_it_lapses_and_blocked_after() {
    let authorization = NameAuthorization::granted("Paso Libre".into(), date!(2026 - 05 - 01));
    assert_eq!(authorization.expires_on, date!(2026 - 10 - 28));
    // Recent activity, so that only the name authorization speaks.
    let entries = [
        (date!(2026 - 09 - 27), Status::Notary),
        (date!(2026 - 10 - 20), Status::Notary),
    ];
    let at = CaseState::at(Status::Notary);
    assert_eq!(
        on(date!(2026 - 09 - 27), at, &entries, Some(&authorization)),
        []
    );
    assert_eq!(
        on(date!(2026 - 09 - 28), at, &entries, Some(&authorization)),
        [Alert::NameAuthorizationLapsing]
    );
    assert_eq!(
        on(date!(2026 - 10 - 28), at, &entries, Some(&authorization)),
        [Alert::NameAuthorizationLapsing]
    );
    assert_eq!(
        on(date!(2026 - 10 - 29), at, &entries, Some(&authorization)),
        [Alert::NameAuthorizationLapsed]
    );
    // On hold it still runs; once signed, until the notary's aviso de uso is recorded (below).
    assert_eq!(
        on(
            date!(2026 - 10 - 29),
            CaseState::held(Status::Drafting),
            &entries,
            Some(&authorization)
        ),
        [Alert::NameAuthorizationLapsed]
    );
    assert_eq!(
        on(
            date!(2026 - 10 - 29),
            CaseState::at(Status::Signed),
            &entries,
            Some(&authorization)
        ),
        [Alert::NameAuthorizationLapsed]
    );
    assert_eq!(
        on(
            date!(2026 - 10 - 29),
            CaseState::at(Status::Withdrawn),
            &entries,
            Some(&authorization)
        ),
        []
    );
}

#[test]
fn periods_are_settings() {
    let settings = AlertSettings {
        screening_days: 1,
        ..AlertSettings::default()
    };
    let entries = history(&[(date!(2026 - 11 - 01), Status::Submitted)]);
    let at = CaseState::at(Status::Submitted);
    assert_eq!(
        alerts(
            at,
            &entries,
            &LegalRecord::default(),
            date!(2026 - 11 - 03),
            &settings
        ),
        [Alert::ScreeningOverdue]
    );
    let parsed: AlertSettings = serde_json::from_str(r#"{"stalled_days": 45}"#).unwrap();
    assert_eq!(
        parsed,
        AlertSettings {
            stalled_days: 45,
            ..AlertSettings::default()
        }
    );
    assert!(serde_json::from_str::<AlertSettings>(r#"{"stalled": 45}"#).is_err());
}

#[test]
fn stalls_and_lapses_can_hold_together() {
    let authorization = NameAuthorization::granted("Paso Libre".into(), date!(2026 - 05 - 01));
    let entries = [(date!(2026 - 08 - 01), Status::Drafting)];
    assert_eq!(
        on(
            date!(2026 - 10 - 01),
            CaseState::at(Status::Drafting),
            &entries,
            Some(&authorization)
        ),
        [Alert::Stalled, Alert::NameAuthorizationLapsing]
    );
}

/// After the signing, the name's alert lasts until the notary's aviso de uso is recorded, and
/// the association's RFC is due a month after the signing.
#[test]
fn after_the_signing_the_aviso_de_uso_and_the_rfc_are_watched() {
    let authorization = NameAuthorization::granted("Paso Libre".into(), date!(2026 - 05 - 01));
    // Activity along the way, so that only the deadlines speak.
    let entries = history(&[
        (date!(2026 - 10 - 20), Status::Signed),
        (date!(2026 - 11 - 18), Status::Signed),
        (date!(2026 - 12 - 15), Status::Signed),
    ]);
    let mut record = LegalRecord {
        name_authorization: Some(authorization),
        signed_on: Some(date!(2026 - 10 - 20)),
        milestones: Milestones::new(),
    };
    let settings = AlertSettings::default();
    let signed = CaseState::at(Status::Signed);
    let at = |day, state, record: &LegalRecord| alerts(state, &entries, record, day, &settings);
    assert_eq!(
        at(date!(2026 - 10 - 21), signed, &record),
        [Alert::NameAuthorizationLapsing]
    );
    // Thirty days after the signing the RFC is not late yet; the day after, it is.
    record.milestones.insert(
        Milestone::AvisoDeUso,
        MilestoneRecord {
            on: date!(2026 - 10 - 25),
            reference: None,
        },
    );
    assert_eq!(at(date!(2026 - 11 - 19), signed, &record), []);
    assert_eq!(
        at(date!(2026 - 11 - 20), signed, &record),
        [Alert::RfcPending]
    );
    assert_eq!(
        at(
            date!(2026 - 11 - 20),
            CaseState::held(Status::Filed),
            &record
        ),
        [Alert::RfcPending],
        "a pause does not stop the SAT's clock"
    );
    assert_eq!(
        at(
            date!(2026 - 11 - 20),
            CaseState::at(Status::Closed),
            &record
        ),
        [],
        "a closed case is nobody's to chase"
    );
    record.milestones.insert(
        Milestone::Rfc,
        MilestoneRecord {
            on: date!(2026 - 11 - 18),
            reference: Some("CMP261020AB1".into()),
        },
    );
    assert_eq!(at(date!(2026 - 12 - 20), signed, &record), []);
}
