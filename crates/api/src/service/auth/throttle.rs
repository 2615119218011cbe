//! Throttles: attempts counted per key in fixed windows, in the database, *before* the work they
//! guard (reserve, then verify). Forty simultaneous wrong passwords therefore run at most as many
//! password checks as the limit allows: each attempt takes its place in the count in one atomic
//! statement, and those beyond the limit are refused without being checked. An attempt that
//! turns out not to count (a right password) gives its place back.

use sea_orm::ConnectionTrait;

use crate::service::Error;
use crate::service::repo::throttles;

/// The longest window: counters older than two of them are forgotten.
const DAY: i64 = 24 * 60 * 60;

/// At most `max` attempts under `key` per window of `window` seconds.
#[derive(Debug, Clone)]
pub struct Limit {
    /// What is counted: `login:<e-mail>|<address>`, `address:<address>`, …
    pub key: String,
    /// Attempts allowed per window.
    pub max: u64,
    /// The window's length in seconds.
    pub window: i64,
}

impl Limit {
    /// A limit.
    pub fn new(key: impl Into<String>, max: u64, window: i64) -> Limit {
        Limit {
            key: key.into(),
            max,
            window: window.clamp(1, DAY),
        }
    }

    /// The limit of an account's failures (sign-ins, current passwords, second-factor codes):
    /// `login_attempts_per_account` per `login_window_minutes`, under `key`.
    pub fn per_account(settings: &crate::config::Settings, key: impl Into<String>) -> Limit {
        Limit::new(
            key,
            settings.login_attempts_per_account,
            settings.login_window_minutes * 60,
        )
    }

    fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window)
    }
}

/// Places taken in some counts, to give back if the attempt does not count.
#[must_use = "a reservation is kept or released"]
#[derive(Debug)]
pub struct Reservation {
    held: Vec<(String, i64)>,
}

impl Reservation {
    /// Gives the places back.
    pub async fn release(self, db: &impl ConnectionTrait) -> Result<(), Error> {
        for (key, start) in &self.held {
            throttles::release(db, key, *start).await?;
        }
        Ok(())
    }
}

/// Takes a place in every limit's count at `now` (seconds since the epoch); when one is full,
/// gives back what it took and refuses with 429 and the seconds until that window ends.
pub async fn reserve(
    db: &impl ConnectionTrait,
    now: i64,
    limits: &[Limit],
) -> Result<Reservation, Error> {
    let mut reservation = Reservation { held: Vec::new() };
    for limit in limits {
        let start = limit.window_start(now);
        let count = throttles::hit(db, &limit.key, start).await?;
        reservation.held.push((limit.key.clone(), start));
        if count == 1 {
            // A new window began for this key: the ones that ended are of no use any more.
            throttles::forget_before(db, now - 2 * DAY).await?;
        }
        if u64::try_from(count).unwrap_or(u64::MAX) > limit.max {
            reservation.release(db).await?;
            return Err(Error::Throttled {
                retry_after: u64::try_from(start + limit.window - now)
                    .unwrap_or(1)
                    .max(1),
            });
        }
    }
    Ok(reservation)
}

/// Counts one attempt under `limit` without refusing, and returns how many there were in its
/// window (with this one).
pub async fn count(db: &impl ConnectionTrait, now: i64, limit: &Limit) -> Result<u64, Error> {
    let count = throttles::hit(db, &limit.key, limit.window_start(now)).await?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// How many attempts `limit` counted in its current window.
pub async fn counted(db: &impl ConnectionTrait, now: i64, limit: &Limit) -> Result<u64, Error> {
    let count = throttles::count(db, &limit.key, limit.window_start(now)).await?;
    Ok(u64::try_from(count).unwrap_or(0))
}
