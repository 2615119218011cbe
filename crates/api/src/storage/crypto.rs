//! Documents are encrypted before they leave the process: each with its own random key
//! (AES-256-GCM), in authenticated chunks so that files of any size stream both ways, and the
//! key stored wrapped by a master key.
//!
//! Object layout: a 16-byte header (`PNT1`, the chunk size as a big-endian `u32`, an 8-byte
//! random nonce prefix), then chunks of `chunk size + 16` bytes (ciphertext and tag). A chunk's
//! nonce is the prefix and its big-endian counter; its associated data is the header and a flag
//! marking the last chunk, so chunks cannot be reordered, dropped, or the object cut short
//! without failing authentication (the STREAM construction of Hoang, Reyhanitabar, Rogaway and
//! Vizár). An empty file is one empty, final chunk.

use aes_gcm::aead::{Aead, AeadInOut, Nonce, Payload, Tag};
use aes_gcm::{Aes256Gcm, KeyInit};

/// Plaintext bytes per chunk.
pub const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
const HEADER: usize = 16;
const MAGIC: &[u8; 4] = b"PNT1";

/// Encryption or authentication failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// The ciphertext, its header or its order was altered, or it was cut short.
    #[error("the document failed authentication")]
    Tampered,
    /// No randomness was available.
    #[error("no randomness available")]
    Randomness,
    /// A key of the wrong length.
    #[error("a key of the wrong length")]
    BadKey,
}

fn random<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| CryptoError::Randomness)?;
    Ok(bytes)
}

/// A fresh document key.
pub fn new_key() -> Result<[u8; 32], CryptoError> {
    random()
}

fn cipher(key: &[u8]) -> Result<Aes256Gcm, CryptoError> {
    Aes256Gcm::new_from_slice(key).map_err(|_| CryptoError::BadKey)
}

fn nonce(prefix: &[u8], counter: u32) -> Nonce<Aes256Gcm> {
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&prefix[..8]);
    bytes[8..].copy_from_slice(&counter.to_be_bytes());
    Nonce::<Aes256Gcm>::from(bytes)
}

fn aad(header: &[u8; HEADER], last: bool) -> [u8; HEADER + 1] {
    let mut aad = [0u8; HEADER + 1];
    aad[..HEADER].copy_from_slice(header);
    aad[HEADER] = u8::from(last);
    aad
}

/// Encrypts a stream of plaintext pieces into the object's bytes.
pub struct Sealer {
    cipher: Aes256Gcm,
    header: [u8; HEADER],
    counter: u32,
    pending: Vec<u8>,
    started: bool,
}

impl Sealer {
    /// A sealer under `key`.
    pub fn new(key: &[u8]) -> Result<Sealer, CryptoError> {
        let mut header = [0u8; HEADER];
        header[..4].copy_from_slice(MAGIC);
        header[4..8].copy_from_slice(&u32::try_from(CHUNK).unwrap_or(u32::MAX).to_be_bytes());
        header[8..].copy_from_slice(&random::<8>()?);
        Ok(Sealer {
            cipher: cipher(key)?,
            header,
            counter: 0,
            pending: Vec::with_capacity(CHUNK),
            started: false,
        })
    }

    fn seal(&mut self, plaintext: &[u8], last: bool, out: &mut Vec<u8>) -> Result<(), CryptoError> {
        let aad = aad(&self.header, last);
        let sealed = self
            .cipher
            .encrypt(
                &nonce(&self.header[8..], self.counter),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Tampered)?;
        self.counter = self.counter.checked_add(1).ok_or(CryptoError::Tampered)?;
        out.extend_from_slice(&sealed);
        Ok(())
    }

    fn start(&mut self, out: &mut Vec<u8>) {
        if !self.started {
            out.extend_from_slice(&self.header);
            self.started = true;
        }
    }

    /// Takes more plaintext; returns the object bytes ready to write (whole chunks only: one
    /// chunk is always held back, since only the end tells which chunk is the last).
    pub fn push(&mut self, mut data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut out = Vec::new();
        self.start(&mut out);
        while !data.is_empty() {
            if self.pending.len() == CHUNK {
                let chunk = std::mem::take(&mut self.pending);
                self.seal(&chunk, false, &mut out)?;
                self.pending = chunk;
                self.pending.clear();
            }
            let room = CHUNK - self.pending.len();
            let take = room.min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(out)
    }

    /// Seals what remains as the last chunk.
    pub fn finish(mut self) -> Result<Vec<u8>, CryptoError> {
        let mut out = Vec::new();
        self.start(&mut out);
        let chunk = std::mem::take(&mut self.pending);
        self.seal(&chunk, true, &mut out)?;
        Ok(out)
    }
}

/// Decrypts an object's bytes, piece by piece, refusing anything altered.
pub struct Opener {
    key: [u8; 32],
    cipher: Option<Aes256Gcm>,
    header: [u8; HEADER],
    counter: u32,
    buffer: Vec<u8>,
    chunk: usize,
}

impl Opener {
    /// An opener under `key`.
    pub fn new(key: &[u8]) -> Result<Opener, CryptoError> {
        let key: [u8; 32] = key.try_into().map_err(|_| CryptoError::BadKey)?;
        Ok(Opener {
            key,
            cipher: None,
            header: [0; HEADER],
            counter: 0,
            buffer: Vec::new(),
            chunk: 0,
        })
    }

