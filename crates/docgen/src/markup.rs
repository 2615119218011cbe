//! The light markup a rendered template is written in, read into the blocks every renderer
//! draws. It is CommonMark (with tables) plus a few conventions of legal drafting:
//!
//! - `# Title`; `## Capítulo: Title` is a chapter, numbered ("CAPÍTULO PRIMERO");
//! - `### Artículo: Title`, `### Cláusula: Title` and `### Transitorio: Title` are numbered
//!   articles, clauses and transitory articles, each with its own count ("ARTÍCULO DÉCIMO
//!   PRIMERO", "SEGUNDA", "PRIMERO"); any other heading is a plain heading;
//! - a fenced block of kind `firmas` holds one signature per line, `Name | role`;
//! - `---` starts a new page;
//! - text between [`IDENTIFIER_START`] and [`IDENTIFIER_END`] (written by the templates'
//!   `identificador` filter, never by a user: [`escape`] drops both) is an identifier, a CURP,
//!   RFC, CUD, e-mail or folio, which the PDF never splits across lines (review M-9).
//!
//! Raw HTML is never passed through: it is shown as the text it is.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::spanish;

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The text, literal.
    pub text: String,
    /// Bold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// An identifier (CURP, RFC, CUD, e-mail, folio): kept whole on one line, never hyphenated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub identifier: bool,
}

/// A line of styled text.
pub type Line = Vec<Span>;

/// One person's signature line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    /// The name under the line.
    pub name: String,
    /// What they sign as.
    pub role: String,
}

/// What a document is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The document's title.
    Title {
        /// Its text.
        text: Line,
    },
    /// A numbered chapter.
    Chapter {
        /// "CAPÍTULO PRIMERO".
        label: String,
        /// Its title.
        text: Line,
    },
    /// A numbered article, clause or transitory article; its body follows as paragraphs.
    Article {
        /// "ARTÍCULO PRIMERO", "PRIMERA".
        label: String,
        /// Its title (may be empty).
        text: Line,
    },
    /// Any other heading.
    Heading {
        /// Its text.
        text: Line,
    },
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: Line,
    },
    /// A list; ordered ones count from `start`.
    List {
        /// Numbered or bulleted.
        ordered: bool,
        /// The first number.
        start: u64,
        /// One line per item.
        items: Vec<Line>,
    },
    /// A table with a header row.
    Table {
        /// The header's cells.
        header: Vec<Line>,
        /// The body's rows of cells.
        rows: Vec<Vec<Line>>,
    },
    /// Signature lines.
    Signatures {
        /// Who signs.
        people: Vec<Signature>,
    },
    /// A new page.
    PageBreak,
}

/// A document read from markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Its blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Every text of the document, in order, one block per line: what a reader would see.
    pub fn plain_text(&self) -> String {
        let line = |l: &Line| l.iter().map(|s| s.text.as_str()).collect::<String>();
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Title { text } | Block::Heading { text } | Block::Paragraph { text } => {
                    out.push(line(text))
                }
                Block::Chapter { label, text } | Block::Article { label, text } => {
                    out.push(format!("{label}. {}", line(text)))
                }
                Block::List { items, .. } => out.extend(items.iter().map(line)),
                Block::Table { header, rows } => {
                    out.push(header.iter().map(line).collect::<Vec<_>>().join(" | "));
                    for row in rows {
                        out.push(row.iter().map(line).collect::<Vec<_>>().join(" | "));
                    }
                }
                Block::Signatures { people } => {
                    out.extend(people.iter().map(|p| format!("{} | {}", p.name, p.role)))
                }
                Block::PageBreak => {}
            }
        }
        out.join("\n")
    }
}

/// Opens an identifier in the markup: a private-use character, which no text a user typed can
/// carry ([`escape`] drops it).
pub const IDENTIFIER_START: char = '\u{E000}';
/// Closes an identifier.
pub const IDENTIFIER_END: char = '\u{E001}';

/// `text` escaped (see [`escape`]) and marked as an identifier, which the PDF keeps whole.
pub fn identifier(text: &str) -> String {
    format!("{IDENTIFIER_START}{}{IDENTIFIER_END}", escape(text.trim()))
}

