//! Who is calling: passwords, signed access tokens, sessions with single-use refresh tokens,
//! second factors, the throttles in front of them, and the caller a valid access token names.

pub mod caller;
mod common;
pub mod error;
pub mod links;
pub mod mfa;
pub mod password;
pub mod refresh;
pub mod session;
pub mod throttle;
pub mod token;

pub use caller::AuthUser;
pub use error::CredentialError;
pub use password::Hasher;
pub use token::Keys;
