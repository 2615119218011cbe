//! Putting the service together: the router with its layers, start-up, and serving with a
//! graceful shutdown.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::middleware;
use tokio::net::TcpListener;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::config::{Secret, Settings};
use crate::error::localize;
use crate::metrics::{self, Metrics};
use crate::service::auth::{CredentialError, Keys};
use crate::state::AppState;
use crate::storage::{DocumentStore, FileError, FileOp, KeyError, Keyring, StoreConfigError};
use crate::{db, routes};

/// Caseload reports computed at once: each holds the figures of the whole caseload for a moment
/// (tens of megabytes at 100,000 cases: BENCHMARKS.md), so a crowd of managers must queue,
/// not multiply that.
const REPORTS_AT_ONCE: usize = 2;
/// The most let in, running and waiting together, per report running (16 × 2 = 32): past that a
/// request is refused (503, try again).
const REPORTS_WAITING_PER_RUNNER: usize = 16;

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let body_limit = state.settings.body_limit_bytes;
    let document_limit = state.settings.document_limit_bytes;
    routes::router(document_limit)
        .merge(crate::web::router(state.clone(), document_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::server::time_limit,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(middleware::from_fn(localize))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(state.clone(), crate::headers::layer))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request
                .extensions()
                .get::<RequestId>()
                .and_then(|id| id.header_value().to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let path = loggable_path(request.uri().path());
            tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id, user = tracing::field::Empty)
        }).on_response(DefaultOnResponse::new().level(tracing::Level::INFO)))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// A request's path as the log may keep it: the token of an e-mailed link (which opens an
/// account) replaced by `{token}`.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for prefix in ["/password-reset/", "/confirm-email/"] {
        if path.starts_with(prefix) && path.len() > prefix.len() {
            return format!("{prefix}{{token}}").into();
        }
    }
    path.into()
}

/// Whether `public_url` is plain HTTP to a host other than this machine.
fn plain_http_beyond_loopback(public_url: &str) -> bool {
    let url = public_url.trim();
    let Some(rest) = url
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .map(|_| &url[7..])
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    !loopback
}

#[cfg(test)]
mod tests {
    use super::{loggable_path, plain_http_beyond_loopback};

    #[test]
    fn plain_http_is_flagged_only_beyond_this_machine() {
        for flagged in [
            "http://puente.albergue.lan",
            "http://192.168.1.20:8080/",
            "HTTP://puente.example.mx",
        ] {
            assert!(plain_http_beyond_loopback(flagged), "{flagged}");
        }
        for quiet in [
            "http://127.0.0.1:8080",
            "http://localhost:8080/",
            "http://[::1]:8080",
            "https://puente.example.mx",
            "",
        ] {
            assert!(!plain_http_beyond_loopback(quiet), "{quiet}");
        }
    }

    #[test]
    fn the_token_of_an_emailed_link_never_reaches_the_log() {
        let token = "q3Xb2V_9yZpR0k7LmN1oPq4sTu6vWx8yZa0bC2dE4fG";
        assert_eq!(
            loggable_path(&format!("/password-reset/{token}")),
            "/password-reset/{token}"
        );
        assert_eq!(
            loggable_path(&format!("/confirm-email/{token}")),
            "/confirm-email/{token}"
        );
        assert_eq!(loggable_path("/password-reset"), "/password-reset");
        assert_eq!(loggable_path("/cases/1234"), "/cases/1234");
    }
}

