//! Document storage: the object store (a local folder, an S3-compatible service or memory),
//! the keys Puente builds for objects, encryption at rest, what a file is, and the privacy of
//! the data folder.

pub mod crypto;
pub mod error;
pub mod inspect;
pub mod keyfile;
pub mod keys;
pub mod private;
pub mod scan;
pub mod sniff;
pub mod spool;
pub mod store;

pub use error::{FileError, FileOp, KeyError};
pub use keys::Keyring;
pub use store::{DocumentStore, StoreConfigError};
