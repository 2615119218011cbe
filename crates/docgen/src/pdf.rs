//! PDF through Typst, in process: the document's blocks go in as JSON data read by a fixed
//! layout (`layout.typ`), so no text is ever interpreted as Typst markup. Fonts ship inside
//! Puente (Libertinus Serif from `typst-assets`), so accents and ñ render the same on every
//! machine.

use serde::Serialize;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::markup::Document;
use crate::{Error, Notice};

const LAYOUT: &str = include_str!("layout.typ");

/// What the layout reads.
#[derive(Serialize)]
struct Data<'a> {
    title: &'a str,
    draft: &'a str,
    /// Where the draft notice goes: `"banner"` (header) or `"footer"`.
    notice: &'a str,
    page_word: &'a str,
    of_word: &'a str,
    blocks: &'a [crate::markup::Block],
}

/// The fonts, the standard library and the layout, loaded once and shared by every render.
pub(crate) struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    layout: Source,
    data: FileId,
}

impl std::fmt::Debug for Typesetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Typesetter")
            .field("fonts", &self.fonts.len())
            .finish_non_exhaustive()
    }
}

/// One render: the shared typesetter and this document's data.
struct Job<'a> {
    typesetter: &'a Typesetter,
    data: Bytes,
}

impl World for Job<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }

    fn main(&self) -> FileId {
        self.typesetter.layout.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.typesetter.layout.id() {
            Ok(self.typesetter.layout.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.typesetter.data {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

impl Typesetter {
    pub(crate) fn new() -> Result<Typesetter, Error> {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let data =
            VirtualPath::new("document.json").map_err(|e| Error::Typeset(format!("{e:?}")))?;
        Ok(Typesetter {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            layout: Source::detached(LAYOUT),
            data: RootedPath::new(VirtualRoot::Project, data).intern(),
        })
    }

    /// Typesets `document` into a PDF.
    pub(crate) fn pdf(
        &self,
        title: &str,
        document: &Document,
        notice: Notice,
    ) -> Result<Vec<u8>, Error> {
        let data = serde_json::to_vec(&Data {
            title,
            draft: crate::DRAFT_NOTICE,
            notice: match notice {
                Notice::Banner => "banner",
                Notice::Footer => "footer",
            },
            page_word: "Página",
            of_word: "de",
            blocks: &document.blocks,
        })
        .map_err(|e| Error::Typeset(e.to_string()))?;
        let job = Job {
            typesetter: self,
            data: Bytes::new(data),
        };
        let messages = |errors: &[typst::diag::SourceDiagnostic]| {
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let paged = typst::compile(&job)
            .output
            .map_err(|errors| Error::Typeset(messages(&errors)))?;
        let pdf = typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default())
            .map_err(|errors| Error::Typeset(messages(&errors)));
        // Typst memoizes across compilations; keep only what the last few renders used, so a
        // long-running server's memory stays bounded.
        typst::comemo::evict(10);
        pdf
    }
}
