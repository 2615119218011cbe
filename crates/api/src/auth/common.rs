//! The passwords every attacker tries first: the 19,640 most common passwords of public breach
//! data (`common-passwords.txt`, the list Django ships with its `CommonPasswordValidator`,
//! compiled by Royce Williams from breach corpora; BSD licence). Spanish ones are there
//! (`contrasena`, `tequiero`, `mexico123`, `cruzazul`); a password is compared in lower case,
//! trimmed and without accents, so `Contraseña` counts as `contrasena`.

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
}
