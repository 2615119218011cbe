//! Document storage: the object store (a local folder, an S3-compatible service or memory),
//! the keys Puente builds for objects, encryption at rest, and what a file is.

pub mod crypto;
pub mod keys;
pub mod maintenance;
pub mod sniff;
pub mod store;

pub use keys::Keyring;
pub use store::DocumentStore;
