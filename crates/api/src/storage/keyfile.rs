//! The embedded mode's key file, `data_dir/master-keys.json`: its format, and the only two ways
//! it is ever written. A lost master key is every document it wraps lost, so: key ids are `k`
//! and a UUID v7 (two rotations in one second cannot collide); an id already in the file is
//! never replaced; the file is only replaced whole (written beside it, synced, renamed over it,
//! the folder synced) under an exclusive lock (`master-keys.json.lock`), read back before
//! success is reported, with the file as it was kept as `master-keys.json.previous` until the
//! re-wrap that follows a rotation has committed.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::error::{FileError, FileOp, KeyError};

/// The longest key id (the `documents.key_id` column).
const MAX_ID: usize = 64;

/// The master keys by id, and the one that wraps new documents.
#[derive(Clone, Default)]
pub(super) struct KeySet {
    pub(super) current: String,
    pub(super) keys: BTreeMap<String, [u8; 32]>,
}

/// What tells one version of the key file from another without reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    pub(super) fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            inode,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    current: String,
    keys: BTreeMap<String, String>,
}

pub(super) fn decode(id: &str, text: &str) -> Result<[u8; 32], KeyError> {
    STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| KeyError::BadKey { id: id.to_owned() })
}

pub(super) fn check_id(id: &str) -> Result<(), KeyError> {
    if id.is_empty() || id.len() > MAX_ID {
        return Err(KeyError::BadId {
            id: id.to_owned(),
            max: MAX_ID,
        });
    }
    Ok(())
}

impl KeySet {
    pub(super) fn parse(path: &Path, text: &str) -> Result<KeySet, KeyError> {
        let file: KeyFile = serde_json::from_str(text).map_err(|source| KeyError::Malformed {
            path: path.to_owned(),
            source,
        })?;
        let mut keys = BTreeMap::new();
        for (id, key) in &file.keys {
            check_id(id)?;
            keys.insert(id.clone(), decode(id, key)?);
        }
        if !keys.contains_key(&file.current) {
            return Err(KeyError::CurrentMissing {
                path: path.to_owned(),
            });
        }
        Ok(KeySet {
            current: file.current,
            keys,
        })
    }

    pub(super) fn read(path: &Path) -> Result<Option<KeySet>, KeyError> {
        match read_if_any(path)? {
            Some(text) => KeySet::parse(path, &text).map(Some),
            None => Ok(None),
        }
    }

    pub(super) fn text(&self) -> Result<String, KeyError> {
        let file = KeyFile {
            current: self.current.clone(),
            keys: self
                .keys
                .iter()
                .map(|(id, key)| (id.clone(), STANDARD.encode(key)))
                .collect(),
        };
        serde_json::to_string_pretty(&file).map_err(KeyError::Encode)
    }

    /// Adds a fresh key under a new id and makes it current; refuses to replace an id.
    pub(super) fn add_generated(&mut self) -> Result<String, KeyError> {
        let key = super::crypto::new_key().map_err(KeyError::Generate)?;
        let id = format!("k{}", uuid::Uuid::now_v7().simple());
        if self.keys.contains_key(&id) {
            return Err(KeyError::Exists(id));
        }
        self.keys.insert(id.clone(), key);
        self.current = id.clone();
        Ok(id)
    }
}

/// The file's text, or `None` when there is no file.
fn read_if_any(path: &Path) -> Result<Option<String>, FileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(FileOp::Read.on(path)(error)),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `text` to `path` so that a reader sees either the old file or the whole new one, and
/// the new one survives a power cut once this returns: owner-only, beside it, synced, renamed,
/// the folder synced.
pub(super) fn replace_file(path: &Path, text: &str) -> Result<(), FileError> {
    let temporary = sibling(path, ".new");
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options
        .open(&temporary)
        .map_err(FileOp::Write.on(&temporary))?;
    out.write_all(text.as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(FileOp::Write.on(&temporary))?;
    std::fs::rename(&temporary, path).map_err(FileOp::Replace.on(path))?;
    sync_folder(path)
}

fn sync_folder(path: &Path) -> Result<(), FileError> {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        File::open(parent)
            .and_then(|folder| folder.sync_all())
            .map_err(FileOp::Sync.on(parent))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Opens the lock beside the key file (kept: removing it would let two processes lock two
/// different files).
fn lock_file(path: &Path) -> Result<File, FileError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        super::private::create_dir_all(parent).map_err(FileOp::Create.on(parent))?;
    }
    let lock = sibling(path, ".lock");
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(&lock).map_err(FileOp::Open.on(&lock))
}

/// A rotation written to the key file, holding the lock until the re-wrap is done.
#[derive(Debug)]
pub struct Rotation {
    id: String,
    path: PathBuf,
    previous: Option<PathBuf>,
    _lock: File,
}

impl Rotation {
    /// The new key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The copy of the file as it was before, kept until [`Rotation::finish`].
    pub fn previous(&self) -> Option<&Path> {
        self.previous.as_deref()
    }

    /// The re-wrap has committed: the copy of the old file is no longer needed.
    pub fn finish(self) -> Result<(), FileError> {
        if let Some(previous) = &self.previous {
            match std::fs::remove_file(previous) {
                Ok(()) => sync_folder(previous)?,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(FileOp::Remove.on(previous)(error)),
            }
        }
        Ok(())
    }
}

/// The first key of a new installation; under the lock, since two processes may start at
/// once on an empty folder and only one key may win.
pub(super) fn create(path: &Path) -> Result<KeySet, KeyError> {
    let lock = lock_file(path)?;
    lock.lock().map_err(FileOp::Lock.on(path))?;
    if let Some(set) = KeySet::read(path)? {
        return Ok(set);
    }
    let mut set = KeySet::default();
    set.add_generated()?;
    replace_file(path, &set.text()?)?;
    Ok(set)
}

/// Adds a new master key to the file at `path` and makes it current. Refuses while another
/// rotation holds the lock. The returned [`Rotation`] keeps the lock and the copy of the file
/// as it was until [`Rotation::finish`].
pub(super) fn rotate(path: PathBuf) -> Result<Rotation, KeyError> {
    let lock = lock_file(&path)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Err(KeyError::Locked { path }),
        Err(TryLockError::Error(error)) => return Err(FileOp::Lock.on(&path)(error).into()),
    }
    let before = read_if_any(&path)?;
    let mut set = match &before {
        Some(text) => KeySet::parse(&path, text)?,
        None => KeySet::default(),
    };
    let id = set.add_generated()?;
    let previous = match &before {
        Some(text) => {
            let previous = sibling(&path, ".previous");
            replace_file(&previous, text)?;
            Some(previous)
        }
        None => None,
    };
    replace_file(&path, &set.text()?)?;
    // Success is reported only for what is on disk: every key that was there, and the new
    // one, current.
    let Some(written) = KeySet::read(&path)? else {
        return Err(KeyError::Vanished { path });
    };
    let whole = set
        .keys
        .iter()
        .all(|(id, key)| written.keys.get(id) == Some(key));
    if !whole || written.current != id {
        let kept = previous.unwrap_or_else(|| path.clone());
        return Err(KeyError::NotAsWritten { path, kept });
    }
    Ok(Rotation {
        id,
        path,
        previous,
        _lock: lock,
    })
}
