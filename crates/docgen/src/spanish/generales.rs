//! The words of an associate's generales as the act writes them: civil status agreeing with the
//! person, and the documents they identify themselves with.

use crate::facts::Gender;

/// A civil status (`single`, `married`, `divorced`, `widowed`, `free_union`) as the act says
/// it, agreeing with the person ("casada", "soltero"); for a non-binary person or an unknown
/// gender the masculine generic (templates/documents/README.md, "To confirm with counsel").
/// `None` for an unknown code.
pub fn civil_status(code: &str, gender: Option<Gender>) -> Option<&'static str> {
    let feminine = gender == Some(Gender::Feminine);
    Some(match (code, feminine) {
        ("single", true) => "soltera",
        ("single", false) => "soltero",
        ("married", true) => "casada",
        ("married", false) => "casado",
        ("divorced", true) => "divorciada",
        ("divorced", false) => "divorciado",
        ("widowed", true) => "viuda",
        ("widowed", false) => "viudo",
        ("free_union", _) => "en unión libre",
        _ => return None,
    })
}

/// An identification (`voter_card`, `passport`, `residence_card`, `other`) as the act names it
/// after "se identifica con".
pub fn identification(code: &str) -> Option<&'static str> {
    Some(match code {
        "voter_card" => "credencial para votar",
        "passport" => "pasaporte",
        "residence_card" => "tarjeta de residente",
        "other" => "identificación oficial",
        _ => return None,
    })
}

/// A foreigner's immigration document (`temporary_resident`, `permanent_resident`,
/// `humanitarian_visitor`, `comar_certificate`) as the act names it after "acredita su legal
/// estancia en el país con".
pub fn immigration_document(code: &str) -> Option<&'static str> {
    Some(match code {
        "temporary_resident" => "tarjeta de residente temporal",
        "permanent_resident" => "tarjeta de residente permanente",
        "humanitarian_visitor" => "tarjeta de visitante por razones humanitarias",
        "comar_certificate" => {
            "constancia de trámite ante la Comisión Mexicana de Ayuda a Refugiados"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_status_agrees_with_the_person() {
        assert_eq!(
            civil_status("married", Some(Gender::Feminine)),
            Some("casada")
        );
        assert_eq!(
            civil_status("married", Some(Gender::Masculine)),
            Some("casado")
        );
        assert_eq!(civil_status("widowed", None), Some("viudo"));
        assert_eq!(
            civil_status("free_union", Some(Gender::Feminine)),
            Some("en unión libre")
        );
        assert_eq!(civil_status("casada", None), None);
        assert_eq!(identification("voter_card"), Some("credencial para votar"));
        assert_eq!(
            immigration_document("humanitarian_visitor"),
            Some("tarjeta de visitante por razones humanitarias")
        );
        assert_eq!(immigration_document("visa"), None);
    }
}