/// Escapes text for the markup, so that whatever a user typed reads as literal text: every
/// ASCII punctuation character is backslash-escaped (CommonMark reads `\x` as `x` for all of
/// them) and line breaks become spaces, so no text can open a heading, list, table, fence or
/// HTML of its own; the identifier marks are dropped, so no text can mark one.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            IDENTIFIER_START | IDENTIFIER_END => {}
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Undoes `escape` inside fenced blocks, where CommonMark keeps backslashes.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// Splits `Name | role` at the first `|` that `escape` did not protect.
fn signature(line: &str) -> Signature {
    let mut previous = None;
    for (index, c) in line.char_indices() {
        if c == '|' && previous != Some('\\') {
            return Signature {
                name: unescape(line[..index].trim()),
                role: unescape(line[index + 1..].trim()),
            };
        }
        previous = Some(c);
    }
    Signature {
        name: unescape(line.trim()),
        role: String::new(),
    }
}

/// The numbered heading kinds and their counters.
#[derive(Default)]
struct Counters {
    chapter: u32,
    article: u32,
    clause: u32,
    transitory: u32,
}

fn ordinal_upper(n: u32, feminine: bool) -> String {
    let words = spanish::ordinal(n).unwrap_or_else(|| n.to_string());
    let words = if feminine {
        words
            .split(' ')
            .map(|w| match w.strip_suffix('o') {
                Some(stem) => format!("{stem}a"),
                None => w.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        words
    };
    words.to_uppercase()
}

/// Removes a leading `keyword:` from a heading's first span; the rest is the title.
fn strip_keyword(text: &mut Line, keyword: &str) -> bool {
    let Some(first) = text.first_mut() else {
        return false;
    };
    let lower = first.text.to_lowercase();
    let Some(rest) = lower.strip_prefix(keyword) else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix(':') else {
        return false;
    };
    // Keep the original case of the title: cut the same number of bytes from the end.
    let keep = rest.trim_start().len();
    first.text = first.text[first.text.len() - keep..].to_owned();
    if first.text.is_empty() {
        text.remove(0);
    }
    true
}

impl Counters {
    fn heading(&mut self, level: HeadingLevel, mut text: Line) -> Block {
        match level {
            HeadingLevel::H1 => Block::Title { text },
            HeadingLevel::H2 if strip_keyword(&mut text, "capítulo") => {
                self.chapter += 1;
                Block::Chapter {
                    label: format!("CAPÍTULO {}", ordinal_upper(self.chapter, false)),
                    text,
                }
            }
            _ if strip_keyword(&mut text, "artículo") => {
                self.article += 1;
                Block::Article {
                    label: format!("ARTÍCULO {}", ordinal_upper(self.article, false)),
                    text,
                }
            }
            _ if strip_keyword(&mut text, "cláusula") => {
                self.clause += 1;
                Block::Article {
                    label: ordinal_upper(self.clause, true),
                    text,
                }
            }
            _ if strip_keyword(&mut text, "transitorio") => {
                self.transitory += 1;
                Block::Article {
                    label: ordinal_upper(self.transitory, false),
                    text,
                }
            }
            _ => Block::Heading { text },
        }
    }
}

/// Where the reader is inside nested structures.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    counters: Counters,
    line: Line,
    bold: u32,
    italic: u32,
    /// Inside an identifier's marks.
    identifier: bool,
    list: Option<(bool, u64, Vec<Line>)>,
    table: Option<(Vec<Line>, Vec<Vec<Line>>, bool)>,
    row: Vec<Line>,
    fence: Option<String>,
}

impl Reader {
    /// Adds text to the current line, opening and closing identifiers at their marks.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find([IDENTIFIER_START, IDENTIFIER_END]) {
            self.push(&rest[..at]);
            self.identifier = rest[at..].starts_with(IDENTIFIER_START);
            rest = &rest[at + IDENTIFIER_START.len_utf8()..];
        }
        self.push(rest);
    }

    fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let (bold, italic, identifier) = (self.bold > 0, self.italic > 0, self.identifier);
        match self.line.last_mut() {
            Some(last)
                if last.bold == bold && last.italic == italic && last.identifier == identifier =>
            {
                last.text.push_str(text)
            }
            _ => self.line.push(Span {
                text: text.to_owned(),
                bold,
                italic,
                identifier,
            }),
        }
    }

    fn take_line(&mut self) -> Line {
        self.identifier = false;
        let mut line = std::mem::take(&mut self.line);
        if let Some(first) = line.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        if let Some(last) = line.last_mut() {
            last.text = last.text.trim_end().to_owned();
        }
        line.retain(|s| !s.text.is_empty());
        line
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::Strong) => self.bold += 1,
            Event::End(TagEnd::Strong) => self.bold = self.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => self.italic += 1,
            Event::End(TagEnd::Emphasis) => self.italic = self.italic.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                self.list = Some((start.is_some(), start.unwrap_or(1), Vec::new()))
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((ordered, start, items)) = self.list.take() {
                    self.blocks.push(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            Event::End(TagEnd::Item) => {
                let line = self.take_line();
                if let Some((_, _, items)) = self.list.as_mut() {
                    items.push(line);
                }
            }
            // Inside a list item the paragraph is the item's text.
            Event::End(TagEnd::Paragraph) if self.list.is_none() => {
                let text = self.take_line();
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph { text });
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                let text = self.take_line();
                let block = self.counters.heading(level, text);
                self.blocks.push(block);
            }
            Event::Start(Tag::Table(_)) => self.table = Some((Vec::new(), Vec::new(), true)),
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = self.table.as_mut() {
                    table.0 = std::mem::take(&mut self.row);
                    table.2 = false;
                }
            }
            Event::End(TagEnd::TableCell) => {
                let cell = self.take_line();
                self.row.push(cell);
            }
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut self.row);
                if let Some(table) = self.table.as_mut() {
                    table.1.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows, _)) = self.table.take() {
                    self.blocks.push(Block::Table { header, rows });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.fence = Some(match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                })
            }
            Event::End(TagEnd::CodeBlock) => {
                let body: String = self.take_line().into_iter().map(|s| s.text).collect();
                match self.fence.take().as_deref() {
                    Some("firmas") => self.blocks.push(Block::Signatures {
                        people: body
                            .lines()
                            .filter(|l| !l.trim().is_empty())
                            .map(signature)
                            .collect(),
                    }),
                    _ => {
                        for line in body.lines().filter(|l| !l.trim().is_empty()) {
                            self.blocks.push(Block::Paragraph {
                                text: vec![Span {
                                    text: unescape(line.trim()),
                                    bold: false,
                                    italic: false,
                                    identifier: false,
                                }],
                            });
                        }
                    }
                }
            }
            Event::Rule => self.blocks.push(Block::PageBreak),
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.text(&text)
            }
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            _ => {}
        }
    }
}

