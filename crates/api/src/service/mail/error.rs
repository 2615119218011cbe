//! Why an e-mail could not be written. Trying again would not help (the templates are compiled
//! in, the addresses stored), so the worker records such a message as failed for good.

use lettre::address::AddressError;

/// A template that does not load or render, or a message that cannot be put together.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The compiled-in templates do not load.
    #[error("e-mail templates: {0}")]
    Templates(#[source] tera::Error),
    /// A template fails for this message's facts.
    #[error("{template}: {source}")]
    Render {
        /// The template, as `<lang>/<notice>.txt`.
        template: String,
        /// Tera's reason.
        #[source]
        source: tera::Error,
    },
    /// A template's first line, the subject, came out empty.
    #[error("{0}: the first line (the subject) is empty")]
    NoSubject(String),
    /// `mail_from` is not an address.
    #[error("mail_from: {0}")]
    Sender(#[source] AddressError),
    /// The recipient's stored address is not an address.
    #[error("the recipient's address: {0}")]
    Recipient(#[source] AddressError),
    /// The message cannot be put together.
    #[error("the message: {0}")]
    Message(#[source] lettre::error::Error),
}
