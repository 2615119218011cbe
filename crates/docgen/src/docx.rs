//! DOCX through `docx-rs`: real Word paragraph styles (title, chapter, article and heading
//! styles that show in Word's navigation pane, a justified body style), a header marking the
//! draft on every page, "Página N de M" in the footer, and signature lines. Text goes into
//! runs, which `docx-rs` XML-escapes, so nothing a user typed becomes a field code or markup.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table, TableCell,
    TableRow, WidthType,
};

use crate::markup::{Block, Document, Line};
use crate::{Error, Notice};

/// US Letter (carta), the usual size for Mexican drafts, in twentieths of a point.
const PAGE: (u32, u32) = (12240, 15840);
/// 2.5 cm.
const MARGIN: i32 = 1418;

fn runs(mut paragraph: Paragraph, line: &Line) -> Paragraph {
    for span in line {
        let mut run = Run::new().add_text(span.text.as_str());
        if span.bold {
            run = run.bold();
        }
        if span.italic {
            run = run.italic();
        }
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

fn styles(docx: Docx) -> Docx {
    let body = LineSpacing::new().after(160).line(276);
    docx.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .align(AlignmentType::Both)
            .line_spacing(body),
    )
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(28)
            .align(AlignmentType::Center)
            .outline_lvl(0),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(24)
            .align(AlignmentType::Center)
            .outline_lvl(0),
    )
    .add_style(
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .align(AlignmentType::Left)
            .outline_lvl(1),
    )
    .add_style(
        Style::new("Heading3", StyleType::Paragraph)
            .name("heading 3")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .align(AlignmentType::Center)
            .outline_lvl(1),
    )
    .add_style(
        Style::new("Signature", StyleType::Paragraph)
            .name("Signature")
            .based_on("Normal")
            .align(AlignmentType::Center),
    )
}

fn cell(paragraph: Paragraph) -> TableCell {
    TableCell::new().add_paragraph(paragraph)
}

fn signatures(people: &[crate::markup::Signature]) -> Table {
    let rows = people
        .chunks(2)
        .map(|pair| {
            let mut cells: Vec<TableCell> = pair
                .iter()
                .map(|person| {
                    TableCell::new()
                        .add_paragraph(Paragraph::new().style("Signature"))
                        .add_paragraph(Paragraph::new().style("Signature"))
                        .add_paragraph(
                            Paragraph::new()
                                .style("Signature")
                                .add_run(Run::new().add_text("______________________________")),
                        )
                        .add_paragraph(
                            Paragraph::new()
                                .style("Signature")
                                .add_run(Run::new().add_text(person.name.as_str())),
                        )
                        .add_paragraph(
                            Paragraph::new()
                                .style("Signature")
                                .add_run(Run::new().add_text(person.role.as_str()).size(19)),
                        )
                })
                .collect();
            if cells.len() == 1 {
                cells.push(cell(Paragraph::new()));
            }
            TableRow::new(cells)
        })
        .collect();
    Table::without_borders(rows).width(5000, WidthType::Pct)
}

/// The document as a `.docx` file, the draft notice as a banner in the header or small in the
/// footer.
pub(crate) fn render(title: &str, document: &Document, notice: Notice) -> Result<Vec<u8>, Error> {
    let draft = |run: Run| {
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run.add_text(crate::DRAFT_NOTICE))
    };
    let mut footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Página ").size(18))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" de ").size(18))
            .add_num_pages(NumPages::new()),
    );
    let header = match notice {
        Notice::Banner => {
            Some(Header::new().add_paragraph(draft(Run::new().bold().size(16).color("8A1C1C"))))
        }
        Notice::Footer => {
            footer = footer.add_paragraph(draft(Run::new().size(13).color("6E6E6E")));
            None
        }
    };
    let fonts = RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman");
    let mut docx = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN + 170)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts)
        .default_size(23)
        .footer(footer);
    if let Some(header) = header {
        docx = docx.header(header);
    }
    let mut docx = styles(docx).custom_property("title", title);
    let mut lists = 0;
    for block in &document.blocks {
        docx = match block {
            Block::Title { text } => {
                docx.add_paragraph(runs(Paragraph::new().style("Title"), text))
            }
            Block::Chapter { label, text } => docx.add_paragraph(runs(
                Paragraph::new().style("Heading1").keep_next(true).add_run(
                    Run::new()
                        .add_text(label.as_str())
                        .add_break(BreakType::TextWrapping),
                ),
                text,
            )),
            Block::Article { label, text } => {
                let mut paragraph = Paragraph::new()
                    .style("Heading2")
                    .keep_next(true)
                    .add_run(Run::new().add_text(format!("{label}.")));
                if !text.is_empty() {
                    paragraph = paragraph.add_run(Run::new().add_text(" "));
                    paragraph = runs(paragraph, text).add_run(Run::new().add_text("."));
                }
                docx.add_paragraph(paragraph)
            }
            Block::Heading { text } => docx.add_paragraph(runs(
                Paragraph::new().style("Heading3").keep_next(true),
                text,
            )),
            Block::Paragraph { text } => docx.add_paragraph(runs(Paragraph::new(), text)),
            Block::List {
                ordered,
                start,
                items,
            } => {
                // Each list is a Word list of its own, numbered from its own start.
                lists += 1;
                let (format, text) = if *ordered {
                    ("decimal", "%1.")
                } else {
                    ("bullet", "•")
                };
                let level = Level::new(
                    0,
                    Start::new(usize::try_from(*start).unwrap_or(1)),
                    NumberFormat::new(format),
                    LevelText::new(text),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(720),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                );
                let mut docx = docx
                    .add_abstract_numbering(AbstractNumbering::new(lists).add_level(level))
                    .add_numbering(Numbering::new(lists, lists));
                for item in items {
                    let paragraph =
                        Paragraph::new().numbering(NumberingId::new(lists), IndentLevel::new(0));
                    docx = docx.add_paragraph(runs(paragraph, item));
                }
                docx
            }
            Block::Table { header, rows } => {
                let mut table_rows = vec![TableRow::new(
                    header
                        .iter()
                        .map(|c| cell(runs(Paragraph::new().bold(), c)))
                        .collect(),
                )];
                for row in rows {
                    table_rows.push(TableRow::new(
                        row.iter()
                            .map(|c| cell(runs(Paragraph::new(), c)))
                            .collect(),
                    ));
                }
                docx.add_table(Table::new(table_rows).width(5000, WidthType::Pct))
                    .add_paragraph(Paragraph::new())
            }
            Block::Signatures { people } => docx.add_table(signatures(people)),
            Block::PageBreak => {
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| Error::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
