//! The history's integrity: every case's hash chain checked from its first event.

use sea_orm::DatabaseConnection;

use super::Error;
use super::repo::history;
pub use super::repo::history::Verification;

/// Checks every case's chain of history events.
pub async fn verify(db: &DatabaseConnection) -> Result<Verification, Error> {
    Ok(history::verify(db).await?)
}
