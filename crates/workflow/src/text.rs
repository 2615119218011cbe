//! What a person may type into a field. A name, an address or a folio is one line: a line break
//! in it would come out as a paragraph of its own wherever the text is shown (an e-mail to every
//! manager, a document, a CSV cell), which is how a phishing line was once slipped into a
//! proposed name. A purpose or a comment may run over several lines. Neither may hold other
//! control characters, nor the invisible marks that reorder how text is displayed (Unicode's
//! bidirectional overrides, the "Trojan Source" trick), which no honest Spanish text needs.

use crate::field_error::FieldError;

/// The code of a text refused for its characters.
pub const CONTROL_CHARACTERS: &str = "text.control_characters";

/// How many lines a field may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: names, addresses, numbers, references.
    One,
    /// Several: line breaks (`\n`, `\r\n`) are kept, nothing else invisible.
    Many,
}

impl Lines {
    fn as_str(self) -> &'static str {
        match self {
            Lines::One => "one",
            Lines::Many => "many",
        }
    }
}

/// Whether `c` has no place in a field of `lines`.
fn refused(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\r' => lines == Lines::One,
        // The line and paragraph separators break lines as surely as `\n` does, and mail
        // readers render them so; a multi-line field has `\n` for that.
        '\u{2028}' | '\u{2029}' => true,
        // Bidirectional embeddings, overrides and isolates.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// Whether `text` holds a character a field of `lines` refuses.
pub fn has_refused_characters(text: &str, lines: Lines) -> bool {
    text.chars().any(|c| refused(c, lines))
}

/// The problem with `field` when `text` holds refused characters (422 `text.control_characters`,
/// its message saying whether line breaks are allowed).
pub fn check(field: &str, text: &str, lines: Lines) -> Option<FieldError> {
    has_refused_characters(text, lines)
        .then(|| FieldError::new(field, CONTROL_CHARACTERS).with("lines", lines.as_str()))
}

/// `text` on one line for showing it amid other text (an e-mail): every run of whitespace and
/// refused characters becomes one space, the ends trimmed. Stored text written before the intake
/// refused control characters comes out harmless too.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || refused(c, Lines::One))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_line_field_refuses_line_breaks_tabs_and_invisible_reordering() {
        for bad in [
            "Casa\r\nVisite http://evil.example",
            "Casa\nDel",
            "Casa\rDel",
            "Casa\tDel",
            "Casa\u{0}",
            "Casa\u{7f}",
            "Casa\u{85}Del",
            "Casa\u{2028}Del",
            "Casa\u{2029}Del",
            "Casa \u{202E}leD",
            "Casa \u{2066}Del\u{2069}",
        ] {
            assert!(has_refused_characters(bad, Lines::One), "{bad:?}");
        }
        for good in [
            "Casa del Migrante «Paso Libre», A.C.",
            "Niños Héroes 123",
            "José  Ñúñez",
        ] {
            assert!(!has_refused_characters(good, Lines::One), "{good:?}");
        }
    }

    #[test]
    fn a_multi_line_field_keeps_line_breaks_and_nothing_else() {
        assert!(!has_refused_characters(
            "Primero.\r\nSegundo.\nTercero.",
            Lines::Many
        ));
        for bad in [
            "Uno\tdos",
            "Uno\u{0}",
            "Uno\u{1b}[31m",
            "Uno\u{2028}dos",
            "\u{202E}x",
        ] {
            assert!(has_refused_characters(bad, Lines::Many), "{bad:?}");
        }
    }

    #[test]
    fn the_problem_names_the_field_and_the_kind_of_field() {
        let problem = check("proposed_names[0]", "A\nB", Lines::One);
        assert_eq!(
            problem.map(|p| (p.field, p.code, p.args)),
            Some((
                "proposed_names[0]".to_owned(),
                CONTROL_CHARACTERS,
                vec![("lines", "one".to_owned())]
            ))
        );
        assert_eq!(check("purpose", "A\nB", Lines::Many), None);
    }

    #[test]
    fn text_shown_on_one_line_has_single_spaces_and_nothing_invisible() {
        assert_eq!(
            one_line("  Casa\r\n\r\nVisite\thttp://evil.example \u{2028} ya\u{202E}  "),
            "Casa Visite http://evil.example ya"
        );
        assert_eq!(
            one_line("Casa\u{a0}\u{2003}del   Migrante"),
            "Casa del Migrante"
        );
        assert_eq!(one_line("\n\t "), "");
    }
}
