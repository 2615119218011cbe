//! What making a credential can fail with: a password hash, a random token, a signed access
//! token. Each is a fault of the server, never of the person signing in.

/// A credential that could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// Argon2 refused to hash the password.
    #[error("password hashing failed: {0}")]
    Hashing(#[source] argon2::password_hash::Error),
    /// The system had no randomness to give. Not a `#[source]`: `getrandom::Error` implements
    /// `std::error::Error` only with its `std` feature.
    #[error("no randomness: {0}")]
    Randomness(getrandom::Error),
    /// The access token could not be signed.
    #[error("signing failed: {0}")]
    Signing(#[source] jsonwebtoken::errors::Error),
}
