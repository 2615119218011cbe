//! CSV exports and formula injection: a shelter's name such as `Casa Refugio;=1+1` went out
//! unquoted, and a spreadsheet splitting on `;` (the usual delimiter where the decimal comma is
//! used) read `=1+1` as a formula of its own. Every cell is now quoted, and a formula can start
//! no cell whatever delimiter the spreadsheet splits on.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

const NAME: &str = "Casa Refugio;=1+1";

#[tokio::test]
async fn no_cell_of_an_export_starts_a_formula_whatever_the_delimiter() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let org = app.org(OrgKind::Shelter, NAME, true).await;
    let shelter = app.person(org, "shelter", false).await;
    let (status, case) = app.create_case(&shelter.token, intake()).await;
    assert_eq!(status, StatusCode::CREATED, "{case}");
    let case = case["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.fire(&shelter.token, &case, "submit", json!({})).await.0,
        StatusCode::OK
    );

    let response = app
        .client
        .get(app.url("/api/v1/reports/cases.csv"))
        .bearer_auth(&program.manager.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    let body = body.trim_start_matches('\u{feff}');

    // Every cell is quoted.
    for line in body.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
    }
    // Read as a spreadsheet would in any locale.
    for delimiter in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes());
        let mut cells = 0;
        for record in reader.records() {
            for field in record.unwrap().iter() {
                cells += 1;
                assert!(
                    !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "split on {:?}: {field:?}",
                    char::from(delimiter)
                );
            }
        }
        assert!(cells > 0);
    }
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let shelters: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_owned()).collect();
    assert!(
        shelters.iter().any(|s| s == "Casa Refugio;'=1+1"),
        "{shelters:?}"
    );
}
