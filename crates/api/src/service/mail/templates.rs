//! The e-mail templates: `templates/email/<lang>/<notice>.txt`, tera over plain text, compiled
//! into the binary. A template's first line is the subject; the body follows a blank line.
//!
//! A template sees the message's facts (`reference`, `title`, `from`, `to`, `event`, the
//! digests' `cases`…), each state and alert also as a label in the reader's language
//! (`from_label`, `to_label`, `event_label`, `alert_labels`…), the reader's `name`, and `link`
//! (the case in Puente, the page the facts' `path` names, or Puente itself) and `preferences`
//! (where to turn notices off).

use puente_i18n::{Lang, text};
use puente_workflow::text::one_line;
use serde_json::{Map, Value};
use tera::{Context, Tera};

use super::Notice;
use super::error::MailError;

macro_rules! embedded {
    ($($lang:literal / $name:literal),* $(,)?) => {
        &[$((concat!($lang, "/", $name, ".txt"), include_str!(concat!("../../../../../templates/email/", $lang, "/", $name, ".txt"))),)*]
    };
}

const EMBEDDED: &[(&str, &str)] = embedded![
    "es" / "case_status",
    "es" / "action_needed",
    "es" / "comment",
    "es" / "case_assigned",
    "es" / "draft_reviewed",
    "es" / "new_submission",
    "es" / "alerts_digest",
    "es" / "open_requests_digest",
    "es" / "name_authorization_lapsing",
    "es" / "confirm_email",
    "es" / "registration_attempt",
    "es" / "password_reset",
    "es" / "invitation",
    "es" / "shelter_registered",
    "es" / "welcome",
    "en" / "case_status",
    "en" / "action_needed",
    "en" / "comment",
    "en" / "case_assigned",
    "en" / "draft_reviewed",
    "en" / "new_submission",
    "en" / "alerts_digest",
    "en" / "open_requests_digest",
    "en" / "name_authorization_lapsing",
    "en" / "confirm_email",
    "en" / "registration_attempt",
    "en" / "password_reset",
    "en" / "invitation",
    "en" / "shelter_registered",
    "en" / "welcome",
];

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// The templates, loaded and checked.
pub struct MailTemplates {
    tera: Tera,
    public_url: String,
}

fn name(lang: Lang, notice: Notice) -> String {
    format!("{}/{}.txt", lang.code(), notice.as_str())
}

/// Adds `<field>_label` for each state, event and alert code in `value`, recursively.
fn label(value: &mut Value, lang: Lang) {
    match value {
        Value::Object(map) => {
            let mut labels = Map::new();
            for (key, field) in map.iter_mut() {
                label(field, lang);
                let code = field.as_str();
                let key_prefix = match key.as_str() {
                    "from" | "to" | "status" => Some("state"),
                    "event" => Some("event"),
                    _ => None,
                };
                if let (Some(prefix), Some(code)) = (key_prefix, code) {
                    labels.insert(
                        format!("{key}_label"),
                        Value::String(text(
                            lang,
                            &format!("{prefix}-{}", code.replace('_', "-")),
                            &[],
                        )),
                    );
                }
                if key == "alerts"
                    && let Some(codes) = field.as_array()
                {
                    let names: Vec<Value> = codes
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|c| {
                            Value::String(text(
                                lang,
                                &format!("alert-{}", c.replace('_', "-")),
                                &[],
                            ))
                        })
                        .collect();
                    labels.insert("alert_labels".into(), Value::Array(names));
                }
                if key == "state"
                    && let Some(code) = code
                    && let Ok(state) = code.parse::<puente_workflow::intake::MexicanState>()
                {
                    labels.insert("state_name".into(), Value::String(state.name().to_owned()));
                }
            }
            map.extend(labels);
        }
        Value::Array(items) => items.iter_mut().for_each(|item| label(item, lang)),
        _ => {}
    }
}

/// Puts every text of the facts on one line. A proposed name or a person's name is typed by
/// whoever registered; with its line breaks it would read as a paragraph of Puente's own (a
/// phishing line in the "new request" e-mail to every manager). The templates also quote it.
fn on_one_line(value: &mut Value) {
    match value {
        Value::String(text) => *text = one_line(text),
        Value::Array(items) => items.iter_mut().for_each(on_one_line),
        Value::Object(map) => map.values_mut().for_each(on_one_line),
        _ => {}
    }
}