/// Why Puente could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// Reading or writing the data folder.
    #[error(transparent)]
    Io(#[from] FileError),
    /// No randomness to generate the signing key with.
    #[error("cannot generate the signing key: {0}")]
    SigningKey(#[source] CredentialError),
    /// The document store.
    #[error("document storage: {0}")]
    Storage(#[from] StoreConfigError),
    /// The master keys that wrap the documents' keys.
    #[error("document storage: {0}")]
    Keys(#[from] KeyError),
    /// The document templates do not load or fail for a sample case.
    #[error("document templates: {0}")]
    Templates(String),
    /// The schema is behind.
    #[error("the PostgreSQL schema is not up to date: run `puente migrate` first")]
    PendingMigrations,
}

/// The signing key: configured, or generated once into the data folder (readable by its owner
/// only) in the embedded mode.
fn signing_secret(settings: &Settings) -> Result<Secret, StartError> {
    if let Some(secret) = &settings.jwt_secret {
        return Ok(secret.clone());
    }
    let path = settings.data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return Ok(Secret::new(existing.trim()));
    }
    std::fs::create_dir_all(&settings.data_dir).map_err(FileOp::Create.on(&settings.data_dir))?;
    let secret = crate::service::auth::refresh::generate().map_err(StartError::SigningKey)?;
    write_private(&path, &secret)?;
    Ok(Secret::new(secret))
}

fn write_private(path: &Path, contents: &str) -> Result<(), StartError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(FileOp::Create.on(path))?;
    file.write_all(contents.as_bytes())
        .map_err(FileOp::Write.on(path))?;
    Ok(())
}

/// Connects, brings the schema up to date (SQLite) or checks it is (PostgreSQL), and loads the
/// keys.
pub async fn prepare(settings: Settings) -> Result<AppState, StartError> {
    use puente_migrations::MigratorTrait;
    let db = db::connect(&settings).await?;
    if settings.database_url().starts_with("sqlite:") {
        db::migrate(&db).await?;
    } else if !puente_migrations::Migrator::get_pending_migrations(&db)
        .await?
        .is_empty()
    {
        return Err(StartError::PendingMigrations);
    }
    let secret = signing_secret(&settings)?;
    let keys = Keys::new(&secret, &settings.jwt_previous_secrets, &settings);
    let store = DocumentStore::from_settings(&settings)?;
    let keyring = Keyring::load(&settings)?;
    // A template that does not load or fails for a sample case stops the start, naming the
    // template and line, rather than failing a lawyer's request later.
    let docgen = crate::service::drafts::generator(&settings)
        .map_err(|e| StartError::Templates(e.to_string()))?;
    let failures = docgen.check_templates();
    if !failures.is_empty() {
        let list: Vec<String> = failures
            .iter()
            .map(|(sample, error)| format!("{sample}: {error}"))
            .collect();
        return Err(StartError::Templates(list.join("; ")));
    }
    let placeholders = settings.privacy_placeholders();
    if !placeholders.is_empty() {
        tracing::warn!(
            settings = placeholders.join(", "),
            "the privacy notice (/aviso-de-privacidad) shows built-in placeholders: set them to \
             the program's responsible party, its domicile and its address for ARCO requests"
        );
    }
    if plain_http_beyond_loopback(&settings.public_url) {
        tracing::warn!(
            public_url = %settings.public_url,
            "people reach Puente over plain HTTP beyond this machine: passwords, sessions and \
             documents cross the network unencrypted; put a TLS proxy in front (deploy/README.md) \
             and set public_url to its https:// address"
        );
    }
    let settings_hashing = settings.password_hashing_concurrency;
    Ok(AppState {
        db,
        settings: Arc::new(settings),
        keys: Arc::new(keys),
        metrics: Arc::new(Metrics::default()),
        store,
        keyring: Arc::new(keyring),
        docgen: Arc::new(docgen),
        clock: crate::clock::Clock::system(),
        sign_in_clock: crate::clock::Clock::system(),
        pages: Arc::new(crate::web::pages::Pages::new().map_err(StartError::Templates)?),
        hasher: Arc::new(crate::service::auth::Hasher::new(settings_hashing)),
        reports: Arc::new(crate::service::gate::Gate::new(
            REPORTS_AT_ONCE,
            REPORTS_WAITING_PER_RUNNER,
        )),
    })
}

/// Serves until `shutdown` completes, then lets requests in flight finish. With
/// `metrics_listen`, the metrics are served there too.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stop_worker, worker) = crate::service::mail::worker::spawn(state.clone());
    let (stop_metrics, metrics_stopped) = tokio::sync::watch::channel(false);
    let metrics = state.settings.metrics_listen.map(|address| {
        let mut stopped = metrics_stopped.clone();
        tokio::spawn(crate::server::metrics(address, state.clone(), async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }))
    });
    let served = crate::server::run(listener, router(state.clone()), &state, shutdown).await;
    let _ = stop_metrics.send(true);
    if let Some(metrics) = metrics
        && let Ok(Err(error)) = metrics.await
    {
        tracing::error!(%error, "the metrics listener failed");
    }
    // The outbox worker finishes the message in hand; the rest wait for the next start.
    let _ = stop_worker.send(true);
    let _ = worker.await;
    served
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
