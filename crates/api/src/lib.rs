//! Puente's service: configuration, the HTTP API, persistence and the command line's work.
//!
//! Three layers: the JSON routes (`routes`) and the pages (`web`) adapt requests and call one
//! use case each; the use cases (`service`) decide who may do what and reach the repositories
//! (`service::repo`, private to them), the document store (`storage`) and the workflow crate,
//! which decides every case transition.

pub mod access;
pub mod address;
pub mod app;
pub mod caller;
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
