//! `puente demo` fills an empty database with a program whose every case went through the
//! workflow, and refuses a database that already holds something.

use std::collections::BTreeSet;

use crate::common::*;
use puente_api::entity::{case, organization, user};
use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn the_demo_fills_an_empty_database_once_with_cases_across_the_workflow() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let logins = puente_api::service::demo::fill(db).await.unwrap();
    assert!(
        logins
            .iter()
            .any(|l| l.email == "coordinacion@puente.ejemplo.mx")
    );

    let orgs = organization::Entity::find().all(db).await.unwrap();
    let count = |kind: &str| orgs.iter().filter(|o| o.kind.as_str() == kind).count();
    assert_eq!(
        (count("program"), count("law_firm"), count("shelter")),
        (1, 3, 27)
    );
    assert_eq!(user::Entity::find().count(db).await.unwrap(), 2 + 9 + 27);
    let states: BTreeSet<String> = case::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.status.as_str().to_owned())
        .collect();
    let expected: BTreeSet<String> = [
        "draft",
        "submitted",
        "needs_info",
        "open",
        "claimed",
        "declined",
        "withdrawn",
        "on_hold",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(states, expected);
    assert!(
        puente_api::service::repo::history::verify(db)
            .await
            .unwrap()
            .ok
    );

    // Its accounts sign in with the printed password.
    let session = app
        .login(
            "coordinacion@puente.ejemplo.mx",
            puente_api::service::demo::PASSWORD,
        )
        .await;
    let (_, cases) = app
        .get(
            "/api/v1/cases?limit=200",
            session["access_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(cases["items"].as_array().unwrap().len(), 27);

    assert!(
        puente_api::service::demo::fill(db).await.is_err(),
        "a second run is refused"
    );
}
