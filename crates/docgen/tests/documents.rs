//! Generated documents, read back from every format: each sample's text matches its reviewed
//! snapshot (`tests/snapshots/`, rewritten with `PUENTE_UPDATE_SNAPSHOTS=1` for review), the
//! clauses that depend on the facts are there exactly when they should be, and hostile input
//! comes out as literal text.
//!
//! The tests that need LibreOffice and `pdftotext` (Debian's `libreoffice-writer` and
//! `poppler-utils`, which `.ci/run` installs) are ignored by a plain `cargo test` and run with
//! `-- --include-ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Command;

use puente_docgen::{Facts, Format, Generator, Kind, Templates, samples};

fn generator() -> Generator {
    Generator::new(Templates::embedded().unwrap())
}

/// Visible text of a DOCX body: every `w:t`, paragraphs and cells on lines of their own.
fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').unwrap() + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag == "/w:p" {
            text.push('\n');
        } else if tag.starts_with("w:br") || tag.starts_with("w:tab/") || tag == "w:tab /" {
            text.push(' ');
        } else if tag.starts_with("w:t")
            && !tag.ends_with('/')
            && !tag.starts_with("w:tbl")
            && !tag.starts_with("w:tc")
            && !tag.starts_with("w:tr")
            && !tag.starts_with("w:tab")
        {
            let close = rest.find("</w:t>").unwrap();
            text.push_str(&unescape_xml(&rest[..close]));
            rest = &rest[close..];
        }
    }
    text
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Visible text of an HTML page's body.
fn html_text(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap()..];
    let mut text = String::new();
    let mut inside = false;
    for c in body.chars() {
        match c {
            '<' => {
                inside = true;
                text.push(' ');
            }
            '>' => inside = false,
            c if !inside => text.push(c),
            _ => {}
        }
    }
    unescape_xml(&text)
}

/// The words of a text, in order, lower case, without punctuation, hyphens or line breaks
/// (so that PDF hyphenation and each format's punctuation of labels compare equal).
fn words(text: &str) -> Vec<String> {
    // A word hyphenated at the end of a line (with a hyphen, a Unicode hyphen or a soft hyphen)
    // is one word.
    text.replace("-\n", "")
        .replace("\u{2010}\n", "")
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Equal word sequences, or a panic showing where they part.
fn assert_same_words(found: &[String], expected: &[String], what: &str) {
    if let Some(at) =
        (0..found.len().max(expected.len())).find(|&i| found.get(i) != expected.get(i))
    {
        let window = |w: &[String]| w[at.saturating_sub(8)..(at + 8).min(w.len())].join(" ");
        panic!(
            "{what}: the words part at {at}:\n  found:    …{}…\n  expected: …{}…",
            window(found),
            window(expected)
        );
    }
}

fn bag(words: &[String]) -> BTreeMap<&str, usize> {
    let mut bag = BTreeMap::new();
    for w in words {
        *bag.entry(w.as_str()).or_insert(0) += 1;
    }
    bag
}

/// The reviewed text of a sample's document, or a fresh one written for review.
fn snapshot(name: &str, kind: Kind, text: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.{}.txt", kind.code()));
    if std::env::var_os("PUENTE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {} (write it with PUENTE_UPDATE_SNAPSHOTS=1 and review it)",
            path.display()
        )
    })
}

#[test]
fn every_document_matches_its_reviewed_text_in_docx_and_html() {
    let generator = generator();
    for (name, facts) in samples::all() {
        for kind in Kind::ALL {
            let text = generator.document(kind, &facts).unwrap().plain_text();
            let reviewed = snapshot(name, kind, &text);
            assert_eq!(text, reviewed, "{name}/{}: text changed", kind.code());
            let expected = words(&reviewed);
            let docx = generator.render(kind, &facts, Format::Docx).unwrap();
            assert_same_words(
                &words(&docx_text(&docx.bytes)),
                &expected,
                &format!("{name}/{} DOCX", kind.code()),
            );
            let html = generator.render(kind, &facts, Format::Html).unwrap();
            let html = String::from_utf8(html.bytes).unwrap();
            let mut with_notice = words(puente_docgen::DRAFT_NOTICE);
            with_notice.extend(expected);
            assert_same_words(
                &words(&html_text(&html)),
                &with_notice,
                &format!("{name}/{} HTML", kind.code()),
            );
        }
    }
}

