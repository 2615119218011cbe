//! Claiming races: many lawyers claim one case at the same moment; exactly one wins, everyone
//! else gets 409, and the history records one claim. Also across two `puente serve` processes
//! sharing one database.

use crate::common::process::Server;
use crate::common::*;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;

#[tokio::test]
async fn fifty_simultaneous_claims_give_one_success_and_forty_nine_conflicts() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let mut tokens = Vec::new();
    for i in 0..50 {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        tokens.push(app.person(firm, "lawyer", false).await.token);
    }
    let url = app.url(&format!("/api/v1/cases/{case}/transitions"));
    let statuses = claims_in_parallel(&[url], &tokens).await;
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 49), "{statuses:?}");
    assert_eq!(claim_events(&app, &program.manager, &case).await, 1);
}

#[tokio::test]
async fn two_server_processes_on_one_database_still_let_only_one_claim_win() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let mut tokens = Vec::new();
    for i in 0..20 {
        let firm = app
            .org(OrgKind::LawFirm, &format!("Despacho {i}"), true)
            .await;
        tokens.push(app.person(firm, "lawyer", false).await.token);
    }
    let first = Server::start(&app, "one");
    let second = Server::start(&app, "two");
    let urls: Vec<String> = [&first, &second]
        .iter()
        .map(|server| format!("{}/api/v1/cases/{case}/transitions", server.url))
        .collect();
    let statuses = claims_in_parallel(&urls, &tokens).await;
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 19), "{statuses:?}");
    assert_eq!(claim_events(&app, &program.manager, &case).await, 1);
}
