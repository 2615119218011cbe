//! Who may do what: every endpoint against every kind of caller (anonymous, the owning shelter
//! and another one, the assigned lawyer, a colleague of the same firm, a lawyer of another firm,
//! a manager, an admin), each cell with its expected status.

use crate::common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Shelter,
    OtherShelter,
    Lawyer,
    Colleague,
    Outsider,
    Manager,
    Admin,
}

const CALLERS: [Caller; 8] = [
    Caller::Anonymous,
    Caller::Shelter,
    Caller::OtherShelter,
    Caller::Lawyer,
    Caller::Colleague,
    Caller::Outsider,
    Caller::Manager,
    Caller::Admin,
];

fn token(program: &Program, caller: Caller) -> Option<String> {
    let person = match caller {
        Caller::Anonymous => return None,
        Caller::Shelter => &program.shelter,
        Caller::OtherShelter => &program.other_shelter,
        Caller::Lawyer => &program.lawyer,
        Caller::Colleague => &program.colleague,
        Caller::Outsider => &program.outsider,
        Caller::Manager => &program.manager,
        Caller::Admin => &program.admin,
    };
    Some(person.token.clone())
}

/// One row: a request and the status each caller gets, in the order of `CALLERS`.
struct Row {
    method: Method,
    path: String,
    body: fn() -> Option<Value>,
    expect: [u16; 8],
}

fn unique_email() -> String {
    format!("nueva-{}@prueba.mx", uuid::Uuid::new_v4().simple())
}

