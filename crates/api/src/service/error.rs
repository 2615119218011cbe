//! What a use case can fail with, in its own terms; [`From<Error> for ApiError`] is the one place
//! these become HTTP problems.

use puente_workflow::{CaseState, FieldError, Missing};

use crate::error::ApiError;

/// Why a use case did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No valid access token: not signed in, or signed out since.
    #[error("unauthenticated")]
    Unauthenticated,
    /// No such thing, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller may see it but not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing is not in a state where this applies (with where a case stands, for those who
    /// may know it).
    #[error("conflict: {code}")]
    Conflict {
        /// Why.
        code: &'static str,
        /// Where the case stands.
        state: Option<CaseState>,
        /// Its version.
        version: Option<i32>,
    },
    /// The change names a version of the thing that is no longer its current one.
    #[error("stale version")]
    Stale {
        /// The current version.
        version: i32,
    },
    /// A change that does not say which version of the thing it changes.
    #[error("version required")]
    VersionRequired,
    /// An upload larger than allowed.
    #[error("too large")]
    TooLarge,
    /// An upload that cannot be read (a broken multipart body).
    #[error("malformed upload")]
    Malformed,
    /// A file whose content is not one of the accepted kinds.
    #[error("unsupported document type")]
    UnsupportedDocument,
    /// The malware scan is configured and could not be done; nothing was stored.
    #[error("malware scan unavailable")]
    ScanUnavailable,
    /// Input that cannot be accepted, field by field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Workflow requirements that are not met.
    #[error("unmet requirements")]
    Unmet(Vec<Missing>),
    /// The document store does not answer.
    #[error("store unavailable: {0}")]
    StoreUnavailable(String),
    /// A stored document failed its integrity check.
    #[error("document integrity")]
    Integrity,
    /// Too many attempts: try again after this many seconds.
    #[error("throttled")]
    Throttled {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Too much work at once (password hashing): try again after this many seconds.
    #[error("busy")]
    Busy {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A fault of Puente's, logged; the caller learns nothing of it.
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// One invalid field.
    pub fn field(field: impl Into<String>, code: &'static str) -> Error {
        Error::Invalid(vec![FieldError::new(field, code)])
    }

    /// A conflict about a case's state.
    pub fn invalid_state(state: CaseState, version: i32) -> Error {
        Error::Conflict {
            code: "invalid_state",
            state: Some(state),
            version: Some(version),
        }
    }

    /// A conflict that concerns no case.
    pub fn conflict(code: &'static str) -> Error {
        Error::Conflict {
            code,
            state: None,
            version: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        match error {
            Error::Unauthenticated => ApiError::Unauthorized,
            Error::NotFound => ApiError::NotFound,
            Error::Forbidden => ApiError::Forbidden,
            Error::Conflict {
                code,
                state,
                version,
            } => ApiError::Conflict {
                code,
                state,
                version,
            },
            Error::Stale { version } => ApiError::PreconditionFailed { version },
            Error::VersionRequired => ApiError::PreconditionRequired,
            Error::TooLarge => ApiError::PayloadTooLarge,
            Error::Malformed => ApiError::BadRequest("malformed_multipart"),
            Error::UnsupportedDocument => ApiError::UnsupportedDocument,
            Error::ScanUnavailable => ApiError::ScanUnavailable,
            Error::Invalid(errors) => ApiError::Invalid(errors),
            Error::Unmet(missing) => ApiError::Unmet(missing),
            Error::StoreUnavailable(why) => ApiError::StoreUnavailable(why),
            Error::Integrity => ApiError::DocumentIntegrity,
            Error::Throttled { retry_after } => ApiError::TooManyRequests { retry_after },
            Error::Busy { retry_after } => ApiError::Busy { retry_after },
            Error::Database(error) => ApiError::from(error),
            Error::Internal(why) => ApiError::Internal(why),
        }
    }
}
