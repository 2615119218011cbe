//! Who is calling: passwords, signed access tokens, sessions with single-use refresh tokens,
//! second factors, the throttles in front of them, and the extractor that turns a bearer token
//! into a signed-in user.

mod common;
pub mod extractor;
pub mod links;
pub mod mfa;
pub mod password;
pub mod refresh;
pub mod session;
pub mod throttle;
pub mod token;

pub use extractor::AuthUser;
pub use password::Hasher;
pub use token::Keys;
