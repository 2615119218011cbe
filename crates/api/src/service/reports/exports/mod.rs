//! The cases and the logged hours as CSV files, written page by page as they are read (never
//! built whole in memory), for spreadsheets: UTF-8 with a byte-order mark (so accents survive
//! Excel), CRLF line ends, every cell quoted, ISO dates, decimal points, column titles in the
//! caller's language, and text that a spreadsheet would read as a formula neutralised.
//!
//! This module holds what both exports share: their start and the [`Export`] they answer with;
//! the writing for spreadsheets is in `spreadsheet`, the rows in `cases` and `hours`.

mod cases;
mod hours;
mod spreadsheet;

pub use cases::cases_export;
pub use hours::hours_export;

use axum::body::Bytes;
use futures::stream::BoxStream;

use super::Filters;
use super::caseload::Scope;
use crate::service::Error;
use crate::service::auth::AuthUser;

/// The start of an export named `name`: managers only, the filters checked, the reading
/// recorded in the access log.
fn begin(caller: &AuthUser, filters: &Filters, name: &'static str) -> Result<Scope, Error> {
    caller.require_manager()?;
    let scope = filters.scope()?;
    crate::access::record(caller.id, crate::access::Read::Export(name));
    Ok(scope)
}

/// A CSV export: its file's name, and its bytes as they are written.
pub struct Export {
    /// The file's name (`puente-casos-2026-11-22.csv`).
    pub filename: String,
    /// The bytes: the byte-order mark and the column titles, then each page of rows as it is
    /// read (a failure midway ends the stream with an error).
    pub body: BoxStream<'static, Result<Bytes, std::io::Error>>,
}

/// Rows per page read from the database while streaming.
const PAGE: u64 = 200;
