//! Master keys: they wrap each document's own key. Configured as `master_keys`
//! (`kid:base64,…`, 32 bytes each) with `master_key_id` naming the one that wraps new documents,
//! or, in the embedded mode, generated once into `data_dir/master-keys.json` (owner-only).

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::config::Settings;

/// The master keys by id, and the current one.
#[derive(Clone)]
pub struct Keyring {
    current: String,
    keys: BTreeMap<String, [u8; 32]>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Keyring(current: {}, ids: {:?})",
            self.current,
            self.keys.keys().collect::<Vec<_>>()
        )
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    current: String,
    keys: BTreeMap<String, String>,
}

fn decode(id: &str, text: &str) -> Result<[u8; 32], String> {
    STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| format!("master key `{id}` is not 32 bytes of base64"))
}

impl Keyring {
    /// The keys of the configuration, or of the embedded mode's file (created when missing).
    pub fn load(settings: &Settings) -> Result<Keyring, String> {
        if let Some(list) = &settings.master_keys {
            let mut keys = BTreeMap::new();
            let mut last = None;
            for entry in list.expose().split(',').filter(|e| !e.trim().is_empty()) {
                let (id, key) = entry
                    .split_once(':')
                    .ok_or_else(|| "master_keys must read `id:base64,id:base64`".to_owned())?;
                let id = id.trim().to_owned();
                keys.insert(id.clone(), decode(&id, key)?);
                last = Some(id);
            }
            let current = settings
                .master_key_id
                .clone()
                .or(last)
                .ok_or("master_keys is empty")?;
            if !keys.contains_key(&current) {
                return Err(format!(
                    "master_key_id `{current}` is not among master_keys"
                ));
            }
            return Ok(Keyring { current, keys });
        }
        Keyring::from_file(&settings.data_dir.join("master-keys.json"))
    }

    fn from_file(path: &Path) -> Result<Keyring, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let file: KeyFile =
                    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
                let mut keys = BTreeMap::new();
                for (id, key) in &file.keys {
                    keys.insert(id.clone(), decode(id, key)?);
                }
                if !keys.contains_key(&file.current) {
                    return Err(format!("{}: the current key is missing", path.display()));
                }
                Ok(Keyring {
                    current: file.current,
                    keys,
                })
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let mut ring = Keyring {
                    current: String::new(),
                    keys: BTreeMap::new(),
                };
                ring.add_generated()?;
                ring.save(path)?;
                Ok(ring)
            }
            Err(error) => Err(format!("cannot read {}: {error}", path.display())),
        }
    }

    /// Generates a new key and makes it current; returns its id.
    pub fn add_generated(&mut self) -> Result<String, String> {
        let key = super::crypto::new_key().map_err(|e| e.to_string())?;
        let id = format!("k{}", time::OffsetDateTime::now_utc().unix_timestamp());
        self.keys.insert(id.clone(), key);
        self.current = id.clone();
        Ok(id)
    }

    /// Writes the keyring to its file, readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        use std::io::Write;
        let file = KeyFile {
            current: self.current.clone(),
            keys: self
                .keys
                .iter()
                .map(|(id, key)| (id.clone(), STANDARD.encode(key)))
                .collect(),
        };
        let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let temporary = path.with_extension("json.new");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut out = options
            .open(&temporary)
            .map_err(|e| format!("cannot write {}: {e}", temporary.display()))?;
        out.write_all(text.as_bytes())
            .and_then(|()| out.sync_all())
            .map_err(|e| e.to_string())?;
        std::fs::rename(&temporary, path)
            .map_err(|e| format!("cannot replace {}: {e}", path.display()))
    }

    /// The id of the key that wraps new documents.
    pub fn current_id(&self) -> &str {
        &self.current
    }

    /// A key by id.
    pub fn get(&self, id: &str) -> Option<&[u8; 32]> {
        self.keys.get(id)
    }
}
