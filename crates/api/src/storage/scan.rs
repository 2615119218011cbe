//! The optional malware check: with `clamd_address` set, every uploaded file is streamed to
//! ClamAV's daemon as it arrives, and stored only when clamd answers that it is clean.
//!
//! clamd's INSTREAM command (clamd(8)): `zINSTREAM\0`, then the file in chunks each preceded by
//! its length as a 4-byte big-endian number, then a zero length; clamd answers one
//! NUL-terminated line, `stream: OK` or `stream: <signature> FOUND` (anything else is an error,
//! such as the file passing clamd's `StreamMaxLength`, which must therefore be at least
//! `document_limit_bytes`). A check that cannot be completed never lets a file through.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// How long clamd may take to accept, to take a chunk, or to give its verdict.
const CONNECT: Duration = Duration::from_secs(5);
const WRITE: Duration = Duration::from_secs(30);
const VERDICT: Duration = Duration::from_secs(120);
/// The largest chunk sent at once (clamd reads each into memory).
const CHUNK: usize = 256 * 1024;
/// The longest answer read.
const ANSWER: u64 = 4096;

/// What clamd said of a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing found.
    Clean,
    /// A signature matched; its name.
    Infected(String),
}

/// The check could not be done (clamd unreachable, too slow, or answering with an error).
#[derive(Debug, thiserror::Error)]
#[error("malware scan unavailable: {0}")]
pub struct Unavailable(pub String);

fn unavailable(what: &str) -> impl Fn(std::io::Error) -> Unavailable + '_ {
    move |error| Unavailable(format!("{what}: {error}"))
}

async fn within<T>(
    limit: Duration,
    what: &str,
    work: impl Future<Output = std::io::Result<T>>,
) -> Result<T, Unavailable> {
    match timeout(limit, work).await {
        Ok(done) => done.map_err(unavailable(what)),
        Err(_) => Err(Unavailable(format!("{what}: clamd did not answer in time"))),
    }
}

/// A file being streamed to clamd.
pub struct Scan {
    stream: TcpStream,
}

impl Scan {
    /// Connects to clamd at `address` (`host:port`) and starts an INSTREAM check.
    pub async fn start(address: &str) -> Result<Scan, Unavailable> {
        let mut stream = within(CONNECT, "connect", TcpStream::connect(address)).await?;
        within(WRITE, "start", stream.write_all(b"zINSTREAM\0")).await?;
        Ok(Scan { stream })
    }

    /// Sends more of the file.
    pub async fn push(&mut self, data: &[u8]) -> Result<(), Unavailable> {
        for piece in data.chunks(CHUNK) {
            let length = u32::try_from(piece.len()).unwrap_or(u32::MAX).to_be_bytes();
            within(WRITE, "send", async {
                self.stream.write_all(&length).await?;
                self.stream.write_all(piece).await
            })
            .await?;
        }
        Ok(())
    }

    /// Ends the file and reads clamd's verdict.
    pub async fn finish(mut self) -> Result<Verdict, Unavailable> {
        within(WRITE, "finish", self.stream.write_all(&[0, 0, 0, 0])).await?;
        let mut answer = Vec::new();
        within(
            VERDICT,
            "verdict",
            (&mut self.stream).take(ANSWER).read_to_end(&mut answer),
        )
        .await?;
        verdict(&String::from_utf8_lossy(&answer))
    }
}

/// Reads clamd's answer to INSTREAM.
fn verdict(answer: &str) -> Result<Verdict, Unavailable> {
    let line = answer.trim_end_matches(['\0', '\n', '\r']).trim();
    let Some(result) = line.strip_prefix("stream:").map(str::trim) else {
        return Err(Unavailable(format!("unexpected answer `{line}`")));
    };
    if result == "OK" {
        return Ok(Verdict::Clean);
    }
    match result.strip_suffix(" FOUND") {
        Some(signature) => Ok(Verdict::Infected(
            signature
                .chars()
                .filter(|c| c.is_ascii_graphic() || *c == ' ')
                .take(100)
                .collect(),
        )),
        None => Err(Unavailable(format!("clamd: {result}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamd_answers_are_read_strictly() {
        assert_eq!(verdict("stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(
            verdict("stream: Win.Test.EICAR_HDB-1 FOUND\0").unwrap(),
            Verdict::Infected("Win.Test.EICAR_HDB-1".into())
        );
        assert!(verdict("INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(verdict("stream: Can't allocate memory ERROR\0").is_err());
        assert!(verdict("").is_err());
    }
}
