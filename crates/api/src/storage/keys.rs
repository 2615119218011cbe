//! Master keys: they wrap each document's own key. Configured as `master_keys`
//! (`kid:base64,…`, 32 bytes each) with `master_key_id` naming the one that wraps new documents,
//! or, in the embedded mode, generated into `data_dir/master-keys.json` (owner-only; how that
//! file is written so no key is ever lost is in [`super::keyfile`]).
//!
//! A running server notices a rotation without a restart: before wrapping a new document's key,
//! and when it meets a key id it does not know, it compares the file's identity (inode, size,
//! modification time) with the one it read and re-reads the file when it changed. A re-read only
//! adds keys: a key the process once held is never forgotten. Configured keys stay as configured.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use super::error::KeyError;
pub use super::keyfile::Rotation;
use super::keyfile::{self, KeySet, Stamp, check_id, decode};
use crate::config::Settings;

/// The file name of the embedded mode's keys inside `data_dir`.
pub const FILE: &str = "master-keys.json";

/// The master keys by id, and the current one; in the embedded mode, kept in step with its file.
pub struct Keyring {
    file: Option<PathBuf>,
    loaded: RwLock<Loaded>,
}

struct Loaded {
    set: KeySet,
    stamp: Option<Stamp>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let loaded = self.read();
        write!(
            f,
            "Keyring(current: {}, ids: {:?})",
            loaded.set.current,
            loaded.set.keys.keys().collect::<Vec<_>>()
        )
    }
}

impl Keyring {
    /// The keys of the configuration, or of the embedded mode's file (created when missing).
    pub fn load(settings: &Settings) -> Result<Keyring, KeyError> {
        if let Some(list) = &settings.master_keys {
            let mut keys = BTreeMap::new();
            let mut last = None;
            for entry in list.expose().split(',').filter(|e| !e.trim().is_empty()) {
                let (id, key) = entry.split_once(':').ok_or(KeyError::BadList)?;
                let id = id.trim().to_owned();
                check_id(&id)?;
                keys.insert(id.clone(), decode(&id, key)?);
                last = Some(id);
            }
            let current = settings
                .master_key_id
                .clone()
                .or(last)
                .ok_or(KeyError::EmptyList)?;
            if !keys.contains_key(&current) {
                return Err(KeyError::UnknownCurrent(current));
            }
            return Ok(Keyring {
                file: None,
                loaded: RwLock::new(Loaded {
                    set: KeySet { current, keys },
                    stamp: None,
                }),
            });
        }
        let path = Keyring::path(settings);
        let set = match KeySet::read(&path)? {
            Some(set) => set,
            None => keyfile::create(&path)?,
        };
        Ok(Keyring {
            loaded: RwLock::new(Loaded {
                set,
                stamp: Stamp::of(&path),
            }),
            file: Some(path),
        })
    }

    /// Where the embedded mode keeps its keys.
    pub fn path(settings: &Settings) -> PathBuf {
        settings.data_dir.join(FILE)
    }

    /// Adds a new master key to the embedded mode's file and makes it current. Refuses while
    /// another rotation holds the lock, and with `master_keys` configured. The returned
    /// [`Rotation`] keeps the lock and the copy of the file as it was until [`Rotation::finish`].
    pub fn rotate(settings: &Settings) -> Result<Rotation, KeyError> {
        if settings.master_keys.is_some() {
            return Err(KeyError::Configured);
        }
        keyfile::rotate(Keyring::path(settings))
    }

