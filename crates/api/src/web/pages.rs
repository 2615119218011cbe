//! The page templates: `templates/web/*.html`, tera with HTML escaping, compiled into the
//! binary. Every text comes from the Fluent files through `t(key="…")`, in the page's `lang`;
//! a key missing from the language is an error, never a silent fallback.

use puente_i18n::{Lang, try_text};
use tera::{Context, Kwargs, State, Tera};

/// A template of `templates/web/`, compiled in.
macro_rules! pages {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../../templates/web/", $name)))),*]
    };
}

/// The pages and the pieces they include, by file name.
pub const PAGES: &[(&str, &str)] = pages![
    "layout.html",
    "errors.html",
    "action.html",
    "notary.html",
    "case_list.html",
    "chart_table.html",
    "state_filter.html",
    "problem.html",
    "login.html",
    "register.html",
    "password.html",
    "me.html",
    "new_password.html",
    "reset_request.html",
    "reset_password.html",
    "home.html",
    "intake.html",
    "intake_review.html",
    "case.html",
    "associate.html",
    "board.html",
    "cases.html",
    "shelters.html",
    "shelter.html",
    "dashboard.html",
    "workflow.html",
    "admin.html",
    "deactivate.html",
    "security.html",
    "pager.html",
    "privacy.html",
];

/// The stylesheet, served at `/static/puente.css`.
pub const STYLESHEET: &str = include_str!("../../../../templates/web/static/puente.css");

/// The text arguments a page may pass on to a message: an e-mail address, the privacy
/// notice's responsible party and its domicile, and a person's name.
pub const TEXT_ARGS: [&str; 4] = ["email", "controller", "address", "name"];

/// The text named `key` in the page's language: `t(key="web-confirm-intro", email=user.email)`.
/// Of the other arguments, those the messages use ([`TEXT_ARGS`], `count`) are passed on.
fn translate(kwargs: Kwargs, state: &State<'_>) -> tera::TeraResult<String> {
    let key: String = kwargs.must_get("key")?;
    let lang = state
        .get::<String>("lang")?
        .and_then(|code| code.parse::<Lang>().ok())
        .unwrap_or_default();
    let mut args = Vec::new();
    for name in TEXT_ARGS {
        if let Some(value) = kwargs.get::<String>(name)? {
            args.push((name, puente_i18n::ArgValue::Text(value.into())));
        }
    }
    if let Some(count) = kwargs.get::<i64>("count")? {
        let count = f64::from(i32::try_from(count).unwrap_or(i32::MAX));
        args.push(("count", puente_i18n::ArgValue::Number(count)));
    }
    try_text(lang, &key, &args)
        .ok_or_else(|| tera::Error::message(format!("no «{key}» text in {}", lang.code())))
}

/// The compiled pages.
pub struct Pages {
    tera: Tera,
}

impl Pages {
    /// Loads the compiled-in pages.
    pub fn new() -> Result<Pages, String> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_function("t", translate);
        tera.add_raw_templates(PAGES.iter().copied())
            .map_err(|e| format!("web pages: {e}"))?;
        Ok(Pages { tera })
    }

    /// Renders page `name` in `lang` with `context`.
    pub fn render(&self, name: &str, lang: Lang, mut context: Context) -> Result<String, String> {
        context.insert("lang", lang.code());
        self.tera
            .render(name, &context)
            .map_err(|e| format!("{name}: {e:?}"))
    }
}
