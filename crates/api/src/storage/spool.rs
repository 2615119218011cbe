//! A scratch copy of an upload whose type only its end tells (a zip package keeps its table of
//! contents there), so that it can be read whole with memory staying flat whatever its size.
//!
//! The copy lives in an unnamed temporary file (it has no name to find and is gone when closed,
//! even if the process dies) and is encrypted, 64 KiB at a time, under a key that exists only
//! in this process's memory for this one upload, so no readable copy of a person's papers ever
//! reaches the disk. Each chunk's nonce is its position: the key seals nothing else, so nonces
//! never repeat, and a chunk cannot be moved without failing authentication.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use aes_gcm::aead::{Aead, Nonce};
use aes_gcm::{Aes256Gcm, KeyInit};
use tokio::io::AsyncWriteExt;

/// Plaintext bytes per chunk.
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;

fn nonce(index: u64) -> Nonce<Aes256Gcm> {
    let mut bytes = [0u8; 12];
    bytes[4..].copy_from_slice(&index.to_be_bytes());
    Nonce::<Aes256Gcm>::from(bytes)
}

fn cipher() -> io::Result<Aes256Gcm> {
    let key = super::crypto::new_key().map_err(io::Error::other)?;
    Aes256Gcm::new_from_slice(&key).map_err(io::Error::other)
}

/// The copy being written.
pub struct Spool {
    file: tokio::fs::File,
    cipher: Aes256Gcm,
    pending: Vec<u8>,
    chunks: u64,
    len: u64,
}

impl Spool {
    /// An empty copy.
    pub fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: tokio::fs::File::from_std(tempfile::tempfile()?),
            cipher: cipher()?,
            pending: Vec::with_capacity(CHUNK),
            chunks: 0,
            len: 0,
        })
    }

    async fn seal(&mut self) -> io::Result<()> {
        let sealed = self
            .cipher
            .encrypt(&nonce(self.chunks), self.pending.as_slice())
            .map_err(|_| io::Error::other("cannot encrypt the scratch copy"))?;
        self.file.write_all(&sealed).await?;
        self.chunks += 1;
        self.pending.clear();
        Ok(())
    }

    /// Appends more of the file.
    pub async fn push(&mut self, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            let take = (CHUNK - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
            self.len += take as u64;
            if self.pending.len() == CHUNK {
                self.seal().await?;
            }
        }
        Ok(())
    }

    /// The whole copy, to read from the start.
    pub async fn finish(mut self) -> io::Result<SpoolReader> {
        if !self.pending.is_empty() {
            self.seal().await?;
        }
        self.file.flush().await?;
        Ok(SpoolReader {
            file: self.file.into_std().await,
            cipher: self.cipher,
            len: self.len,
            position: 0,
            chunk: None,
        })
    }
}

/// The copy, read back (blocking: use it off the async threads).
pub struct SpoolReader {
    file: File,
    cipher: Aes256Gcm,
    len: u64,
    position: u64,
    chunk: Option<(u64, Vec<u8>)>,
}

impl SpoolReader {
    fn load(&mut self, index: u64) -> io::Result<()> {
        if self.chunk.as_ref().is_some_and(|(at, _)| *at == index) {
            return Ok(());
        }
        let plain = (self.len - index * CHUNK as u64).min(CHUNK as u64) as usize;
        let mut sealed = vec![0u8; plain + TAG];
        self.file
            .seek(SeekFrom::Start(index * (CHUNK + TAG) as u64))?;
        self.file.read_exact(&mut sealed)?;
        let opened = self
            .cipher
            .decrypt(&nonce(index), sealed.as_slice())
            .map_err(|_| io::Error::other("the scratch copy was altered"))?;
        self.chunk = Some((index, opened));
        Ok(())
    }
}

impl Read for SpoolReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.position >= self.len || out.is_empty() {
            return Ok(0);
        }
        let index = self.position / CHUNK as u64;
        self.load(index)?;
        let offset = (self.position % CHUNK as u64) as usize;
        let chunk = self
            .chunk
            .as_ref()
            .map(|(_, c)| c.as_slice())
            .unwrap_or_default();
        let available = chunk.get(offset..).unwrap_or_default();
        let count = available.len().min(out.len());
        out[..count].copy_from_slice(&available[..count]);
        self.position += count as u64;
        Ok(count)
    }
}

impl Seek for SpoolReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
        };
        self.position = target
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_back_anywhere_what_was_written_in_any_pieces() {
        let data: Vec<u8> = (0..(3 * CHUNK + 123))
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let mut spool = Spool::new().unwrap();
        for piece in data.chunks(10_000) {
            spool.push(piece).await.unwrap();
        }
        let mut reader = spool.finish().await.unwrap();
        let mut whole = Vec::new();
        reader.read_to_end(&mut whole).unwrap();
        assert_eq!(whole, data);
        for at in [0, 1, CHUNK - 1, CHUNK, 2 * CHUNK + 5, data.len() - 3] {
            reader.seek(SeekFrom::Start(at as u64)).unwrap();
            let mut three = [0u8; 3];
            let count = reader.read(&mut three).unwrap();
            assert_eq!(&three[..count], &data[at..(at + count)], "at {at}");
            assert!(count > 0);
        }
        assert_eq!(
            reader.seek(SeekFrom::End(-2)).unwrap(),
            data.len() as u64 - 2
        );
        let mut tail = Vec::new();
        reader.read_to_end(&mut tail).unwrap();
        assert_eq!(tail, data[data.len() - 2..]);
    }

    #[tokio::test]
    async fn the_copy_on_disk_is_not_the_file() {
        let data = b"CURP HEGG560427MVZRRL04 ".repeat(100);
        let mut spool = Spool::new().unwrap();
        spool.push(&data).await.unwrap();
        let mut reader = spool.finish().await.unwrap();
        let mut raw = Vec::new();
        reader.file.seek(SeekFrom::Start(0)).unwrap();
        reader.file.read_to_end(&mut raw).unwrap();
        assert_eq!(raw.len(), data.len() + TAG);
        assert!(!raw.windows(18).any(|w| w == b"HEGG560427MVZRRL04"));
    }
}
