//! The end-to-end browser story's harness: the built `puente` binary started from outside with
//! seeded accounts ([`Server`]), headless Chromium through chromedriver at a phone's or a
//! desktop's size ([`Driver`], [`Size`]), steps that act like a person by visible text and
//! labels ([`Driver::fill`], [`Driver::click`]…), and [`Driver::audit`], which checks a page
//! with axe-core and saves its screenshot.
//!
//! Every process started here is killed when its owner is dropped, so a failing or panicking
//! story leaves nothing running.

mod audit;
mod driver;
mod error;
mod net;
mod page;
mod process;
mod server;

pub use driver::{Driver, Size};
pub use error::{Context, Error, Result};
pub use server::{Account, Server};
