//! CURP, RFC, e-mail and Mexican state: real-format examples accepted, corruptions rejected.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use puente_workflow::intake::{Curp, CurpError, Email, MexicanState, Rfc, RfcError};

/// RENAPO's published sample CURP and CURPs built by hand with its rules (the last two born in
/// 2000 or later, so position 17 is a letter).
const CURPS: [&str; 4] = [
    "HEGG560427MVZRRL04",
    "PEXJ991231HNELRN02",
    "GARC020315MCHRMRA6",
    "OEPM010101XOCRRLB7",
];

/// RFCs published by their holders: the SAT's documentation example for a natural person, and
/// the SAT's, IMSS's, CFE's and Telmex's own.
const RFCS: [&str; 5] = [
    "GODE561231GR8",
    "SAT970701NN3",
    "IMS421231I45",
    "CFE370814QI0",
    "TME840315KT6",
];

/// The check-digit alphabets, transcribed from RENAPO's and the SAT's specifications.
const CURP_ALPHABET: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
const RFC_ALPHABET: &str = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

fn value(alphabet: &str, c: char) -> Option<i64> {
    alphabet.chars().position(|a| a == c).map(|p| p as i64)
}

#[test]
fn real_format_curps_are_accepted_in_any_case_and_spacing() {
    for curp in CURPS {
        assert_eq!(
            Curp::parse(curp).map(|c| c.to_string()),
            Ok(curp.to_string())
        );
        let sloppy = format!("  {}  ", curp.to_lowercase());
        assert_eq!(
            Curp::parse(&sloppy).map(|c| c.to_string()),
            Ok(curp.to_string())
        );
    }
    let curp = Curp::parse("GARC020315MCHRMRA6").unwrap();
    assert_eq!(curp.birth_date(), Some(time::macros::date!(2002 - 03 - 15)));
    let curp = Curp::parse("HEGG560427MVZRRL04").unwrap();
    assert_eq!(curp.birth_date(), Some(time::macros::date!(1956 - 04 - 27)));
}

#[test]
fn malformed_curps_are_rejected_with_the_reason() {
    let cases = [
        ("", CurpError::Format),
        ("HEGG560427MVZRRL0", CurpError::Format),
        ("HEGG560427MVZRRL045", CurpError::Format),
        ("HBGG560427MVZRRL04", CurpError::Format), // second letter must be a vowel
        ("HEGG560427QVZRRL04", CurpError::Format), // sex must be H, M or X
        ("HEGG560427MZZRRL04", CurpError::Format), // ZZ is no federal entity
        ("HEGG560427MVZARL04", CurpError::Format), // inner consonants only
        ("ZUÑI850228HDFRRN06", CurpError::Format), // RENAPO writes Ñ as X
        ("HEGG561327MVZRRL04", CurpError::BirthDate),
        ("PEXJ850229HNELRN02", CurpError::BirthDate), // 1985 was not a leap year
        ("HEGG560427MVZRRL05", CurpError::CheckDigit),
    ];
    for (text, error) in cases {
        assert_eq!(Curp::parse(text), Err(error), "{text}");
    }
}

/// Changing one character changes the weighted sum by (new − old) × weight; the check digit
/// sees every change where that is not a multiple of the modulus.
fn check_sum_sees(alphabet: &str, modulus: i64, weight: i64, old: char, new: char) -> bool {
    match (value(alphabet, old), value(alphabet, new)) {
        (Some(a), Some(b)) => ((b - a) * weight).rem_euclid(modulus) != 0,
        _ => true,
    }
}

#[test]
fn every_single_character_corruption_of_a_curp_that_its_check_digit_sees_is_rejected() {
    let replacements: Vec<char> = CURP_ALPHABET.chars().filter(|c| *c != 'Ñ').collect();
    let mut rejected = 0;
    for curp in CURPS {
        let chars: Vec<char> = curp.chars().collect();
        for position in 0..chars.len() {
            for &new in &replacements {
                if new == chars[position] {
                    continue;
                }
                let mut corrupt = chars.clone();
                corrupt[position] = new;
                let corrupt: String = corrupt.into_iter().collect();
                let weight = 18 - position as i64;
                let visible = position == 17
                    || check_sum_sees(CURP_ALPHABET, 10, weight, chars[position], new);
                let result = Curp::parse(&corrupt);
                if visible {
                    assert!(result.is_err(), "{corrupt} (from {curp}) was accepted");
                }
                if result.is_err() {
                    rejected += 1;
                }
            }
        }
    }
    // Most corruptions are caught; the rest are ones no CURP check can see.
    let total = CURPS.len() * 18 * (replacements.len() - 1);
    assert!(rejected * 100 / total >= 90, "{rejected} of {total}");
}

