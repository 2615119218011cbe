//! The headers every answer of Puente carries, whatever produced it (an API route, a page, a
//! layer's refusal): personal data is never kept by a browser or a proxy, and a browser that
//! reached Puente over HTTPS never tries plain HTTP again. The pages add their own stricter set
//! (`web::security_headers`); this layer is the one the whole service shares.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::config::Settings;
use crate::state::AppState;

/// A year, with the subdomains: the policy RFC 6797 and the preload lists expect.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// API answers that hold nothing personal and may be cached: the workflow's definition (the
/// OpenAPI document lives outside `/api/v1/`).
const CACHEABLE: &[&str] = &["/api/v1/workflow"];

/// Whether people reach Puente over HTTPS (`public_url`): then cookies are `Secure` and
/// `__Host-`, and HSTS is sent. A program serving Puente over plain HTTP inside its own network
/// gets neither, so that its browsers keep the cookies.
pub fn served_over_https(settings: &Settings) -> bool {
    settings
        .public_url
        .trim()
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// Whether an answer to `path` may carry personal data: every API answer but the cacheable
/// ones.
fn personal(path: &str) -> bool {
    path.starts_with("/api/v1/") && !CACHEABLE.contains(&path.trim_end_matches('/'))
}

/// The layer: `Cache-Control: no-store` on API answers (replacing whatever a route set unless
/// it says `no-store` already: a case or a document's bytes are personal all the same), HSTS
/// on every answer over HTTPS.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let personal = personal(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let forbids_storing = headers
        .get(header::CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("no-store"));
    if personal && !forbids_storing {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if served_over_https(&state.settings) {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_api_answer_is_personal_but_the_workflow_definition() {
        for path in [
            "/api/v1/cases",
            "/api/v1/cases/0194f7a0-0000-7000-8000-000000000001",
            "/api/v1/me",
            "/api/v1/documents/x/content",
            "/api/v1/reports/cases.csv",
            "/api/v1/workflow/x",
        ] {
            assert!(personal(path), "{path}");
        }
        for path in [
            "/api/v1/workflow",
            "/api/v1/workflow/",
            "/api/openapi.json",
            "/healthz",
            "/static/puente.css",
        ] {
            assert!(!personal(path), "{path}");
        }
    }
}
