//! The pages are a client of Puente's own HTTP API, called in process: every rule (who may see
//! and do what, validation, the workflow) is the API's, and a page only shows its answers.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;
use tower::ServiceExt;

use super::visit::{Viewer, VisitData};

/// The largest JSON answer a page reads (the API pages its lists well below this).
const ANSWER_LIMIT: usize = 16 * 1024 * 1024;

/// The API's router, for calls from the pages.
#[derive(Clone)]
pub struct Api(Router);

/// A JSON answer of the API.
pub struct Answer {
    /// Its status.
    pub status: StatusCode,
    /// Its body (`null` when empty or not JSON).
    pub body: Value,
}

/// One field's message, as a problem document names it.
#[derive(Serialize, Clone)]
pub struct FieldMessage {
    /// The field's path (`intake.associates[0].curp`).
    pub field: String,
    /// The message in the page's language.
    pub message: String,
}

impl Answer {
    /// Whether the API did what was asked.
    pub fn ok(&self) -> bool {
        self.status.is_success()
    }

    /// The items of a list answer (none when it is not one).
    pub fn items(&self) -> impl DoubleEndedIterator<Item = &Value> {
        self.body["items"].as_array().into_iter().flatten()
    }

    /// The problem's field errors, by field path.
    pub fn errors(&self) -> Vec<FieldMessage> {
        self.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| FieldMessage {
                field: e["field"].as_str().unwrap_or_default().to_owned(),
                message: e["message"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    /// The field errors keyed by field path, for templates.
    pub fn errors_by_field(&self) -> BTreeMap<String, String> {
        self.errors()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    /// What a person reads about a failure besides the field errors: the problem's detail and
    /// the unmet requirements.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(detail) = self.body["detail"].as_str() {
            notes.push(detail.to_owned());
        }
        notes.extend(
            self.body["missing_details"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["message"].as_str().map(str::to_owned)),
        );
        notes
    }

    /// Everything a person reads about a failure: the notes, then the field errors.
    pub fn messages(&self) -> Vec<String> {
        let mut messages = self.notes();
        messages.extend(self.errors().into_iter().map(|e| e.message));
        messages
    }

    /// The field errors for an error summary, each linked to its field's `id`
    /// (`prefix` + [`anchor`] of the field).
    pub fn error_list(&self, prefix: &str) -> Vec<Value> {
        self.errors()
            .into_iter()
            .map(|e| serde_json::json!({"anchor": anchor(&format!("{prefix}{}", e.field)), "message": e.message}))
            .collect()
    }
}

/// The `id` of a field's control: `f-` and its path with every other character a dash
/// (`intake.associates[0].curp` → `f-intake-associates-0-curp`).
pub fn anchor(field: &str) -> String {
    let path: String = field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{}", path.trim_matches('-').replace("--", "-"))
}

impl Api {
    /// Wraps the API's router (with its state and its problem localizer).
    pub fn new(router: Router) -> Api {
        Api(router)
    }

    fn request(
        visit: &VisitData,
        viewer: Option<&Viewer>,
        method: Method,
        path: &str,
        content_type: Option<HeaderValue>,
        body: Body,
    ) -> Request<Body> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::ACCEPT_LANGUAGE, visit.lang.code())
            .body(body)
            .unwrap_or_default();
        let headers = request.headers_mut();
        if let Some(viewer) = viewer
            && let Ok(value) = HeaderValue::from_str(&format!("Bearer {}", viewer.token))
        {
            headers.insert(header::AUTHORIZATION, value);
        }
        if let Some(content_type) = content_type {
            headers.insert(header::CONTENT_TYPE, content_type);
        }
        // The API sees the page's client, already read through the trusted proxies.
        let peer = SocketAddr::new(
            visit
                .client()
                .address
                .parse()
                .unwrap_or(std::net::IpAddr::from([127, 0, 0, 1])),
            0,
        );
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    }

    /// Calls the API and hands back its response untouched (downloads, CSV exports).
    pub async fn raw(
        &self,
        visit: &VisitData,
        viewer: Option<&Viewer>,
        method: Method,
        path: &str,
        content_type: Option<HeaderValue>,
        body: Body,
    ) -> Response {
        self.run(Api::request(
            visit,
            viewer,
            method,
            path,
            content_type,
            body,
        ))
        .await
    }

    async fn run(&self, request: Request<Body>) -> Response {
        match self.0.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }

    /// `GET` as the viewer, the response handed back untouched (a document, a CSV export).
    pub async fn pass_through(&self, visit: &VisitData, viewer: &Viewer, path: &str) -> Response {
        self.raw(visit, Some(viewer), Method::GET, path, None, Body::empty())
            .await
    }

    /// Calls the API with an optional JSON body and reads its JSON answer.
    pub async fn call(
        &self,
        visit: &VisitData,
        viewer: Option<&Viewer>,
        method: Method,
        path: &str,
        json: Option<&Value>,
    ) -> Answer {
        let (content_type, body) = match json {
            Some(value) => (
                Some(HeaderValue::from_static("application/json")),
                Body::from(value.to_string()),
            ),
            None => (None, Body::empty()),
        };
        let response = self
            .raw(visit, viewer, method, path, content_type, body)
            .await;
        read(response).await
    }

    /// Sends a JSON body as the viewer, with `If-Match` naming `version` when given.
    pub async fn send(
        &self,
        visit: &VisitData,
        viewer: &Viewer,
        method: Method,
        path: &str,
        json: &Value,
        version: Option<i64>,
    ) -> Answer {
        let mut request = Api::request(
            visit,
            Some(viewer),
            method,
            path,
            Some(HeaderValue::from_static("application/json")),
            Body::from(json.to_string()),
        );
        if let Some(version) = version
            && let Ok(value) = HeaderValue::from_str(&format!("\"{version}\""))
        {
            request.headers_mut().insert(header::IF_MATCH, value);
        }
        read(self.run(request).await).await
    }

    /// `GET` as the viewer.
    pub async fn get(&self, visit: &VisitData, viewer: &Viewer, path: &str) -> Answer {
        self.call(visit, Some(viewer), Method::GET, path, None)
            .await
    }

    /// `POST` a JSON body as the viewer.
    pub async fn post(
        &self,
        visit: &VisitData,
        viewer: &Viewer,
        path: &str,
        json: &Value,
    ) -> Answer {
        self.call(visit, Some(viewer), Method::POST, path, Some(json))
            .await
    }
}

/// Reads a response's JSON body.
pub async fn read(response: Response) -> Answer {
    let status = response.status();
    let body = match axum::body::to_bytes(response.into_body(), ANSWER_LIMIT).await {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    Answer { status, body }
}
