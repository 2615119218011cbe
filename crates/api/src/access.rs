//! The access log: who read which document or export, and when, as one structured log line
//! each under the `puente::access` target (JSON by default), apart from the request log so that
//! it can be kept longer and searched on its own. What changes a case is in its history; this is
//! what only reads it.

use uuid::Uuid;

/// What was read.
#[derive(Debug, Clone, Copy)]
pub enum Read {
    /// A document's bytes.
    Document {
        /// The document.
        document: Uuid,
        /// Its case.
        case: Uuid,
    },
    /// A draft rendered for reading, without storing it.
    Preview {
        /// The case.
        case: Uuid,
    },
    /// A CSV export of the caseload (`cases` or `hours`).
    Export(&'static str),
}

/// Records that `user` read something now.
pub fn record(user: Uuid, read: Read) {
    match read {
        Read::Document { document, case } => tracing::info!(
            target: "puente::access", %user, %document, %case, "document read"
        ),
        Read::Preview { case } => {
            tracing::info!(target: "puente::access", %user, %case, "draft previewed");
        }
        Read::Export(name) => {
            tracing::info!(target: "puente::access", %user, export = name, "export read");
        }
    }
}
