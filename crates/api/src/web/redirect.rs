//! Where a page may send a person afterwards (`next` after signing in, `back` after the language
//! switch): only to a page of Puente. The value comes from the address or a form, so anyone can
//! write one into a link; a browser reading `Location` drops tabs and line breaks, takes `\` for
//! `/`, and goes to another site for `//host`, so `/%09/evil.example` (a tab) once sent a
//! signed-in person away. What is accepted is decided here, once, for every such link.

/// How many layers of percent-encoding are looked through; a value still changing after that is
/// refused rather than trusted.
const DECODING_ROUNDS: usize = 4;

/// `candidate` if it is a path of this site, `None` otherwise (the caller then goes home).
///
/// Accepted: printable ASCII without spaces, starting with one `/`, without `\` or `//`, every
/// `%` followed by two hex digits; and the same (spaces allowed) after each round of
/// percent-decoding, for as long as decoding changes it. That refuses other sites (`//evil`,
/// `/\evil`, `/%2F%2Fevil`, `/%5Cevil`), what a browser strips or rewrites (tabs, CR, LF, other
/// controls), schemes (`https:`, `javascript:`), characters that only look like `/` or `\`, and
/// malformed encodings (`%ZZ`).
pub fn local_path(candidate: &str) -> Option<&str> {
    if !candidate.chars().all(|c| c.is_ascii_graphic()) || !shaped_like_a_path(candidate) {
        return None;
    }
    // As sent, the encoding must be well formed; a layer found inside it is decoded the way a
    // lenient server would, keeping a `%` that starts nothing.
    let mut layer = percent_decoded(candidate, true)?;
    for _ in 0..DECODING_ROUNDS {
        let printable = |c: char| c == ' ' || c.is_ascii_graphic();
        if !layer.chars().all(printable) || !shaped_like_a_path(&layer) {
            return None;
        }
        let next = percent_decoded(&layer, false)?;
        if next == layer {
            return Some(candidate);
        }
        layer = next;
    }
    None
}

/// One `/` first, no `\` and no `//` anywhere (a browser reads both as the start of a host).
fn shaped_like_a_path(text: &str) -> bool {
    text.starts_with('/') && !text.contains('\\') && !text.contains("//")
}

/// `text` with its `%XX` sequences decoded. `strict`: `None` when a `%` is not followed by two
/// hex digits or the bytes are not UTF-8; otherwise such a `%` is kept and bytes that are not
/// UTF-8 become U+FFFD (which is then refused as not ASCII).
fn percent_decoded(text: &str, strict: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None if byte == b'%' && strict => return None,
            None => {
                out.push(byte);
                i += 1;
            }
        }
    }
    if strict {
        String::from_utf8(out).ok()
    } else {
        Some(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_puente_are_accepted_as_they_are() {
        for path in [
            "/",
            "/cases/0194f7a0-0000-7000-8000-000000000001",
            "/cases?status=open&q=Casa%20del%20Migrante",
            "/cases/0194f7a0/intake/associates#f-intake-associates",
            "/board?page=2",
            "/shelters?q=100%25",
        ] {
            assert_eq!(local_path(path), Some(path), "{path}");
        }
    }

    #[test]
    fn every_way_to_another_site_is_refused() {
        for attack in [
            // Other hosts, as written and encoded once or twice.
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%252F%252Fevil.example",
            "/%25252F%25252Fevil.example",
            "/x/..//evil.example",
            // What browsers strip: tabs, line breaks, raw or encoded.
            "/\t/evil.example",
            "/%09/evil.example",
            "/\r\n/evil.example",
            "/%0D%0A/evil.example",
            "/%0d%0aSet-Cookie:%20x=y",
            "/%00/evil.example",
            " //evil.example",
            "/ /evil.example",
            // Schemes.
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "%6Aavascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            // Look-alikes of `/` and `\`, raw and encoded.
            "/\u{FF0F}\u{FF0F}evil.example",
            "/%EF%BC%8F%EF%BC%8Fevil.example",
            "/\u{2215}\u{2215}evil.example",
            "/%E2%88%95%E2%88%95evil.example",
            "/\u{FE68}evil.example",
            "/%E2%80%A8/evil.example",
            // Malformed or not a path at all.
            "%ZZ",
            "/%ZZ",
            "/%2",
            "/%E9t%C3",
            "/%FF",
            "",
            "evil.example",
            "cases/1",
            "?next=/",
        ] {
            assert_eq!(local_path(attack), None, "{attack:?}");
        }
    }
}