/// Reads markup into a document.
pub fn parse(markup: &str) -> Document {
    let mut reader = Reader::default();
    for event in Parser::new_ext(markup, Options::ENABLE_TABLES) {
        reader.event(event);
    }
    Document {
        blocks: reader.blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Line {
        vec![Span {
            text: text.into(),
            bold: false,
            italic: false,
            identifier: false,
        }]
    }

    #[test]
    fn legal_structure_is_numbered_in_spanish() {
        let document = parse(
            "# Estatutos\n\n## Capítulo: Denominación\n\n### Artículo: Nombre\n\nLa **asociación** se llama *así*.\n\n### Artículo:\n\nTexto.\n\n## Capítulo: Socios\n\n### Artículo: Admisión\n\n### Cláusula: Primera cosa\n\n### Cláusula: Otra\n\n### Transitorio: Vigencia\n\n## Declaraciones\n\n---\n",
        );
        let labels: Vec<String> = document
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Chapter { label, .. } | Block::Article { label, .. } => Some(label.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            labels,
            [
                "CAPÍTULO PRIMERO",
                "ARTÍCULO PRIMERO",
                "ARTÍCULO SEGUNDO",
                "CAPÍTULO SEGUNDO",
                "ARTÍCULO TERCERO",
                "PRIMERA",
                "SEGUNDA",
                "PRIMERO"
            ]
        );
        assert_eq!(
            document.blocks[2],
            Block::Article {
                label: "ARTÍCULO PRIMERO".into(),
                text: plain("Nombre")
            }
        );
        assert_eq!(
            document.blocks[3],
            Block::Paragraph {
                text: vec![
                    Span {
                        text: "La ".into(),
                        bold: false,
                        italic: false,
                        identifier: false
                    },
                    Span {
                        text: "asociación".into(),
                        bold: true,
                        italic: false,
                        identifier: false
                    },
                    Span {
                        text: " se llama ".into(),
                        bold: false,
                        italic: false,
                        identifier: false
                    },
                    Span {
                        text: "así".into(),
                        bold: false,
                        italic: true,
                        identifier: false
                    },
                    Span {
                        text: ".".into(),
                        bold: false,
                        italic: false,
                        identifier: false
                    },
                ]
            }
        );
        assert!(matches!(document.blocks.last(), Some(Block::PageBreak)));
        assert!(document.blocks.contains(&Block::Heading {
            text: plain("Declaraciones")
        }));
    }

    #[test]
    fn the_twelfth_clause_is_feminine_throughout() {
        let markup: String = (0..12).map(|_| "### Cláusula: x\n\n").collect();
        let document = parse(&markup);
        assert!(matches!(
            document.blocks.last(),
            Some(Block::Article { label, .. }) if label == "DÉCIMA SEGUNDA"
        ));
    }

    #[test]
    fn escaped_text_stays_literal_wherever_it_lands() {
        let hostile = "<script>alert(1)</script>\n# no\n- no | x ``` {{ x }} {% if %} *no* [a](b) &amp; \\ 1. { DATE }";
        let markup = format!(
            "# {0}\n\n{0}\n\n- {0}\n\n| a | b |\n|---|---|\n| {0} | x |\n\n```firmas\n{0} | {0}\n```\n",
            escape(hostile)
        );
        let document = parse(&markup);
        let literal = hostile.replace('\n', " ");
        let texts: Vec<String> = document
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Title { text } | Block::Paragraph { text } => {
                    vec![text.iter().map(|s| s.text.clone()).collect::<String>()]
                }
                Block::List { items, .. } => items
                    .iter()
                    .map(|l| l.iter().map(|s| s.text.clone()).collect())
                    .collect(),
                Block::Table { rows, .. } => {
                    vec![rows[0][0].iter().map(|s| s.text.clone()).collect()]
                }
                Block::Signatures { people } => {
                    vec![people[0].name.clone(), people[0].role.clone()]
                }
                other => panic!("unexpected block {other:?}"),
            })
            .collect();
        assert_eq!(texts.len(), 6, "{document:?}");
        for text in texts {
            assert_eq!(text, literal.trim());
        }
        assert!(
            document
                .blocks
                .iter()
                .flat_map(|b| match b {
                    Block::Paragraph { text } | Block::Title { text } => text.clone(),
                    _ => vec![],
                })
                .all(|s| !s.bold && !s.italic)
        );
    }

    #[test]
    fn identifiers_are_marked_only_by_the_filter_and_come_out_literal() {
        let email = "a_b-c@casa-ixtepec.mx";
        let markup = format!(
            "Correo {}, y **{}**.\n\n| a |\n|---|\n| {} |\n",
            identifier(email),
            identifier("HEGG560427MVZRRL04"),
            identifier("x|y`z"),
        );
        let document = parse(&markup);
        let Block::Paragraph { text } = &document.blocks[0] else {
            panic!("{document:?}")
        };
        let marked: Vec<(&str, bool)> = text
            .iter()
            .filter(|s| s.identifier)
            .map(|s| (s.text.as_str(), s.bold))
            .collect();
        assert_eq!(
            marked,
            [(email, false), ("HEGG560427MVZRRL04", true)],
            "{text:?}"
        );
        assert_eq!(
            document.plain_text(),
            format!("Correo {email}, y HEGG560427MVZRRL04.\na\nx|y`z")
        );
        // A user cannot mark text: the marks are dropped from whatever is escaped.
        let typed = format!("{IDENTIFIER_START}no{IDENTIFIER_END}");
        let document = parse(&escape(&typed));
        assert_eq!(document.plain_text(), "no");
        assert!(matches!(
            &document.blocks[0],
            Block::Paragraph { text } if text.iter().all(|s| !s.identifier)
        ));
    }
}
