//! Renders Puente's legal documents from the templates in `templates/documents/` to DOCX, PDF
//! and HTML.
//!
//! It knows nothing of the workflow, HTTP, databases or storage: it takes the facts a document
//! needs ([`Facts`]) and returns bytes. A template (tera) writes light markup ([`markup`]); the
//! markup is read into blocks; each renderer draws the blocks: [`docx`](Format::Docx) with
//! `docx-rs`, [`pdf`](Format::Pdf) with Typst in process, [`html`] by hand, escaping every text.

mod context;
mod docx;
pub mod facts;
pub mod html;
pub mod markup;
mod pdf;
pub mod samples;
pub mod spanish;
mod templates;

pub use facts::{
    Associate, Attorney, BoardRole, Contact, Domicile, Facts, FiledDocument, Gender,
    Identification, LisrFraction, NameAuthorization, Notary, NotaryFees, Paper, Particulars,
};
pub use markup::Document;
pub use templates::Templates;

/// Printed on every page of every generated document.
pub const DRAFT_NOTICE: &str =
    "BORRADOR PARA REVISIÓN DEL ABOGADO RESPONSABLE Y DEL NOTARIO. NO ES UN DOCUMENTO DEFINITIVO.";

/// Why a document could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A template does not parse, or fails while rendering (a missing variable, a bad filter).
    #[error("template {template}, line {line}: {message}")]
    Template {
        /// The template's file name.
        template: String,
        /// The line, from 1 (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The facts name no associate.
    #[error("the case names no associate")]
    NoAssociates,
    /// An associate's nationality has no Spanish word: a deed cannot print a country code
    /// (review M-6), so the lawyer corrects the intake (or the word is added to
    /// `spanish/nationalities.rs`).
    #[error(
        "the nationality «{code}» of {associate} has no Spanish word to print in the documents: \
         correct it in the intake"
    )]
    Nationality {
        /// The associate's position in the facts, from 0.
        position: usize,
        /// The associate's name.
        associate: String,
        /// The code as given.
        code: String,
    },
    /// Typst failed.
    #[error("typesetting the PDF: {0}")]
    Typeset(String),
    /// The DOCX could not be written.
    #[error("writing the DOCX: {0}")]
    Docx(String),
}

/// The documents Puente drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Proyecto de estatutos sociales.
    Bylaws,
    /// Proyecto de acta constitutiva.
    ConstitutiveAct,
    /// Carta al notario.
    NotaryLetter,
    /// Resumen de la solicitud.
    IntakeSummary,
}

impl Kind {
    /// Every document.
    pub const ALL: [Kind; 4] = [
        Kind::Bylaws,
        Kind::ConstitutiveAct,
        Kind::NotaryLetter,
        Kind::IntakeSummary,
    ];

    /// The code the API uses (`bylaws`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Bylaws => "bylaws",
            Kind::ConstitutiveAct => "constitutive_act",
            Kind::NotaryLetter => "notary_letter",
            Kind::IntakeSummary => "intake_summary",
        }
    }

    /// The kind a code names.
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Its template's file.
    pub fn file(self) -> &'static str {
        match self {
            Kind::Bylaws => "bylaws.md",
            Kind::ConstitutiveAct => "constitutive_act.md",
            Kind::NotaryLetter => "notary_letter.md",
            Kind::IntakeSummary => "intake_summary.md",
        }
    }

    /// How the draft notice shows in print: a banner on the drafts, small in the footer of the
    /// letter, which the lawyer signs and sends (review L-5). It is never left out.
    pub fn notice(self) -> Notice {
        match self {
            Kind::NotaryLetter => Notice::Footer,
            _ => Notice::Banner,
        }
    }

    /// The start of a generated file's name (`estatutos`).
    pub fn file_stem(self) -> &'static str {
        match self {
            Kind::Bylaws => "proyecto-de-estatutos",
            Kind::ConstitutiveAct => "proyecto-de-acta-constitutiva",
            Kind::NotaryLetter => "carta-al-notario",
            Kind::IntakeSummary => "resumen-de-la-solicitud",
        }
    }
}

