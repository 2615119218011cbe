//! Bylaws per second in DOCX and PDF on one core, beside python `docxtpl` rendering the same
//! bylaws from an equivalent Word template (`tests/bench/docxtpl_bylaws.py`), in one run.
//! `tests/bench/docgen.sh` pins it to one core and installs docxtpl.
//!
//! ```text
//! taskset -c 0 cargo bench -p puente-docgen --bench render
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // a benchmark fails loudly

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use puente_docgen::{Format, Generator, Kind, Templates, samples};

/// The sample bylaws with a different name and purpose each time, so that no render is served
/// from the typesetter's memo of an earlier, identical one.
fn facts(round: usize) -> puente_docgen::Facts {
    let mut facts = samples::mexican_board_donataria();
    facts.proposed_names[0] = format!("Casa del Migrante Paso Libre {round}");
    if let Some(authorization) = facts.name_authorization.as_mut() {
        authorization.name = facts.proposed_names[0].clone();
    }
    facts.purpose = format!("{} (versión {round})", facts.purpose);
    facts
}

/// Renders for at least `budget`; returns the renders per second and the median time of one.
fn measure(generator: &Generator, format: Format, budget: Duration) -> (f64, Duration, usize) {
    for round in 0..3 {
        generator
            .render(Kind::Bylaws, &facts(round), format)
            .unwrap();
    }
    let mut times = Vec::new();
    let mut size = 0;
    let started = Instant::now();
    let mut round = 1000;
    while started.elapsed() < budget || times.len() < 10 {
        let facts = facts(round);
        let one = Instant::now();
        size = generator
            .render(Kind::Bylaws, &facts, format)
            .unwrap()
            .bytes
            .len();
        times.push(one.elapsed());
        round += 1;
    }
    let total: Duration = times.iter().sum();
    times.sort();
    (
        times.len() as f64 / total.as_secs_f64(),
        times[times.len() / 2],
        size,
    )
}

fn main() {
    let generator = Generator::new(Templates::embedded().unwrap());
    let budget = Duration::from_secs(5);

    // The very first PDF also loads the fonts.
    let cold = Instant::now();
    generator
        .render(Kind::Bylaws, &facts(0), Format::Pdf)
        .unwrap();
    let cold = cold.elapsed();

    let (docx_rate, docx_median, docx_size) = measure(&generator, Format::Docx, budget);
    let (pdf_rate, pdf_median, pdf_size) = measure(&generator, Format::Pdf, budget);
    println!(
        "puente_docx_bylaws_per_second {docx_rate:.1} (median {:.2} ms, {docx_size} bytes)",
        docx_median.as_secs_f64() * 1e3
    );
    println!(
        "puente_pdf_bylaws_per_second {pdf_rate:.1} (median {:.1} ms, {pdf_size} bytes; first PDF with font loading {:.1} ms)",
        pdf_median.as_secs_f64() * 1e3,
        cold.as_secs_f64() * 1e3
    );

    // docxtpl, on the same facts, in the same run.
    let variables = facts(0).template_variables().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut python = Command::new("python3")
        .arg("tests/bench/docxtpl_bylaws.py")
        .arg("200")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    python
        .stdin
        .take()
        .unwrap()
        .write_all(variables.to_string().as_bytes())
        .unwrap();
    let out = python.wait_with_output().unwrap();
    assert!(out.status.success(), "docxtpl (pip install docxtpl)");
    let line = String::from_utf8(out.stdout).unwrap();
    print!("{line}");
    let docxtpl_rate: f64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap();
    println!(
        "docx_throughput_vs_docxtpl {:.1}x (goal: at least 20x)",
        docx_rate / docxtpl_rate
    );
    println!(
        "pdf_bylaws_median_ms {:.1} (goal: under 100 ms)",
        pdf_median.as_secs_f64() * 1e3
    );
}
