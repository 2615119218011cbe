//! What a file is, decided by its content (never by the name or the client's `Content-Type`).
//!
//! Most types show themselves in their first bytes. Office documents (DOCX, ODT) are zip
//! packages, and what a package holds is told by its parts, not by the order its writer put
//! them in: LibreOffice writes `_rels/.rels` first, python-docx `docProps/` before `word/`. So a
//! zip is opened whole ([`package_type`], over its central directory at the end) and is a DOCX
//! when `[Content_Types].xml` names the word-processing main part, an ODT when its `mimetype`
//! entry says so; any other package (a spreadsheet, a macro-enabled document, a plain archive)
//! is refused.

use std::io::{Read, Seek};

/// The kinds of file Puente accepts: scans and photos of papers, and office documents.
pub const ACCEPTED: [&str; 7] = [
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/heif",
    "image/webp",
    DOCX,
    ODT,
];

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT: &str = "application/vnd.oasis.opendocument.text";
/// The content type `[Content_Types].xml` gives a Word document's main part (ECMA-376 part 2).
const DOCX_MAIN_PART: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
/// The most of a package's small descriptive parts read (they are a few KiB; a larger one is
/// not an honest office document, and a zip bomb stops here).
const PART_LIMIT: u64 = 1024 * 1024;

/// How many bytes to look at before deciding.
pub const PEEK: usize = 64 * 1024;

/// What the first bytes of a file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// An accepted type.
    Type(&'static str),
    /// A zip package: only the whole file tells whether it is an accepted document.
    Package,
    /// Not an accepted type.
    Refused,
}

/// What a file starting with `head` is.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") {
        return Sniffed::Package;
    }
    media_type(head).map_or(Sniffed::Refused, Sniffed::Type)
}

/// The accepted media type of a file starting with `head`, or `None` (a zip package is never
/// decided here).
pub fn media_type(head: &[u8]) -> Option<&'static str> {
    let found = infer::get(head)?.mime_type();
    // `infer` accepts a PDF header anywhere in the first KiB, as Acrobat does; that leniency is
    // how HTML or scripts pass for PDF, so Puente wants it at the very start.
    if found == "application/pdf" && !head.starts_with(b"%PDF-") {
        return None;
    }
    if found == DOCX || found == ODT {
        return None;
    }
    // HEIC photos (iPhones) are reported as HEIF.
    ACCEPTED.into_iter().find(|accepted| *accepted == found)
}

/// The accepted office document a whole zip package is (DOCX or ODT), or `None`.
pub fn package_type<R: Read + Seek>(file: R) -> Option<&'static str> {
    let mut archive = zip::ZipArchive::new(file).ok()?;
    if part(&mut archive, "mimetype").is_some_and(|text| text.trim() == ODT) {
        return Some(ODT);
    }
    let types = part(&mut archive, "[Content_Types].xml")?;
    names_value(&types, DOCX_MAIN_PART).then_some(DOCX)
}

/// The text of a package's part, at most [`PART_LIMIT`] bytes of it.
fn part<R: Read + Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(PART_LIMIT).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Whether `xml` has an attribute whose whole value is `value` (quoted either way): the
/// content type must be named, not merely appear inside a longer one.
fn names_value(xml: &str, value: &str) -> bool {
    xml.match_indices(value).any(|(at, _)| {
        let before = xml[..at].chars().next_back();
        let after = xml[at + value.len()..].chars().next();
        matches!(before, Some('"' | '\'')) && before == after
    })
}

/// The extensions a file of an accepted media type may carry, the usual one first.
fn extensions(media_type: &str) -> &'static [&'static str] {
    match media_type {
        "application/pdf" => &["pdf"],
        "image/jpeg" => &["jpg", "jpeg", "jpe"],
        "image/png" => &["png"],
        "image/heif" => &["heic", "heif"],
        "image/webp" => &["webp"],
        DOCX => &["docx"],
        ODT => &["odt"],
        _ => &["bin"],
    }
}

/// The usual extension of an accepted media type.
pub fn extension(media_type: &str) -> &'static str {
    extensions(media_type).first().copied().unwrap_or("bin")
}