    /// Authenticates and decrypts one sealed chunk (ciphertext then tag) where it lies, and
    /// appends its plaintext to `out`.
    fn open(
        &mut self,
        sealed: &mut [u8],
        last: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), CryptoError> {
        let cipher = self.cipher.as_ref().ok_or(CryptoError::Tampered)?;
        let aad = aad(&self.header, last);
        let split = sealed.len().checked_sub(TAG).ok_or(CryptoError::Tampered)?;
        let (text, tag) = sealed.split_at_mut(split);
        let tag = Tag::<Aes256Gcm>::try_from(&*tag).map_err(|_| CryptoError::Tampered)?;
        cipher
            .decrypt_inout_detached(
                &nonce(&self.header[8..], self.counter),
                &aad,
                (&mut *text).into(),
                &tag,
            )
            .map_err(|_| CryptoError::Tampered)?;
        self.counter = self.counter.checked_add(1).ok_or(CryptoError::Tampered)?;
        out.extend_from_slice(text);
        Ok(())
    }

    /// Takes more object bytes; returns the plaintext of every chunk known not to be the last.
    pub fn push(&mut self, data: &[u8]) -> Result<Vec<u8>, CryptoError> {
        self.buffer.extend_from_slice(data);
        let mut out = Vec::new();
        if self.cipher.is_none() {
            if self.buffer.len() < HEADER {
                return Ok(out);
            }
            self.header.copy_from_slice(&self.buffer[..HEADER]);
            self.buffer.drain(..HEADER);
            let size = u32::from_be_bytes([
                self.header[4],
                self.header[5],
                self.header[6],
                self.header[7],
            ]) as usize;
            if &self.header[..4] != MAGIC || size == 0 || size > 16 * 1024 * 1024 {
                return Err(CryptoError::Tampered);
            }
            self.chunk = size + TAG;
            self.cipher = Some(cipher(&self.key)?);
        }
        // A full chunk followed by more bytes is not the last one.
        let mut start = 0;
        let mut buffer = std::mem::take(&mut self.buffer);
        while buffer.len() - start > self.chunk {
            let opened = self.open(&mut buffer[start..start + self.chunk], false, &mut out);
            if let Err(error) = opened {
                self.buffer = buffer;
                return Err(error);
            }
            start += self.chunk;
        }
        buffer.drain(..start);
        self.buffer = buffer;
        Ok(out)
    }

