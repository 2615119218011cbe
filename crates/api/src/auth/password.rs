//! Passwords, hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, two passes).

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use puente_workflow::FieldError;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// The longest, to bound the hashing work an anonymous request can cause.
pub const MAX_LENGTH: usize = 256;

/// Checks a new password's length.
pub fn check(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(field, "password.too_short").with("min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(field, "too_long").with("max", MAX_LENGTH));
    }
    Ok(())
}

/// Hashes a password into its PHC string.
pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| format!("password hashing failed: {error}"))
}

/// Whether `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    password.len() <= MAX_LENGTH * 4
        && Argon2::default()
            .verify_password(password.as_bytes(), stored)
            .is_ok()
}

/// A hash of a random password nobody knows, checked when the account does not exist so that a
/// wrong e-mail takes as long as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}
