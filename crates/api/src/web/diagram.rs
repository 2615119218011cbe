//! The workflow diagram, drawn on the server as SVG from the arrows the workflow exports: the
//! main path down the first column, the side states beside it.

use puente_i18n::{Lang, text};

use puente_workflow::Status;

use super::charts::escape;
use super::render::state_label;

/// Where each state sits in the diagram: (column, row).
fn place(state: Status) -> (f64, f64) {
    use Status as S;
    match state {
        S::Draft => (0.0, 0.0),
        S::Submitted => (0.0, 1.0),
        S::NeedsInfo => (1.0, 0.5),
        S::Declined => (1.0, 2.5),
        S::Open => (0.0, 2.0),
        S::Claimed => (0.0, 3.0),
        S::NameReservation => (0.0, 4.0),
        S::Drafting => (0.0, 5.0),
        S::ShelterReview => (0.0, 6.0),
        S::Notary => (0.0, 7.0),
        S::Signed => (0.0, 8.0),
        S::Filed => (0.0, 9.0),
        S::Closed => (0.0, 10.0),
        S::OnHold => (1.0, 6.5),
        S::Withdrawn => (2.0, 4.0),
    }
}

const BOX_W: f64 = 290.0;
const BOX_H: f64 = 38.0;
const COL: f64 = 340.0;
const ROW: f64 = 64.0;
const MARGIN: f64 = 10.0;

fn centre(state: Status) -> (f64, f64) {
    let (col, row) = place(state);
    (
        MARGIN + col * COL + BOX_W / 2.0,
        MARGIN + row * ROW + BOX_H / 2.0,
    )
}

/// Where the line from `from`'s centre towards `to`'s centre leaves `to`'s box.
fn border(from: (f64, f64), to: (f64, f64)) -> (f64, f64) {
    let (dx, dy) = (from.0 - to.0, from.1 - to.1);
    let scale_x = if dx.abs() > f64::EPSILON {
        (BOX_W / 2.0 + 3.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let scale_y = if dy.abs() > f64::EPSILON {
        (BOX_H / 2.0 + 3.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = scale_x.min(scale_y).min(1.0);
    (to.0 + dx * t, to.1 + dy * t)
}

/// The workflow diagram as SVG, drawn from the workflow's exported arrows.
pub fn svg(lang: Lang) -> String {
    use std::fmt::Write;
    let mut pairs: Vec<(Status, Status)> = puente_workflow::export::edges()
        .into_iter()
        .filter(|edge| edge.from != edge.to)
        .map(|edge| (edge.from, edge.to))
        .collect();
    pairs.sort_by_key(|(a, b)| (a.as_str(), b.as_str()));
    pairs.dedup();
    let width = MARGIN * 2.0 + COL * 2.0 + BOX_W;
    let height = MARGIN * 2.0 + ROW * 10.0 + BOX_H;
    let title = text(lang, "web-workflow-title", &[]);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg class="diagram" viewBox="0 0 {width} {height}" role="img" aria-labelledby="workflow-svg-title" xmlns="http://www.w3.org/2000/svg"><title id="workflow-svg-title">{title}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444"/></marker></defs>"##
    );
    for (from, to) in &pairs {
        let (a, b) = (centre(*from), centre(*to));
        let start = border(b, a);
        let end = border(a, b);
        let _ = write!(
            svg,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#777" stroke-width="1.2" marker-end="url(#arrow)"/>"##,
            start.0, start.1, end.0, end.1
        );
    }
    for state in Status::ALL {
        let (col, row) = place(state);
        let (x, y) = (MARGIN + col * COL, MARGIN + row * ROW);
        let fill = if state.is_terminal() {
            "#e8e8e8"
        } else {
            "#e8f0fe"
        };
        let _ = write!(
            svg,
            r##"<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#0b3d66"/><text x="{}" y="{}" text-anchor="middle" class="diagram-label">{}</text>"##,
            x + BOX_W / 2.0,
            y + BOX_H / 2.0 + 5.0,
            escape(&state_label(lang, state.as_str()))
        );
    }
    svg.push_str("</svg>");
    svg
}