fn text_of(kind: Kind, facts: &Facts) -> String {
    generator().document(kind, facts).unwrap().plain_text()
}

#[test]
fn the_clauses_follow_the_facts() {
    let mexican = text_of(Kind::Bylaws, &samples::mexican_board_donataria());
    let foreigner = text_of(Kind::Bylaws, &samples::foreigner_sole_administrator());
    let foreigners = text_of(Kind::ConstitutiveAct, &samples::foreigners_board());

    // Foreigners: the admission clause when any associate is not Mexican, else exclusion.
    assert!(mexican.contains("Exclusión de extranjeros"));
    assert!(!mexican.contains("Admisión de extranjeros"));
    assert!(foreigner.contains("Admisión de extranjeros"));
    assert!(foreigner.contains("no invocar, por lo mismo, la protección de su gobierno"));
    assert!(!foreigner.contains("Exclusión de extranjeros"));

    // Donataria autorizada: the SAT's irrevocable clauses, only when intended (tests/bylaws.rs
    // takes them one by one).
    for clause in [
        "artículo 79, fracción VI, de la Ley del Impuesto sobre la Renta",
        "No otorgará beneficios sobre el remanente distribuible",
        "cambio de residencia para efectos fiscales",
        "no intervendrá en campañas políticas",
    ] {
        assert!(mexican.contains(clause), "{clause}");
        assert!(!foreigner.contains(clause), "{clause}");
    }
    assert_eq!(mexican.matches("carácter irrevocable").count(), 3);

    // Board or sole administrator.
    assert!(mexican.contains("consejo directivo integrado por un presidente"));
    assert!(mexican.contains("Presidenta | Gloria Hernández García"));
    assert!(!mexican.contains("administrador único"));
    assert!(foreigner.contains("Se designa administrador único a Jean-Baptiste Noël."));
    assert!(!foreigner.contains("consejo directivo"));

    // Singular and plural; numbers and dates in words.
    assert!(foreigner.contains("ARTÍCULO DÉCIMO"));
    let act = text_of(
        Kind::ConstitutiveAct,
        &samples::foreigner_sole_administrator(),
    );
    assert!(act.contains("comparecen dos personas"), "{act}");
    assert!(act.contains("La persona asociada de nacionalidad extranjera conviene"));
    // The day of the draft is not the day of the signing (tests/notary.rs takes the act's
    // blanks one by one).
    assert!(!act.contains("veintidós de noviembre de dos mil veintiséis"));
    assert!(foreigners.contains("comparecen cuatro personas"));
    assert!(
        foreigners.contains("Las tres personas asociadas de nacionalidad extranjera convienen")
    );
    assert!(foreigners.contains("de nacionalidad hondureña"));

    // Chapters of DOMAIN.md, every one.
    for chapter in [
        "De la denominación, el domicilio, la duración y la nacionalidad",
        "Del objeto social",
        "Del patrimonio",
        "De los asociados",
        "De la asamblea general",
        "De la administración",
        "De la vigilancia",
        "Del ejercicio social",
        "De la disolución y la liquidación",
        "TRANSITORIOS",
    ] {
        assert!(mexican.contains(chapter), "{chapter}");
    }
    assert!(
        mexican
            .contains("Se designa representante legal de la asociación a Gloria Hernández García")
    );

    // The intake summary lists the five names in order; dates in Spanish.
    let summary = text_of(Kind::IntakeSummary, &samples::mexican_board_donataria());
    let positions: Vec<usize> = samples::mexican_board_donataria()
        .proposed_names
        .iter()
        .map(|n| summary.find(n.as_str()).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{summary}");
    assert!(summary.contains("22 de noviembre de 2026"));
    let letter = text_of(Kind::NotaryLetter, &samples::mexican_board_donataria());
    assert!(letter.contains("Secretaría de Economía el 1 de octubre de 2026"));
    assert!(letter.contains("Último día para el aviso de uso | 30 de marzo de 2027"));
    assert!(letter.contains("Identificación oficial de Gloria Hernández García"));
}

/// Text no one should be able to smuggle into a document as structure or code.
const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "{ DATE \\@ \"yyyy\" }",
    "{{ denominacion }}",
    "{% if true %}sí{% endif %}",
    "# Título falso",
    "| celda | falsa |",
    "```firmas",
    "שלום עולם",
    "\u{202e}odatsE",
];

