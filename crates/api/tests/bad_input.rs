//! Bad input, endpoint by endpoint: each malformed request gets its 4xx problem document naming
//! the field at fault, in the caller's language, and leaves the database as it was.

use crate::common::*;
use puente_api::entity::{
    case, case_event, comment, hours, organization, outbox, refresh_token, user,
};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait, QuerySelect};
use serde_json::{Value, json};

/// What the database holds, summed up: rows per table and every case's version.
async fn snapshot(app: &TestApp) -> Vec<u64> {
    let db = &app.state.db;
    let mut counts = vec![
        organization::Entity::find().count(db).await.unwrap(),
        user::Entity::find().count(db).await.unwrap(),
        refresh_token::Entity::find().count(db).await.unwrap(),
        case::Entity::find().count(db).await.unwrap(),
        case_event::Entity::find().count(db).await.unwrap(),
        comment::Entity::find().count(db).await.unwrap(),
        hours::Entity::find().count(db).await.unwrap(),
        outbox::Entity::find().count(db).await.unwrap(),
    ];
    let versions: Vec<i32> = case::Entity::find()
        .select_only()
        .column(case::Column::Version)
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    counts.extend(versions.into_iter().map(|v| v as u64));
    counts
}

struct Bad {
    method: &'static str,
    path: String,
    token: Option<String>,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
    status: u16,
    /// The code of the problem, and for 422 the field and its code.
    code: &'static str,
    field: Option<(&'static str, &'static str)>,
}

fn json_body(value: Value) -> Option<String> {
    Some(value.to_string())
}

