//! Refresh tokens: random, stored only as their SHA-256, good for one use. Each login starts a
//! family; using a token yields the next one of its family; presenting a used token again
//! revokes the whole family (someone else holds a copy).

use base64::Engine;
use sha2::{Digest, Sha256};

use super::CredentialError;

/// A new random token (256 bits, URL-safe base64).
pub fn generate() -> Result<String, CredentialError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(CredentialError::Randomness)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The stored form of a token.
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
