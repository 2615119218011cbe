//! One error for every step of the story: a sentence for the person reading the test's output,
//! naming the page and what was on it when that helps.

use std::fmt;

/// What went wrong, in words.
pub struct Error(String);

impl Error {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Error {
        Error(message.into())
    }
}

/// A test that returns `Err` prints the error with `Debug`: the plain message reads best.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<fantoccini::error::CmdError> for Error {
    fn from(error: fantoccini::error::CmdError) -> Error {
        Error(format!("WebDriver: {error}"))
    }
}

impl From<fantoccini::error::NewSessionError> for Error {
    fn from(error: fantoccini::error::NewSessionError) -> Error {
        Error(format!("cannot open a Chromium session: {error}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        Error(error.to_string())
    }
}

/// The result of a step.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Says what was being done when a lower-level error happened.
pub trait Context<T> {
    /// Prefixes the error with `what`.
    fn context(self, what: impl fmt::Display) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl fmt::Display) -> Result<T> {
        self.map_err(|error| Error(format!("{what}: {}", error.into().0)))
    }
}
