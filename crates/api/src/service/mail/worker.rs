//! The outbox worker inside `puente serve`: it writes the day's digests once the digest hour
//! has come, and, with an SMTP server configured (or a `mail_dir` to write messages into),
//! leases due messages and delivers them, trying failed ones again with a doubling wait and
//! marking permanent failures.
//!
//! Delivery is at most once while servers are healthy: a message is leased before it is sent,
//! and a lease is never granted twice. A server that dies after sending and before recording it
//! leaves a lease that runs out, and the message is sent again: the only case of a duplicate.

use std::time::Duration as StdDuration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MessageBuilder};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use puente_i18n::Lang;
use time::{Date, Duration};
use tokio::sync::watch;

use super::templates::MailTemplates;
use super::{Notice, digests};
use crate::entity::{outbox, user};
use crate::service::repo::outbox as queue;
use crate::state::AppState;

/// How long a worker holds a message it is delivering.
const LEASE: Duration = Duration::minutes(5);
/// Messages leased at a time.
const BATCH: u64 = 10;

/// Where messages go: an SMTP server (`smtp_url`), or a folder that receives each message as
/// an `.eml` file (`mail_dir`, for trials and tests).
pub enum Transport {
    /// An SMTP connection.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// A folder.
    Folder(AsyncFileTransport<Tokio1Executor>),
}

/// Why a message was not delivered, and whether trying again could help.
struct Undelivered {
    error: String,
    permanent: bool,
}

impl Transport {
    /// The transport for an `smtp://` or `smtps://` address.
    pub fn smtp(url: &str) -> Result<Transport, String> {
        Ok(Transport::Smtp(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|e| format!("smtp_url: {e}"))?
                .timeout(Some(StdDuration::from_secs(15)))
                .build(),
        ))
    }

    /// The transport the settings name, if any.
    fn of(settings: &crate::config::Settings) -> Option<Result<Transport, String>> {
        if let Some(url) = &settings.smtp_url {
            return Some(Transport::smtp(url.expose()));
        }
        let folder = settings.mail_dir.as_ref()?;
        Some(
            std::fs::create_dir_all(folder)
                .map(|()| Transport::Folder(AsyncFileTransport::new(folder)))
                .map_err(|e| format!("mail_dir {}: {e}", folder.display())),
        )
    }

    async fn send(&self, email: lettre::Message) -> Result<(), Undelivered> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(email)
                    .await
                    .map(drop)
                    .map_err(|error| Undelivered {
                        permanent: error.is_permanent(),
                        error: error.to_string(),
                    })
            }
            Transport::Folder(folder) => {
                folder
                    .send(email)
                    .await
                    .map(drop)
                    .map_err(|error| Undelivered {
                        permanent: false,
                        error: error.to_string(),
                    })
            }
        }
    }
}

/// The wait before attempt `attempts + 1`: `base`, doubled for each attempt made, at most an
/// hour.
pub fn backoff(base_seconds: u64, attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(0);
    let seconds = base_seconds.saturating_mul(1 << doublings).min(3600);
    Duration::seconds(i64::try_from(seconds).unwrap_or(3600))
}

