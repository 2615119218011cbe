//! The database tables as sea-orm entities. Queries live in `crate::service::repo`, not here.
#![allow(missing_docs)] // each column is named after what it holds; the migration documents them

pub mod case;
pub mod case_event;
pub mod comment;
pub mod document;
pub mod email_token;
pub mod hours;
pub mod login_attempt;
pub mod organization;
pub mod outbox;
pub mod recovery_code;
pub mod refresh_token;
pub mod session;
pub mod throttle;
pub mod user;
