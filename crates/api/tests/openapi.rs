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

/// What a client (or a fuzzer) needs beyond the operations: every body's errors, the
/// constraints Puente enforces, schemas that say what the responses hold, and links from a
/// created or listed case to what can be done with it.
#[tokio::test]
async fn the_document_states_errors_constraints_and_links() {
    let app = TestApp::spawn().await;
    let (_, doc) = app.call(Method::GET, "/api/openapi.json", None, None).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if operation["requestBody"].is_object() {
                for status in ["400", "415"] {
                    assert_eq!(
                        operation["responses"][status]["content"]["application/problem+json"]["schema"]
                            ["$ref"],
                        "#/components/schemas/ProblemDoc",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    let list = doc["paths"]["/api/v1/cases"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let param = |name: &str| {
        list.iter()
            .find(|p| p["name"] == name)
            .map(|p| &p["schema"])
            .unwrap()
    };
    assert_eq!(param("limit")["minimum"], 1);
    assert_eq!(param("limit")["maximum"], 200);
    let orders = param("order").to_string();
    for order in ["newest", "oldest", "waiting", "recent"] {
        assert!(orders.contains(order), "{orders}");
    }
    assert!(param("state").to_string().contains("MX-CHH"));
    // Both forms of an intake may match one value (a case with no personal data yet).
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["CaseIntake"]["anyOf"].is_array());
    assert!(schemas["CaseIntake"]["oneOf"].is_null());
    // Two types of one name would share (and so misstate) one schema.
    assert_eq!(
        doc["paths"]["/api/v1/me/mfa"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/MfaStatus"
    );
    assert!(
        schemas["CaseView"]["properties"]["shelter"]
            .to_string()
            .contains("NamedOnCase")
    );
    assert!(schemas["Named"]["properties"]["label"].is_object());
    // From a created case to its history, and from a page of cases to its first.
    let created = &doc["paths"]["/api/v1/cases"]["post"]["responses"]["201"]["links"];
    let history = created
        .as_object()
        .unwrap()
        .values()
        .find(|l| l["operationRef"] == "#/paths/~1api~1v1~1cases~1{id}~1history/get")
        .expect("a link to the history");
    assert_eq!(history["parameters"]["id"], "$response.body#/id");
    let listed = &doc["paths"]["/api/v1/cases"]["get"]["responses"]["200"]["links"];
    assert!(
        listed
            .as_object()
            .unwrap()
            .values()
            .any(|l| l["parameters"]["id"] == "$response.body#/items/0/id")
    );
    // A document uploaded to a case is read, downloaded and deleted at its own path.
    let upload = &doc["paths"]["/api/v1/cases/{id}/documents"]["post"]["responses"]["201"]["links"];
    let content = upload
        .as_object()
        .unwrap()
        .values()
        .find(|l| l["operationRef"] == "#/paths/~1api~1v1~1documents~1{id}~1content/get")
        .expect("a link to the content");
    assert_eq!(content["parameters"]["id"], "$response.body#/id");
}
