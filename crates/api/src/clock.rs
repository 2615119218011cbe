//! The time, as Puente stores it: UTC, to the microsecond (what PostgreSQL keeps), so that a
//! value hashed before storing hashes the same when read back.

use time::OffsetDateTime;

/// Now, in UTC, truncated to microseconds.
pub fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

/// A time truncated to microseconds.
pub fn truncate(at: OffsetDateTime) -> OffsetDateTime {
    let micros = at.nanosecond() / 1_000 * 1_000;
    at.replace_nanosecond(micros)
        .unwrap_or(at)
        .to_offset(time::UtcOffset::UTC)
}
