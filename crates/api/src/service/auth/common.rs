//! The passwords every attacker tries first: the 19,640 most common passwords of public breach
//! data (`common-passwords.txt`, the list Django ships with its `CommonPasswordValidator`,
//! compiled by Royce Williams from breach corpora; BSD licence). Spanish ones are there
//! (`contrasena`, `tequiero`, `mexico123`, `cruzazul`); a password is compared in lower case,
//! trimmed and without accents, so `Contraseña` counts as `contrasena`.
//!
//! Also the words of the context (ASVS 6.2.11): a password that is little more than the
//! person's own name, their e-mail address, their organization's name or Puente's words
//! (`puente2026!`, `Gloria.Hernandez1`) is the next thing tried after the list.

use std::collections::HashSet;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

const LIST: &str = include_str!("common-passwords.txt");

fn folded(password: &str) -> String {
    password
        .trim()
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

fn list() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().map(folded).collect())
}

/// Whether a password is one of the common ones.
pub(super) fn is_common(password: &str) -> bool {
    list().contains(&folded(password))
}

/// Words anybody guessing a password for Puente would try.
const PRODUCT_WORDS: [&str; 6] = [
    "puente",
    "albergue",
    "migrante",
    "asociacion",
    "abogado",
    "abogada",
];

/// The letters and digits that are left of a password when it has too few of its own.
const LEAST_OF_ITS_OWN: usize = 6;

/// Whether a password is mostly words of its context: taking out every word of four letters or
/// more from `context` (a name, an e-mail address, an organization's name) and Puente's own
/// words leaves fewer than six letters and digits.
pub(super) fn resembles_context(password: &str, context: &[&str]) -> bool {
    let mut rest: String = folded(password)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut words: Vec<String> = context
        .iter()
        .flat_map(|text| {
            folded(text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| word.chars().count() >= 4)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .chain(PRODUCT_WORDS.iter().map(|word| (*word).to_owned()))
        .collect();
    // The longest first, so that a word inside another does not leave the other's remains.
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    for word in &words {
        rest = rest.replace(word.as_str(), "");
    }
    rest.chars().count() < LEAST_OF_ITS_OWN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_recognised_in_any_case_and_with_accents() {
        assert!(list().len() >= 10_000, "{}", list().len());
        for common in [
            "password1234",
            "PASSWORD1234",
            " contraseña",
            "Mexico123",
            "teamomucho",
        ] {
            assert!(is_common(common), "{common}");
        }
        for fine in [
            "una-contraseña-larga",
            "contraseña-segura-1",
            "cactus azul de Nogales",
        ] {
            assert!(!is_common(fine), "{fine}");
        }
    }

    #[test]
    fn a_password_made_of_its_context_is_recognised() {
        let context = [
            "Gloria Hernández",
            "gloria.h@pasolibre.org.mx",
            "Casa del Migrante Paso Libre",
        ];
        for guessable in [
            "Puente2026!!",
            "Gloria.Hernandez1",
            "hernandez-gloria",
            "PasoLibre2026",
            "albergue-migrante",
        ] {
            assert!(resembles_context(guessable, &context), "{guessable}");
        }
        for fine in [
            "cactus azul de Nogales",
            "Gloria camina hacia el norte",
            "una-contraseña-larga",
        ] {
            assert!(!resembles_context(fine, &context), "{fine}");
        }
    }
}
