//! Passwords, hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, two passes), through
//! a [`Hasher`] that bounds how many hashes run at once, and refused when they are among the
//! most common.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use puente_workflow::FieldError;

use super::CredentialError;
use crate::service::Error;
use crate::service::gate::Gate;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;
/// The longest, to bound the hashing work an anonymous request can cause.
pub const MAX_LENGTH: usize = 256;

/// Checks a new password: its length, that it is not one of the common passwords every
/// attacker tries first, and that it is not mostly words of its `context` (the person's name,
/// e-mail address, organization) or of Puente.
pub fn check(field: &str, password: &str, context: &[&str]) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(field, "password.too_short").with("min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(field, "too_long").with("max", MAX_LENGTH));
    }
    if super::common::is_common(password) {
        return Err(FieldError::new(field, "password.common"));
    }
    if super::common::resembles_context(password, context) {
        return Err(FieldError::new(field, "password.context"));
    }
    Ok(())
}

fn hash_now(password: &str) -> Result<String, CredentialError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(CredentialError::Hashing)
}

fn verify_now(password: &str, stored: &str) -> bool {
    password.len() <= MAX_LENGTH * 4
        && Argon2::default()
            .verify_password(password.as_bytes(), stored)
            .is_ok()
}

/// Hashes a password at once, on this thread (the command line and tests; requests go through
/// a [`Hasher`]).
pub fn hash(password: &str) -> Result<String, CredentialError> {
    hash_now(password)
}

/// A hash of a random password nobody knows, checked when the account does not exist so that a
/// wrong e-mail takes as long as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_now(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

/// Runs password hashing off the async threads, a bounded number at a time: each hash holds
/// 19 MiB, so a burst of sign-ins must queue, and beyond a short queue be refused (503 with
/// `Retry-After`), never grow memory without bound.
pub struct Hasher {
    gate: Gate,
}

impl Hasher {
    /// At most `concurrency` hashes at once (0: one per processor core), and eight times as many
    /// let in, waiting included.
    pub fn new(concurrency: usize) -> Hasher {
        Hasher {
            gate: Gate::new(concurrency, 8),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Error> {
        let _pass = self.gate.enter().await?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|error| Error::Internal(error.to_string()))
    }

    /// Whether `password` matches the stored PHC string.
    pub async fn verify(&self, password: String, stored: String) -> Result<bool, Error> {
        self.run(move || verify_now(&password, &stored)).await
    }

    /// Hashes a password into its PHC string.
    pub async fn hash(&self, password: String) -> Result<String, Error> {
        self.run(move || hash_now(&password))
            .await?
            .map_err(|error| Error::Internal(error.to_string()))
    }
}
