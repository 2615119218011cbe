//! Reading the layers: the built-in defaults, `puente.toml` (or the file `PUENTE_CONFIG` names),
//! then the `PUENTE_*` environment variables with their `*_FILE` secrets.

use std::path::{Path, PathBuf};

use config::{Config, Environment, File, FileFormat};

use super::{ConfigError, Settings};

const DEFAULTS: &str = r#"
listen = "127.0.0.1:8080"
data_dir = "puente-data"
database_pool = 10
jwt_previous_secrets = []
jwt_issuer = "puente"
jwt_audience = "puente-api"
access_token_seconds = 900
session_idle_days = 7
session_absolute_days = 30
body_limit_bytes = 1048576
login_attempts_per_account = 5
login_attempts_per_address = 30
login_window_minutes = 15
login_delay_max_seconds = 10
registrations_per_address_per_hour = 10
email_link_hours = 48
password_hashing_concurrency = 0
trusted_proxies = []
mfa_required_for = ["admins"]
header_read_timeout_seconds = 10
request_timeout_seconds = 60
upload_timeout_seconds = 900
max_connections = 1024
utc_offset_hours = -6
log_format = "json"
storage = "local"
s3_region = "us-east-1"
s3_allow_http = false
document_limit_bytes = 26214400
document_retention_days = 365
storage_quota_bytes = 2147483648
unverified_storage_quota_bytes = 20971520
lawyer_capacity = 3
personal_data_retention_days = 365
privacy_controller = "Programa Puente"
privacy_address = "Domicilio por configurar"
privacy_email = "privacidad@puente.localhost"
mail_from = "Puente <no-reply@puente.localhost>"
public_url = "http://127.0.0.1:8080"
digest_hour = 8
mail_digests = true
mail_retry_seconds = 30
mail_max_attempts = 10
mail_poll_ms = 2000

[alerts]
"#;

/// The settings that are lists (comma-separated in the environment).
const LISTS: [&str; 3] = [
    "jwt_previous_secrets",
    "trusted_proxies",
    "mfa_required_for",
];

/// Variables that share the prefix but are not settings: the configuration file's path, the log
/// filter and the test suites' own. Every other unknown `PUENTE_*` is refused as a likely typo.
fn is_reserved(key: &str) -> bool {
    key == "PUENTE_CONFIG" || key == "PUENTE_LOG" || key.starts_with("PUENTE_TEST_")
}

/// The built-in default of setting `name`, as text.
pub(super) fn default_of(name: &str) -> Option<String> {
    Config::builder()
        .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
        .build()
        .ok()?
        .get_string(name)
        .ok()
}

