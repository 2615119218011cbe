//! The CURP (Clave Única de Registro de Población), RENAPO's 18-character personal key.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// The federal entity codes a CURP may carry at positions 12–13 (`NE` for those born abroad).
const BIRTH_ENTITIES: [&str; 33] = [
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
    "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
    "NE",
];

/// RENAPO's alphabet for the check digit: a character's value is its position here.
const CHECK_ALPHABET: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";

/// Why a text is not a CURP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurpError {
    /// Not 18 characters, or characters out of place.
    Format,
    /// Positions 5–10 are not a real date of birth.
    BirthDate,
    /// The 18th character does not match the other 17.
    CheckDigit,
}

impl CurpError {
    /// The stable code of the problem.
    pub fn code(self) -> &'static str {
        match self {
            CurpError::Format => "curp.format",
            CurpError::BirthDate => "curp.birth_date",
            CurpError::CheckDigit => "curp.check_digit",
        }
    }
}

impl fmt::Display for CurpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for CurpError {}

/// A CURP that passed RENAPO's format and check digit. Stored in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Curp(String);

impl Curp {
    /// Parses a CURP, ignoring surrounding spaces and letter case.
    pub fn parse(text: &str) -> Result<Curp, CurpError> {
        let curp = text.trim().to_uppercase();
        let chars: Vec<char> = curp.chars().collect();
        if chars.len() != 18 || !shape_ok(&chars) {
            return Err(CurpError::Format);
        }
        if birth_date(&chars).is_none() {
            return Err(CurpError::BirthDate);
        }
        if check_digit(&chars[..17]) != Some(chars[17]) {
            return Err(CurpError::CheckDigit);
        }
        Ok(Curp(curp))
    }

    /// The CURP as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date of birth it encodes (the century comes from position 17: a digit for those born
    /// before 2000, a letter after).
    pub fn birth_date(&self) -> Option<Date> {
        let chars: Vec<char> = self.0.chars().collect();
        birth_date(&chars)
    }
}

fn is_consonant(c: char) -> bool {
    c.is_ascii_uppercase() && !"AEIOU".contains(c)
}

/// Letters, first vowel, date digits, sex, entity, inner consonants, homoclave, check digit.
fn shape_ok(chars: &[char]) -> bool {
    let entity: String = chars[11..13].iter().collect();
    chars[0].is_ascii_uppercase()
        && (matches!(chars[1], 'A' | 'E' | 'I' | 'O' | 'U' | 'X'))
        && chars[2..4].iter().all(char::is_ascii_uppercase)
        && chars[4..10].iter().all(char::is_ascii_digit)
        && matches!(chars[10], 'H' | 'M' | 'X')
        && BIRTH_ENTITIES.contains(&entity.as_str())
        && chars[13..16].iter().copied().all(is_consonant)
        && (chars[16].is_ascii_digit() || chars[16].is_ascii_uppercase())
        && chars[17].is_ascii_digit()
}

fn birth_date(chars: &[char]) -> Option<Date> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        chars
            .get(range)?
            .iter()
            .try_fold(0u32, |acc, c| Some(acc * 10 + c.to_digit(10)?))
    };
    let century = if chars.get(16)?.is_ascii_digit() {
        1900
    } else {
        2000
    };
    let year = i32::try_from(century + number(4..6)?).ok()?;
    let month = Month::try_from(u8::try_from(number(6..8)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// RENAPO's check digit over the first 17 characters: each character's value times its weight
/// (18 down to 2), summed; the digit is ten minus the sum's last digit, modulo ten.
pub(crate) fn check_digit(first17: &[char]) -> Option<char> {
    let mut sum = 0u32;
    for (position, c) in first17.iter().enumerate() {
        let value = CHECK_ALPHABET.chars().position(|a| a == *c)?;
        sum += u32::try_from(value).ok()? * (18 - u32::try_from(position).ok()?);
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

impl TryFrom<String> for Curp {
    type Error = CurpError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Curp::parse(&value)
    }
}

impl From<Curp> for String {
    fn from(curp: Curp) -> String {
        curp.0
    }
}

impl fmt::Display for Curp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