#[test]
fn real_rfcs_are_accepted_and_tell_natural_from_legal_persons() {
    for rfc in RFCS {
        let parsed = Rfc::parse(rfc).unwrap_or_else(|e| panic!("{rfc}: {e}"));
        assert_eq!(parsed.as_str(), rfc);
        assert_eq!(parsed.is_legal_person(), rfc.len() == 12);
    }
    assert_eq!(
        Rfc::parse(" gode-561231-gr8 ").map(|r| r.to_string()),
        Ok("GODE561231GR8".into())
    );
}

#[test]
fn malformed_rfcs_are_rejected_with_the_reason() {
    let cases = [
        ("", RfcError::Format),
        ("GODE561231GR", RfcError::Format), // 12 characters but a 4-letter prefix
        ("GOD1561231GR8", RfcError::Format),
        ("GODE56123XGR8", RfcError::Format),
        ("GODE561331GR8", RfcError::Date),
        ("SAT970230NN3", RfcError::Date),
        ("GODE561231GR9", RfcError::CheckDigit),
        ("XAXX010101000", RfcError::CheckDigit), // the SAT's generic RFC is nobody's
    ];
    for (text, error) in cases {
        assert_eq!(Rfc::parse(text), Err(error), "{text}");
    }
}

#[test]
fn every_single_character_corruption_of_an_rfc_that_its_check_digit_sees_is_rejected() {
    let replacements: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ&".chars().collect();
    let mut rejected = 0;
    let mut total = 0;
    for rfc in RFCS {
        let chars: Vec<char> = rfc.chars().collect();
        let pad = 13 - chars.len() as i64;
        for position in 0..chars.len() {
            for &new in &replacements {
                if new == chars[position] {
                    continue;
                }
                total += 1;
                let mut corrupt = chars.clone();
                corrupt[position] = new;
                let corrupt: String = corrupt.into_iter().collect();
                let weight = 13 - (position as i64 + pad);
                let visible = position == chars.len() - 1
                    || check_sum_sees(RFC_ALPHABET, 11, weight, chars[position], new);
                let result = Rfc::parse(&corrupt);
                if visible {
                    assert!(result.is_err(), "{corrupt} (from {rfc}) was accepted");
                }
                if result.is_err() {
                    rejected += 1;
                }
            }
        }
    }
    assert!(rejected * 100 / total >= 90, "{rejected} of {total}");
}

#[test]
fn email_addresses() {
    for good in [
        "contacto@pasolibre.org.mx",
        "Ana.Perez+puente@Example.COM",
        " a@b.mx ",
    ] {
        assert!(Email::parse(good).is_ok(), "{good}");
    }
    assert_eq!(
        Email::parse("Ana@Example.COM").unwrap().as_str(),
        "Ana@example.com"
    );
    for bad in [
        "",
        "sin-arroba",
        "a@b",
        "a@[127.0.0.1]",
        "@pasolibre.org",
        "a@.mx",
        "a b@c.mx",
        "a@-x.mx",
    ] {
        assert!(Email::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn all_thirty_two_federal_entities_and_nothing_else() {
    assert_eq!(MexicanState::ALL.len(), 32);
    let codes: std::collections::BTreeSet<&str> =
        MexicanState::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(codes.len(), 32);
    for state in MexicanState::ALL {
        assert_eq!(state.code().parse::<MexicanState>(), Ok(state));
        assert!(state.code().starts_with("MX-") && state.code().len() == 6);
    }
    assert_eq!(
        "mx-chh".parse::<MexicanState>(),
        Ok(MexicanState::Chihuahua)
    );
    assert_eq!(MexicanState::CiudadDeMexico.name(), "Ciudad de México");
    for bad in ["MX-DIF", "MX-ZZZ", "CHH", "US-TX", ""] {
        assert!(bad.parse::<MexicanState>().is_err(), "{bad}");
    }
    let json = serde_json::to_string(&MexicanState::BajaCaliforniaSur).unwrap();
    assert_eq!(json, "\"MX-BCS\"");
    assert!(serde_json::from_str::<MexicanState>("\"MX-ZZZ\"").is_err());
}
