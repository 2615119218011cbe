//! Access tokens: JWTs signed with HMAC-SHA256 (the only algorithm accepted), carrying `iss`,
//! `aud`, `sub`, `exp`, `iat`, `nbf`, `jti`, the role, the organization, the account's token
//! version and the session (`sid`); the header's `kid` names the key, so keys can rotate.

use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::CredentialError;
use crate::config::{Secret, Settings};

/// What an access token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// The user's id.
    pub sub: Uuid,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Not before.
    pub nbf: i64,
    /// The token's own id.
    pub jti: Uuid,
    /// `shelter`, `lawyer` or `manager`.
    pub role: String,
    /// The user's organization.
    pub org: Uuid,
    /// Whether the user is an admin.
    pub admin: bool,
    /// The account's token version when issued; raising it revokes the token.
    pub ver: i32,
    /// The session the token belongs to; ending the session stops the token at once.
    pub sid: Uuid,
}

struct Key {
    kid: String,
    decoding: DecodingKey,
}

/// The signing key and the keys still accepted.
pub struct Keys {
    /// The key web forms' anti-forgery tokens are signed with, derived from the current secret
    /// (so every server sharing the secret accepts them).
    form_key: [u8; 32],
    kid: String,
    encoding: EncodingKey,
    accepted: Vec<Key>,
    issuer: String,
    audience: String,
    lifetime: i64,
}

fn kid_of(secret: &Secret) -> String {
    let digest = Sha256::digest(secret.expose().as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl Keys {
    /// The key anti-forgery tokens are signed with.
    pub fn form_key(&self) -> &[u8; 32] {
        &self.form_key
    }

    /// The keys of the configuration: `current` signs; it and `previous` verify.
    pub fn new(current: &Secret, previous: &[Secret], settings: &Settings) -> Keys {
        let accepted = std::iter::once(current)
            .chain(previous)
            .map(|secret| Key {
                kid: kid_of(secret),
                decoding: DecodingKey::from_secret(secret.expose().as_bytes()),
            })
            .collect();
        Keys {
            form_key: Sha256::digest(format!("puente:forms:{}", current.expose()).as_bytes())
                .into(),
            kid: kid_of(current),
            encoding: EncodingKey::from_secret(current.expose().as_bytes()),
            accepted,
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
            lifetime: settings.access_token_seconds,
        }
    }

    /// How long a new token lives, in seconds.
    pub fn lifetime(&self) -> i64 {
        self.lifetime
    }

    /// Signs a token for a user's session.
    pub fn issue(
        &self,
        user: &crate::entity::user::Model,
        sid: Uuid,
        now: i64,
    ) -> Result<String, CredentialError> {
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user.id,
            exp: now + self.lifetime,
            iat: now,
            nbf: now,
            jti: Uuid::now_v7(),
            role: user.role.as_str().to_owned(),
            org: user.organization_id,
            admin: user.admin,
            ver: user.token_version,
            sid,
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        encode(&header, &claims, &self.encoding).map_err(CredentialError::Signing)
    }

    /// Verifies a token: a known `kid`, HS256, the signature, issuer, audience, expiry and
    /// not-before. Any failure is `None`; the reason is not the caller's business.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let header = decode_header(token).ok()?;
        if header.alg != Algorithm::HS256 {
            return None;
        }
        let kid = header.kid?;
        let key = self.accepted.iter().find(|k| k.kid == kid)?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        decode::<Claims>(token, &key.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}
