//! Keyset pagination, the one way lists are read by pages: ordered by a key (a time or a date)
//! and then the id, each page starts strictly after the last row of the page before, named by
//! an opaque cursor. Rows added or moved meanwhile never make a page repeat or skip one that was
//! there all along, and reading the thousandth page costs what the first does.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::sea_query::{Condition, IntoCondition};
use sea_orm::{ColumnTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A value a list is ordered by, written into cursors.
pub trait Key: Sized + Clone + Into<sea_orm::Value> {
    /// As text.
    fn encode(&self) -> String;
    /// Back from text.
    fn decode(text: &str) -> Option<Self>;
}

impl Key for OffsetDateTime {
    fn encode(&self) -> String {
        self.format(&Rfc3339).unwrap_or_default()
    }
    fn decode(text: &str) -> Option<Self> {
        OffsetDateTime::parse(text, &Rfc3339).ok()
    }
}

impl Key for String {
    fn encode(&self) -> String {
        self.clone()
    }
    fn decode(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl Key for Date {
    fn encode(&self) -> String {
        self.to_string()
    }
    fn decode(text: &str) -> Option<Self> {
        Date::parse(
            text,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok()
    }
}

/// Where a page ends: the last row's key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor<K> {
    /// The ordering key of the last row.
    pub at: K,
    /// Its id.
    pub id: Uuid,
}

impl<K: Key> Cursor<K> {
    /// The cursor as it travels in a URL.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}|{}", self.at.encode(), self.id))
    }

    /// A cursor read back; `None` for anything Puente did not write.
    pub fn decode(text: &str) -> Option<Cursor<K>> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        // The id comes last and never holds `|`; a name may.
        let (at, id) = text.rsplit_once('|')?;
        Some(Cursor {
            at: K::decode(at)?,
            id: Uuid::parse_str(id).ok()?,
        })
    }
}

/// Which way a list runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Smallest key first (the longest waiting, the oldest).
    Ascending,
    /// Largest key first (the newest).
    #[default]
    Descending,
}

/// Orders `query` by `key` then `id` in `direction`, starts it after `after`, and asks for one
/// row more than `limit` (see [`split`]).
pub fn keyset<E, C, K>(
    query: Select<E>,
    key: C,
    id: C,
    direction: Direction,
    after: Option<&Cursor<K>>,
    limit: u64,
) -> Select<E>
where
    E: EntityTrait,
    C: ColumnTrait,
    K: Key,
{
    let order = match direction {
        Direction::Ascending => Order::Asc,
        Direction::Descending => Order::Desc,
    };
    let mut query = query.order_by(key, order.clone()).order_by(id, order);
    if let Some(after) = after {
        let beyond = |column: C, value: sea_orm::Value| match direction {
            Direction::Ascending => column.gt(value),
            Direction::Descending => column.lt(value),
        };
        let reached = |column: C, value: sea_orm::Value| match direction {
            Direction::Ascending => column.gte(value),
            Direction::Descending => column.lte(value),
        };
        // The key at or beyond the cursor's: implied by the condition below, but what lets the
        // database start its index scan at the cursor instead of reading (and dropping) every
        // row before it (PostgreSQL does not derive it from the `OR`).
        query = query.filter(reached(key, after.at.clone().into()));
        query = query.filter(
            Condition::any()
                .add(beyond(key, after.at.clone().into()))
                .add(
                    Condition::all()
                        .add(key.eq(after.at.clone()))
                        .add(beyond(id, after.id.into()))
                        .into_condition(),
                ),
        );
    }
    query.limit(limit + 1)
}

/// The page out of the rows [`keyset`] read: at most `limit` of them, and whether more follow.
pub fn split<T>(mut rows: Vec<T>, limit: u64) -> (Vec<T>, bool) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let more = rows.len() > limit;
    rows.truncate(limit);
    (rows, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_travels_and_comes_back_and_nothing_else_passes_for_one() {
        let cursor = Cursor {
            at: OffsetDateTime::from_unix_timestamp(1_764_000_000)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        let day = Cursor {
            at: time::macros::date!(2026 - 11 - 29),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::<Date>::decode(&day.encode()), Some(day));
        let name = Cursor {
            at: "Casa | Albergue".to_owned(),
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::<String>::decode(&name.encode()), Some(name));
        for forged in ["", "x", "fHw", &URL_SAFE_NO_PAD.encode("2026-13-01|nope")] {
            assert_eq!(Cursor::<OffsetDateTime>::decode(forged), None, "{forged}");
        }
    }

    #[test]
    fn a_page_keeps_its_limit_and_says_whether_more_follow() {
        assert_eq!(split(vec![1, 2, 3], 2), (vec![1, 2], true));
        assert_eq!(split(vec![1, 2], 2), (vec![1, 2], false));
        assert_eq!(split(Vec::<u8>::new(), 2), (vec![], false));
    }
}
