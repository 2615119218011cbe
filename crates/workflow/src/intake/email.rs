//! An e-mail address that can receive mail.

use std::fmt;
use std::str::FromStr;

use email_address::EmailAddress;
use serde::{Deserialize, Serialize};

/// The text is not a usable e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailError;

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("email.invalid")
    }
}

impl std::error::Error for EmailError {}

/// An e-mail address with a local part and a domain name that has a dot, stored with its domain
/// in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address, ignoring surrounding spaces.
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim();
        let parsed = EmailAddress::from_str(text).map_err(|_| EmailError)?;
        let domain = parsed.domain();
        // Addresses at bare host names or IP literals parse, but no shelter or firm uses them.
        let domain_ok = domain.contains('.')
            && !domain.starts_with('[')
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-'));
        if !domain_ok || text.len() > 254 {
            return Err(EmailError);
        }
        Ok(Email(format!(
            "{}@{}",
            parsed.local_part(),
            domain.to_lowercase()
        )))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