/// Runs until `stop` turns true.
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let templates = match MailTemplates::new(&state.settings.public_url) {
        Ok(templates) => templates,
        Err(error) => {
            tracing::error!(%error, "e-mail templates: the outbox worker does not start");
            return;
        }
    };
    let transport = match Transport::of(&state.settings) {
        Some(Ok(transport)) => Some(transport),
        Some(Err(error)) => {
            tracing::error!(%error, "e-mails stay in the outbox");
            None
        }
        None => {
            tracing::info!("no SMTP server or mail_dir configured: e-mails stay in the outbox");
            None
        }
    };
    let poll = StdDuration::from_millis(state.settings.mail_poll_ms);
    let mut digested: Option<Date> = None;
    loop {
        let now = state.now();
        let local = now.to_offset(state.settings.utc_offset());
        if state.settings.mail_digests
            && local.hour() >= state.settings.digest_hour
            && digested != Some(local.date())
        {
            match digests::run(&state, now).await {
                Ok(queued) => {
                    tracing::info!(queued, day = %local.date(), "daily digests written");
                    digested = Some(local.date());
                }
                Err(error) => tracing::warn!(%error, "daily digests: will try again"),
            }
        }
        if let Some(transport) = &transport {
            deliver_due(&state, &templates, transport).await;
        }
        tokio::select! {
            _ = stop.changed() => {}
            () = tokio::time::sleep(poll) => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// Delivers every message that is due, a batch at a time.
async fn deliver_due(state: &AppState, templates: &MailTemplates, transport: &Transport) {
    loop {
        let leased = match queue::lease(&state.db, state.now(), LEASE, BATCH).await {
            Ok(leased) => leased,
            Err(error) => {
                tracing::warn!(%error, "outbox: cannot lease messages");
                return;
            }
        };
        if leased.is_empty() {
            return;
        }
        for message in leased {
            deliver(state, templates, transport, &message).await;
        }
    }
}

/// Why a message is not sent to its recipient after all, if it is not. A database that does
/// not answer is an error (the message waits and is tried again), never a reason.
async fn withheld(
    state: &AppState,
    person: Option<&user::Model>,
    notice: Notice,
) -> Result<Option<&'static str>, sea_orm::DbErr> {
    let Some(person) = person else {
        return Ok(Some("the recipient no longer exists"));
    };
    if !person.active {
        return Ok(Some("the recipient's account is inactive"));
    }
    if !queue::wants(person, notice) {
        return Ok(Some("the recipient turned this notice off"));
    }
    if person.role == puente_workflow::Role::Shelter {
        let org = crate::service::repo::orgs::find(&state.db, person.organization_id).await?;
        if org.is_none_or(|o| o.blocked_at.is_some()) {
            return Ok(Some("the shelter's personal data is blocked"));
        }
    }
    Ok(None)
}

async fn deliver(
    state: &AppState,
    templates: &MailTemplates,
    transport: &Transport,
    message: &outbox::Model,
) {
    let now = state.now();
    let person = match message.recipient_id {
        Some(id) => crate::service::repo::users::find(&state.db, id).await,
        None => Ok(None),
    };
    let notice = message.kind;
    let refusal = match person {
        Ok(person) => withheld(state, person.as_ref(), notice)
            .await
            .map(|refusal| (person, refusal)),
        Err(error) => Err(error),
    };
    let (person, refusal) = match refusal {
        Ok(found) => found,
        Err(error) => {
            tracing::warn!(%error, "outbox: cannot read the recipient; will try again");
            let retry = now + backoff(state.settings.mail_retry_seconds, message.attempts);
            record_failure(state, message, &error.to_string(), Some(retry), now).await;
            return;
        }
    };
    let (Some(person), None) = (person, refusal) else {
        let reason = refusal.unwrap_or("the recipient no longer exists");
        tracing::info!(id = %message.id, reason, "outbox: message withheld");
        record_failure(state, message, reason, None, now).await;
        return;
    };
    let lang: Lang = person.locale.parse().unwrap_or_default();
    let email = templates
        .render(notice, lang, &person.name, &message.payload)
        .and_then(|rendered| build(state, message, &person, lang, rendered));
    let email = match email {
        Ok(email) => email,
        Err(error) => {
            tracing::error!(id = %message.id, %error, "outbox: message cannot be written");
            record_failure(state, message, &error.to_string(), None, now).await;
            return;
        }
    };
    match transport.send(email).await {
        Ok(_) => {
            if let Err(error) = queue::sent(&state.db, message.id, state.now()).await {
                tracing::error!(id = %message.id, %error, "outbox: sent, but not recorded");
            }
        }
        Err(Undelivered { error, permanent }) => {
            let give_up = permanent || message.attempts >= state.settings.mail_max_attempts;
            let retry = (!give_up)
                .then(|| now + backoff(state.settings.mail_retry_seconds, message.attempts));
            tracing::warn!(id = %message.id, attempts = message.attempts, %error, give_up, "outbox: delivery failed");
            record_failure(state, message, &error, retry, now).await;
        }
    }
}

/// Records why a message was not sent, and when to try again (never, without `retry`). When
/// even that cannot be written, the message's lease runs out and it is tried again then.
async fn record_failure(
    state: &AppState,
    message: &outbox::Model,
    why: &str,
    retry: Option<time::OffsetDateTime>,
    now: time::OffsetDateTime,
) {
    if let Err(error) = queue::failed(&state.db, message.id, why, retry, now).await {
        tracing::error!(id = %message.id, %error, "outbox: the failure could not be recorded; the lease will run out");
    }
}

fn build(
    state: &AppState,
    message: &outbox::Model,
    person: &user::Model,
    lang: Lang,
    rendered: super::templates::Rendered,
) -> Result<lettre::Message, super::MailError> {
    let from: Mailbox = state
        .settings
        .mail_from
        .parse()
        .map_err(super::MailError::Sender)?;
    let to = Mailbox::new(
        Some(person.name.clone()),
        person.email.parse().map_err(super::MailError::Recipient)?,
    );
    let builder: MessageBuilder = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(rendered.subject)
        .message_id(Some(format!("<{}@puente>", message.id)))
        .header(ContentType::TEXT_PLAIN);
    let builder = builder.raw_header(HeaderValue::new(
        HeaderName::new_from_ascii_str("Content-Language"),
        lang.code().to_owned(),
    ));
    builder
        .body(rendered.body)
        .map_err(super::MailError::Message)
}

/// Starts the worker; stop it by sending `true` on the returned channel and awaiting the handle.
pub fn spawn(state: AppState) -> (watch::Sender<bool>, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = watch::channel(false);
    let handle = tokio::spawn(run(state, stopped));
    (stop, handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_with_each_attempt_up_to_an_hour() {
        assert_eq!(backoff(30, 1), Duration::seconds(30));
        assert_eq!(backoff(30, 2), Duration::seconds(60));
        assert_eq!(backoff(30, 4), Duration::seconds(240));
        assert_eq!(backoff(30, 40), Duration::seconds(3600));
        assert_eq!(backoff(1, 0), Duration::seconds(1));
    }
}