    fn read(&self) -> RwLockReadGuard<'_, Loaded> {
        self.loaded.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Re-reads the key file when it is no longer the one last read, adding its keys.
    fn refresh(&self) {
        let Some(path) = &self.file else {
            return;
        };
        let stamp = Stamp::of(path);
        if stamp.is_none() || stamp == self.read().stamp {
            return;
        }
        let set = match KeySet::read(path) {
            Ok(Some(set)) => set,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(%error, "the master key file changed but cannot be read; keeping the keys in use");
                return;
            }
        };
        let mut loaded = self.loaded.write().unwrap_or_else(PoisonError::into_inner);
        let mut conflicting = Vec::new();
        for (id, key) in set.keys {
            match loaded.set.keys.get(&id) {
                Some(known) if *known != key => conflicting.push(id),
                Some(_) => {}
                None => {
                    loaded.set.keys.insert(id, key);
                }
            }
        }
        for id in &conflicting {
            tracing::error!(key = %id, "a master key changed in its file; keeping the one in use");
        }
        if !conflicting.contains(&set.current) {
            loaded.set.current = set.current;
        }
        loaded.stamp = stamp;
    }

    /// The key that wraps new documents, with its id (the file re-read first if it changed).
    pub fn current(&self) -> Result<(String, [u8; 32]), KeyError> {
        self.refresh();
        let loaded = self.read();
        let key = loaded
            .set
            .keys
            .get(&loaded.set.current)
            .ok_or(KeyError::NoCurrentKey)?;
        Ok((loaded.set.current.clone(), *key))
    }

    /// The id of the key that wraps new documents.
    pub fn current_id(&self) -> String {
        self.refresh();
        self.read().set.current.clone()
    }

    /// A key by id; an id not yet known sends the keyring back to its file first.
    pub fn get(&self, id: &str) -> Option<[u8; 32]> {
        if let Some(key) = self.read().set.keys.get(id) {
            return Some(*key);
        }
        self.refresh();
        self.read().set.keys.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    use super::*;

    fn settings(dir: &std::path::Path) -> Settings {
        Settings::from_sources(
            None,
            &[("PUENTE_DATA_DIR".to_owned(), dir.display().to_string())],
        )
        .unwrap()
    }

    #[test]
    fn rotations_in_the_same_instant_add_keys_and_never_replace_one() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let ring = Keyring::load(&settings).unwrap();
        let first = ring.current_id();
        let mut ids = vec![first.clone()];
        for _ in 0..5 {
            let rotation = Keyring::rotate(&settings).unwrap();
            assert!(rotation.previous().unwrap().exists());
            ids.push(rotation.id().to_owned());
            rotation.finish().unwrap();
        }
        let on_disk = KeySet::read(&Keyring::path(&settings)).unwrap().unwrap();
        assert_eq!(on_disk.keys.len(), 6, "{ids:?}");
        assert_eq!(&on_disk.current, ids.last().unwrap());
        assert!(!dir.path().join("master-keys.json.previous").exists());
        // The keyring loaded before the rotations learns them, and still knows the first key.
        assert_eq!(&ring.current().unwrap().0, ids.last().unwrap());
        assert!(ids.iter().all(|id| ring.get(id).is_some()));
    }

    #[test]
    fn a_second_rotation_waits_for_the_first_to_finish() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let rotation = Keyring::rotate(&settings).unwrap();
        let refused = Keyring::rotate(&settings).unwrap_err();
        assert!(matches!(refused, KeyError::Locked { .. }), "{refused}");
        drop(rotation);
        Keyring::rotate(&settings).unwrap().finish().unwrap();
    }

    #[test]
    fn a_re_read_never_forgets_a_key() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let ring = Keyring::load(&settings).unwrap();
        let first = ring.current_id();
        // Someone puts back an old copy holding another key only.
        let mut other = KeySet::default();
        let other_id = other.add_generated().unwrap();
        keyfile::replace_file(&Keyring::path(&settings), &other.text().unwrap()).unwrap();
        assert_eq!(ring.current_id(), other_id);
        assert!(ring.get(&first).is_some());
    }

    #[test]
    fn configured_keys_stay_as_configured() {
        let key = STANDARD.encode([7u8; 32]);
        let settings = Settings::from_sources(
            None,
            &[
                (
                    "PUENTE_MASTER_KEYS".to_owned(),
                    format!("uno:{key},dos:{key}"),
                ),
                ("PUENTE_MASTER_KEY_ID".to_owned(), "uno".to_owned()),
            ],
        )
        .unwrap();
        let ring = Keyring::load(&settings).unwrap();
        assert_eq!(ring.current().unwrap(), ("uno".to_owned(), [7u8; 32]));
        assert!(matches!(
            Keyring::rotate(&settings),
            Err(KeyError::Configured)
        ));
    }

    #[test]
    fn a_damaged_key_file_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let path = Keyring::path(&settings);
        std::fs::write(&path, "{\"current\": ").unwrap();
        let error = Keyring::load(&settings).unwrap_err();
        assert!(
            matches!(&error, KeyError::Malformed { path: named, .. } if *named == path),
            "{error}"
        );
        assert!(error.to_string().contains("master-keys.json"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"current\": ");
    }

    #[test]
    fn configured_keys_that_do_not_parse_say_what_is_wrong() {
        let load = |keys: &str, current: Option<&str>| {
            let mut sources = vec![("PUENTE_MASTER_KEYS".to_owned(), keys.to_owned())];
            sources.extend(current.map(|id| ("PUENTE_MASTER_KEY_ID".to_owned(), id.to_owned())));
            Keyring::load(&Settings::from_sources(None, &sources).unwrap()).unwrap_err()
        };
        let key = STANDARD.encode([7u8; 32]);
        assert!(matches!(load("uno", None), KeyError::BadList));
        assert!(matches!(load("uno:c2hvcnQ=", None), KeyError::BadKey { id } if id == "uno"));
        assert!(matches!(
            load(&format!(":{key}"), None),
            KeyError::BadId { .. }
        ));
        assert!(matches!(
            load(&format!("uno:{key}"), Some("dos")),
            KeyError::UnknownCurrent(id) if id == "dos"
        ));
    }
}
