//! HTML previews: a self-contained page (or just its `<article>`, to embed in Puente's own
//! pages). Every text is escaped; nothing from the markup passes through as HTML.

use std::fmt::Write;

use crate::markup::{Block, Document, Line};

/// Appends `text` to `out` escaped for HTML (and SVG): `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn line(spans: &Line, out: &mut String) {
    for span in spans {
        let (open, close) = match (span.bold, span.italic) {
            (true, true) => ("<strong><em>", "</em></strong>"),
            (true, false) => ("<strong>", "</strong>"),
            (false, true) => ("<em>", "</em>"),
            (false, false) => ("", ""),
        };
        out.push_str(open);
        escape(&span.text, out);
        out.push_str(close);
    }
}

fn wrapped(tag: &str, class: &str, spans: &Line, out: &mut String) {
    let _ = write!(out, "<{tag} class=\"{class}\">");
    line(spans, out);
    let _ = writeln!(out, "</{tag}>");
}

/// The document as an `<article>` element.
pub fn article(document: &Document) -> String {
    let mut out = String::from("<article class=\"puente-document\" lang=\"es-MX\">\n");
    out.push_str("<p class=\"draft\" role=\"note\">");
    escape(crate::DRAFT_NOTICE, &mut out);
    out.push_str("</p>\n");
    for block in &document.blocks {
        match block {
            Block::Title { text } => wrapped("h1", "title", text, &mut out),
            Block::Chapter { label, text } => {
                out.push_str("<h2 class=\"chapter\"><span class=\"label\">");
                escape(label, &mut out);
                out.push_str("</span> ");
                line(text, &mut out);
                out.push_str("</h2>\n");
            }
            Block::Article { label, text } => {
                out.push_str("<h3 class=\"article\"><span class=\"label\">");
                escape(label, &mut out);
                out.push_str(".</span> ");
                line(text, &mut out);
                out.push_str("</h3>\n");
            }
            Block::Heading { text } => wrapped("h2", "heading", text, &mut out),
            Block::Paragraph { text } => wrapped("p", "body", text, &mut out),
            Block::List {
                ordered,
                start,
                items,
            } => {
                if *ordered {
                    let _ = writeln!(out, "<ol start=\"{start}\">");
                } else {
                    out.push_str("<ul>\n");
                }
                for item in items {
                    wrapped("li", "item", item, &mut out);
                }
                out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Table { header, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for cell in header {
                    out.push_str("<th scope=\"col\">");
                    line(cell, &mut out);
                    out.push_str("</th>");
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td>");
                        line(cell, &mut out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Signatures { people } => {
                out.push_str("<div class=\"signatures\">\n");
                for person in people {
                    out.push_str("<div class=\"signature\"><span class=\"name\">");
                    escape(&person.name, &mut out);
                    out.push_str("</span><span class=\"role\">");
                    escape(&person.role, &mut out);
                    out.push_str("</span></div>\n");
                }
                out.push_str("</div>\n");
            }
            Block::PageBreak => out.push_str("<hr class=\"page-break\">\n"),
        }
    }
    out.push_str("</article>\n");
    out
}

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}\
.draft{border:2px solid #8a1c1c;color:#8a1c1c;font-weight:bold;padding:.5rem;text-align:center}\
h1,h2.chapter,h2.heading{text-align:center}h2 .label{display:block}\
p.body{text-align:justify}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #888;padding:.3rem;text-align:left;vertical-align:top}\
.signatures{display:flex;flex-wrap:wrap;gap:2rem;margin-top:3rem}\
.signature{flex:1 1 14rem;border-top:1px solid #000;padding-top:.3rem;text-align:center}\
.signature span{display:block}.signature .role{font-size:.9em}\
hr.page-break{border:0;border-top:1px dashed #aaa;margin:2rem 0}";

/// A complete page, with its own style and no script.
pub fn page(title: &str, document: &Document) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"es-MX\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
    );
    escape(title, &mut out);
    let _ = write!(out, "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n");
    out.push_str(&article(document));
    out.push_str("</body>\n</html>\n");
    out
}
