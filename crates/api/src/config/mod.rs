//! Layered configuration: built-in defaults for the embedded mode, then `puente.toml`, then
//! `PUENTE_*` environment variables (`__` separates nested keys: `PUENTE_AUTH__ISSUER`). Any
//! variable ending in `_FILE` names a file whose contents replace the variable without the suffix
//! (`PUENTE_JWT_SECRET_FILE=/run/secrets/jwt`), so secrets need not sit in the environment.
//!
//! This module holds the settings and their types; `load` reads the layers, `check` refuses a
//! configuration that cannot be used.

mod check;
mod load;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

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
    /// The responsible party (responsable) the privacy notice names: the person or organization
    /// that decides on the personal data Puente holds (LFPDPPP 2025).
    pub privacy_controller: String,
    /// The responsible party's domicile, as the privacy notice states it.
    pub privacy_address: String,
    /// Where people send ARCO requests (access, rectification, cancellation, opposition), revoke
    /// their consent or limit the use of their data.
    pub privacy_email: String,
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

/// A configuration that cannot be used, with a message saying what to fix.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

impl Settings {
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

    /// The privacy-notice settings still at their built-in placeholder: a notice that does not
    /// name the real responsible party and its domicile does not meet the law, so the start-up
    /// warns about them.
    pub fn privacy_placeholders(&self) -> Vec<&'static str> {
        [
            ("privacy_controller", &self.privacy_controller),
            ("privacy_address", &self.privacy_address),
            ("privacy_email", &self.privacy_email),
        ]
        .into_iter()
        .filter(|(name, value)| load::default_of(name).as_deref() == Some(value.as_str()))
        .map(|(name, _)| name)
        .collect()
    }
}
