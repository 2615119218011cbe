//! Validation at start: a configuration that cannot be used is refused with a message saying
//! what to fix.

use super::{ConfigError, Settings};

impl Settings {
    pub(super) fn check(&self) -> Result<(), ConfigError> {
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
        self.check_privacy()?;
        if self.database_pool == 0 {
            return Err(ConfigError("database_pool must be at least 1".into()));
        }
        Ok(())
    }
}

/// The longest name or address the privacy notice shows.
const PRIVACY_TEXT_MAX: usize = 300;

impl Settings {
    /// The privacy notice's responsible party, domicile and ARCO address: each present, on one
    /// line, and the address a real e-mail address.
    fn check_privacy(&self) -> Result<(), ConfigError> {
        let texts = [
            ("privacy_controller", &self.privacy_controller),
            ("privacy_address", &self.privacy_address),
        ];
        for (name, value) in texts {
            let value = value.trim();
            if value.is_empty()
                || value.chars().count() > PRIVACY_TEXT_MAX
                || value.chars().any(char::is_control)
            {
                return Err(ConfigError(format!(
                    "{name} must be one line of 1 to {PRIVACY_TEXT_MAX} characters"
                )));
            }
        }
        if puente_workflow::intake::Email::parse(self.privacy_email.trim()).is_err() {
            return Err(ConfigError(
                "privacy_email must be an e-mail address (where ARCO requests go)".into(),
            ));
        }
        Ok(())
    }
}
