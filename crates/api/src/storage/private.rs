//! The data folder is private: the database and its journal, the signing key, the master keys
//! and the document store's folders and files are readable by Puente's own account only
//! (folders 0700, files 0600).
//!
//! Two layers make it so. Every `puente` command starts by setting the process's file-creation
//! mask to 0o077 ([`restrict_new_files`]): whatever creates a file later (SQLite for its `-wal`
//! and `-shm`, the object store for its folders and temporary files) cannot give group or
//! others any access, without Puente having to reach into each library. And the folders and
//! files Puente creates itself are created owner-only explicitly, so the library used on its own
//! (the tests, another binary) keeps them private too. A folder that already exists is left as
//! the operator made it, with a warning when others can read it.

use std::io;
use std::path::Path;

/// Makes every file and folder this process creates from now on inaccessible to group and
/// others (umask 0o077).
pub fn restrict_new_files() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Creates `path` and its missing parents owner-only (0700); warns when it existed already and
/// others may read it.
pub fn create_dir_all(path: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    let existed = path.is_dir();
    builder.create(path)?;
    #[cfg(unix)]
    if existed {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                folder = %path.display(),
                mode = format!("{:o}", mode & 0o777),
                "others may read Puente's data folder: `chmod -R go-rwx` it"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = existed;
    Ok(())
}

/// Creates an empty file owner-only (0600) unless it exists, so that what a library later opens
/// there (SQLite gives its `-wal` and `-shm` the database file's permissions) starts private.
pub fn create_file(path: &Path) -> io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn folders_and_files_are_created_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("datos").join("documentos");
        create_dir_all(&nested).unwrap();
        for folder in [dir.path().join("datos"), nested.clone()] {
            let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", folder.display());
        }
        let file = nested.join("puente.db");
        create_file(&file).unwrap();
        std::fs::write(&file, b"contenido").unwrap();
        create_file(&file).unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            b"contenido",
            "kept as it was"
        );
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