/// Where and how [`DRAFT_NOTICE`] is printed on every page of a PDF or DOCX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// In the header, bold and red.
    Banner,
    /// In the footer, small and grey.
    Footer,
}

/// The formats Puente renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Word (and LibreOffice).
    Docx,
    /// Print-ready PDF.
    Pdf,
    /// A preview page.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Docx, Format::Pdf, Format::Html];

    /// The code the API uses.
    pub fn code(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    /// The format a code names.
    pub fn from_code(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::Html => "text/html; charset=utf-8",
        }
    }
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub content_type: &'static str,
    /// A file name for it (`proyecto-de-estatutos-PUE-2026-000123.docx`).
    pub filename: String,
}

/// Templates and the typesetter, loaded once; renders any document in any format.
#[derive(Debug)]
pub struct Generator {
    templates: Templates,
    /// Loaded on the first PDF: the fonts take a moment to read.
    typesetter: std::sync::OnceLock<Result<pdf::Typesetter, Error>>,
}

impl Generator {
    /// A generator with these templates.
    pub fn new(templates: Templates) -> Generator {
        Generator {
            templates,
            typesetter: std::sync::OnceLock::new(),
        }
    }

    fn typesetter(&self) -> Result<&pdf::Typesetter, Error> {
        self.typesetter
            .get_or_init(pdf::Typesetter::new)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The document's title ("Proyecto de estatutos sociales de …").
    fn title(document: &Document, kind: Kind) -> String {
        document
            .blocks
            .iter()
            .find_map(|b| match b {
                markup::Block::Title { text } => {
                    Some(text.iter().map(|s| s.text.as_str()).collect::<String>())
                }
                _ => None,
            })
            .unwrap_or_else(|| kind.file_stem().to_owned())
    }

    /// The document, read from its template's markup.
    pub fn document(&self, kind: Kind, facts: &Facts) -> Result<Document, Error> {
        Ok(markup::parse(&self.templates.markup(kind, facts)?))
    }

    /// Renders document `kind` for `facts` in `format`.
    pub fn render(&self, kind: Kind, facts: &Facts, format: Format) -> Result<Rendered, Error> {
        let document = self.document(kind, facts)?;
        let title = Generator::title(&document, kind);
        let bytes = match format {
            Format::Docx => docx::render(&title, &document, kind.notice())?,
            Format::Pdf => self.typesetter()?.pdf(&title, &document, kind.notice())?,
            Format::Html => html::page(&title, &document).into_bytes(),
        };
        let reference: String = facts
            .reference
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Ok(Rendered {
            bytes,
            content_type: format.content_type(),
            filename: format!("{}-{reference}.{}", kind.file_stem(), format.code()),
        })
    }

    /// Renders every document in every format for every sample case, and returns what failed:
    /// `puente templates check`.
    pub fn check(&self) -> Vec<(String, Error)> {
        self.check_formats(&Format::ALL)
    }

    /// Renders every template's markup for every sample case (no typesetting), and returns what
    /// failed: the check `puente serve` runs at start-up.
    pub fn check_templates(&self) -> Vec<(String, Error)> {
        self.check_formats(&[])
    }

    fn check_formats(&self, formats: &[Format]) -> Vec<(String, Error)> {
        let mut failures = Vec::new();
        for (name, facts) in samples::all() {
            for kind in Kind::ALL {
                let what = |suffix: &str| format!("{name}/{}{suffix}", kind.code());
                if let Err(error) = self.document(kind, &facts) {
                    failures.push((what(""), error));
                    continue;
                }
                for format in formats {
                    if let Err(error) = self.render(kind, &facts, *format) {
                        failures.push((what(&format!(".{}", format.code())), error));
                    }
                }
            }
        }
        failures
    }
}
