//! The document templates: tera over the markup of `markup.rs`, one file per document in
//! `templates/documents/` (compiled in; a folder given at start-up replaces them, so a program's
//! lawyers can change a clause without a new build). Everything the templates print from the
//! facts is escaped for the markup, so no text a user typed can add structure or template code.

use std::path::Path;

use tera::{Kwargs, State, Tera, Value};
use time::Date;
use time::macros::format_description;

use crate::context::Context;
use crate::facts::Facts;
use crate::markup;
use crate::spanish::{self, Agreement};
use crate::{Error, Kind};

/// The compiled-in templates: each document, and the partials (names starting with `_`) they
/// include.
const EMBEDDED: [(&str, &str); 6] = [
    (
        "_estatutos.md",
        include_str!("../../../templates/documents/_estatutos.md"),
    ),
    (
        "_poderes.md",
        include_str!("../../../templates/documents/_poderes.md"),
    ),
    (
        "bylaws.md",
        include_str!("../../../templates/documents/bylaws.md"),
    ),
    (
        "constitutive_act.md",
        include_str!("../../../templates/documents/constitutive_act.md"),
    ),
    (
        "notary_letter.md",
        include_str!("../../../templates/documents/notary_letter.md"),
    ),
    (
        "intake_summary.md",
        include_str!("../../../templates/documents/intake_summary.md"),
    ),
];

/// The loaded templates, ready to render.
#[derive(Debug)]
pub struct Templates {
    tera: Tera,
}

fn escape(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    output.write_all(crate::markup::escape(input).as_bytes())
}

fn date(value: &str) -> tera::TeraResult<Date> {
    Date::parse(value, format_description!("[year]-[month]-[day]"))
        .map_err(|_| tera::Error::message(format!("«{value}» is not a date (YYYY-MM-DD)")))
}

fn in_words(value: i64, kwargs: Kwargs, _: &State<'_>) -> tera::TeraResult<String> {
    let agreement = match kwargs.get::<&str>("genero")?.unwrap_or("m") {
        "m" => Agreement::Masculine,
        "f" => Agreement::Feminine,
        "apocope" => Agreement::BeforeNoun,
        other => {
            return Err(tera::Error::message(format!(
                "en_letra: genero is \"m\", \"f\" or \"apocope\", not «{other}»"
            )));
        }
    };
    let value = u64::try_from(value)
        .map_err(|_| tera::Error::message("en_letra: the number is negative"))?;
    Ok(spanish::cardinal(value, agreement))
}

/// Whether a value is missing: undefined, null or blank text.
fn missing(value: &Value) -> bool {
    value.is_undefined() || value.is_none() || value.as_str().is_some_and(|s| s.trim().is_empty())
}

/// `identificador`: an identifier (CURP, RFC, CUD, e-mail, folio) escaped and marked, so the
/// PDF never splits it across lines; a blank (`______`) when missing.
fn identifier(value: &Value, _: Kwargs, _: &State<'_>) -> tera::TeraResult<Value> {
    if missing(value) {
        return Ok(Value::safe_string(&markup::escape(spanish::BLANK)));
    }
    match value.as_str() {
        Some(text) => Ok(Value::safe_string(&markup::identifier(text))),
        None => Err(tera::Error::message(
            "identificador: the value is not text".to_owned(),
        )),
    }
}

/// `o_blanco`: the value, or a blank (`______`) for the notary when it is missing.
fn or_blank(value: &Value, _: Kwargs, _: &State<'_>) -> Value {
    if missing(value) {
        Value::from(spanish::BLANK)
    } else {
        value.clone()
    }
}

fn engine(sources: Vec<(String, String)>) -> Result<Templates, Error> {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape);
    tera.autoescape_on([".md"]);
    tera.register_filter("fecha", |value: &str, _: Kwargs, _: &State<'_>| {
        date(value).map(spanish::date)
    });
    tera.register_filter("fecha_en_letra", |value: &str, _: Kwargs, _: &State<'_>| {
        date(value).map(spanish::date_in_words)
    });
    tera.register_filter("en_letra", in_words);
    tera.register_filter("identificador", identifier);
    tera.register_filter("o_blanco", or_blank);
    tera.add_raw_templates(sources)
        .map_err(|e| template_error("templates", &e))?;
    let templates = Templates { tera };
    for kind in Kind::ALL {
        if !templates.tera.contains_template(kind.file()) {
            return Err(Error::Template {
                template: kind.file().into(),
                line: 0,
                message: "the template is missing".into(),
            });
        }
    }
    Ok(templates)
}

/// A tera error as the template and line it points to.
fn template_error(template: &str, error: &tera::Error) -> Error {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Error::Template {
                template: report.filename().to_owned(),
                line: report.span().start_line,
                message: report.message().to_owned(),
            }
        }
        _ => {
            // Errors of included templates arrive wrapped: report the innermost one.
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                if let Some(inner) = inner.downcast_ref::<tera::Error>() {
                    return template_error(template, inner);
                }
                source = inner.source();
            }
            Error::Template {
                template: template.to_owned(),
                line: 0,
                message: error.to_string(),
            }
        }
    }
}

impl Templates {
    /// The templates compiled into Puente.
    pub fn embedded() -> Result<Templates, Error> {
        engine(
            EMBEDDED
                .iter()
                .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
                .collect(),
        )
    }

    /// The templates of a folder (each document's file and the `_*.md` partials), replacing the
    /// compiled-in ones.
    pub fn from_dir(dir: &Path) -> Result<Templates, Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::Template {
            template: dir.display().to_string(),
            line: 0,
            message: e.to_string(),
        })?;
        let mut sources = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // The documents' templates and the partials they include (`_*.md`); anything else
            // in the folder (a README) is not a template.
            let template = Kind::ALL.iter().any(|k| k.file() == name)
                || (name.starts_with('_') && name.ends_with(".md"));
            if template && path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::Template {
                    template: name.clone(),
                    line: 0,
                    message: e.to_string(),
                })?;
                sources.push((name, text));
            }
        }
        engine(sources)
    }

    /// The markup of document `kind` for these facts.
    pub fn markup(&self, kind: Kind, facts: &Facts) -> Result<String, Error> {
        let context = Context::of(facts)?;
        let context =
            tera::Context::from_serialize(&context).map_err(|e| template_error(kind.file(), &e))?;
        self.tera
            .render(kind.file(), &context)
            .map_err(|e| template_error(kind.file(), &e))
    }
}
