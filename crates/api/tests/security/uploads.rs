//! What an upload is: decided from the content, and the stored name follows. A PDF named
//! `acta.html` or `acta.hta` was kept under that name, to be saved and opened by it on a
//! lawyer's computer as a page or a program. And a DOCX saved by LibreOffice or python-docx was
//! refused with 415 because only the order of the zip's first entries was looked at.

use std::io::{Cursor, Write};

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::files::{objects, pdf, rows};
use crate::common::*;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT: &str = "application/vnd.oasis.opendocument.text";

/// Uploads `bytes` named `name` as an `other` paper of the shelter's case.
async fn send(
    app: &TestApp,
    program: &Program,
    case: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    app.upload(&program.shelter.token, case, "other", None, name, bytes)
        .await
}

/// A download's `Content-Disposition` and bytes, which must be there.
async fn content(app: &TestApp, token: &str, id: &str) -> (String, Vec<u8>) {
    let (status, headers, bytes) = app.download(token, id).await;
    assert_eq!(status, StatusCode::OK);
    let disposition = headers["content-disposition"].to_str().unwrap().to_owned();
    (disposition, bytes)
}

#[tokio::test]
async fn office_documents_from_libreoffice_python_docx_and_word_are_accepted() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let files: [(&str, &[u8], &str); 4] = [
        (
            "estatutos-libreoffice.docx",
            include_bytes!("files/libreoffice.docx"),
            DOCX,
        ),
        (
            "acta-python-docx.docx",
            include_bytes!("files/python-docx.docx"),
            DOCX,
        ),
        (
            "acta-word.docx",
            include_bytes!("files/word-order.docx"),
            DOCX,
        ),
        (
            "estatutos-libreoffice.odt",
            include_bytes!("files/libreoffice.odt"),
            ODT,
        ),
    ];
    for (name, bytes, media_type) in files {
        let (status, stored) = send(&app, &program, &case, name, bytes.to_vec()).await;
        assert_eq!(status, StatusCode::CREATED, "{name}: {stored}");
        assert_eq!(stored["content_type"], media_type, "{name}");
        assert_eq!(stored["filename"], name);
        let (_, back) = content(&app, &program.shelter.token, stored["id"].as_str().unwrap()).await;
        assert_eq!(back, bytes, "{name} reads back whole");
    }
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

#[tokio::test]
async fn other_zip_packages_are_refused_and_leave_nothing() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let types = |main: &str| {
        format!(r#"<Types><Override PartName="/word/document.xml" ContentType="{main}"/></Types>"#)
    };
    let macros = types("application/vnd.ms-word.document.macroEnabled.main+xml");
    let sheet = types("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    let refused = [
        (
            "macros.docx",
            package(&[
                ("[Content_Types].xml", &macros),
                ("word/document.xml", "<w/>"),
            ]),
        ),
        ("hoja.docx", package(&[("[Content_Types].xml", &sheet)])),
        // Looks like Word's layout at the start, but names no document part.
        (
            "falso.docx",
            package(&[("word/document.xml", "<w/>"), ("word/x.xml", "<x/>")]),
        ),
        ("archivo.zip", package(&[("leeme.txt", "hola")])),
        (
            "cortado.docx",
            include_bytes!("files/libreoffice.docx")[..2_000].to_vec(),
        ),
    ];
    for (name, bytes) in refused {
        let (status, problem) = send(&app, &program, &case, name, bytes).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{name}: {problem}"
        );
        assert_eq!(problem["code"], "unsupported_document_type");
    }
    assert_eq!(rows(&app).await, 0);
    assert!(objects(&app).await.is_empty());
}

#[tokio::test]
async fn a_pdf_named_as_a_page_or_a_program_is_stored_as_a_pdf() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    for (given, kept) in [
        ("acta.html", "acta.pdf"),
        ("acta.hta", "acta.pdf"),
        ("instalar.exe", "instalar.pdf"),
        ("acta.pdf.html", "acta.pdf"),
        ("acta", "acta.pdf"),
    ] {
        let (status, stored) = send(&app, &program, &case, given, pdf(1_000)).await;
        assert_eq!(status, StatusCode::CREATED, "{given}: {stored}");
        assert_eq!(stored["filename"], kept, "{given}");
        let (disposition, _) =
            content(&app, &program.shelter.token, stored["id"].as_str().unwrap()).await;
        assert!(
            disposition.contains(&format!("filename=\"{kept}\"")),
            "{given}: {disposition}"
        );
    }
}
