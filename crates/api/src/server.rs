//! The HTTP server loop: every connection gets a deadline for its request headers (a client that
//! never finishes them is closed, not kept), at most `max_connections` are served at once (the
//! rest wait in the listen queue), each request has a time limit (uploads a longer one), and a
//! shutdown stops accepting and lets requests in flight finish. `axum::serve` offers none of the
//! first three, so the loop is hyper's own connection builder.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::add_extension::AddExtension;

use crate::state::AppState;

/// How long requests in flight may take to finish after a shutdown was asked for.
const DRAIN: Duration = Duration::from_secs(30);

/// A request's time limit: `upload_timeout_seconds` for a multipart upload,
/// `request_timeout_seconds` for anything else. Past it the client gets 408 and the handler is
/// dropped (a database transaction in it rolls back).
pub async fn time_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let upload = request.method() == Method::POST
        && request
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
    let seconds = if upload {
        state.settings.upload_timeout_seconds
    } else {
        state.settings.request_timeout_seconds
    };
    match tokio::time::timeout(Duration::from_secs(seconds), next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn run(
    listener: TcpListener,
    app: Router,
    state: &AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let settings = &state.settings;
    let connections = Arc::new(Semaphore::new(settings.max_connections));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(settings.header_read_timeout_seconds));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&connections).acquire_owned() => permit.map_err(std::io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(AddExtension::new(app.clone(), ConnectInfo(peer)));
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "requests still in flight after {}s: closing",
            DRAIN.as_secs()
        );
    }
    Ok(())
}

/// The metrics alone, without a token, on `metrics_listen` (a private interface).
pub async fn metrics(
    address: SocketAddr,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = TcpListener::bind(address).await?;
    tracing::info!("metrics on http://{}", listener.local_addr()?);
    let app = Router::new()
        .route("/metrics", axum::routing::get(crate::metrics::render))
        .with_state(state.clone());
    run(listener, app, &state, shutdown).await
}
