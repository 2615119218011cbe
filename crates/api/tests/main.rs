//! The API crate's tests, one binary: each module is a suite that starts the real application
//! (on a loopback socket, with a database of its own) or the built `puente` binary. One binary
//! links the crate, Typst and the rest once, instead of once per suite.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

mod common;

mod alerts;
mod audit;
mod authorization;
mod bad_input;
mod case_page;
mod case_summary;
mod concurrency;
mod crash;
mod db_faults;
mod demo;
mod documents;
mod drafts;
mod first_run;
mod intake_pages;
mod layers;
mod list_pages;
mod mail;
mod me_page;
mod openapi;
mod privacy;
mod privacy_notice;
mod problem_pages;
mod process;
mod recovery;
mod replicas;
mod reports;
mod security;
mod storage_ops;
mod store_faults;
mod story;
mod tokens;
mod web;
mod web_pages;
