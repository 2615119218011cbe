//! The checks an upload passes while it streams into the store, before its row is committed:
//! what the file is (from its first bytes, or for a zip package from the whole of it, through
//! a private scratch copy) and, when `clamd_address` is set, whether clamd finds malware in it.
//! A file that fails any of them leaves nothing behind: the upload aborts its object.

use puente_workflow::FieldError;

use super::scan::{Scan, Unavailable, Verdict};
use super::sniff::{self, Sniffed};
use super::spool::Spool;
use crate::config::Settings;
use crate::service::Error;

/// An upload's checks in progress.
pub struct Inspection {
    sniffed: Sniffed,
    spool: Option<Spool>,
    scan: Option<Scan>,
}

fn scan_unavailable(error: Unavailable) -> Error {
    tracing::warn!(%error, "an upload was refused: the malware scan could not be done");
    Error::ScanUnavailable
}

fn internal(error: std::io::Error) -> Error {
    Error::Internal(format!("upload scratch copy: {error}"))
}

impl Inspection {
    /// Starts the checks of a file beginning with `head`: 415 at once when those bytes already
    /// rule it out, 503 when clamd is configured but does not answer. `generated` is the type of
    /// a document Puente drafted itself (vouched for, and not scanned: Puente wrote it).
    pub async fn begin(
        settings: &Settings,
        head: &[u8],
        generated: Option<&'static str>,
    ) -> Result<Inspection, Error> {
        let sniffed = match generated {
            Some(media_type) => Sniffed::Type(media_type),
            None if head.is_empty() => Sniffed::Refused,
            None => sniff::sniff(head),
        };
        if sniffed == Sniffed::Refused {
            return Err(Error::UnsupportedDocument);
        }
        let spool = match sniffed {
            Sniffed::Package => Some(Spool::new().map_err(internal)?),
            _ => None,
        };
        let scan = match (&settings.clamd_address, generated) {
            (Some(address), None) => Some(Scan::start(address).await.map_err(scan_unavailable)?),
            _ => None,
        };
        Ok(Inspection {
            sniffed,
            spool,
            scan,
        })
    }

    /// The next piece of the file.
    pub async fn push(&mut self, piece: &[u8]) -> Result<(), Error> {
        if let Some(spool) = &mut self.spool {
            spool.push(piece).await.map_err(internal)?;
        }
        if let Some(scan) = &mut self.scan {
            scan.push(piece).await.map_err(scan_unavailable)?;
        }
        Ok(())
    }

    /// The file is whole: its media type, or why it is refused (422 `document.infected` on the
    /// `file` field, 415, or 503 when the scan could not be finished).
    pub async fn finish(self) -> Result<&'static str, Error> {
        if let Some(scan) = self.scan {
            match scan.finish().await.map_err(scan_unavailable)? {
                Verdict::Clean => {}
                Verdict::Infected(signature) => {
                    tracing::warn!(%signature, "an upload was refused: clamd found malware");
                    return Err(Error::Invalid(vec![
                        FieldError::new("file", "document.infected").with("signature", signature),
                    ]));
                }
            }
        }
        match (self.sniffed, self.spool) {
            (Sniffed::Type(media_type), _) => Ok(media_type),
            (Sniffed::Package, Some(spool)) => {
                let copy = spool.finish().await.map_err(internal)?;
                tokio::task::spawn_blocking(move || sniff::package_type(copy))
                    .await
                    .map_err(|e| Error::Internal(e.to_string()))?
                    .ok_or(Error::UnsupportedDocument)
            }
            _ => Err(Error::UnsupportedDocument),
        }
    }
}
