//! Layered configuration: built-in defaults for the embedded mode, then `puente.toml`, then
//! `PUENTE_*` environment variables (`__` separates nested keys: `PUENTE_AUTH__ISSUER`). Any
//! variable ending in `_FILE` names a file whose contents replace the variable without the suffix
//! (`PUENTE_JWT_SECRET_FILE=/run/secrets/jwt`), so secrets need not sit in the environment.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use config::{Config, Environment, File, FileFormat};
use puente_workflow::AlertSettings;
use serde::Deserialize;

/// A secret: kept out of `Debug` output and logs.
#[derive(Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// Everything Puente can be told.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where the HTTP server listens.
    pub listen: SocketAddr,
    /// Folder of the embedded mode's database, keys and documents.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; by default a SQLite file in `data_dir`.
    pub database_url: Option<Secret>,
    /// Connections in the database pool (PostgreSQL; SQLite uses one writer).
    pub database_pool: u32,
    /// The key that signs access tokens (at least 32 bytes); generated into `data_dir` when
    /// not given.
    pub jwt_secret: Option<Secret>,
    /// Former keys, still accepted for verification while their tokens run out.
    pub jwt_previous_secrets: Vec<Secret>,
    /// The tokens' `iss`.
    pub jwt_issuer: String,
    /// The tokens' `aud`.
    pub jwt_audience: String,
    /// How long an access token lives, in seconds.
    pub access_token_seconds: i64,
    /// A session ends when it was not used (renewed) for this many days.
    pub session_idle_days: i64,
    /// A session ends this many days after its sign-in, however much it is used.
    pub session_absolute_days: i64,
    /// The largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// Failed logins allowed per account from one client address within
    /// `login_window_minutes` (then 429); from all addresses together, failures beyond it only
    /// slow the account's sign-ins down, so an attacker cannot lock its owner out.
    pub login_attempts_per_account: u64,
    /// Failed logins allowed per client address within `login_window_minutes`, whatever the
    /// account.
    pub login_attempts_per_address: u64,
    /// The window of the login limits, in minutes.
    pub login_window_minutes: i64,
    /// The longest wait imposed on an account's sign-ins after many failures, in seconds.
    pub login_delay_max_seconds: u64,
    /// Self-registrations allowed per client address per hour.
    pub registrations_per_address_per_hour: u64,
    /// How long a link sent by e-mail (confirming an address) stays good, in hours.
    pub email_link_hours: i64,
    /// Passwords hashed or checked at once (0: one per processor core); beyond it and a short
    /// queue, sign-ins answer 503 with `Retry-After` rather than using unbounded memory.
    pub password_hashing_concurrency: usize,
    /// Reverse proxies (CIDRs) whose `X-Forwarded-For` or `Forwarded` header names the client;
    /// from any other peer those headers are ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Who must sign in with a second factor (TOTP): `admins`, `managers`, `lawyers`.
    pub mfa_required_for: Vec<MfaScope>,
    /// How long a client may take to send a request's headers, in seconds.
    pub header_read_timeout_seconds: u64,
    /// How long a request may take, in seconds (uploads have `upload_timeout_seconds`).
    pub request_timeout_seconds: u64,
    /// How long an upload may take, in seconds.
    pub upload_timeout_seconds: u64,
    /// Connections served at once; further clients wait to be accepted.
    pub max_connections: usize,
    /// The bearer token `/metrics` asks for on the public listener; without it (and without
    /// `metrics_listen`) the metrics are not served.
    pub metrics_token: Option<Secret>,
    /// A separate address serving `/metrics` without a token (a private interface).
    pub metrics_listen: Option<SocketAddr>,
    /// The program's offset from UTC in hours, for dates people see (Mexico City: -6).
    pub utc_offset_hours: i8,
    /// `json` (the default) or `text` logs.
    pub log_format: LogFormat,
    /// The periods behind the deadline alerts.
    pub alerts: AlertSettings,
    /// Where documents are kept: `local` (a folder), `s3` (any S3-compatible service) or
    /// `memory` (tests only: lost on exit).
    pub storage: StorageKind,
    /// The folder of the `local` store (by default `data_dir/documents`).
    pub storage_path: Option<PathBuf>,
    /// A prefix for every object key, to share a bucket (`puente/`); none by default.
    pub storage_prefix: Option<String>,
    /// The S3 service's address (`https://…`; `http://` only with `s3_allow_http`).
    pub s3_endpoint: Option<String>,
    /// The S3 region.
    pub s3_region: String,
    /// The S3 bucket.
    pub s3_bucket: Option<String>,
    /// The S3 access key id.
    pub s3_access_key_id: Option<String>,
    /// The S3 secret access key.
    pub s3_secret_access_key: Option<Secret>,
    /// Allow a plain-HTTP S3 endpoint (a store on the same host or private network).
    pub s3_allow_http: bool,
    /// The largest document accepted, in bytes.
    pub document_limit_bytes: u64,
    /// How long a deleted document stays blocked (kept, never shown or served) before
    /// `puente storage purge` removes its object, file name and key, in days.
    pub document_retention_days: u32,
    /// The most a verified organization's live documents may take together, in bytes.
    pub storage_quota_bytes: u64,
    /// The same for an organization not yet verified (a self-registered shelter).
    pub unverified_storage_quota_bytes: u64,
    /// ClamAV's daemon (`host:port`): when set, every upload is scanned before it is stored.
    pub clamd_address: Option<String>,
    /// A folder of document templates replacing the compiled-in ones (`templates/documents/`).
    pub templates_dir: Option<PathBuf>,
    /// Master keys that wrap documents' keys, `id:base64,id:base64` (32 bytes each); generated
    /// into `data_dir/master-keys.json` when not given.
    pub master_keys: Option<Secret>,
    /// The master key that wraps new documents (by default the last of `master_keys`).
    pub master_key_id: Option<String>,
    /// How long a shelter's blocked personal data is kept before it may be purged, in days.
    pub personal_data_retention_days: u32,
    /// How many cases a lawyer takes at once when their profile does not say.
    pub lawyer_capacity: u32,
    /// The SMTP server e-mails go through (`smtp://host:port`, `smtps://…`, with
    /// `user:password@` when it asks for them); without one, messages wait in the outbox.
    pub smtp_url: Option<Secret>,
    /// Without an SMTP server: a folder where each e-mail is written as an `.eml` file (trials,
    /// tests).
    pub mail_dir: Option<PathBuf>,
    /// The sender of Puente's e-mails.
    pub mail_from: String,
    /// The address people reach Puente at, for links in e-mails.
    pub public_url: String,
    /// The hour of the day (program time) the daily digests are written.
    pub digest_hour: u8,
    /// Whether this server writes the daily digests (any number of servers may: each digest
    /// is queued once).
    pub mail_digests: bool,
    /// The first wait before a failed delivery is tried again, in seconds; it doubles with each
    /// attempt, up to an hour.
    pub mail_retry_seconds: u64,
    /// Attempts before a message is marked as failed for good.
    pub mail_max_attempts: i32,
    /// How often the outbox worker looks for messages and digests, in milliseconds.
    pub mail_poll_ms: u64,
}

