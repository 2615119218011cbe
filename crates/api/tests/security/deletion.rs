//! Who may delete a document: a shelter could delete the papers the lawyer uploaded to its case
//! (whoever could upload a kind could delete any document of it). Now only the side that
//! uploaded a document, or a manager, may.

use reqwest::StatusCode;

use crate::common::files::pdf;
use crate::common::*;

async fn delete(app: &TestApp, token: &str, id: &str) -> StatusCode {
    app.client
        .delete(app.url(&format!("/api/v1/documents/{id}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

async fn paper(app: &TestApp, token: &str, case: &str) -> String {
    let (status, stored) = app
        .upload(token, case, "other", None, "nota.pdf", pdf(800))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    stored["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_shelter_cannot_delete_what_the_lawyer_uploaded_nor_the_lawyer_the_shelters() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    assert_eq!(
        app.fire(&program.lawyer.token, &case, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );
    let shelter = &program.shelter.token;
    let lawyer = &program.lawyer.token;
    let lawyers_note = paper(&app, lawyer, &case).await;
    let lawyers_other = paper(&app, lawyer, &case).await;
    let shelters_note = paper(&app, shelter, &case).await;

    assert_eq!(
        delete(&app, shelter, &lawyers_note).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        delete(&app, lawyer, &shelters_note).await,
        StatusCode::FORBIDDEN
    );
    // A colleague of the same shelter may delete what the shelter uploaded.
    let colleague = app.person(program.shelter.org, "shelter", false).await;
    assert_eq!(
        delete(&app, &colleague.token, &shelters_note).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(&app, lawyer, &lawyers_note).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(&app, &program.manager.token, &lawyers_other).await,
        StatusCode::NO_CONTENT
    );
}
