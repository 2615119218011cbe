//! Reading an event's data from JSON: typed values, unknown or malformed fields reported by
//! path, absent fields left for the workflow to report as unmet requirements.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use puente_workflow::*;
use serde_json::json;
use time::macros::date;

fn fields(result: Result<Event, Vec<FieldError>>) -> Vec<(String, &'static str)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

#[test]
fn well_formed_data_is_typed() {
    let lawyer = uuid::Uuid::now_v7();
    let event = Event::parse(
        EventKind::Assign,
        &json!({"lawyer_id": lawyer.to_string(), "conflict_check": {"no_conflict": true, "reference": " CONF-7 "}}),
    )
    .unwrap();
    assert_eq!(event.data.lawyer_id, Some(UserId(lawyer)));
    assert_eq!(
        event.data.conflict_check.unwrap().reference.as_deref(),
        Some("CONF-7")
    );
    let signing = Event::parse(
        EventKind::RecordSigning,
        &json!({"notary_number": "27", "deed_number": "14,502", "signed_on": "2026-11-20"}),
    )
    .unwrap();
    assert_eq!(signing.data.signed_on, Some(date!(2026 - 11 - 20)));
    let close = Event::parse(EventKind::Close, &json!({"rfc": "sat970701nn3"})).unwrap();
    assert_eq!(close.data.rfc.unwrap().as_str(), "SAT970701NN3");
}

#[test]
fn no_data_at_all_is_fine_for_events_that_need_none() {
    assert_eq!(
        Event::parse(EventKind::Submit, &serde_json::Value::Null),
        Ok(Event::bare(EventKind::Submit))
    );
    assert_eq!(
        Event::parse(EventKind::ApproveDraft, &json!({})),
        Ok(Event::bare(EventKind::ApproveDraft))
    );
}

#[test]
fn malformed_and_unknown_fields_are_named() {
    assert_eq!(
        fields(Event::parse(EventKind::RecordFiling, &json!({"folo": "1"}))),
        [("data.folo".into(), "unknown_field")]
    );
    assert_eq!(
        fields(Event::parse(EventKind::Submit, &json!({"reason": "x"}))),
        [("data.reason".into(), "unknown_field")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::RecordSigning,
            &json!({"signed_on": "20/11/2026"})
        )),
        [("data.signed_on".into(), "date.invalid")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::RecordSigning,
            &json!({"signed_on": "2026-02-30"})
        )),
        [("data.signed_on".into(), "date.invalid")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Assign,
            &json!({"lawyer_id": "abogado-1"})
        )),
        [("data.lawyer_id".into(), "uuid.invalid")]
    );
    assert_eq!(
        fields(Event::parse(EventKind::Decline, &json!({"reason": 7}))),
        [("data.reason".into(), "text_expected")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Decline,
            &json!({"reason": "x".repeat(4001)})
        )),
        [("data.reason".into(), "too_long")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Claim,
            &json!({"conflict_check": {"no_conflict": "sí"}})
        )),
        [("data.conflict_check.no_conflict".into(), "boolean_expected")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Claim,
            &json!({"conflict_check": {"checked": true}})
        )),
        [("data.conflict_check.checked".into(), "unknown_field")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Claim,
            &json!({"conflict_check": true})
        )),
        [("data.conflict_check".into(), "object_expected")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Close,
            &json!({"rfc": "GODE561231GR8"})
        )),
        [("data.rfc".into(), "rfc.legal_person")]
    );
    assert_eq!(
        fields(Event::parse(
            EventKind::Close,
            &json!({"rfc": "SAT970701NN4"})
        )),
        [("data.rfc".into(), "rfc.check_digit")]
    );
    assert_eq!(
        fields(Event::parse(EventKind::Submit, &json!(["x"]))),
        [("data".into(), "object_expected")]
    );
}

#[test]
fn blank_or_null_values_count_as_absent() {
    let event = Event::parse(EventKind::RecordFiling, &json!({"folio": "   "})).unwrap();
    assert_eq!(event.data.folio, None);
    let event = Event::parse(EventKind::RecordFiling, &json!({"folio": null})).unwrap();
    assert_eq!(event.data.folio, None);
}

#[test]
fn the_recorded_event_serializes_only_what_was_given() {
    let event = Event::parse(EventKind::RecordFiling, &json!({"folio": "N-1"})).unwrap();
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        json!({"event": "record_filing", "data": {"folio": "N-1"}})
    );
}