/// Where documents are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    /// A folder on this machine.
    Local,
    /// An S3-compatible service.
    S3,
    /// Memory (tests only).
    Memory,
}

/// Who must use a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MfaScope {
    /// Admin managers.
    Admins,
    /// Every manager.
    Managers,
    /// Every lawyer.
    Lawyers,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line.
    Json,
    /// Human-readable lines.
    Text,
}

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

/// A configuration that cannot be used, with a message saying what to fix.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

/// Variables that share the prefix but are not settings: the configuration file's path, the log
/// filter and the test suites' own. Every other unknown `PUENTE_*` is refused as a likely typo.
fn is_reserved(key: &str) -> bool {
    key == "PUENTE_CONFIG" || key == "PUENTE_LOG" || key.starts_with("PUENTE_TEST_")
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

    fn check(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.database_url {
            let url = url.expose();
            if !(url.starts_with("sqlite:")
                || url.starts_with("postgres://")
                || url.starts_with("postgresql://"))
            {
                return Err(ConfigError(
                    "database_url must start with sqlite: or postgres://".into(),
                ));
            }
        }
        for secret in self.jwt_secret.iter().chain(&self.jwt_previous_secrets) {
            if secret.expose().len() < 32 {
                return Err(ConfigError(
                    "jwt_secret and jwt_previous_secrets need at least 32 characters each".into(),
                ));
            }
        }
        let positive = [
            ("access_token_seconds", self.access_token_seconds),
            ("session_idle_days", self.session_idle_days),
            ("session_absolute_days", self.session_absolute_days),
            ("email_link_hours", self.email_link_hours),
            ("login_window_minutes", self.login_window_minutes),
        ];
        for (name, value) in positive {
            if value <= 0 {
                return Err(ConfigError(format!("{name} must be greater than zero")));
            }
        }
        if self.body_limit_bytes < 1024 {
            return Err(ConfigError("body_limit_bytes must be at least 1024".into()));
        }
        if !(-12..=14).contains(&self.utc_offset_hours) {
            return Err(ConfigError(
                "utc_offset_hours must be between -12 and 14".into(),
            ));
        }
        if self.document_limit_bytes == 0 {
            return Err(ConfigError(
                "document_limit_bytes must be greater than zero".into(),
            ));
        }
        if self.digest_hour > 23 {
            return Err(ConfigError("digest_hour must be between 0 and 23".into()));
        }
        if self.mail_max_attempts < 1 || self.mail_poll_ms == 0 || self.mail_retry_seconds == 0 {
            return Err(ConfigError(
                "mail_max_attempts, mail_poll_ms and mail_retry_seconds must be at least 1".into(),
            ));
        }
        if self.smtp_url.as_ref().is_some_and(|url| {
            !url.expose().starts_with("smtp://") && !url.expose().starts_with("smtps://")
        }) {
            return Err(ConfigError(
                "smtp_url must start with smtp:// or smtps://".into(),
            ));
        }
        // Credentials over a connection that may stay in clear text would cross the network
        // readable by anyone on the way: plain `smtp://` with a user needs STARTTLS required.
        if let Some(url) = &self.smtp_url {
            let url = url.expose();
            let credentials = url
                .strip_prefix("smtp://")
                .and_then(|rest| rest.split(['/', '?']).next())
                .is_some_and(|authority| authority.contains('@'));
            if credentials && !url.contains("tls=required") {
                return Err(ConfigError(
                    "smtp_url sends a password over plain smtp://: use smtps:// or add ?tls=required (STARTTLS)".into(),
                ));
            }
        }
        let at_least_one = [
            (
                "header_read_timeout_seconds",
                self.header_read_timeout_seconds,
            ),
            ("request_timeout_seconds", self.request_timeout_seconds),
            ("upload_timeout_seconds", self.upload_timeout_seconds),
            ("max_connections", self.max_connections as u64),
            (
                "login_attempts_per_account",
                self.login_attempts_per_account,
            ),
            (
                "login_attempts_per_address",
                self.login_attempts_per_address,
            ),
        ];
        for (name, value) in at_least_one {
            if value == 0 {
                return Err(ConfigError(format!("{name} must be at least 1")));
            }
        }
        if self.session_idle_days > self.session_absolute_days {
            return Err(ConfigError(
                "session_idle_days cannot exceed session_absolute_days".into(),
            ));
        }
        if self
            .metrics_token
            .as_ref()
            .is_some_and(|t| t.expose().len() < 16)
        {
            return Err(ConfigError(
                "metrics_token needs at least 16 characters".into(),
            ));
        }
        if let Some(address) = &self.clamd_address {
            let port = address
                .rsplit_once(':')
                .filter(|(host, _)| !host.is_empty());
            if port.is_none_or(|(_, port)| port.parse::<u16>().is_err()) {
                return Err(ConfigError(
                    "clamd_address must read host:port (127.0.0.1:3310)".into(),
                ));
            }
        }
        if self.database_pool == 0 {
            return Err(ConfigError("database_pool must be at least 1".into()));
        }
        Ok(())
    }

    /// The database to use: the configured URL or the embedded SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose().to_owned(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("puente.db").display()
            ),
        }
    }

    /// The program's offset from UTC.
    pub fn utc_offset(&self) -> time::UtcOffset {
        time::UtcOffset::from_hms(self.utc_offset_hours, 0, 0).unwrap_or(time::UtcOffset::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
