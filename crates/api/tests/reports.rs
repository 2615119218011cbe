//! The caseload report and the CSV exports, checked against figures computed here, independently,
//! from a seeded history with known dates: each step is taken through the API with the case
//! clock fixed at its moment.

use crate::common::files::pdf;
use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The milestones of one seeded case, in UTC.
struct Timeline {
    state: &'static str,
    submitted: Option<&'static str>,
    accepted: Option<&'static str>,
    declined: Option<&'static str>,
    claimed: Option<&'static str>,
    /// Claimed by a manager's assignment rather than by the lawyer.
    assigned: bool,
    signed: Option<&'static str>,
    filed: Option<&'static str>,
}

const NONE: Timeline = Timeline {
    state: "MX-CHH",
    submitted: None,
    accepted: None,
    declined: None,
    claimed: None,
    assigned: false,
    signed: None,
    filed: None,
};

/// A: filed in March by the first firm; B: filed in May by the second firm, in Baja
/// California; C: assigned, then silent; D: declined; E: a draft; F: open and unclaimed.
const A: Timeline = Timeline {
    submitted: Some("2026-01-05T12:00:00Z"),
    accepted: Some("2026-01-06T15:00:00Z"),
    claimed: Some("2026-01-10T12:00:00Z"),
    signed: Some("2026-02-10T12:00:00Z"),
    filed: Some("2026-03-02T12:00:00Z"),
    ..NONE
};
const B: Timeline = Timeline {
    state: "MX-BCN",
    submitted: Some("2026-01-20T05:00:00Z"),
    accepted: Some("2026-01-21T16:00:00Z"),
    claimed: Some("2026-01-23T18:00:00Z"),
    signed: Some("2026-03-15T18:00:00Z"),
    filed: Some("2026-05-01T12:00:00Z"),
    ..NONE
};
const C: Timeline = Timeline {
    submitted: Some("2026-02-01T12:00:00Z"),
    accepted: Some("2026-02-02T12:00:00Z"),
    claimed: Some("2026-02-15T12:00:00Z"),
    assigned: true,
    ..NONE
};
const D: Timeline = Timeline {
    submitted: Some("2026-03-01T12:00:00Z"),
    declined: Some("2026-03-03T12:00:00Z"),
    ..NONE
};
const E: Timeline = NONE;
const F: Timeline = Timeline {
    submitted: Some("2026-04-01T12:00:00Z"),
    accepted: Some("2026-04-02T12:00:00Z"),
    ..NONE
};

/// The day the report is asked for: 2026-06-01 in Mexico City.
const TODAY: &str = "2026-06-01T18:00:00Z";

fn days(from: &str, to: &str) -> f64 {
    (at(to) - at(from)).as_seconds_f64() / 86_400.0
}

fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        None
    } else if n % 2 == 1 {
        Some(values[n / 2])
    } else {
        Some((values[n / 2 - 1] + values[n / 2]) / 2.0)
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

struct Seeded {
    app: TestApp,
    program: Program,
    refs: Vec<String>,
}

async fn ok(answer: (StatusCode, Value)) -> Value {
    assert_eq!(answer.0, StatusCode::OK, "{}", answer.1);
    answer.1
}

/// Walks one case through its timeline, setting the clock before each step.
async fn seed_case(app: &TestApp, program: &Program, created: &str, timeline: &Timeline) -> String {
    let clock = &app.state.clock;
    clock.set(at(created));
    let mut intake = intake();
    intake["domicile"]["state"] = json!(timeline.state);
    let (status, case) = app.create_case(&program.shelter.token, intake).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();
    let reference = case["reference"].as_str().unwrap().to_owned();
    let step = |token: &str, event: &str, data: Value| {
        let (token, event, id) = (token.to_owned(), event.to_owned(), id.clone());
        async move { ok(app.fire(&token, &id, &event, data).await).await }
    };
    if let Some(when) = timeline.submitted {
        clock.set(at(when));
        step(&program.shelter.token, "submit", json!({})).await;
    }
    if let Some(when) = timeline.declined {
        clock.set(at(when));
        step(
            &program.manager.token,
            "decline",
            json!({"reason": "Fuera del programa"}),
        )
        .await;
    }
    if let Some(when) = timeline.accepted {
        clock.set(at(when));
        step(&program.manager.token, "accept", json!({})).await;
    }
    let lawyer = if timeline.state == "MX-BCN" {
        &program.outsider
    } else if timeline.assigned {
        &program.colleague
    } else {
        &program.lawyer
    };
    if let Some(when) = timeline.claimed {
        clock.set(at(when));
        if timeline.assigned {
            let mut data = attestation();
            data["lawyer_id"] = json!(lawyer.id);
            step(&program.manager.token, "assign", data).await;
        } else {
            step(&lawyer.token, "claim", attestation()).await;
        }
    }
    if let Some(signed) = timeline.signed {
        // The papers and the name arrive on the day of the claim; the draft a day later.
        let claimed = at(timeline.claimed.unwrap());
        let day = (claimed.to_offset(time::UtcOffset::from_hms(-6, 0, 0).unwrap())).date();
        for (kind, associate) in [
            ("founder_id", Some("0")),
            ("founder_id", Some("1")),
            ("founder_tax_certificate", Some("0")),
            ("proof_of_address", None),
            ("name_authorization", None),
        ] {
            let (status, _) = app
                .upload(&lawyer.token, &id, kind, associate, "papel.pdf", pdf(1000))
                .await;
            assert_eq!(status, StatusCode::CREATED);
        }
        step(&lawyer.token, "request_name", json!({})).await;
        step(
            &lawyer.token,
            "name_authorized",
            json!({
                "authorized_name": "Casa del Migrante Paso Libre",
                "authorized_on": day.to_string(),
                "cud": "A202601011234567890",
            }),
        )
        .await;
        clock.set(claimed + time::Duration::days(1));
        let (status, _) = app
            .generate(
                &lawyer.token,
                &id,
                json!({"template": "bylaws", "format": "html"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        step(&lawyer.token, "share_draft", json!({})).await;
        step(
            &program.shelter.token,
            "approve_draft",
            json!({"approved_by": [0, 1]}),
        )
        .await;
        app.notary_chosen(&lawyer.token, &id).await;
        clock.set(at(signed));
        let (status, _) = app
            .upload(
                &lawyer.token,
                &id,
                "signed_deed",
                None,
                "escritura.pdf",
                pdf(1000),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let signed_on = at(signed)
            .to_offset(time::UtcOffset::from_hms(-6, 0, 0).unwrap())
            .date();
        step(
            &lawyer.token,
            "record_signing",
            json!({"notary_number": "27", "deed_number": "1450", "signed_on": signed_on.to_string()}),
        )
        .await;
    }
    if let Some(filed) = timeline.filed {
        clock.set(at(filed));
        let (status, _) = app
            .upload(
                &lawyer.token,
                &id,
                "registry_receipt",
                None,
                "boleta.pdf",
                pdf(1000),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let inscribed_on = at(filed)
            .to_offset(time::UtcOffset::from_hms(-6, 0, 0).unwrap())
            .date();
        step(
            &lawyer.token,
            "record_filing",
            json!({
                "folio": "N-1",
                "registry_office": "Registro Público de la Propiedad, Distrito Bravos",
                "inscribed_on": inscribed_on.to_string(),
            }),
        )
        .await;
    }
    reference
}

/// Logged time: (case index, lawyer, day, hours).
const HOURS: [(usize, &str, &str, f64); 4] = [
    (0, "lawyer", "2026-01-11", 2.5),
    (0, "lawyer", "2026-02-10", 1.25),
    (1, "outsider", "2026-02-01", 4.0),
    (2, "colleague", "2026-02-16", 0.75),
];

async fn seed() -> Seeded {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut refs = Vec::new();
    let mut ids = Vec::new();
    for (created, timeline) in [
        ("2026-01-05T11:00:00Z", &A),
        ("2026-01-19T20:00:00Z", &B),
        ("2026-02-01T11:00:00Z", &C),
        ("2026-03-01T11:00:00Z", &D),
        ("2026-03-10T11:00:00Z", &E),
        ("2026-04-01T11:00:00Z", &F),
    ] {
        refs.push(seed_case(&app, &program, created, timeline).await);
        let (_, list) = app
            .get("/api/v1/cases?limit=1", &program.manager.token)
            .await;
        ids.push(list["items"][0]["id"].as_str().unwrap().to_owned());
    }
    for (case, who, day, hours) in HOURS {
        let person = match who {
            "lawyer" => &program.lawyer,
            "outsider" => &program.outsider,
            _ => &program.colleague,
        };
        app.state.clock.set(at(&format!("{day}T20:00:00Z")));
        let (status, body) = app
            .post(
                &format!("/api/v1/cases/{}/hours", ids[case]),
                &person.token,
                json!({"date": day, "hours": hours, "description": "Revisión de documentos"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    app.state.clock.set(at(TODAY));
    Seeded { app, program, refs }
}

fn status_count(report: &Value, status: &str) -> u64 {
    report["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == status)
        .unwrap()["cases"]
        .as_u64()
        .unwrap()
}

fn span_of(
    timelines: &[&Timeline],
    start: fn(&Timeline) -> Option<&'static str>,
    end: fn(&Timeline) -> Option<&'static str>,
) -> (u64, Option<f64>, f64) {
    let mut values: Vec<f64> = timelines
        .iter()
        .filter_map(|t| Some(days(start(t)?, end(t)?)))
        .collect();
    let slowest = values.iter().copied().fold(0.0, f64::max);
    (
        values.len() as u64,
        median(&mut values).map(round2),
        round2(slowest),
    )
}

fn check_span(report: &Value, name: &str, expected: (u64, Option<f64>, f64)) {
    let span = &report["times"][name];
    assert_eq!(span["cases"], expected.0, "{name}: {span}");
    assert_eq!(span["median_days"].as_f64(), expected.1, "{name}: {span}");
    if expected.0 > 0 {
        assert_eq!(
            span["slowest"][0]["days"].as_f64(),
            Some(expected.2),
            "{name}"
        );
    } else {
        assert_eq!(span["slowest"], json!([]));
    }
}

#[tokio::test]
async fn the_caseload_report_matches_figures_computed_from_the_seeded_history() {
    let seeded = seed().await;
    let all = [&A, &B, &C, &D, &E, &F];
    let report = seeded.app.caseload(&seeded.program.manager.token, "").await;

    // The caseload today: every state listed, the six cases where they stand.
    assert_eq!(report["cases"], 6);
    assert_eq!(report["by_status"].as_array().unwrap().len(), 15);
    for (status, n) in [
        ("filed", 2),
        ("claimed", 1),
        ("declined", 1),
        ("draft", 1),
        ("open", 1),
        ("submitted", 0),
    ] {
        assert_eq!(status_count(&report, status), n, "{status}");
    }
    assert_eq!(
        report["by_state"],
        json!([
            {"key": "MX-BCN", "in_progress": 0, "filed": 1, "ended": 0, "total": 1},
            {"key": "MX-CHH", "in_progress": 2, "filed": 1, "ended": 1, "total": 4},
        ])
    );

    // Times, from the timelines' own dates.
    let submitted = |t: &Timeline| t.submitted;
    let claimed = |t: &Timeline| t.claimed;
    check_span(
        &report,
        "submission_to_claim",
        span_of(&all, submitted, claimed),
    );
    check_span(
        &report,
        "claim_to_signing",
        span_of(&all, claimed, |t| t.signed),
    );
    check_span(
        &report,
        "claim_to_filing",
        span_of(&all, claimed, |t| t.filed),
    );
    // Worked out by hand too: 5, 3.54 and 14 days to a claim.
    assert_eq!(report["times"]["submission_to_claim"]["median_days"], 5.0);
    assert_eq!(
        report["times"]["submission_to_claim"]["slowest"][0]["reference"],
        seeded.refs[2].as_str()
    );

    // Filings per month, from the first filing to today, months without any listed.
    assert_eq!(
        report["filed_per_month"],
        json!([
            {"month": "2026-03", "filed": 1},
            {"month": "2026-04", "filed": 0},
            {"month": "2026-05", "filed": 1},
            {"month": "2026-06", "filed": 0},
        ])
    );

    // Hours by firm and by lawyer.
    let total: f64 = HOURS.iter().map(|h| h.3).sum();
    assert_eq!(report["hours"]["total_hours"].as_f64(), Some(total));
    assert_eq!(report["hours"]["total_minutes"], (total * 60.0) as i64);
    let firms = report["hours"]["by_firm"].as_array().unwrap();
    assert_eq!(firms.len(), 2);
    assert_eq!(firms[0]["name"], "Bufete Solidario, S.C.");
    assert_eq!(firms[0]["hours"], 2.5 + 1.25 + 0.75);
    assert_eq!(firms[1]["name"], "Abogados del Norte, S.C.");
    assert_eq!(firms[1]["hours"], 4.0);
    let lawyers = report["hours"]["by_lawyer"].as_array().unwrap();
    assert_eq!(lawyers.len(), 3);
    assert_eq!(lawyers[1]["id"], seeded.program.lawyer.id.to_string());
    assert_eq!(lawyers[1]["hours"], 3.75);

    // Alerts on 2026-06-01: F unclaimed since April, C silent since February.
    assert_eq!(report["as_of"], "2026-06-01");
    assert_eq!(report["alerts"]["counts"]["unclaimed"], 1);
    assert_eq!(report["alerts"]["counts"]["stalled"], 1);
    assert_eq!(report["alerts"]["counts"]["screening_overdue"], 0);
    assert_eq!(report["alerts"]["stalled_by_status"], json!({"claimed": 1}));

    // Firms: what each holds, and its open capacity (three cases per lawyer by default).
    let firms = report["by_firm"].as_array().unwrap();
    let bufete = firms
        .iter()
        .find(|f| f["name"] == "Bufete Solidario, S.C.")
        .unwrap();
    assert_eq!(
        (&bufete["in_progress"], &bufete["filed"], &bufete["total"]),
        (&json!(1), &json!(1), &json!(2))
    );
    assert_eq!(bufete["lawyers"], 2);
    assert_eq!(bufete["capacity"], 6);
    // The colleague holds C; A is filed and no longer takes a place.
    assert_eq!(bufete["open_capacity"], 5);
}

#[tokio::test]
async fn periods_filters_empty_periods_and_a_single_case() {
    let seeded = seed().await;

    // The end of February: A signed, B before the notary, C claimed, D not yet created,
    // nothing filed.
    let report = seeded
        .app
        .caseload(&seeded.program.manager.token, "?to=2026-02-28")
        .await;
    assert_eq!(report["cases"], 3);
    assert_eq!(status_count(&report, "signed"), 1);
    assert_eq!(status_count(&report, "notary"), 1);
    assert_eq!(status_count(&report, "claimed"), 1);
    assert_eq!(report["times"]["claim_to_filing"]["cases"], 0);
    assert_eq!(
        report["times"]["claim_to_filing"]["median_days"],
        Value::Null
    );
    assert_eq!(
        report["filed_per_month"],
        json!([{"month": "2026-02", "filed": 0}])
    );
    let minutes: i64 = HOURS
        .iter()
        .filter(|h| h.2 <= "2026-02-28")
        .map(|h| (h.3 * 60.0) as i64)
        .sum();
    assert_eq!(report["hours"]["total_minutes"], minutes);

    // April: nothing reached a milestone, nothing was worked.
    let report = seeded
        .app
        .caseload(
            &seeded.program.manager.token,
            "?from=2026-04-01&to=2026-04-30",
        )
        .await;
    assert_eq!(
        report["filed_per_month"],
        json!([{"month": "2026-04", "filed": 0}])
    );
    for span in ["submission_to_claim", "claim_to_signing", "claim_to_filing"] {
        assert_eq!(report["times"][span]["cases"], 0, "{span}");
    }
    assert_eq!(report["hours"]["total_minutes"], 0);
    assert_eq!(report["hours"]["by_firm"], json!([]));

    // Before the program began: no case at all, every count zero.
    let report = seeded
        .app
        .caseload(
            &seeded.program.manager.token,
            "?from=2025-01-01&to=2025-12-31",
        )
        .await;
    assert_eq!(report["cases"], 0);
    assert!(
        report["by_status"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["cases"] == 0)
    );
    assert_eq!(report["by_state"], json!([]));
    assert_eq!(report["filed_per_month"].as_array().unwrap().len(), 12);

    // One case: Baja California holds only B.
    let report = seeded
        .app
        .caseload(&seeded.program.manager.token, "?state=MX-BCN")
        .await;
    assert_eq!(report["cases"], 1);
    check_span(
        &report,
        "submission_to_claim",
        span_of(&[&B], |t| t.submitted, |t| t.claimed),
    );
    check_span(
        &report,
        "claim_to_filing",
        span_of(&[&B], |t| t.claimed, |t| t.filed),
    );
    // 3 days and 13 hours.
    assert_eq!(report["times"]["submission_to_claim"]["median_days"], 3.54);
    assert_eq!(report["hours"]["total_hours"], 4.0);

    // One firm: the second firm holds B, and logged B's hours.
    let firm = seeded.program.outsider.org;
    let report = seeded
        .app
        .caseload(&seeded.program.manager.token, &format!("?firm={firm}"))
        .await;
    assert_eq!(report["cases"], 1);
    assert_eq!(report["by_firm"].as_array().unwrap().len(), 1);
    assert_eq!(report["hours"]["total_hours"], 4.0);
}

#[tokio::test]
async fn bad_report_queries_are_refused_naming_the_parameter() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    for (query, field, code) in [
        ("?from=2026-13-01", "from", "date.invalid"),
        ("?to=ayer", "to", "date.invalid"),
        ("?from=2026-05-01&to=2026-04-01", "from", "period.order"),
        ("?state=MX-ZZZ", "state", "state.unknown"),
        ("?firm=nope", "firm", "invalid_value"),
        ("?color=red", "color", "unknown_field"),
    ] {
        for path in ["caseload", "cases.csv", "hours.csv"] {
            let (status, problem) = app
                .get(
                    &format!("/api/v1/reports/{path}{query}"),
                    &program.manager.token,
                )
                .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}{query}");
            assert_eq!(
                problem["errors"][0]["field"], field,
                "{path}{query}: {problem}"
            );
            assert_eq!(
                problem["errors"][0]["code"], code,
                "{path}{query}: {problem}"
            );
        }
    }
    for person in [&program.shelter, &program.lawyer] {
        for path in ["caseload", "cases.csv", "hours.csv"] {
            let (status, _) = app
                .get(&format!("/api/v1/reports/{path}"), &person.token)
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN);
        }
    }
}

/// Reads a CSV export: checks the byte-order mark and line ends, returns the records.
async fn csv_of(seeded: &Seeded, path: &str, lang: &str) -> Vec<Vec<String>> {
    let response = seeded
        .app
        .client
        .get(seeded.app.url(path))
        .bearer_auth(&seeded.program.manager.token)
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"puente-")
    );
    // Streamed: no length announced up front.
    assert!(response.headers().get("content-length").is_none());
    let bytes = response.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n"));
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_csv_exports_stream_rows_a_spreadsheet_reads_correctly() {
    let seeded = seed().await;
    let rows = csv_of(&seeded, "/api/v1/reports/cases.csv", "es-MX").await;
    assert_eq!(rows[0][0], "Referencia");
    assert_eq!(rows[0][2], "Estado del caso");
    assert_eq!(rows.len(), 1 + 6);
    let a = rows.iter().find(|r| r[0] == seeded.refs[0]).unwrap();
    assert_eq!(a[1], "Casa del Migrante Paso Libre");
    assert_eq!(a[2], "Inscrita en el registro");
    assert_eq!(a[3], "Casa del Migrante Paso Libre");
    assert_eq!(a[4], "MX-CHH");
    assert_eq!(a[6], "Bufete Solidario, S.C.");
    assert_eq!(
        &a[8..13],
        [
            "2026-01-05",
            "2026-01-05",
            "2026-01-10",
            "2026-02-10",
            "2026-03-02"
        ]
    );
    assert_eq!(
        a[13],
        format!("{:.2}", days(A.submitted.unwrap(), A.claimed.unwrap()))
    );
    assert_eq!(
        a[15],
        format!("{:.2}", days(A.claimed.unwrap(), A.filed.unwrap()))
    );
    // B was submitted at 05:00 UTC on the 20th: still the 19th in Mexico City.
    let b = rows.iter().find(|r| r[0] == seeded.refs[1]).unwrap();
    assert_eq!(b[9], "2026-01-19");
    let f = rows.iter().find(|r| r[0] == seeded.refs[5]).unwrap();
    assert_eq!(f[16], "Sin abogado");

    let rows = csv_of(&seeded, "/api/v1/reports/cases.csv?from=2026-03-01", "en").await;
    assert_eq!(rows[0][2], "Case status");
    assert_eq!(rows.len(), 1 + 3, "D, E and F were created from March on");

    let rows = csv_of(&seeded, "/api/v1/reports/hours.csv", "es").await;
    assert_eq!(
        rows[0],
        [
            "Fecha",
            "Referencia",
            "Despacho",
            "Abogada o abogado",
            "Horas",
            "Minutos",
            "Descripción"
        ]
    );
    assert_eq!(rows.len(), 1 + HOURS.len());
    assert_eq!(rows[1][0], "2026-01-11");
    assert_eq!(rows[1][4], "2.50");
    assert_eq!(rows[1][5], "150");
    assert_eq!(rows[1][6], "Revisión de documentos");
    let rows = csv_of(&seeded, "/api/v1/reports/hours.csv?state=MX-BCN", "es").await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], "Abogados del Norte, S.C.");
}

#[tokio::test]
async fn a_csv_export_of_many_cases_arrives_whole_across_pages() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    // More cases than one page of the stream, with text a spreadsheet could misread (a name
    // cannot hold a line break: the intake refuses control characters in one-line fields).
    let mut intake = intake();
    intake["proposed_names"] = json!(["=HYPERLINK(\"http://ejemplo.mx\"), \"Casa\"; Nueva"]);
    for _ in 0..205 {
        let (status, _) = app
            .create_case(&program.shelter.token, intake.clone())
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let seeded = Seeded {
        app,
        program,
        refs: Vec::new(),
    };
    let rows = csv_of(&seeded, "/api/v1/reports/cases.csv", "es").await;
    assert_eq!(rows.len(), 1 + 205);
    let mut references: Vec<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 205, "each case once");
    // The name arrives whole, quoted, and cannot run as a formula.
    assert_eq!(
        rows[1][1],
        "'=HYPERLINK(\"http://ejemplo.mx\"), \"Casa\"; Nueva"
    );
}

#[tokio::test]
async fn the_report_reads_the_caseload_the_same_whatever_its_page() {
    use puente_api::service::reports::caseload;
    let seeded = seed().await;
    let state = &seeded.app.state;
    let read = |page: u64| {
        caseload::load(
            &state.db,
            state.today(),
            state.settings.utc_offset(),
            &state.settings.alerts,
            state.settings.lawyer_capacity,
            page,
        )
    };
    let whole = read(caseload::PAGE).await.unwrap();
    assert_eq!(whole.cases.len(), 6);
    assert!(whole.cases.iter().all(|c| !c.steps.is_empty()));
    for page in [1, 2, 4] {
        let paged = read(page).await.unwrap();
        assert_eq!(
            format!("{paged:?}"),
            format!("{whole:?}"),
            "pages of {page}"
        );
    }
}
