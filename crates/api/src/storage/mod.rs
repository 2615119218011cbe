//! Document storage: the object store (a local folder, an S3-compatible service or memory),
//! the keys Puente builds for objects, and encryption at rest.

pub mod crypto;