#[tokio::test]
async fn every_endpoint_answers_each_caller_as_expected() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    // A case claimed by the lawyer, an open one, and a draft.
    let claimed = open_case(&app, &program).await;
    assert_eq!(
        app.fire(&program.lawyer.token, &claimed, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );
    let open = open_case(&app, &program).await;
    let (_, draft) = app.create_case(&program.shelter.token, intake()).await;
    let draft = draft["id"].as_str().unwrap().to_owned();
    let shelter_org = program.shelter.org;
    let someone = program.colleague.id;

    let no_body: fn() -> Option<Value> = || None;
    #[rustfmt::skip]
    let rows = vec![
        //                                                                     anon shel othS lawy coll outs mana admi
        Row { method: Method::GET, path: "/api/v1/workflow".into(), body: no_body, expect: [200, 200, 200, 200, 200, 200, 200, 200] },
        Row { method: Method::GET, path: "/api/v1/me".into(), body: no_body, expect: [401, 200, 200, 200, 200, 200, 200, 200] },
        Row { method: Method::GET, path: "/api/v1/organizations".into(), body: no_body, expect: [401, 403, 403, 403, 403, 403, 200, 200] },
        Row { method: Method::POST, path: "/api/v1/organizations".into(), body: || Some(json!({"kind": "law_firm", "name": "Despacho Nuevo"})), expect: [401, 403, 403, 403, 403, 403, 403, 201] },
        Row { method: Method::POST, path: format!("/api/v1/organizations/{shelter_org}/verify"), body: no_body, expect: [401, 403, 403, 403, 403, 403, 200, 200] },
        Row { method: Method::GET, path: "/api/v1/users".into(), body: no_body, expect: [401, 403, 403, 403, 403, 403, 200, 200] },
        Row { method: Method::POST, path: "/api/v1/users".into(), body: || None, expect: [401, 403, 403, 403, 403, 403, 403, 201] },
        Row { method: Method::PATCH, path: format!("/api/v1/users/{someone}"), body: || Some(json!({"name": "Nombre Corregido"})), expect: [401, 403, 403, 403, 403, 403, 403, 200] },
        Row { method: Method::POST, path: "/api/v1/cases".into(), body: || Some(json!({"intake": {}})), expect: [401, 201, 201, 403, 403, 403, 403, 403] },
        Row { method: Method::GET, path: "/api/v1/cases".into(), body: no_body, expect: [401, 200, 200, 200, 200, 200, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{claimed}"), body: no_body, expect: [401, 200, 404, 200, 200, 404, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{open}"), body: no_body, expect: [401, 200, 404, 200, 200, 200, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{draft}"), body: no_body, expect: [401, 200, 404, 404, 404, 404, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{claimed}/history"), body: no_body, expect: [401, 200, 404, 200, 200, 404, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{open}/history"), body: no_body, expect: [401, 200, 404, 403, 403, 403, 200, 200] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{claimed}/comments"), body: no_body, expect: [401, 200, 404, 200, 200, 404, 200, 200] },
        Row { method: Method::POST, path: format!("/api/v1/cases/{claimed}/comments"), body: || Some(json!({"body": "Hola"})), expect: [401, 201, 404, 201, 201, 404, 201, 201] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{claimed}/hours"), body: no_body, expect: [401, 200, 404, 200, 200, 404, 200, 200] },
        Row { method: Method::POST, path: format!("/api/v1/cases/{claimed}/hours"), body: || Some(json!({"date": "2026-01-15", "hours": 1.5, "description": "Revisión"})), expect: [401, 403, 404, 201, 403, 404, 403, 403] },
        Row { method: Method::GET, path: format!("/api/v1/cases/{claimed}/transitions"), body: no_body, expect: [401, 200, 404, 200, 200, 404, 200, 200] },
        // Requesting the name without the papers: only the assigned lawyer gets as far as the
        // requirements.
        Row { method: Method::POST, path: format!("/api/v1/cases/{claimed}/transitions"), body: || Some(json!({"event": "request_name"})), expect: [401, 403, 404, 422, 403, 404, 403, 403] },
        // Accepting an open case again: managers learn the state does not allow it.
        Row { method: Method::POST, path: format!("/api/v1/cases/{open}/transitions"), body: || Some(json!({"event": "accept"})), expect: [401, 403, 404, 403, 403, 403, 409, 409] },
        Row { method: Method::GET, path: "/api/v1/audit/verify".into(), body: no_body, expect: [401, 403, 403, 403, 403, 403, 200, 200] },
        Row { method: Method::GET, path: "/healthz".into(), body: no_body, expect: [200, 200, 200, 200, 200, 200, 200, 200] },
    ];

    let mut failures = Vec::new();
    for row in &rows {
        for (caller, expected) in CALLERS.iter().zip(row.expect) {
            let mut body = (row.body)();
            if row.path == "/api/v1/users" && row.method == Method::POST {
                body = Some(json!({
                    "email": unique_email(), "name": "Abogada Nueva", "role": "lawyer",
                    "organization_id": program.lawyer.org, "password": "una-contraseña-larga",
                }));
            }
            let (status, answer) = app
                .call(
                    row.method.clone(),
                    &row.path,
                    token(&program, *caller).as_deref(),
                    body,
                )
                .await;
            if status.as_u16() != expected {
                failures.push(format!(
                    "{} {} as {caller:?}: {status} (expected {expected}) {answer}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The draft's intake can be edited by its shelter only (with If-Match).
    for caller in CALLERS {
        let mut request = app
            .client
            .patch(app.url(&format!("/api/v1/cases/{draft}")))
            .header("If-Match", "\"1\"");
        if let Some(token) = token(&program, caller) {
            request = request.bearer_auth(token);
        }
        let status = request
            .json(&json!({"intake": intake()}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let expected = match caller {
            Caller::Anonymous => 401,
            Caller::Shelter => 200,
            Caller::Manager | Caller::Admin => 403,
            _ => 404,
        };
        assert_eq!(status, expected, "PATCH draft as {caller:?}");
    }
}

#[tokio::test]
async fn lists_show_each_caller_only_their_cases() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let claimed = open_case(&app, &program).await;
    app.fire(&program.lawyer.token, &claimed, "claim", attestation())
        .await;
    let open = open_case(&app, &program).await;
    app.create_case(&program.shelter.token, intake()).await;
    app.create_case(&program.other_shelter.token, intake())
        .await;

    let ids = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let count = |caller: &Person| {
        let app = &app;
        let token = caller.token.clone();
        async move { app.get("/api/v1/cases", &token).await.1 }
    };
    assert_eq!(ids(&count(&program.shelter).await).len(), 3);
    assert_eq!(ids(&count(&program.other_shelter).await).len(), 1);
    assert_eq!(ids(&count(&program.manager).await).len(), 4);
    let lawyer = ids(&count(&program.lawyer).await);
    assert_eq!(lawyer.len(), 2);
    assert!(lawyer.contains(&claimed) && lawyer.contains(&open));
    assert_eq!(
        ids(&count(&program.colleague).await).len(),
        2,
        "the firm's cases"
    );
    assert_eq!(
        ids(&count(&program.outsider).await),
        vec![open.clone()],
        "only the open board"
    );
    let board = count(&program.outsider).await;
    assert_eq!(board["items"][0]["personal_data"], false);
}