fn hostile_facts() -> Facts {
    let mut facts = samples::foreigner_sole_administrator();
    facts.proposed_names = vec![HOSTILE.join(" ")];
    facts.purpose = format!("{} {}", HOSTILE.join("\n"), "Palabra ".repeat(1500));
    facts.associates[0].full_name = HOSTILE[0].into();
    facts.associates[1].full_name = format!("{} {}", HOSTILE[1], HOSTILE[2]);
    facts.contact.name = HOSTILE[3].into();
    facts
}

#[test]
fn hostile_input_comes_out_as_literal_text_in_docx_and_html() {
    let generator = generator();
    let facts = hostile_facts();
    for kind in Kind::ALL {
        let document = generator.document(kind, &facts).unwrap();
        let text = document.plain_text();
        // The name carries every hostile piece; it comes out whole, so no template code in it
        // ran and no markup in it took effect.
        assert!(text.contains(&HOSTILE.join(" ")), "{}: {text}", kind.code());
        let docx = docx_text(&generator.render(kind, &facts, Format::Docx).unwrap().bytes);
        let html =
            String::from_utf8(generator.render(kind, &facts, Format::Html).unwrap().bytes).unwrap();
        assert!(!html.contains("<script>"), "{}", kind.code());
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        for piece in HOSTILE {
            if text.contains(piece) {
                assert!(docx.contains(piece), "{} DOCX lacks {piece}", kind.code());
                assert!(
                    html_text(&html).contains(piece),
                    "{} HTML lacks {piece}",
                    kind.code()
                );
            }
        }
        // The only headings are the template's own.
        assert!(!html.contains("<h1 class=\"title\">Título falso"));
    }
    let act = text_of(Kind::ConstitutiveAct, &facts);
    for piece in HOSTILE {
        assert!(act.contains(piece.trim()), "the act lacks {piece}");
    }
}

#[test]
fn a_pdf_is_typeset_with_its_fonts_for_every_document() {
    let generator = generator();
    for (name, facts) in samples::all() {
        for kind in Kind::ALL {
            let pdf = generator.render(kind, &facts, Format::Pdf).unwrap();
            assert!(pdf.bytes.starts_with(b"%PDF-"), "{name}/{}", kind.code());
            let raw = String::from_utf8_lossy(&pdf.bytes);
            assert!(raw.contains("LibertinusSerif"), "the font is embedded");
            assert_eq!(pdf.content_type, "application/pdf");
        }
    }
}

