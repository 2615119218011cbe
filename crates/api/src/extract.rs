//! Request extractors whose failures are problem documents naming the field at fault.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use puente_workflow::FieldError;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::error::ApiError;

/// A JSON body: 415 unless sent as JSON, 413 beyond the body limit, 400 when it is not JSON,
/// 422 with the field's path when a value has the wrong type or an unknown name.
pub struct Json<T>(pub T);

impl<S, T> FromRequest<S> for Json<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::BadRequest("bad_request")
                }
            })?;
        parse_json(&bytes).map(Json)
    }
}

/// Reads JSON, reporting a misfit value at its path (`intake.associates[0].curp`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::BadRequest("malformed_json");
        }
        let message = inner.to_string();
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').nth(1))
                .map(str::to_owned)
        };
        // The path may already end at the field (unknown fields) or stop at its parent
        // (missing fields).
        let join = |parent: &str, name: &str| {
            if parent == "." || parent.is_empty() {
                name.to_owned()
            } else if parent == name || parent.ends_with(&format!(".{name}")) {
                parent.to_owned()
            } else {
                format!("{parent}.{name}")
            }
        };
        let (field, code) = if let Some(name) = quoted("missing field") {
            (join(&path, &name), "required")
        } else if let Some(name) = quoted("unknown field") {
            (join(&path, &name), "unknown_field")
        } else if message.starts_with("unknown variant") {
            (path, "invalid_choice")
        } else if message.starts_with("invalid type") {
            (path, "invalid_type")
        } else {
            (path, "invalid_value")
        };
        let field = if field == "." {
            "body".to_owned()
        } else {
            field
        };
        ApiError::Invalid(vec![FieldError::new(field, code)])
    })
}

/// An id in the path. A malformed one names no resource: 404.
pub struct Id(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        Uuid::parse_str(&raw)
            .map(Id)
            .map_err(|_| ApiError::NotFound)
    }
}

/// A case's id and a second path segment naming something of it (`/cases/{id}/milestones/rfc`);
/// a malformed id names no resource: 404.
pub struct CaseAnd(pub Uuid, pub String);

impl<S: Send + Sync> FromRequestParts<S> for CaseAnd {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path((id, part)) =
            axum::extract::Path::<(String, String)>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound)?;
        let id = Uuid::parse_str(&id).map_err(|_| ApiError::NotFound)?;
        Ok(CaseAnd(id, part))
    }
}

/// Query parameters, with a 422 naming the parameter when one cannot be read.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(Query)
            .map_err(|error| {
                let field = error.path().to_string();
                let message = error.inner().to_string();
                let code = if message.starts_with("unknown variant") {
                    "invalid_choice"
                } else if message.starts_with("unknown field") {
                    "unknown_field"
                } else {
                    "invalid_value"
                };
                let field = match quoted_name(&message) {
                    Some(name) if field == "." => name,
                    _ => field,
                };
                ApiError::Invalid(vec![FieldError::new(field, code)])
            })
    }
}

fn quoted_name(message: &str) -> Option<String> {
    message.split('`').nth(1).map(str::to_owned)
}

/// The language of a request's texts: `?lang=`, else `Accept-Language`, else Spanish.
pub struct RequestLang(pub puente_i18n::Lang);

impl<S: Send + Sync> FromRequestParts<S> for RequestLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestLang(crate::error::lang_of(
            &parts.uri,
            &parts.headers,
        )))
    }
}
