//! `/api/openapi.json` describes every operation with its request, its responses and the
//! problem documents of its errors.

use crate::common::*;
use reqwest::{Method, StatusCode};

/// Every operation of API.md that exists so far, and those Puente adds.
const OPERATIONS: [(&str, &str); 31] = [
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/refresh"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/confirm-email"),
    ("post", "/api/v1/shelters"),
    ("post", "/api/v1/me/email-confirmation"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/api/v1/workflow"),
    ("get", "/api/v1/me"),
    ("patch", "/api/v1/me"),
    ("post", "/api/v1/me/password"),
    ("get", "/api/v1/organizations"),
    ("post", "/api/v1/organizations"),
    ("post", "/api/v1/organizations/{id}/verify"),
    ("get", "/api/v1/users"),
    ("post", "/api/v1/users"),
    ("patch", "/api/v1/users/{id}"),
    ("post", "/api/v1/cases"),
    ("get", "/api/v1/cases"),
    ("get", "/api/v1/cases/{id}"),
    ("patch", "/api/v1/cases/{id}"),
    ("delete", "/api/v1/cases/{id}"),
    ("post", "/api/v1/cases/{id}/transitions"),
    ("get", "/api/v1/cases/{id}/transitions"),
    ("get", "/api/v1/cases/{id}/history"),
    ("get", "/api/v1/cases/{id}/comments"),
    ("post", "/api/v1/cases/{id}/comments"),
    ("get", "/api/v1/cases/{id}/hours"),
    ("post", "/api/v1/cases/{id}/hours"),
    ("get", "/api/v1/audit/verify"),
];

#[tokio::test]
async fn the_document_describes_every_operation_and_its_errors() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.call(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for (method, path) in OPERATIONS {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is not described");
        let responses = operation["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{method} {path} has no success"
        );
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                let schema = &response["content"]["application/problem+json"]["schema"]["$ref"];
                assert_eq!(
                    schema, "#/components/schemas/ProblemDoc",
                    "{method} {path} {status}"
                );
            }
        }
        if ![
            "/healthz",
            "/readyz",
            "/api/v1/workflow",
            "/api/v1/shelters",
        ]
        .contains(&path)
            && !path.starts_with("/api/v1/auth")
        {
            assert!(
                operation["security"].is_array(),
                "{method} {path} should need a token"
            );
            assert!(
                responses.contains_key("401"),
                "{method} {path} should document 401"
            );
        }
        let bodiless = [
            "/api/v1/organizations/{id}/verify",
            "/api/v1/me/email-confirmation",
        ];
        if ["post", "patch"].contains(&method) && !bodiless.contains(&path) {
            assert!(
                operation["requestBody"].is_object(),
                "{method} {path} has no request body"
            );
        }
    }
    for schema in [
        "CaseView",
        "ProblemDoc",
        "IntakeDraft",
        "TokenPair",
        "Definition",
        "Verification",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "schema {schema}"
        );
    }
    let case = &doc["components"]["schemas"]["CaseView"]["properties"];
    for field in [
        "id",
        "reference",
        "status",
        "version",
        "shelter",
        "lawyer",
        "firm",
        "intake",
        "name_authorization",
        "alerts",
        "created_at",
    ] {
        assert!(
            case[field].is_object() || case[field].is_boolean(),
            "CaseView.{field}"
        );
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}