impl Settings {
    /// Reads the layers: defaults, `puente.toml` in the working directory (or the file named by
    /// `PUENTE_CONFIG`), then the environment.
    pub fn load() -> Result<Settings, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        let file = env
            .iter()
            .find(|(k, _)| k == "PUENTE_CONFIG")
            .map(|(_, v)| PathBuf::from(v));
        Settings::from_sources(file.as_deref(), &env)
    }

    /// Reads the layers from an optional file and the given environment (for tests).
    pub fn from_sources(
        file: Option<&Path>,
        env: &[(String, String)],
    ) -> Result<Settings, ConfigError> {
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        builder = match file {
            Some(path) => builder.add_source(File::from(path).required(true)),
            None => builder.add_source(File::with_name("puente").required(false)),
        };
        let mut variables = std::collections::HashMap::new();
        let mut empty_lists = Vec::new();
        for (key, value) in env {
            if !key.starts_with("PUENTE_") || is_reserved(key) {
                continue;
            }
            // An empty list (`PUENTE_MFA_REQUIRED_FOR=`) means none, not one empty entry.
            let setting = key.trim_start_matches("PUENTE_").to_lowercase();
            if LISTS.contains(&setting.as_str()) && value.trim().is_empty() {
                empty_lists.push(setting);
                continue;
            }
            if let Some(target) = key.strip_suffix("_FILE") {
                let contents = std::fs::read_to_string(value)
                    .map_err(|error| ConfigError(format!("{key}: cannot read {value}: {error}")))?;
                variables.insert(target.to_owned(), contents.trim().to_owned());
            } else {
                variables
                    .entry(key.clone())
                    .or_insert_with(|| value.clone());
            }
        }
        builder = builder.add_source(
            Environment::with_prefix("PUENTE")
                .prefix_separator("_")
                .separator("__")
                .list_separator(",")
                .with_list_parse_key(LISTS[0])
                .with_list_parse_key(LISTS[1])
                .with_list_parse_key(LISTS[2])
                .try_parsing(true)
                .source(Some(variables)),
        );
        for setting in empty_lists {
            builder = builder
                .set_override(setting, Vec::<String>::new())
                .map_err(|error| ConfigError(error.to_string()))?;
        }
        let settings: Settings = builder
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|error| ConfigError(error.to_string()))?;
        settings.check()?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use puente_workflow::AlertSettings;
    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_defaults_are_the_embedded_mode() {
        let settings = Settings::from_sources(None, &[]).unwrap();
        assert_eq!(settings.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(
            settings.database_url(),
            "sqlite://puente-data/puente.db?mode=rwc"
        );
        assert_eq!(settings.access_token_seconds, 900);
        assert_eq!(settings.alerts, AlertSettings::default());
    }

    #[test]
    fn environment_variables_override_and_files_hold_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("jwt");
        std::fs::write(&secret, "0123456789abcdef0123456789abcdef\n").unwrap();
        let settings = Settings::from_sources(
            None,
            &env(&[
                ("PUENTE_LISTEN", "127.0.0.1:9999"),
                ("PUENTE_DATABASE_URL", "postgres://localhost/puente"),
                ("PUENTE_JWT_SECRET_FILE", secret.to_str().unwrap()),
                ("PUENTE_ALERTS__STALLED_DAYS", "45"),
            ]),
        )
        .unwrap();
        assert_eq!(settings.listen.port(), 9999);
        assert_eq!(settings.database_url(), "postgres://localhost/puente");
        assert_eq!(
            settings.jwt_secret.unwrap().expose(),
            "0123456789abcdef0123456789abcdef"
        );
        assert_eq!(settings.alerts.stalled_days, 45);
        assert!(!format!("{:?}", settings.database_url).contains("localhost"));
    }

    #[test]
    fn the_privacy_notice_names_the_configured_responsible_party() {
        let settings = Settings::from_sources(None, &[]).unwrap();
        assert_eq!(
            settings.privacy_placeholders(),
            ["privacy_controller", "privacy_address", "privacy_email"]
        );
        let settings = Settings::from_sources(
            None,
            &env(&[
                ("PUENTE_PRIVACY_CONTROLLER", "Fundación Ejemplo, A.C."),
                (
                    "PUENTE_PRIVACY_ADDRESS",
                    "Av. Reforma 1, Col. Centro, 06000, Ciudad de México",
                ),
                ("PUENTE_PRIVACY_EMAIL", "privacidad@ejemplo.org.mx"),
            ]),
        )
        .unwrap();
        assert_eq!(settings.privacy_controller, "Fundación Ejemplo, A.C.");
        assert!(settings.privacy_placeholders().is_empty());
        for (key, value) in [
            ("PUENTE_PRIVACY_CONTROLLER", " "),
            ("PUENTE_PRIVACY_ADDRESS", "Calle 1\nCentro"),
            ("PUENTE_PRIVACY_EMAIL", "no es un correo"),
        ] {
            let error = Settings::from_sources(None, &env(&[(key, value)])).unwrap_err();
            let named = key.trim_start_matches("PUENTE_").to_lowercase();
            assert!(error.to_string().contains(&named), "{key}: {error}");
        }
    }

    #[test]
    fn bad_values_are_refused_with_a_clear_message() {
        let cases = [
            ("PUENTE_LISTEN", "not-an-address", "listen"),
            ("PUENTE_DATABASE_URL", "mysql://x", "database_url"),
            ("PUENTE_JWT_SECRET", "short", "jwt_secret"),
            ("PUENTE_ACCESS_TOKEN_SECONDS", "0", "access_token_seconds"),
            ("PUENTE_NO_SUCH_SETTING", "1", "no_such_setting"),
        ];
        for (key, value, named) in cases {
            let error = Settings::from_sources(None, &env(&[(key, value)])).unwrap_err();
            assert!(error.to_string().contains(named), "{key}: {error}");
        }
        let error =
            Settings::from_sources(None, &env(&[("PUENTE_JWT_SECRET_FILE", "/no/such/file")]))
                .unwrap_err();
        assert!(error.to_string().contains("/no/such/file"));
    }
}
