//! Queries, one module per aggregate. The use cases of `service` call these; nothing else
//! touches the tables (this module is private to `service`).

pub mod cases;
pub mod comments;
pub mod documents;
pub mod email_tokens;
pub mod history;
pub mod hours;
pub mod mfa;
pub mod orgs;
pub mod outbox;
pub mod page;
pub mod privacy;
pub mod reports;
pub mod sessions;
pub mod throttles;
pub mod tokens;
pub mod users;

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(error: &sea_orm::DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