    /// Opens the last chunk; fails if the object was cut short.
    pub fn finish(mut self) -> Result<Vec<u8>, CryptoError> {
        if self.cipher.is_none() || self.buffer.len() < TAG {
            return Err(CryptoError::Tampered);
        }
        let mut out = Vec::new();
        let mut last = std::mem::take(&mut self.buffer);
        self.open(&mut last, true, &mut out)?;
        Ok(out)
    }
}

/// Wraps a document key under a master key, bound to the document's id.
pub fn wrap(master: &[u8], document: &uuid::Uuid, key: &[u8; 32]) -> Result<Vec<u8>, CryptoError> {
    seal_key(master, &format!("puente:document-key:{document}"), key)
}

/// Unwraps a document key.
pub fn unwrap_key(
    master: &[u8],
    document: &uuid::Uuid,
    wrapped: &[u8],
) -> Result<[u8; 32], CryptoError> {
    open_key(master, &format!("puente:document-key:{document}"), wrapped)
}

/// Seals a 32-byte secret under a master key, bound to `context` (what it is and whose), so
/// that a sealed value moved to another row does not open.
pub fn seal_key(master: &[u8], context: &str, key: &[u8; 32]) -> Result<Vec<u8>, CryptoError> {
    let nonce_bytes = random::<12>()?;
    let sealed = cipher(master)?
        .encrypt(
            &Nonce::<Aes256Gcm>::from(nonce_bytes),
            Payload {
                msg: key,
                aad: context.as_bytes(),
            },
        )
        .map_err(|_| CryptoError::Tampered)?;
    Ok([nonce_bytes.as_slice(), &sealed].concat())
}

/// Opens what [`seal_key`] sealed for the same `context`.
pub fn open_key(master: &[u8], context: &str, sealed: &[u8]) -> Result<[u8; 32], CryptoError> {
    if sealed.len() != 12 + 32 + TAG {
        return Err(CryptoError::Tampered);
    }
    let nonce_bytes: [u8; 12] = sealed[..12].try_into().map_err(|_| CryptoError::Tampered)?;
    let key = cipher(master)?
        .decrypt(
            &Nonce::<Aes256Gcm>::from(nonce_bytes),
            Payload {
                msg: &sealed[12..],
                aad: context.as_bytes(),
            },
        )
        .map_err(|_| CryptoError::Tampered)?;
    key.try_into().map_err(|_| CryptoError::Tampered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seal_all(key: &[u8], data: &[u8], piece: usize) -> Vec<u8> {
        let mut sealer = Sealer::new(key).unwrap();
        let mut out = Vec::new();
        for part in data.chunks(piece.max(1)) {
            out.extend(sealer.push(part).unwrap());
        }
        out.extend(sealer.finish().unwrap());
        out
    }

    fn open_all(key: &[u8], object: &[u8], piece: usize) -> Result<Vec<u8>, CryptoError> {
        let mut opener = Opener::new(key)?;
        let mut out = Vec::new();
        for part in object.chunks(piece.max(1)) {
            out.extend(opener.push(part)?);
        }
        out.extend(opener.finish()?);
        Ok(out)
    }

    #[test]
    fn files_of_every_awkward_size_round_trip_in_any_pieces() {
        let key = new_key().unwrap();
        for size in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
            let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            for piece in [1000, CHUNK, 7 * CHUNK] {
                let object = seal_all(&key, &data, piece);
                assert_eq!(
                    object.len(),
                    HEADER + size + TAG * size.div_ceil(CHUNK).max(1)
                );
                assert_eq!(
                    open_all(&key, &object, 4096).unwrap(),
                    data,
                    "size {size}, pieces {piece}"
                );
                assert_eq!(open_all(&key, &object, 1).unwrap(), data);
            }
        }
    }

    #[test]
    fn the_object_does_not_contain_the_plaintext() {
        let key = new_key().unwrap();
        let data = b"CURP HEGG560427MVZRRL04 ".repeat(5000);
        let object = seal_all(&key, &data, 10_000);
        assert!(!object.windows(18).any(|w| w == b"HEGG560427MVZRRL04"));
    }

    #[test]
    fn any_alteration_cut_or_reordering_is_refused() {
        let key = new_key().unwrap();
        let data: Vec<u8> = (0..(2 * CHUNK + 100)).map(|i| i as u8).collect();
        let object = seal_all(&key, &data, CHUNK);
        for position in [
            0,
            5,
            9,
            HEADER,
            HEADER + 10,
            HEADER + CHUNK + TAG + 3,
            object.len() - 1,
        ] {
            let mut bad = object.clone();
            bad[position] ^= 0x01;
            assert!(open_all(&key, &bad, 4096).is_err(), "flip at {position}");
        }
        // Cut at a chunk boundary: the shortened object ends on a chunk sealed as not last.
        let cut = &object[..HEADER + 2 * (CHUNK + TAG)];
        assert_eq!(open_all(&key, cut, 4096), Err(CryptoError::Tampered));
        assert!(open_all(&key, &object[..object.len() - 1], 4096).is_err());
        assert!(open_all(&key, &object[..10], 4096).is_err());
        // Swap the first two chunks.
        let mut swapped = object[..HEADER].to_vec();
        swapped.extend_from_slice(&object[HEADER + CHUNK + TAG..HEADER + 2 * (CHUNK + TAG)]);
        swapped.extend_from_slice(&object[HEADER..HEADER + CHUNK + TAG]);
        swapped.extend_from_slice(&object[HEADER + 2 * (CHUNK + TAG)..]);
        assert!(open_all(&key, &swapped, 4096).is_err());
        // Another key.
        assert!(open_all(&new_key().unwrap(), &object, 4096).is_err());
    }

    #[test]
    fn a_wrapped_key_opens_only_with_its_master_key_and_document() {
        let master = new_key().unwrap();
        let key = new_key().unwrap();
        let document = uuid::Uuid::new_v4();
        let wrapped = wrap(&master, &document, &key).unwrap();
        assert_eq!(unwrap_key(&master, &document, &wrapped).unwrap(), key);
        assert!(unwrap_key(&new_key().unwrap(), &document, &wrapped).is_err());
        assert!(unwrap_key(&master, &uuid::Uuid::new_v4(), &wrapped).is_err());
    }
}