fn tool(name: &str) -> Command {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        found,
        "{name} is missing: install libreoffice-writer and poppler-utils (.ci/run does)"
    );
    Command::new(name)
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = tool("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// A PDF's text without what every page repeats (the draft notice, "Página N de M", the page
/// feeds), so that a word hyphenated across a page break reads as one word.
fn body_text(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_start_matches('\u{c}'))
        .filter(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let page_number = matches!(words[..], ["Página", n, "de", m]
                if n.chars().chain(m.chars()).all(|c| c.is_ascii_digit()));
            !words.is_empty() && !page_number && l.trim() != puente_docgen::DRAFT_NOTICE
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What must be legible in any rendering of a sample: the association's name, every associate,
/// and for the bylaws every chapter.
fn must_read(kind: Kind, facts: &Facts, text: &str, what: &str) {
    let flat = words(text).join(" ");
    let has = |needle: &str| flat.contains(&words(needle).join(" "));
    assert!(has(facts.name()), "{what}: the name");
    // A name in a narrow table column wraps, and a PDF's text then reads its lines in another
    // order, between the next cells' ("Cárdenas mexicana Secretaria … María Elena Villarreal"):
    // each of its words must be there. The snapshots hold the exact text.
    let all = words(text);
    for associate in &facts.associates {
        let missing: Vec<String> = words(&associate.full_name)
            .into_iter()
            .filter(|word| !all.contains(word))
            .collect();
        assert!(
            missing.is_empty(),
            "{what}: {} lacks {missing:?}",
            associate.full_name
        );
    }
    if kind == Kind::Bylaws {
        for chapter in [
            "del objeto social",
            "del patrimonio",
            "de la asamblea general",
            "de la vigilancia",
            "transitorios",
        ] {
            assert!(has(chapter), "{what}: {chapter}");
        }
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils; .ci/run installs it)"]
fn every_pdf_reads_back_with_pdftotext() {
    let generator = generator();
    let dir = tempfile::tempdir().unwrap();
    let header = words(puente_docgen::DRAFT_NOTICE);
    for (name, facts) in samples::all() {
        for kind in Kind::ALL {
            let pdf = generator.render(kind, &facts, Format::Pdf).unwrap();
            let path = dir.path().join(format!("{name}.{}.pdf", kind.code()));
            std::fs::write(&path, &pdf.bytes).unwrap();
            let text = pdftotext(&path);
            let what = format!("{name}/{} PDF", kind.code());
            must_read(kind, &facts, &text, &what);
            // Every word of the reviewed text is there, as often; nothing else is but the
            // header, page numbers and list numbers.
            let reviewed = words(&generator.document(kind, &facts).unwrap().plain_text());
            let found = words(&body_text(&text));
            let (want, got) = (bag(&reviewed), bag(&found));
            for (word, count) in &want {
                let prefix: String = word.chars().take(5).collect();
                let near = text.to_lowercase().find(&prefix).map(|at| {
                    text.to_lowercase()[at..]
                        .chars()
                        .take(60)
                        .collect::<String>()
                });
                assert!(
                    got.get(word).copied().unwrap_or(0) >= *count,
                    "{what}: «{word}» ×{count}, found ×{} (near: {near:?})",
                    got.get(word).copied().unwrap_or(0)
                );
            }
            for word in got.keys() {
                assert!(
                    want.contains_key(word)
                        || header.iter().any(|h| h == word)
                        || ["página", "de"].contains(word)
                        || word.chars().all(|c| c.is_ascii_digit()),
                    "{what}: unexpected «{word}»"
                );
            }
        }
    }
    // Hostile text too, including right-to-left script.
    let facts = hostile_facts();
    let pdf = generator
        .render(Kind::IntakeSummary, &facts, Format::Pdf)
        .unwrap();
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = pdftotext(&path);
    for piece in [
        "<script>alert('x')</script>",
        "{{ denominacion }}",
        "{% if true %}",
        "שלום",
    ] {
        assert!(text.contains(piece), "hostile PDF lacks {piece}: {text}");
    }
}

/// The identifiers a sample's documents print: CURPs, RFCs, the CUD and the e-mails.
fn identifiers(facts: &Facts) -> Vec<String> {
    let mut found: Vec<String> = facts
        .associates
        .iter()
        .flat_map(|a| [a.curp.clone(), a.rfc.clone()])
        .flatten()
        .collect();
    found.extend(
        facts
            .name_authorization
            .iter()
            .filter_map(|a| a.cud.clone()),
    );
    found.extend(facts.attorney.iter().map(|a| a.email.clone()));
    found.push(facts.contact.email.clone());
    found.push(facts.reference.clone());
    found
}

#[test]
#[ignore = "needs pdftotext (poppler-utils; .ci/run installs it)"]
fn every_identifier_reads_whole_in_the_pdf() {
    // Review M-9: an e-mail hyphenated across lines ("maria@casa-ixtepec-tren-y-" /
    // "-esperanza.ejemplo.mx") is copied wrong. Long identifiers, and attorneys' names of every
    // length so that the e-mail after them lands at every point of a line.
    let generator = generator();
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, Facts)> = samples::all()
        .into_iter()
        .map(|(name, facts)| (name.to_owned(), facts))
        .collect();
    for extra in 0..24 {
        let mut facts = samples::mexican_board_donataria();
        let attorney = facts.attorney.as_mut().unwrap();
        attorney.name = format!("Lic. María{} Cortés Ruiz", " de la Peña".repeat(extra % 6));
        attorney.email =
            format!("voluntariado{extra}@casa-ixtepec-tren-y-esperanza-{extra}.ejemplo.org.mx");
        facts.contact.email = format!("contacto-{extra}@hermanos-en-el-camino-ixtepec.org.mx");
        facts.associates[0].rfc = Some(format!("HEGG56042{}JD4", extra % 10));
        cases.push((format!("long_identifiers_{extra}"), facts));
    }
    for (name, facts) in &cases {
        for kind in [
            Kind::ConstitutiveAct,
            Kind::NotaryLetter,
            Kind::IntakeSummary,
        ] {
            let pdf = generator.render(kind, facts, Format::Pdf).unwrap();
            let path = dir.path().join(format!("{name}.{}.pdf", kind.code()));
            std::fs::write(&path, &pdf.bytes).unwrap();
            let text = pdftotext(&path);
            let markup = generator.document(kind, facts).unwrap().plain_text();
            for identifier in identifiers(facts) {
                // Only what this document prints (the act prints no e-mail).
                if markup.contains(&identifier) {
                    assert!(
                        text.contains(&identifier),
                        "{name}/{}: «{identifier}» is split in the PDF:\n{text}",
                        kind.code()
                    );
                }
            }
        }
        let letter = dir.path().join(format!("{name}.notary_letter.pdf"));
        assert!(
            pdftotext(&letter).contains(puente_docgen::DRAFT_NOTICE),
            "{name}: the letter still carries the draft notice, in its footer"
        );
    }
}

#[test]
#[ignore = "needs LibreOffice and pdftotext (libreoffice-writer, poppler-utils; .ci/run installs them)"]
fn every_docx_converts_with_libreoffice_and_reads_back() {
    let generator = generator();
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (name, facts) in samples::all() {
        for kind in Kind::ALL {
            let docx = generator.render(kind, &facts, Format::Docx).unwrap();
            let stem = format!("{name}.{}", kind.code());
            std::fs::write(dir.path().join(format!("{stem}.docx")), &docx.bytes).unwrap();
            expected.push((stem, kind, facts.clone()));
        }
    }
    let hostile = generator
        .render(Kind::ConstitutiveAct, &hostile_facts(), Format::Docx)
        .unwrap();
    std::fs::write(dir.path().join("hostile.docx"), &hostile.bytes).unwrap();
    let profile = dir.path().join("profile");
    let mut command = tool("libreoffice");
    command
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("pdf"));
    for (stem, _, _) in &expected {
        command.arg(dir.path().join(format!("{stem}.docx")));
    }
    command.arg(dir.path().join("hostile.docx"));
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "libreoffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (stem, kind, facts) in &expected {
        let pdf = dir.path().join("pdf").join(format!("{stem}.pdf"));
        assert!(pdf.exists(), "LibreOffice converted {stem}");
        let text = pdftotext(&pdf);
        must_read(*kind, facts, &text, &format!("{stem} via LibreOffice"));
        assert!(
            text.contains("BORRADOR PARA REVISIÓN"),
            "{stem}: the header"
        );
        assert!(text.contains("Página 1 de"), "{stem}: page numbers");
    }
    // For people to look at: PUENTE_DOCUMENTS_OUT=folder keeps the DOCX files, LibreOffice's
    // PDFs of them, and Puente's own PDFs.
    if let Some(out) = std::env::var_os("PUENTE_DOCUMENTS_OUT") {
        let out = std::path::PathBuf::from(out);
        std::fs::create_dir_all(&out).unwrap();
        for (stem, kind, facts) in &expected {
            std::fs::copy(
                dir.path().join(format!("{stem}.docx")),
                out.join(format!("{stem}.docx")),
            )
            .unwrap();
            std::fs::copy(
                dir.path().join("pdf").join(format!("{stem}.pdf")),
                out.join(format!("{stem}.libreoffice.pdf")),
            )
            .unwrap();
            let pdf = generator.render(*kind, facts, Format::Pdf).unwrap();
            std::fs::write(out.join(format!("{stem}.pdf")), pdf.bytes).unwrap();
        }
    }
    let text = pdftotext(&dir.path().join("pdf").join("hostile.pdf"));
    for piece in [
        "<script>alert('x')</script>",
        "{ DATE \\@ \"yyyy\" }",
        "{{ denominacion }}",
    ] {
        assert!(text.contains(piece), "hostile DOCX lacks {piece}: {text}");
    }
}
