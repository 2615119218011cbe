//! What a spreadsheet needs of a CSV file: cells that cannot run as formulas, every cell quoted,
//! CRLF line ends, and a byte-order mark before the column titles.

use axum::body::Bytes;
use futures::stream::{self, BoxStream, Stream, StreamExt};
use puente_i18n::{Lang, text};

/// What makes a spreadsheet read a cell as a formula, at the start of the cell.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Where a spreadsheet may start a new cell inside ours: the delimiters of the locales (`,`,
/// `;`, a tab) and line ends.
const CELL_BREAKS: [char; 5] = [',', ';', '\t', '\r', '\n'];

/// A cell as a spreadsheet must show it (OWASP's CSV injection guidance): text that would start
/// a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets a leading apostrophe,
/// so a shelter's name can never run as one. The same holds wherever a spreadsheet splitting
/// on another delimiter than ours would start a cell: after a `,`, `;`, tab or line end inside
/// the text (`Casa;=1+1` is written `Casa;'=1+1`).
fn cell(value: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::with_capacity(value.len() + 1);
    let mut starts_cell = true;
    for c in value.chars() {
        if starts_cell && FORMULA_START.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        starts_cell = CELL_BREAKS.contains(&c);
    }
    if out.len() == value.len() {
        value.into()
    } else {
        out.into()
    }
}

/// Writes rows into CSV bytes, every cell through [`cell`] and quoted, CRLF line ends. Quoting
/// every cell keeps a comma, quote or line end inside its cell for a spreadsheet reading commas;
/// one splitting on another delimiter (`;` in much of Latin America and Europe, or a tab) is
/// what [`cell`] guards against inside the text.
pub(super) fn csv_bytes(rows: &[Vec<String>]) -> Bytes {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory fails only on memory exhaustion.
        let _ = writer.write_record(row.iter().map(|value| cell(value).into_owned()));
    }
    Bytes::from(writer.into_inner().unwrap_or_default())
}

/// The bytes of an export: the byte-order mark and the column titles first, then each page of
/// rows.
pub(super) fn csv_body(
    header_row: Vec<String>,
    rows: impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
) -> BoxStream<'static, Result<Bytes, std::io::Error>> {
    let mut first = b"\xEF\xBB\xBF".to_vec();
    first.extend_from_slice(&csv_bytes(&[header_row]));
    // A page whose rows all fell outside the filters writes nothing.
    let rows =
        rows.filter(|page| std::future::ready(!matches!(page, Ok(bytes) if bytes.is_empty())));
    stream::once(async move { Ok(Bytes::from(first)) })
        .chain(rows)
        .boxed()
}

pub(super) fn titles(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|key| text(lang, &format!("csv-{key}"), &[]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_start_a_formula_is_neutralised() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(cell("+52 656"), "'+52 656");
        assert_eq!(cell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\t=1+1"), "'\t'=1+1", "a tab also splits a cell");
        assert_eq!(cell("\rx"), "'\rx");
        assert_eq!(cell("Casa del Migrante"), "Casa del Migrante");
        assert_eq!(cell(""), "");
        // Where a spreadsheet splitting on `;`, `,`, a tab or a line end would start a cell.
        assert_eq!(cell("Casa;=1+1"), "Casa;'=1+1");
        assert_eq!(cell("a,@b\n-c\t+d"), "a,'@b\n'-c\t'+d");
        assert_eq!(cell("Horas: 3; -1 de ajuste"), "Horas: 3; -1 de ajuste");
        assert_eq!(cell("Niños Héroes 12-B"), "Niños Héroes 12-B");
    }

    #[test]
    fn every_cell_is_quoted_neutralised_and_rows_end_in_crlf() {
        let bytes = csv_bytes(&[vec![
            "Niños, \"Héroes\"".to_owned(),
            "línea\nnueva".to_owned(),
            "2026-11-22".to_owned(),
            "Casa;=1+1".to_owned(),
            "=1+1".to_owned(),
            "1.50".to_owned(),
        ]]);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap_or_default(),
            "\"Niños, \"\"Héroes\"\"\",\"línea\nnueva\",\"2026-11-22\",\"Casa;'=1+1\",\"'=1+1\",\"1.50\"\r\n"
        );
    }
}
