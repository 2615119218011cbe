//! Puente's two languages and the texts people read in them.
//!
//! Every text shown to a person (a state's label, a validation message, later the web pages and
//! e-mails) lives in the Fluent files under `locales/<lang>/`, compiled into the binary. Spanish
//! (es-MX) is the default and the fallback; English is available. Codes and identifiers never
//! change with the language: only these texts do.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use serde::{Deserialize, Serialize};

static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "es",
        // Unicode isolation marks around arguments confuse plain-text consumers (CSV, e-mail
        // subjects, terminals); Puente's texts are all left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language Puente speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Spanish as written in Mexico: the default for every user and document.
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Every language, Spanish first.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// The short code used in URLs, cookies and `Accept-Language` (`es`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    fn identifier(self) -> LanguageIdentifier {
        match self {
            Lang::Es => langid!("es"),
            Lang::En => langid!("en"),
        }
    }

    /// Picks the best language from an `Accept-Language` header value, Spanish when nothing fits.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or_default();
            if let Ok(lang) = primary.parse::<Lang>()
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text was not a language Puente speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown language `{}` (expected `es` or `en`)", self.0)
    }
}

impl std::error::Error for UnknownLang {}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "es" | "es-mx" => Ok(Lang::Es),
            "en" | "en-us" | "en-gb" => Ok(Lang::En),
            other => Err(UnknownLang(other.to_owned())),
        }
    }
}

/// An argument of a message: a name and its value.
pub type Arg<'a> = (&'static str, ArgValue<'a>);

/// The value of a message argument.
#[derive(Debug, Clone)]
pub enum ArgValue<'a> {
    /// Text, inserted as it is.
    Text(Cow<'a, str>),
    /// A number, formatted by the language's rules (and usable in plural selectors).
    Number(f64),
}

impl<'a> From<&'a str> for ArgValue<'a> {
    fn from(value: &'a str) -> Self {
        ArgValue::Text(Cow::Borrowed(value))
    }
}

impl From<String> for ArgValue<'_> {
    fn from(value: String) -> Self {
        ArgValue::Text(Cow::Owned(value))
    }
}

impl From<usize> for ArgValue<'_> {
    fn from(value: usize) -> Self {
        // Counts in Puente are small (days, names, associates): exact in an f64.
        ArgValue::Number(value as f64)
    }
}

impl From<i64> for ArgValue<'_> {
    fn from(value: i64) -> Self {
        ArgValue::Number(value as f64)
    }
}

fn fluent_args<'a>(args: &'a [Arg<'a>]) -> HashMap<Cow<'static, str>, FluentValue<'a>> {
    args.iter()
        .map(|(name, value)| {
            let value = match value {
                ArgValue::Text(text) => FluentValue::from(text.as_ref()),
                ArgValue::Number(number) => FluentValue::from(*number),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect()
}

/// Looks a message up in `lang`, falling back to Spanish; `None` when no language has it.
pub fn try_text(lang: Lang, key: &str, args: &[Arg<'_>]) -> Option<String> {
    let args = fluent_args(args);
    LOCALES.try_lookup_complete(&lang.identifier(), key, Some(&args))
}

/// Looks a message up in `lang` (falling back to Spanish). A missing key yields the key itself,
/// so a gap shows up as a visible code rather than an empty string; tests check there are none.
pub fn text(lang: Lang, key: &str, args: &[Arg<'_>]) -> String {
    try_text(lang, key, args).unwrap_or_else(|| key.to_owned())
}

/// Whether `lang`'s own file has the message and formats it with `args` without error (a
/// message that uses an argument not given does not count), without falling back to another
/// language.
pub fn has_text(lang: Lang, key: &str, args: &[Arg<'_>]) -> bool {
    LOCALES
        .lookup_single_language(&lang.identifier(), key, Some(&fluent_args(args)))
        .is_ok()
}

/// A text in both languages, for exports read by people of either (the workflow diagram, the
/// definition served as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Labels {
    /// Spanish (es-MX).
    pub es: String,
    /// English.
    pub en: String,
}

impl Labels {
    /// The message `key` in both languages.
    pub fn of(key: &str) -> Labels {
        Labels {
            es: text(Lang::Es, key, &[]),
            en: text(Lang::En, key, &[]),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_language_we_speak() {
        assert_eq!(Lang::negotiate("en-US,en;q=0.9,es;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("fr-FR, es-MX;q=0.7, en;q=0.5"), Lang::Es);
        assert_eq!(Lang::negotiate("de, fr"), Lang::Es);
        assert_eq!(Lang::negotiate(""), Lang::Es);
        assert_eq!(Lang::negotiate("en;q=0"), Lang::Es);
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
        }
        assert!("pt".parse::<Lang>().is_err());
    }
}