#[tokio::test]
async fn every_malformed_request_is_refused_clearly_and_changes_nothing() {
    let app = TestApp::spawn_with(&[("PUENTE_BODY_LIMIT_BYTES", "16384")]).await;
    let program = Program::new(&app).await;
    let claimed = open_case(&app, &program).await;
    app.fire(&program.lawyer.token, &claimed, "claim", attestation())
        .await;
    let (_, draft) = app.create_case(&program.shelter.token, intake()).await;
    let draft = draft["id"].as_str().unwrap().to_owned();
    let shelter = Some(program.shelter.token.clone());
    let lawyer = Some(program.lawyer.token.clone());
    let admin = Some(program.admin.token.clone());
    let mut bad_curp = intake();
    bad_curp["associates"][0]["curp"] = json!("HEGG560427MVZRRL05");
    let mut bad_role = intake();
    bad_role["associates"][1]["board_role"] = json!("king");
    let mut wrong_type = intake();
    wrong_type["associates"] = json!("dos personas");
    let huge = json!({"intake": {"purpose": "x".repeat(20_000)}});

    let b = |method,
             path: String,
             token: &Option<String>,
             body: Option<String>,
             status,
             code,
             field| Bad {
        method,
        path,
        token: token.clone(),
        headers: vec![],
        body,
        status,
        code,
        field,
    };
    let login = "/api/v1/auth/login".to_owned();
    let cases = "/api/v1/cases".to_owned();
    let transitions = format!("/api/v1/cases/{claimed}/transitions");
    let hours_path = format!("/api/v1/cases/{claimed}/hours");
    let comments = format!("/api/v1/cases/{claimed}/comments");
    let none = None;
    let mut table = vec![
        b(
            "POST",
            login.clone(),
            &none,
            Some("{\"email\": ".into()),
            400,
            "malformed_json",
            None,
        ),
        b(
            "POST",
            login.clone(),
            &none,
            json_body(json!({"email": 5, "password": "x"})),
            422,
            "invalid_input",
            Some(("email", "invalid_type")),
        ),
        b(
            "POST",
            login.clone(),
            &none,
            json_body(json!({"email": "a@b.mx"})),
            422,
            "invalid_input",
            Some(("password", "required")),
        ),
        b(
            "POST",
            login.clone(),
            &none,
            json_body(json!({"email": "a@b.mx", "password": "x", "remember_me": 1})),
            422,
            "invalid_input",
            Some(("remember_me", "unknown_field")),
        ),
        b(
            "POST",
            login.clone(),
            &none,
            json_body(json!({"email": "a@b.mx", "password": "x", "otp": 123456})),
            422,
            "invalid_input",
            Some(("otp", "invalid_type")),
        ),
        b(
            "POST",
            "/api/v1/shelters".into(),
            &none,
            json_body(
                json!({"organization": {"name": "A", "state": "MX-ZZZ", "municipality": "B"}, "user": {"name": "C", "email": "c@d.mx", "password": "una-contraseña-larga"}}),
            ),
            422,
            "invalid_input",
            Some(("organization.state", "state.unknown")),
        ),
        b(
            "POST",
            "/api/v1/shelters".into(),
            &none,
            json_body(
                json!({"organization": {"name": "A", "state": "MX-CHH", "municipality": "B"}, "user": {"name": "C", "email": "c@d.mx", "password": "corta"}}),
            ),
            422,
            "invalid_input",
            Some(("user.password", "password.too_short")),
        ),
        b(
            "POST",
            "/api/v1/shelters".into(),
            &none,
            json_body(
                json!({"organization": {"name": "A", "state": "MX-CHH", "municipality": "B"}, "user": {"name": "C", "email": "sin-arroba", "password": "una-contraseña-larga"}}),
            ),
            422,
            "invalid_input",
            Some(("user.email", "email.invalid")),
        ),
        b(
            "POST",
            "/api/v1/shelters".into(),
            &none,
            json_body(
                json!({"user": {"name": "C", "email": "c@d.mx", "password": "una-contraseña-larga"}}),
            ),
            422,
            "invalid_input",
            Some(("organization", "required")),
        ),
        b(
            "POST",
            cases.clone(),
            &shelter,
            json_body(json!({"intake": bad_curp})),
            422,
            "invalid_input",
            Some(("intake.associates[0].curp", "curp.check_digit")),
        ),
        b(
            "POST",
            cases.clone(),
            &shelter,
            json_body(json!({"intake": bad_role})),
            422,
            "invalid_input",
            Some(("intake.associates[1].board_role", "invalid_choice")),
        ),
        b(
            "POST",
            cases.clone(),
            &shelter,
            json_body(json!({"intake": wrong_type})),
            422,
            "invalid_input",
            Some(("intake.associates", "invalid_type")),
        ),
        b(
            "POST",
            cases.clone(),
            &shelter,
            json_body(json!({})),
            422,
            "invalid_input",
            Some(("intake", "required")),
        ),
        b(
            "POST",
            cases.clone(),
            &shelter,
            json_body(huge),
            413,
            "payload_too_large",
            None,
        ),
        b(
            "GET",
            format!("{cases}?limit=0"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("limit", "limit.range")),
        ),
        b(
            "GET",
            format!("{cases}?limit=mil"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("limit", "invalid_value")),
        ),
        b(
            "GET",
            format!("{cases}?status=volando"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("status", "invalid_choice")),
        ),
        b(
            "GET",
            format!("{cases}?alert=pronto"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("alert", "invalid_choice")),
        ),
        b(
            "GET",
            format!("{cases}?state=MX-ZZZ"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("state", "state.unknown")),
        ),
        b(
            "GET",
            format!("{cases}?cursor=basura"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("cursor", "invalid_value")),
        ),
        b(
            "GET",
            format!("{cases}?firm=no-es-uuid"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("firm", "invalid_value")),
        ),
        b(
            "GET",
            format!("{cases}?color=rojo"),
            &shelter,
            None,
            422,
            "invalid_input",
            Some(("color", "unknown_field")),
        ),
        b(
            "GET",
            format!("{cases}/no-es-un-uuid"),
            &shelter,
            None,
            404,
            "not_found",
            None,
        ),
        b(
            "GET",
            format!("{cases}/{}", uuid::Uuid::new_v4()),
            &shelter,
            None,
            404,
            "not_found",
            None,
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(json!({"event": "volar"})),
            422,
            "invalid_input",
            Some(("event", "invalid_choice")),
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(json!({"event": "record_filing", "data": {"folo": "1"}})),
            422,
            "invalid_input",
            Some(("data.folo", "unknown_field")),
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(json!({"event": "record_signing", "data": {"signed_on": "ayer"}})),
            422,
            "invalid_input",
            Some(("data.signed_on", "date.invalid")),
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(json!({"event": "hold", "data": "porque sí"})),
            422,
            "invalid_input",
            Some(("data", "object_expected")),
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(
                json!({"event": "hold", "data": {"reason": "Vacaciones"}, "expected_version": 1}),
            ),
            409,
            "stale_version",
            None,
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(
                json!({"event": "hold", "data": {"reason": "Vacaciones"}, "expected_version": "4"}),
            ),
            422,
            "invalid_input",
            Some(("expected_version", "invalid_type")),
        ),
        b(
            "POST",
            transitions.clone(),
            &lawyer,
            json_body(json!({"event": "hold"})),
            422,
            "unmet_requirements",
            None,
        ),
        b(
            "POST",
            hours_path.clone(),
            &lawyer,
            json_body(json!({"date": "2026-01-15", "hours": 0.3, "description": "Revisión"})),
            422,
            "invalid_input",
            Some(("hours", "hours.range")),
        ),
        b(
            "POST",
            hours_path.clone(),
            &lawyer,
            json_body(json!({"date": "2999-01-15", "hours": 1, "description": "Revisión"})),
            422,
            "invalid_input",
            Some(("date", "date.future")),
        ),
        b(
            "POST",
            hours_path.clone(),
            &lawyer,
            json_body(json!({"date": "15/01/2026", "hours": 1, "description": "Revisión"})),
            422,
            "invalid_input",
            Some(("date", "date.invalid")),
        ),
        b(
            "POST",
            hours_path.clone(),
            &lawyer,
            json_body(json!({"date": "2026-01-15", "hours": 1, "description": " "})),
            422,
            "invalid_input",
            Some(("description", "required")),
        ),
        b(
            "POST",
            comments.clone(),
            &lawyer,
            json_body(json!({"body": ""})),
            422,
            "invalid_input",
            Some(("body", "required")),
        ),
        b(
            "POST",
            comments.clone(),
            &lawyer,
            json_body(json!({"body": "x".repeat(4001)})),
            422,
            "invalid_input",
            Some(("body", "too_long")),
        ),
        b(
            "POST",
            "/api/v1/users".into(),
            &admin,
            json_body(
                json!({"email": "x@prueba.mx", "name": "X", "role": "manager", "organization_id": program.lawyer.org, "password": "una-contraseña-larga"}),
            ),
            422,
            "invalid_input",
            Some(("role", "role.organization_mismatch")),
        ),
        b(
            "POST",
            "/api/v1/users".into(),
            &admin,
            json_body(
                json!({"email": "x@prueba.mx", "name": "X", "role": "lawyer", "admin": true, "organization_id": program.lawyer.org, "password": "una-contraseña-larga"}),
            ),
            422,
            "invalid_input",
            Some(("admin", "admin.managers_only")),
        ),
        b(
            "POST",
            "/api/v1/users".into(),
            &admin,
            json_body(
                json!({"email": program.lawyer.email, "name": "X", "role": "lawyer", "organization_id": program.lawyer.org, "password": "una-contraseña-larga"}),
            ),
            422,
            "invalid_input",
            Some(("email", "email.taken")),
        ),
        b(
            "POST",
            "/api/v1/users".into(),
            &admin,
            json_body(
                json!({"email": "y@prueba.mx", "name": "X", "role": "rey", "organization_id": program.lawyer.org, "password": "una-contraseña-larga"}),
            ),
            422,
            "invalid_input",
            Some(("role", "invalid_choice")),
        ),
        b(
            "POST",
            "/api/v1/organizations".into(),
            &admin,
            json_body(json!({"kind": "banco", "name": "X"})),
            422,
            "invalid_input",
            Some(("kind", "invalid_choice")),
        ),
        b(
            "DELETE",
            cases.clone(),
            &shelter,
            None,
            405,
            "method_not_allowed",
            None,
        ),
        b(
            "GET",
            "/api/v1/no-existe".into(),
            &shelter,
            None,
            404,
            "not_found",
            None,
        ),
        b(
            "PATCH",
            format!("{cases}/{draft}"),
            &shelter,
            json_body(json!({"intake": intake()})),
            428,
            "if_match_required",
            None,
        ),
    ];
    let mut with_if_match = |value: &str, status, code, field| {
        let mut row = b(
            "PATCH",
            format!("{cases}/{draft}"),
            &shelter,
            json_body(json!({"intake": intake()})),
            status,
            code,
            field,
        );
        row.headers.push(("If-Match", value.to_owned()));
        table.push(row);
    };
    with_if_match(
        "version-uno",
        422,
        "invalid_input",
        Some(("If-Match", "invalid_value")),
    );
    with_if_match("\"7\"", 412, "stale_version", None);
    let mut plain = b(
        "POST",
        login.clone(),
        &none,
        Some("email=a".into()),
        415,
        "unsupported_media_type",
        None,
    );
    plain.headers.push((
        "Content-Type",
        "application/x-www-form-urlencoded".to_owned(),
    ));
    table.push(plain);

    let before = snapshot(&app).await;
    let mut failures = Vec::new();
    for row in &table {
        let method = reqwest::Method::from_bytes(row.method.as_bytes()).unwrap();
        let mut request = app.client.request(method, app.url(&row.path));
        if let Some(token) = &row.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = &row.body {
            if !row.headers.iter().any(|(name, _)| *name == "Content-Type") {
                request = request.header("Content-Type", "application/json");
            }
            request = request.body(body.clone());
        }
        for (name, value) in &row.headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        let problem: Value = response.json().await.unwrap_or(Value::Null);
        let what = format!(
            "{} {}",
            row.method,
            row.path.chars().take(90).collect::<String>()
        );
        if status.as_u16() != row.status || problem["code"] != row.code {
            failures.push(format!(
                "{what}: {status} {problem} (expected {} {})",
                row.status, row.code
            ));
            continue;
        }
        if content_type.as_deref() != Some("application/problem+json") {
            failures.push(format!("{what}: content type {content_type:?}"));
        }
        if problem["title"].as_str().is_none_or(str::is_empty) || problem["status"] != row.status {
            failures.push(format!("{what}: incomplete problem {problem}"));
        }
        if let Some((field, code)) = row.field {
            let named = problem["errors"].as_array().is_some_and(|errors| {
                errors.iter().any(|e| {
                    e["field"] == field
                        && e["code"] == code
                        && e["message"].as_str().is_some_and(|m| !m.is_empty())
                })
            });
            if !named {
                failures.push(format!("{what}: expected {field} {code} in {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        snapshot(&app).await,
        before,
        "a refused request changed the database"
    );
    let _ = StatusCode::OK;
}

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut bad = intake();
    bad["associates"][0]["curp"] = json!("HEGG560427MVZRRL05");
    let ask = |lang: &'static str| {
        let app = &app;
        let token = program.shelter.token.clone();
        let bad = bad.clone();
        async move {
            let response = app
                .client
                .post(app.url("/api/v1/cases"))
                .bearer_auth(token)
                .header("Accept-Language", lang)
                .json(&json!({"intake": bad}))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.headers()["content-language"],
                if lang.starts_with("en") { "en" } else { "es" }
            );
            response.json::<Value>().await.unwrap()
        }
    };
    let spanish = ask("es-MX,es;q=0.9").await;
    let english = ask("en-US,en;q=0.8").await;
    assert_eq!(spanish["title"], "Datos no válidos");
    assert_eq!(english["title"], "Invalid input");
    assert!(
        spanish["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("dígito verificador")
    );
    assert!(
        english["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("check digit")
    );
    assert_eq!(spanish["errors"][0]["code"], english["errors"][0]["code"]);
}
