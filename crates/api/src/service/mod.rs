//! The use cases, under both the JSON routes and the pages: each function takes the caller and
//! typed input and returns typed output or an [`Error`], and is the code that reaches the
//! repositories, the document store and the workflow. Routes and pages only adapt: they read a
//! request into the input, call one function, and write its answer as JSON or as a page.
//!
//! [`repo`] is private to this module: no route, page or command reaches a table but through a
//! use case. The integration tests seed their data through it, with the `testing` feature that
//! only their build turns on.

pub mod accounts;
pub mod activity;
pub mod audit;
pub mod auth;
pub mod case_page;
pub mod cases;
pub mod demo;
pub mod directory;
pub mod documents;
pub mod donataria;
pub mod drafts;
mod error;
pub mod gate;
pub mod hours_log;
pub mod intake;
pub mod mail;
pub mod maintenance;
pub mod milestones;
pub mod notary;
pub mod operator;
pub mod particulars;
pub mod permissions;
pub mod privacy;
#[cfg(not(feature = "testing"))]
#[allow(unreachable_pub)] // public within the module tree, reached only from here
mod repo;
#[cfg(feature = "testing")]
pub mod repo;
pub mod reports;
pub mod transitions;
pub mod views;

pub use error::Error;

use crate::service::repo::page::{Cursor, Key};

impl<T> Listing<T> {
    /// A page read whole from a repository: `more` says whether rows follow, `total` how many
    /// there are, `cursor` where a page that ends with an item ends.
    fn of(items: Vec<T>, more: bool, total: u64, cursor: impl Fn(&T) -> String) -> Listing<T> {
        Listing {
            next_cursor: more.then(|| items.last().map(&cursor)).flatten(),
            total: Some(total),
            items,
        }
    }
}

/// The largest page of any list.
pub const MAX_PAGE: u64 = 200;

/// A page size as asked for: 1 to [`MAX_PAGE`], or 422 naming `limit`.
fn page_size(limit: u64) -> Result<u64, Error> {
    if (1..=MAX_PAGE).contains(&limit) {
        Ok(limit)
    } else {
        Err(Error::field("limit", "limit.range"))
    }
}

/// A cursor as given back: one Puente wrote, or 422 naming `cursor`.
fn cursor<K: Key>(text: Option<&str>) -> Result<Option<Cursor<K>>, Error> {
    text.map(|text| Cursor::decode(text).ok_or_else(|| Error::field("cursor", "invalid_value")))
        .transpose()
}

/// A page of a list, with where the next one starts and, when it can be known, how many there
/// are in all.
#[derive(Debug, Clone)]
pub struct Listing<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` on the last.
    pub next_cursor: Option<String>,
    /// How many items the whole list holds (`None` where a filter is decided item by item).
    pub total: Option<u64>,
}
