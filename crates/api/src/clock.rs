//! The time, as Puente stores it: UTC, to the microsecond (what PostgreSQL keeps), so that a
//! value hashed before storing hashes the same when read back.
//!
//! What a case records (its history, comments, hours, documents, messages) takes its time from
//! the [`Clock`] in the application state, which tests may fix to known dates; sign-in tokens
//! always use the system's time ([`now`]), as the token library checks them against it.

use std::sync::{Arc, RwLock};

use time::{Date, OffsetDateTime, UtcOffset};

/// Now, in UTC, truncated to microseconds.
pub fn now() -> OffsetDateTime {
    truncate(OffsetDateTime::now_utc())
}

/// A time truncated to microseconds.
pub fn truncate(at: OffsetDateTime) -> OffsetDateTime {
    let micros = at.nanosecond() / 1_000 * 1_000;
    at.replace_nanosecond(micros)
        .unwrap_or(at)
        .to_offset(UtcOffset::UTC)
}

/// The case clock: the system's time, unless fixed.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    fixed: Arc<RwLock<Option<OffsetDateTime>>>,
}

impl Clock {
    /// The system's time.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Now, by this clock.
    pub fn now(&self) -> OffsetDateTime {
        let fixed = *self
            .fixed
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        fixed.unwrap_or_else(now)
    }

    /// Today at `offset` from UTC.
    pub fn today(&self, offset: UtcOffset) -> Date {
        self.now().to_offset(offset).date()
    }

    /// Stops the clock at `at` (tests and simulations).
    pub fn set(&self, at: OffsetDateTime) {
        *self
            .fixed
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(truncate(at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_fixed_clock_tells_the_fixed_time_and_its_day_in_the_program_zone() {
        let clock = Clock::system();
        let before = now();
        assert!(clock.now() >= before);
        clock.set(datetime!(2026-03-01 03:00 UTC));
        assert_eq!(clock.now(), datetime!(2026-03-01 03:00 UTC));
        // 03:00 UTC is still the evening before in Mexico City.
        assert_eq!(
            clock.today(UtcOffset::from_hms(-6, 0, 0).unwrap_or(UtcOffset::UTC)),
            time::macros::date!(2026 - 02 - 28)
        );
    }
}
