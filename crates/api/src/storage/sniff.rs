//! What a file is, decided by its content (never by the name or the client's `Content-Type`).

/// The kinds of file Puente accepts: scans and photos of papers, and office documents.
pub const ACCEPTED: [&str; 7] = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/heif",
    "image/webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
];

/// How many bytes to look at before deciding.
pub const PEEK: usize = 64 * 1024;

/// The accepted media type of a file starting with `head`, or `None`.
pub fn media_type(head: &[u8]) -> Option<&'static str> {
    let found = infer::get(head)?.mime_type();
    // `infer` accepts a PDF header anywhere in the first KiB, as Acrobat does; that leniency is
    // how HTML or scripts pass for PDF, so Puente wants it at the very start.
    if found == "application/pdf" && !head.starts_with(b"%PDF-") {
        return None;
    }
    // HEIC photos (iPhones) are reported as HEIF.
    ACCEPTED.into_iter().find(|accepted| *accepted == found)
}

/// The usual extension of an accepted media type.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/heif" => "heic",
        "image/webp" => "webp",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.oasis.opendocument.text" => "odt",
        _ => "bin",
    }
}

/// A file name safe to keep as metadata and to offer back in `Content-Disposition`: no path,
/// no control characters, no quotes, at most 120 characters; `documento.<ext>` when nothing
/// usable remains.
pub fn safe_filename(given: Option<&str>, media_type: &str) -> String {
    let base = given
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | '|' | '*' | '?' | ':' | ';')
        })
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(120)
        .collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        format!("documento.{}", extension(media_type))
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(
            media_type(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
            Some("application/pdf")
        );
        assert_eq!(
            media_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']),
            Some("image/jpeg")
        );
        assert_eq!(
            media_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("image/png")
        );
        assert_eq!(
            media_type(b"MZ\x90\0\x03\0\0\0"),
            None,
            "a Windows executable"
        );
        assert_eq!(media_type(b"\x7fELF\x02\x01\x01"), None);
        assert_eq!(media_type(b"<!DOCTYPE html><html><body>%PDF-1.7"), None);
        assert_eq!(media_type(b""), None);
    }

    #[test]
    fn file_names_lose_their_paths_and_dangerous_characters() {
        assert_eq!(
            safe_filename(Some("../../etc/passwd"), "application/pdf"),
            "passwd"
        );
        assert_eq!(
            safe_filename(Some("C:\\Users\\ana\\INE frente.jpg"), "image/jpeg"),
            "INE frente.jpg"
        );
        assert_eq!(
            safe_filename(Some("acta\"; filename=evil.exe"), "application/pdf"),
            "acta filename=evil.exe"
        );
        assert_eq!(
            safe_filename(Some("..."), "application/pdf"),
            "documento.pdf"
        );
        assert_eq!(safe_filename(None, "image/png"), "documento.png");
        assert_eq!(
            safe_filename(Some("línea\nnueva.pdf"), "application/pdf"),
            "líneanueva.pdf"
        );
        assert_eq!(
            safe_filename(Some(&"a".repeat(300)), "application/pdf")
                .chars()
                .count(),
            120
        );
    }
}
