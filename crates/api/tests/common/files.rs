//! Files for upload tests, and what the store and the database hold afterwards.

use futures::Stream;
use puente_api::entity::document;
use sea_orm::{EntityTrait, PaginatorTrait};
use sha2::{Digest, Sha256};

use super::TestApp;

/// Text that must never appear in the store's raw bytes.
pub const MARKER: &[u8] = b"HEGG560427MVZRRL04-CONFIDENCIAL";

/// A PDF of exactly `size` bytes (at least a header), with a recognisable marker inside.
pub fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    while bytes.len() < size {
        bytes.extend_from_slice(MARKER);
        bytes.push(b'\n');
    }
    bytes.truncate(size.max(9));
    bytes
}

/// The SHA-256 of `bytes`, in hex.
pub fn hex(bytes: &[u8]) -> String {
    hex_digest(Sha256::new_with_prefix(bytes))
}

/// The hex of a finished hash.
pub fn hex_digest(hasher: Sha256) -> String {
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const MIB: usize = 1024 * 1024;

/// A PDF of `mebibytes` MiB made on the fly, never held whole: a repeating pattern in which each
/// mebibyte carries its own number, so a misplaced piece changes the hash.
pub struct Patterned {
    pub mebibytes: usize,
}

impl Patterned {
    pub fn size(&self) -> usize {
        self.mebibytes * MIB
    }

    fn piece(index: usize) -> Vec<u8> {
        let mut bytes: Vec<u8> = (0..MIB).map(|i| (i % 251) as u8).collect();
        bytes[9..17].copy_from_slice(&(index as u64).to_be_bytes());
        if index == 0 {
            bytes[..9].copy_from_slice(b"%PDF-1.7\n");
        }
        bytes
    }

    /// The file's SHA-256, in hex.
    pub fn sha256(&self) -> String {
        let mut hasher = Sha256::new();
        for index in 0..self.mebibytes {
            hasher.update(Patterned::piece(index));
        }
        hex_digest(hasher)
    }

    /// The file, one mebibyte at a time; `before(index)` runs before piece `index` is made.
    pub fn stream<F>(
        &self,
        mut before: F,
    ) -> impl Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static
    where
        F: FnMut(usize) + Send + 'static,
    {
        futures::stream::iter((0..self.mebibytes).map(move |index| {
            before(index);
            Ok(Patterned::piece(index))
        }))
    }
}

/// Reads a response's body to its end: how many bytes, and their SHA-256 in hex.
pub async fn received_sha256(mut response: reqwest::Response) -> (usize, String) {
    let mut hasher = Sha256::new();
    let mut received = 0usize;
    while let Some(chunk) = response.chunk().await.unwrap() {
        received += chunk.len();
        hasher.update(&chunk);
    }
    (received, hex_digest(hasher))
}

/// Every object in the store, with its raw (encrypted) bytes.
pub async fn objects(app: &TestApp) -> Vec<(String, Vec<u8>)> {
    use futures::TryStreamExt;
    use object_store::ObjectStoreExt;
    let store = app.state.store.inner();
    let listed: Vec<object_store::ObjectMeta> = store.list(None).try_collect().await.unwrap();
    let mut out = Vec::new();
    for meta in listed {
        let raw = store
            .get(&meta.location)
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        out.push((meta.location.to_string(), raw.to_vec()));
    }
    out
}

/// How many document rows the database holds.
pub async fn rows(app: &TestApp) -> u64 {
    document::Entity::find().count(&app.state.db).await.unwrap()
}