impl MailTemplates {
    /// Loads the compiled-in templates; `public_url` is where links point.
    pub fn new(public_url: &str) -> Result<MailTemplates, MailError> {
        let mut tera = Tera::new();
        tera.add_raw_templates(EMBEDDED.iter().map(|(n, t)| (*n, *t)))
            .map_err(MailError::Templates)?;
        Ok(MailTemplates {
            tera,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Writes `notice` for a reader called `reader`, in `lang`.
    pub fn render(
        &self,
        notice: Notice,
        lang: Lang,
        reader: &str,
        payload: &Value,
    ) -> Result<Rendered, MailError> {
        let mut facts = payload.clone();
        on_one_line(&mut facts);
        label(&mut facts, lang);
        let mut context = Context::from_serialize(&facts).unwrap_or_default();
        context.insert("name", &one_line(reader));
        let case = payload.get("case_id").and_then(Value::as_str);
        let path = payload.get("path").and_then(Value::as_str);
        let link = match (case, path) {
            (Some(case), _) => format!("{}/cases/{case}", self.public_url),
            (None, Some(path)) if path.starts_with('/') => format!("{}{path}", self.public_url),
            _ => self.public_url.clone(),
        };
        context.insert("link", &link);
        context.insert("preferences", &format!("{}/me", self.public_url));
        let template = name(lang, notice);
        let text = match self.tera.render(&template, &context) {
            Ok(text) => text,
            Err(source) => return Err(MailError::Render { template, source }),
        };
        let (subject, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(MailError::NoSubject(template));
        }
        Ok(Rendered {
            subject: subject.to_owned(),
            body: body.trim_start_matches(['\n', '\r']).trim_end().to_owned() + "\n",
        })
    }

    /// Renders every template with sample facts; the failures, by template.
    pub fn check(&self) -> Vec<String> {
        let case = serde_json::json!({
            "case_id": "0194f7a0-0000-7000-8000-000000000000",
            "reference": "PUE-2026-000123",
            "title": "Casa del Migrante Paso Libre",
            "event": "request_info", "from": "submitted", "to": "needs_info",
            "expires_on": "2026-12-01", "days_left": 20,
            "cases": [{"reference": "PUE-2026-000124", "title": "Albergue La 72",
                       "alerts": ["stalled"], "state": "MX-CHH", "waiting_days": 2,
                       "preferred": true}],
            "counts": [{"alert": "stalled", "cases": 1}],
            "email": "albergue@example.org", "hours": 48,
            "organization": "Albergue Hermanos en el Camino", "municipality": "Ciudad Ixtepec",
            "state": "MX-OAX",
        });
        let mut failures = Vec::new();
        for lang in [Lang::Es, Lang::En] {
            for notice in Notice::ALL {
                if let Err(error) = self.render(notice, lang, "Gloria", &case) {
                    failures.push(error.to_string());
                }
            }
        }
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_template_renders_in_both_languages() {
        let templates =
            MailTemplates::new("https://puente.example.org/").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(templates.check(), Vec::<String>::new());
    }

    #[test]
    fn user_text_stays_quoted_on_one_line() {
        let templates =
            MailTemplates::new("https://puente.example.org").unwrap_or_else(|e| panic!("{e}"));
        // As a name stored before the intake refused line breaks could still read.
        let payload = json!({
            "case_id": "0194f7a0-0000-7000-8000-000000000001",
            "reference": "PUE-2026-000007",
            "title": "Casa\r\n\r\nURGENTE: confirme su contraseña en http://evil.example\r\n",
        });
        for lang in [Lang::Es, Lang::En] {
            let mail = templates
                .render(Notice::NewSubmission, lang, "Ana\nLópez", &payload)
                .unwrap_or_else(|e| panic!("{e}"));
            let line = mail
                .body
                .lines()
                .find(|line| line.contains("URGENTE"))
                .unwrap_or_default();
            assert!(line.contains("PUE-2026-000007"), "{mail:?}");
            let (open, close) = if lang == Lang::Es {
                ('«', '»')
            } else {
                ('“', '”')
            };
            assert!(
                line.contains(&format!(
                    "{open}Casa URGENTE: confirme su contraseña en http://evil.example{close}"
                )),
                "{mail:?}"
            );
            assert!(mail.body.contains("Ana López"), "{mail:?}");
        }
    }

    #[test]
    fn a_status_change_is_written_in_the_readers_language_with_labels_and_a_link() {
        let templates =
            MailTemplates::new("https://puente.example.org").unwrap_or_else(|e| panic!("{e}"));
        let payload = json!({
            "case_id": "0194f7a0-0000-7000-8000-000000000001",
            "reference": "PUE-2026-000007", "title": "Casa Paso Libre",
            "event": "accept", "from": "submitted", "to": "open",
        });
        let es = templates
            .render(Notice::CaseStatus, Lang::Es, "Gloria", &payload)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(es.subject.contains("PUE-2026-000007"), "{es:?}");
        assert!(es.body.contains("Gloria"), "{es:?}");
        assert!(es.body.contains("Abierta a voluntarios"), "{es:?}");
        assert!(
            es.body
                .contains("https://puente.example.org/cases/0194f7a0-0000-7000-8000-000000000001"),
            "{es:?}"
        );
        let en = templates
            .render(Notice::CaseStatus, Lang::En, "Gloria", &payload)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(en.subject, es.subject);
        assert!(!en.body.contains("Abierta a voluntarios"), "{en:?}");
    }
}
