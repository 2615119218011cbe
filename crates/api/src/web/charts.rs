//! Charts drawn on the server as SVG: horizontal bars, one per row, with the value written
//! beside each bar. Every chart carries its title for screen readers, and the pages show the
//! same figures in a table.

use std::fmt::Write;

/// One bar: a label and a value.
pub struct Bar {
    /// What the bar counts.
    pub label: String,
    /// Its value.
    pub value: f64,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 230.0;
const VALUE_WIDTH: f64 = 60.0;
const ROW: f64 = 28.0;
/// The characters a label keeps beside its bar (its whole text is in the label's `<title>` and
/// the chart's table).
const LABEL_CHARS: usize = 30;

/// A label short enough for the room beside the bars: cut at a word with «…» when too long.
fn shortened(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let head: String = label.chars().take(LABEL_CHARS).collect();
    let kept: String = match head.rfind(' ') {
        Some(space) if space > LABEL_CHARS / 2 => head[..space].to_owned(),
        _ => head.chars().take(LABEL_CHARS - 1).collect(),
    };
    format!("{}…", kept.trim_end_matches([' ', ',', '.', '·']))
}

/// Text escaped for SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    puente_docgen::html::escape(text, &mut out);
    out
}

/// A number as people write it: no decimals for whole numbers, one otherwise.
pub fn figure(value: f64) -> String {
    if (value - value.round()).abs() < f64::EPSILON {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A horizontal bar chart, `id` naming its title element.
pub fn bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len().max(1) as f64 + 8.0;
    let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}" xmlns="http://www.w3.org/2000/svg"><title id="{id}">{}</title>"#,
        escape(title)
    );
    for (row, bar) in bars.iter().enumerate() {
        let y = ROW * row as f64 + 4.0;
        let length = if max > 0.0 {
            (bar.value / max * room).max(if bar.value > 0.0 { 2.0 } else { 0.0 })
        } else {
            0.0
        };
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" text-anchor="end" class="chart-label"><title>{}</title>{}</text><rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1}" height="{}" fill="#0b5394"/><text x="{}" y="{}" class="chart-value">{}</text>"##,
            LABEL_WIDTH - 8.0,
            y + ROW * 0.6,
            escape(&bar.label),
            escape(&shortened(&bar.label)),
            ROW - 8.0,
            LABEL_WIDTH + length + 6.0,
            y + ROW * 0.6,
            figure(bar.value),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_escape_labels() {
        let svg = bars(
            "c",
            "Casos <por> estado",
            &[
                Bar {
                    label: "Abierta & <lista>".into(),
                    value: 4.0,
                },
                Bar {
                    label: "Cerrada".into(),
                    value: 2.0,
                },
                Bar {
                    label: "Retirada".into(),
                    value: 0.0,
                },
            ],
        );
        let room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!(svg.contains(&format!("width=\"{room:.1}\"")), "{svg}");
        assert!(
            svg.contains(&format!("width=\"{:.1}\"", room / 2.0)),
            "{svg}"
        );
        assert!(svg.contains("width=\"0.0\""), "{svg}");
        assert!(svg.contains("Abierta &amp; &lt;lista&gt;"));
        assert!(svg.contains("<title id=\"c\">Casos &lt;por&gt; estado</title>"));
        assert!(!svg.contains("<lista>"));
    }

    #[test]
    fn long_labels_are_cut_at_a_word_and_keep_their_whole_text_as_a_title() {
        assert_eq!(shortened("Chihuahua"), "Chihuahua");
        let long = "Despacho Pro Bono de Abogados Asociados del Norte";
        let short = shortened(long);
        assert_eq!(short, "Despacho Pro Bono de Abogados…");
        assert!(short.chars().count() <= LABEL_CHARS);
        let word = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        assert_eq!(shortened(word).chars().count(), LABEL_CHARS);
        let svg = bars(
            "c",
            "Casos",
            &[Bar {
                label: long.into(),
                value: 1.0,
            }],
        );
        assert!(
            svg.contains(&format!("<title>{long}</title>{short}</text>")),
            "{svg}"
        );
    }

    #[test]
    fn figures_drop_needless_decimals() {
        assert_eq!(figure(3.0), "3");
        assert_eq!(figure(3.54), "3.5");
    }
}
