//! The one error type every handler returns, rendered as an RFC 9457 problem document in the
//! caller's language.
//!
//! A handler's error becomes a response carrying a [`Problem`] extension and no body; the
//! [`localize`] middleware, which knows the request's language, writes the body. Internal errors
//! are logged in full and shown to the client only as a generic problem.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use puente_i18n::{Lang, text};
use puente_workflow::{CaseState, FieldError, Missing};
use serde_json::Value;

use crate::openapi::{CodeMessage, FieldProblem, ProblemDoc};

/// Everything that can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the body is not JSON, or a query parameter cannot be read.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 401: no token, or one that is not valid.
    #[error("unauthorized")]
    Unauthorized,
    /// 401: wrong e-mail or password.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 403: signed in, and may see the resource, but not do this.
    #[error("forbidden")]
    Forbidden,
    /// 404: no such resource, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// 409: the case is not in a state where this applies, or the version is stale.
    #[error("conflict")]
    Conflict {
        /// Why.
        code: &'static str,
        /// Where the case stands, when a case is concerned.
        state: Option<CaseState>,
        /// Its version.
        version: Option<i32>,
    },
    /// 412: `If-Match` names an older version.
    #[error("precondition failed")]
    PreconditionFailed {
        /// The current version.
        version: i32,
    },
    /// 413: the body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge,
    /// 415: not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: input that cannot be accepted, field by field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// 422: workflow requirements that are not met.
    #[error("unmet requirements")]
    Unmet(Vec<Missing>),
    /// 428: a change without `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    /// 429: too many attempts; try again after this many seconds.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// 415: the file is not one of the accepted kinds (decided by its content).
    #[error("unsupported document type")]
    UnsupportedDocument,
    /// 503: the document store does not answer.
    #[error("store unavailable: {0}")]
    StoreUnavailable(String),
    /// 503: `clamd_address` is set and the malware scan could not be done; nothing was stored.
    #[error("malware scan unavailable")]
    ScanUnavailable,
    /// 500: a stored document failed authentication (altered or swapped in the store).
    #[error("document integrity")]
    DocumentIntegrity,
    /// 503: the database does not answer.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 503 from `/readyz`: the dependencies that do not answer (`database`, `storage`).
    #[error("not ready")]
    NotReady(Vec<FieldError>),
    /// 503: too much password hashing at once; try again after this many seconds.
    #[error("server busy")]
    Busy {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// 403: the password was right, but the account is deactivated.
    #[error("account deactivated")]
    AccountDeactivated,
    /// 401: the account has a second factor and the sign-in brought no code.
    #[error("second factor required")]
    MfaRequired,
    /// 401: the second factor's code is wrong or used.
    #[error("second factor invalid")]
    MfaInvalid,
    /// 403: the account must enrol a second factor before anything else.
    #[error("second factor enrolment required")]
    MfaEnrolmentRequired,
    /// 500: a fault of Puente's, logged; the client sees no detail.
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// One invalid field.
    pub fn field(field: impl Into<String>, code: &'static str) -> ApiError {
        ApiError::Invalid(vec![FieldError::new(field, code)])
    }

    /// A conflict that concerns no case.
    pub fn conflict(code: &'static str) -> ApiError {
        ApiError::Conflict {
            code,
            state: None,
            version: None,
        }
    }

    /// A conflict about a case's state.
    pub fn invalid_state(state: CaseState, version: i32) -> ApiError {
        ApiError::Conflict {
            code: "invalid_state",
            state: Some(state),
            version: Some(version),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized
            | ApiError::InvalidCredentials
            | ApiError::MfaRequired
            | ApiError::MfaInvalid => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::MfaEnrolmentRequired | ApiError::AccountDeactivated => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType | ApiError::UnsupportedDocument => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            ApiError::StoreUnavailable(_) | ApiError::ScanUnavailable | ApiError::NotReady(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::DocumentIntegrity => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Invalid(_) | ApiError::Unmet(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) | ApiError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code of the problem (also the last part of its `type`).
    fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(code) => code,
            ApiError::Unauthorized => "unauthorized",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not_found",
            ApiError::Conflict { code, .. } => code,
            ApiError::PreconditionFailed { .. } => "stale_version",
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::UnsupportedDocument => "unsupported_document_type",
            ApiError::StoreUnavailable(_) => "store_unavailable",
            ApiError::ScanUnavailable => "scan_unavailable",
            ApiError::DocumentIntegrity => "document_integrity",
            ApiError::Invalid(_) => "invalid_input",
            ApiError::Unmet(_) => "unmet_requirements",
            ApiError::PreconditionRequired => "if_match_required",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::NotReady(_) => "not_ready",
            ApiError::Busy { .. } => "server_busy",
            ApiError::MfaRequired => "mfa_required",
            ApiError::MfaInvalid => "mfa_invalid",
            ApiError::MfaEnrolmentRequired => "mfa_enrolment_required",
            ApiError::AccountDeactivated => "account_deactivated",
            ApiError::Internal(_) => "internal",
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        if crate::db::is_unavailable(&error) {
            ApiError::Unavailable(error.to_string())
        } else {
            ApiError::Internal(error.to_string())
        }
    }
}

/// A problem waiting to be written in the request's language.
#[derive(Debug, Clone)]
pub struct Problem {
    code: &'static str,
    status: StatusCode,
    errors: Vec<FieldError>,
    missing: Vec<Missing>,
    state: Option<CaseState>,
    version: Option<i32>,
}

impl Problem {
    /// The problem of an error answered outside the handlers (an oversized body, a method not
    /// allowed), known only by its status.
    pub fn of_status(status: StatusCode) -> Problem {
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::REQUEST_TIMEOUT => "timeout",
            s if s.is_server_error() => "internal",
            _ => "bad_request",
        };
        Problem {
            code,
            status,
            errors: Vec::new(),
            missing: Vec::new(),
            state: None,
            version: None,
        }
    }

    /// The body in `lang`.
    pub fn body(&self, lang: Lang) -> Value {
        serde_json::to_value(self.doc(lang)).unwrap_or(Value::Null)
    }

    /// The problem document in `lang`.
    pub fn doc(&self, lang: Lang) -> ProblemDoc {
        let key = self.code.replace('_', "-");
        ProblemDoc {
            problem_type: format!("urn:puente:problem:{}", self.code),
            code: self.code.to_owned(),
            title: text(lang, &format!("problem-{key}-title"), &[]),
            status: self.status.as_u16(),
            detail: text(lang, &format!("problem-{key}-detail"), &[]),
            errors: (!self.errors.is_empty()).then(|| {
                self.errors
                    .iter()
                    .map(|e| FieldProblem {
                        field: e.field.clone(),
                        code: e.code.to_owned(),
                        message: e.message(lang),
                    })
                    .collect()
            }),
            missing: (!self.missing.is_empty())
                .then(|| self.missing.iter().map(|m| m.code()).collect()),
            missing_details: (!self.missing.is_empty()).then(|| {
                self.missing
                    .iter()
                    .map(|m| CodeMessage {
                        code: m.code(),
                        message: m.message(lang),
                    })
                    .collect()
            }),
            state: self.state.map(|s| s.state),
            held_from: self.state.and_then(|s| s.held_from),
            version: self.version,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            ApiError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
            ApiError::Unavailable(detail) => {
                tracing::warn!(error = %detail, "dependency unavailable")
            }
            _ => {}
        }
        let mut problem = Problem {
            code: self.code(),
            status,
            errors: Vec::new(),
            missing: Vec::new(),
            state: None,
            version: None,
        };
        let mut response = status.into_response();
        match self {
            ApiError::Invalid(errors) => problem.errors = errors,
            ApiError::NotReady(down) => {
                problem.errors = down;
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(5u64));
            }
            ApiError::Unmet(missing) => problem.missing = missing,
            ApiError::Conflict { state, version, .. } => {
                problem.state = state;
                problem.version = version;
            }
            ApiError::PreconditionFailed { version } => problem.version = Some(version),
            ApiError::TooManyRequests { retry_after } | ApiError::Busy { retry_after } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            // The scan is usually back within a minute (clamd restarting, reloading signatures).
            ApiError::ScanUnavailable => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(60u64));
            }
            ApiError::Unauthorized | ApiError::InvalidCredentials => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response.extensions_mut().insert(problem);
        response
    }
}

/// The language a request asked for: `?lang=`, else `Accept-Language`, else Spanish.
pub fn request_lang(request: &Request) -> Lang {
    lang_of(request.uri(), request.headers())
}

/// The language asked for by a request's address (`?lang=`) or `Accept-Language`.
pub fn lang_of(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Lang {
    let from_query = uri.query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(|code| code.parse().ok())
    });
    from_query.unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    })
}

/// Writes every problem (from a handler or from a layer such as the body limit) as
/// `application/problem+json` in the request's language.
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let mut response = next.run(request).await;
    let problem = response.extensions_mut().remove::<Problem>().or_else(|| {
        // Errors produced outside the handlers (an oversized body, a method not allowed)
        // become problem documents too.
        let status = response.status();
        let is_plain_error = status.is_client_error() || status.is_server_error();
        // Problem documents and web pages are written already.
        let has_json = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| {
                v.as_bytes().starts_with(b"application/problem+json")
                    || v.as_bytes().starts_with(b"text/html")
            });
        (is_plain_error && !has_json).then(|| Problem::of_status(status))
    });
    let Some(problem) = problem else {
        return response;
    };
    let body = problem.body(lang).to_string();
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
