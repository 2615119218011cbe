//! Who is calling: passwords, signed access tokens, single-use refresh tokens, and the
//! extractor that turns a bearer token into a signed-in user.

pub mod extractor;
pub mod password;
pub mod refresh;
pub mod session;
pub mod token;

pub use extractor::AuthUser;
pub use token::Keys;
