//! One `TestApp` method per endpoint the suites call, so that a path or a body's shape is
//! written once: each answers the status and the JSON body (or, for the caseload, asserts it).

use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::TestApp;

/// A download's status, headers and bytes.
pub type Download = (StatusCode, reqwest::header::HeaderMap, Vec<u8>);

impl TestApp {
    /// `GET /api/v1/cases/{case}`.
    pub async fn case(&self, case: &str, token: &str) -> (StatusCode, Value) {
        self.get(&format!("/api/v1/cases/{case}"), token).await
    }

    /// `POST /api/v1/cases` with `intake`.
    pub async fn create_case(&self, token: &str, intake: Value) -> (StatusCode, Value) {
        self.post("/api/v1/cases", token, json!({"intake": intake}))
            .await
    }

    /// `POST /api/v1/cases/{case}/transitions`: fires `event` with `data`.
    pub async fn fire(
        &self,
        token: &str,
        case: &str,
        event: &str,
        data: Value,
    ) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/cases/{case}/transitions"),
            token,
            json!({"event": event, "data": data}),
        )
        .await
    }

    /// `POST /api/v1/cases/{case}/documents`: uploads a PDF of `kind` (for `associate`, by
    /// index, where the kind needs one).
    pub async fn upload(
        &self,
        token: &str,
        case: &str,
        kind: &str,
        associate: Option<&str>,
        name: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, Value) {
        let base = format!("http://{}", self.address);
        let upload = Upload {
            kind,
            associate,
            name,
            bytes,
        };
        upload_at(&self.client, &base, token, case, upload).await
    }

    /// `GET /api/v1/documents/{document}/content`: the status, the headers and the bytes.
    pub async fn download(&self, token: &str, document: &str) -> Download {
        download_at(
            &self.client,
            &format!("http://{}", self.address),
            token,
            document,
        )
        .await
    }

    /// `POST /api/v1/cases/{case}/documents/generate` with `body` (`template`, `format`).
    pub async fn generate(&self, token: &str, case: &str, body: Value) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/cases/{case}/documents/generate"),
            token,
            body,
        )
        .await
    }

    /// `GET /api/v1/cases/{case}/documents/preview?{query}`, the response as it came.
    pub async fn preview(&self, token: &str, case: &str, query: &str) -> reqwest::Response {
        self.client
            .get(self.url(&format!("/api/v1/cases/{case}/documents/preview?{query}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// `PUT /api/v1/cases/{case}/donataria` with `body`, naming `version` in `If-Match` when
    /// given.
    pub async fn choose_donataria(
        &self,
        token: &str,
        case: &str,
        version: Option<i64>,
        body: Value,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/cases/{case}/donataria");
        self.put_if_match(&path, token, version, body).await
    }

    /// `PUT /api/v1/cases/{case}/notary` with `If-Match: "<version>"` and `body`.
    pub async fn choose_notary(
        &self,
        token: &str,
        case: &str,
        version: Option<i64>,
        body: Value,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/cases/{case}/notary");
        self.put_if_match(&path, token, version, body).await
    }

    /// The notary of the common intake's case, chosen by `token` (its assigned lawyer) at the
    /// case's current version.
    pub async fn notary_chosen(&self, token: &str, case: &str) {
        let version = self.case(case, token).await.1["version"].as_i64();
        let (status, body) = self
            .choose_notary(token, case, version, super::notary())
            .await;
        assert_eq!(status, StatusCode::OK, "choose the notary: {body}");
    }

    /// `PUT /api/v1/cases/{case}/milestones/{milestone}` with `body` (`on`, `reference`).
    pub async fn record_milestone(
        &self,
        token: &str,
        case: &str,
        milestone: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(
            Method::PUT,
            &format!("/api/v1/cases/{case}/milestones/{milestone}"),
            Some(token),
            Some(body),
        )
        .await
    }

    /// `PUT /api/v1/cases/{case}/associates/{n}/particulars` with `body`, naming `version` in
    /// `If-Match` when given.
    pub async fn update_particulars(
        &self,
        token: &str,
        case: &str,
        n: usize,
        version: Option<i64>,
        body: Value,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/cases/{case}/associates/{n}/particulars");
        self.put_if_match(&path, token, version, body).await
    }

    /// `PUT path` with `body`, naming `version` in `If-Match` when given.
    async fn put_if_match(
        &self,
        path: &str,
        token: &str,
        version: Option<i64>,
        body: Value,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .put(self.url(path))
            .bearer_auth(token)
            .json(&body);
        if let Some(version) = version {
            request = request.header("If-Match", format!("\"{version}\""));
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The names of the events in a case's history (`GET /api/v1/cases/{case}/history`),
    /// oldest first.
    pub async fn history_events(&self, case: &str, token: &str) -> Vec<String> {
        let (status, history) = self
            .get(&format!("/api/v1/cases/{case}/history"), token)
            .await;
        assert_eq!(status, StatusCode::OK, "{history}");
        history["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap().to_owned())
            .collect()
    }

    /// `GET /api/v1/me`.
    pub async fn me(&self, token: &str) -> (StatusCode, Value) {
        self.get("/api/v1/me", token).await
    }

    /// `PATCH /api/v1/me` with `body`.
    pub async fn patch_me(&self, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, "/api/v1/me", Some(token), Some(body))
            .await
    }

    /// `GET /api/v1/reports/caseload{query}` (`query` empty or starting with `?`), which must
    /// answer 200.
    pub async fn caseload(&self, token: &str, query: &str) -> Value {
        let (status, report) = self
            .get(&format!("/api/v1/reports/caseload{query}"), token)
            .await;
        assert_eq!(status, StatusCode::OK, "{report}");
        report
    }
}

/// A PDF to upload: its kind, the associate it belongs to (by index, where the kind needs one),
/// its file name and its bytes.
pub struct Upload<'a> {
    pub kind: &'a str,
    pub associate: Option<&'a str>,
    pub name: &'a str,
    pub bytes: Vec<u8>,
}

/// `POST /api/v1/cases/{case}/documents` on the server at `base`.
pub async fn upload_at(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    case: &str,
    upload: Upload<'_>,
) -> (StatusCode, Value) {
    let mut form = Form::new().text("kind", upload.kind.to_owned());
    if let Some(associate) = upload.associate {
        form = form.text("associate", associate.to_owned());
    }
    form = form.part(
        "file",
        Part::bytes(upload.bytes)
            .file_name(upload.name.to_owned())
            .mime_str("application/pdf")
            .unwrap(),
    );
    let response = client
        .post(format!("{base}/api/v1/cases/{case}/documents"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// `GET /api/v1/documents/{document}/content` on the server at `base`.
pub async fn download_at(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    document: &str,
) -> Download {
    let response = client
        .get(format!("{base}/api/v1/documents/{document}/content"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}
