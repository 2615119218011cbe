//! What reading or writing the data folder's files, and loading or rotating the master keys,
//! can fail with. The messages name the file and the setting, since an operator reads them at
//! start-up or after `puente keys rotate`.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::crypto::CryptoError;

/// What was being done to a file or folder when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOp {
    /// Creating a folder or a file.
    Create,
    /// Opening a file.
    Open,
    /// Reading a file.
    Read,
    /// Writing a file.
    Write,
    /// Renaming a file over another.
    Replace,
    /// Flushing a folder to disk.
    Sync,
    /// Taking a file's lock.
    Lock,
    /// Removing a file.
    Remove,
}

impl FileOp {
    /// An error of this operation on `path`, for `map_err`.
    pub fn on(self, path: &Path) -> impl FnOnce(io::Error) -> FileError + '_ {
        move |source| FileError {
            op: self,
            path: path.to_owned(),
            source,
        }
    }
}

impl fmt::Display for FileOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileOp::Create => "create",
            FileOp::Open => "open",
            FileOp::Read => "read",
            FileOp::Write => "write",
            FileOp::Replace => "replace",
            FileOp::Sync => "sync",
            FileOp::Lock => "lock",
            FileOp::Remove => "remove",
        })
    }
}

/// A file or folder that could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("cannot {op} {}: {source}", .path.display())]
pub struct FileError {
    /// What was being done.
    pub op: FileOp,
    /// To which file or folder.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

/// Why the master keys could not be loaded, rotated or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file, its lock or its folder could not be read or written.
    #[error(transparent)]
    File(#[from] FileError),
    /// The key file is not the JSON Puente writes.
    #[error("{}: {source}", .path.display())]
    Malformed {
        /// The key file.
        path: PathBuf,
        /// Where and why it does not parse.
        #[source]
        source: serde_json::Error,
    },
    /// The key file does not hold the key it names as current.
    #[error("{}: the current key is missing", .path.display())]
    CurrentMissing {
        /// The key file.
        path: PathBuf,
    },
    /// A key id that is empty or longer than the `documents.key_id` column.
    #[error("master key id `{id}` must have between 1 and {max} characters")]
    BadId {
        /// The id.
        id: String,
        /// The longest id.
        max: usize,
    },
    /// A key that is not 32 bytes of base64.
    #[error("master key `{id}` is not 32 bytes of base64")]
    BadKey {
        /// The key's id.
        id: String,
    },
    /// `master_keys` is not a list of `id:base64` pairs.
    #[error("master_keys must read `id:base64,id:base64`")]
    BadList,
    /// `master_keys` names no key.
    #[error("master_keys is empty")]
    EmptyList,
    /// `master_key_id` names a key `master_keys` does not hold.
    #[error("master_key_id `{0}` is not among master_keys")]
    UnknownCurrent(String),
    /// A rotation was asked for while the keys come from the configuration.
    #[error("master_keys is configured: add the new key there and name it in master_key_id")]
    Configured,
    /// Another rotation holds the key file's lock.
    #[error("another `puente keys rotate` is running on {}", .path.display())]
    Locked {
        /// The key file.
        path: PathBuf,
    },
    /// No randomness for a new key.
    #[error("cannot generate a master key: {0}")]
    Generate(#[source] CryptoError),
    /// A new key's id is taken (two rotations in the same instant of the same clock).
    #[error("master key {0} exists already: refusing to replace it")]
    Exists(String),
    /// The key file could not be encoded.
    #[error("cannot encode the key file: {0}")]
    Encode(#[source] serde_json::Error),
    /// The key file was gone when read back after a rotation wrote it.
    #[error("{} vanished after writing", .path.display())]
    Vanished {
        /// The key file.
        path: PathBuf,
    },
    /// The key file read back after a rotation is not what was written.
    #[error(
        "{} does not read back as written; the file as it was is in {}",
        .path.display(),
        .kept.display()
    )]
    NotAsWritten {
        /// The key file.
        path: PathBuf,
        /// Where the file as it was before the rotation is.
        kept: PathBuf,
    },
    /// The keyring holds no key under the id it names as current.
    #[error("the current master key is missing")]
    NoCurrentKey,
}
