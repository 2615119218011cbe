//! Puente's service: configuration, the HTTP API, persistence and the command line's work.
//!
//! Handlers (in `routes`) extract, call one repository or workflow function, and answer;
//! repositories (in `repo`) own the queries; the workflow crate decides every case transition.

pub mod access;
pub mod address;
pub mod app;
pub mod clock;
pub mod config;
pub mod db;
pub mod entity;
pub mod error;
pub mod extract;
pub mod headers;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod server;
pub mod service;
pub mod state;
pub mod storage;
pub mod web;

pub use app::{prepare, router, serve, shutdown_signal};
pub use config::Settings;
pub use state::AppState;
