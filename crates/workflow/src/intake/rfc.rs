//! The RFC (Registro Federal de Contribuyentes), the SAT's taxpayer key.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// The SAT's alphabet for the check digit: a character's value is its position here (the space
/// pads a legal person's 12-character RFC to 13).
const CHECK_ALPHABET: &str = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

/// Why a text is not an RFC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RfcError {
    /// Not 12 or 13 characters, or characters out of place.
    Format,
    /// Positions of the date are not a real date.
    Date,
    /// The last character does not match the others.
    CheckDigit,
}

impl RfcError {
    /// The stable code of the problem.
    pub fn code(self) -> &'static str {
        match self {
            RfcError::Format => "rfc.format",
            RfcError::Date => "rfc.date",
            RfcError::CheckDigit => "rfc.check_digit",
        }
    }
}

impl fmt::Display for RfcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for RfcError {}

/// An RFC that passed the SAT's format and check digit: 13 characters for a natural person
/// (persona física), 12 for a legal person (persona moral) such as the new association.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rfc(String);

impl Rfc {
    /// Parses an RFC, ignoring surrounding spaces, inner hyphens or spaces, and letter case.
    pub fn parse(text: &str) -> Result<Rfc, RfcError> {
        let rfc: String = text
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| *c != '-' && *c != ' ')
            .collect();
        let chars: Vec<char> = rfc.chars().collect();
        let letters = match chars.len() {
            13 => 4,
            12 => 3,
            _ => return Err(RfcError::Format),
        };
        let is_letter = |c: &char| c.is_ascii_uppercase() || *c == 'Ñ' || *c == '&';
        let homoclave = &chars[letters + 6..];
        let shape = chars[..letters].iter().all(is_letter)
            && chars[letters..letters + 6].iter().all(char::is_ascii_digit)
            && homoclave[..2]
                .iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            && (homoclave[2].is_ascii_digit() || homoclave[2] == 'A');
        if !shape {
            return Err(RfcError::Format);
        }
        if !date_ok(&chars[letters..letters + 6]) {
            return Err(RfcError::Date);
        }
        if check_digit(&chars[..chars.len() - 1]) != Some(chars[chars.len() - 1]) {
            return Err(RfcError::CheckDigit);
        }
        Ok(Rfc(rfc))
    }

    /// Whether it is a legal person's RFC (12 characters).
    pub fn is_legal_person(&self) -> bool {
        self.0.chars().count() == 12
    }

    /// The RFC as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `YYMMDD`: a real day in either century (the RFC does not say which).
fn date_ok(digits: &[char]) -> bool {
    let number = |i: usize| {
        digits[i].to_digit(10).unwrap_or(0) * 10 + digits[i + 1].to_digit(10).unwrap_or(0)
    };
    let (yy, mm, dd) = (number(0), number(2), number(4));
    let (Ok(month), Ok(day)) = (
        Month::try_from(u8::try_from(mm).unwrap_or(0)),
        u8::try_from(dd),
    ) else {
        return false;
    };
    [1900, 2000].into_iter().any(|century| {
        i32::try_from(century + yy)
            .is_ok_and(|year| Date::from_calendar_date(year, month, day).is_ok())
    })
}

/// The SAT's check digit over all characters but the last (a legal person's RFC padded with a
/// leading space to 12): values times weights 13 down to 2, summed, modulo 11; zero gives `0`,
/// otherwise eleven minus it, with ten written `A`.
pub(crate) fn check_digit(body: &[char]) -> Option<char> {
    let padded: Vec<char> = if body.len() == 11 {
        std::iter::once(' ').chain(body.iter().copied()).collect()
    } else {
        body.to_vec()
    };
    let mut sum = 0u32;
    for (position, c) in padded.iter().enumerate() {
        let value = CHECK_ALPHABET.chars().position(|a| a == *c)?;
        sum += u32::try_from(value).ok()? * (13 - u32::try_from(position).ok()?);
    }
    match sum % 11 {
        0 => Some('0'),
        remainder => match 11 - remainder {
            10 => Some('A'),
            digit => char::from_digit(digit, 10),
        },
    }
}

impl TryFrom<String> for Rfc {
    type Error = RfcError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Rfc::parse(&value)
    }
}

impl From<Rfc> for String {
    fn from(rfc: Rfc) -> String {
        rfc.0
    }
}

impl fmt::Display for Rfc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