/// A name's stem and extension, when it ends in something that looks like one (up to eight
/// letters or digits after the last dot).
fn split_extension(name: &str) -> Option<(&str, &str)> {
    name.rsplit_once('.').filter(|(_, extension)| {
        !extension.is_empty()
            && extension.len() <= 8
            && extension.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// The longest file name kept, in characters.
const NAME_LIMIT: usize = 120;

/// A file name safe to keep as metadata and to offer back in `Content-Disposition`: no path,
/// no control characters, no quotes, at most 120 characters, and ending in an extension of what
/// the content is, whatever the name claimed (a PDF sent as `acta.html` or `acta.hta` is kept
/// as `acta.pdf`, so nothing that opens it by its name runs it as a page or a program);
/// `documento.<ext>` when nothing usable remains.
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
        .collect();
    // Windows drops trailing dots and spaces: `acta.html.` opens as `acta.html`.
    let cleaned = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' ']);
    let accepted = extensions(media_type);
    // `acta.pdf.html` becomes `acta.pdf`, not `acta.pdf.pdf`.
    let (stem, extension) = match split_extension(cleaned) {
        Some((stem, given)) if accepted.contains(&given.to_ascii_lowercase().as_str()) => {
            (stem, given.to_owned())
        }
        Some((stem, _)) => match split_extension(stem) {
            Some((inner, given)) if accepted.contains(&given.to_ascii_lowercase().as_str()) => {
                (inner, given.to_owned())
            }
            _ => (stem, self::extension(media_type).to_owned()),
        },
        None => (cleaned, self::extension(media_type).to_owned()),
    };
    let stem = stem.trim_end_matches(['.', ' ']);
    let stem: String = stem
        .chars()
        .take(NAME_LIMIT.saturating_sub(extension.len() + 1))
        .collect();
    let stem = stem.trim_end_matches(['.', ' ']);
    if stem.is_empty() {
        format!("documento.{extension}")
    } else {
        format!("{stem}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

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
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Sniffed::Package);
        assert_eq!(sniff(b"MZ\x90\0"), Sniffed::Refused);
    }

    fn package(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn types(main: &str) -> String {
        format!(r#"<Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>"#)
    }

    #[test]
    fn a_package_is_what_its_parts_say_in_any_order() {
        let word = types(DOCX_MAIN_PART);
        let docx = [
            ("_rels/.rels", "<Relationships/>"),
            ("docProps/core.xml", "<cp/>"),
            ("word/document.xml", "<w:document/>"),
            ("[Content_Types].xml", word.as_str()),
        ];
        assert_eq!(package_type(Cursor::new(package(&docx))), Some(DOCX));
        let mut reversed = docx;
        reversed.reverse();
        assert_eq!(package_type(Cursor::new(package(&reversed))), Some(DOCX));
        let odt = [("mimetype", ODT), ("content.xml", "<office/>")];
        assert_eq!(package_type(Cursor::new(package(&odt))), Some(ODT));

        let macros = types("application/vnd.ms-word.document.macroEnabled.main+xml");
        let sheet =
            types("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        let longer = types(&format!("{DOCX_MAIN_PART}-not"));
        for refused in [
            vec![("[Content_Types].xml", macros.as_str())],
            vec![("[Content_Types].xml", sheet.as_str())],
            vec![("[Content_Types].xml", longer.as_str())],
            vec![("word/document.xml", "<w:document/>")],
            vec![("mimetype", "application/vnd.oasis.opendocument.spreadsheet")],
        ] {
            assert_eq!(
                package_type(Cursor::new(package(&refused))),
                None,
                "{refused:?}"
            );
        }
        assert_eq!(
            package_type(Cursor::new(b"PK\x03\x04 cut short".to_vec())),
            None
        );
    }

    #[test]
    fn the_extension_follows_the_content() {
        for (given, media, kept) in [
            ("acta.html", "application/pdf", "acta.pdf"),
            ("acta.hta", "application/pdf", "acta.pdf"),
            ("acta.HTML.", "application/pdf", "acta.pdf"),
            ("acta.pdf.html", "application/pdf", "acta.pdf"),
            ("setup.exe", "image/png", "setup.png"),
            ("estatutos.pdf", "application/pdf", "estatutos.pdf"),
            ("INE frente.JPEG", "image/jpeg", "INE frente.JPEG"),
            ("foto.heif", "image/heif", "foto.heif"),
            ("acta v2.1 final", "application/pdf", "acta v2.1 final.pdf"),
            ("estatutos", DOCX, "estatutos.docx"),
            ("estatutos.docx", ODT, "estatutos.odt"),
        ] {
            assert_eq!(safe_filename(Some(given), media), kept, "{given}");
        }
    }

    #[test]
    fn file_names_lose_their_paths_and_dangerous_characters() {
        assert_eq!(
            safe_filename(Some("../../etc/passwd"), "application/pdf"),
            "passwd.pdf"
        );
        assert_eq!(
            safe_filename(Some("C:\\Users\\ana\\INE frente.jpg"), "image/jpeg"),
            "INE frente.jpg"
        );
        assert_eq!(
            safe_filename(Some("acta\"; filename=evil.exe"), "application/pdf"),
            "acta filename=evil.pdf"
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
        let long = safe_filename(Some(&format!("{}.exe", "a".repeat(300))), "application/pdf");
        assert_eq!(long.chars().count(), 120);
        assert!(long.ends_with("a.pdf"));
    }
}
