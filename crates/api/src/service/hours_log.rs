//! Logged pro bono hours: checking what a lawyer typed, and correcting or deleting an entry.
//! A lawyer may correct or delete their own entries for [`CORRECTION_DAYS`] days after logging
//! them; after that the figures the program reports on stay as they are (409 `hours_locked`).

use time::Date;
use uuid::Uuid;

use puente_workflow::FieldError;
use puente_workflow::text::{self, Lines};

use super::Error;
use super::activity::{HoursView, NewHours};
use crate::entity::hours as hours_entity;
use crate::service::auth::AuthUser;
use crate::service::repo::{cases, hours};
use crate::state::AppState;

/// How many days after logging an entry its lawyer may still correct or delete it.
pub const CORRECTION_DAYS: i64 = 7;

/// The day, the minutes and the description of `input`, or every field's problem.
pub(super) fn checked(state: &AppState, input: &NewHours) -> Result<(Date, i32, String), Error> {
    let mut errors = Vec::new();
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(input.date.trim(), &format).ok();
    match date {
        None => errors.push(FieldError::new("date", "date.invalid")),
        Some(day) if day > state.today() => errors.push(FieldError::new("date", "date.future")),
        Some(_) => {}
    }
    let quarters = input.hours * 4.0;
    let minutes =
        if input.hours.is_finite() && quarters.fract() == 0.0 && (1.0..=96.0).contains(&quarters) {
            // In range and whole, so the cast is exact.
            Some((quarters as i32) * 15)
        } else {
            errors.push(FieldError::new("hours", "hours.range"));
            None
        };
    let description = input.description.trim();
    if let Some(problem) = text::check("description", &input.description, Lines::One) {
        errors.push(problem);
    } else if description.is_empty() {
        errors.push(FieldError::new("description", "required"));
    } else if description.chars().count() > 1000 {
        errors.push(FieldError::new("description", "too_long").with("max", 1000));
    }
    match (date, minutes, errors.is_empty()) {
        (Some(date), Some(minutes), true) => Ok((date, minutes, description.to_owned())),
        _ => Err(Error::Invalid(errors)),
    }
}

/// Whether an entry logged at `logged` may still be corrected at `now`.
pub fn correctable(logged: time::OffsetDateTime, now: time::OffsetDateTime) -> bool {
    now - logged <= time::Duration::days(CORRECTION_DAYS)
}

/// The caller's own entry `entry` of case `id`, while it may still be corrected.
async fn own_entry(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    entry: Uuid,
) -> Result<hours_entity::Model, Error> {
    let case = super::cases::full(state, caller, id).await?;
    let found = hours::find(&state.db, case.id, entry)
        .await?
        .ok_or(Error::NotFound)?;
    if found.lawyer_id != caller.id {
        return Err(Error::Forbidden);
    }
    if !correctable(found.created_at, state.now()) {
        return Err(Error::conflict("hours_locked"));
    }
    Ok(found)
}

/// Corrects the caller's entry `entry` of case `id`: its day, time and description.
pub async fn correct(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    entry: Uuid,
    input: &NewHours,
) -> Result<HoursView, Error> {
    let found = own_entry(state, caller, id, entry).await?;
    let (date, minutes, description) = checked(state, input)?;
    let corrected = hours::correct(&state.db, found, date, minutes, &description).await?;
    cases::touch(&state.db, id, state.now()).await?;
    Ok(HoursView::from(&corrected))
}

/// Deletes the caller's entry `entry` of case `id`.
pub async fn delete(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    entry: Uuid,
) -> Result<(), Error> {
    let found = own_entry(state, caller, id, entry).await?;
    hours::delete(&state.db, found).await?;
    cases::touch(&state.db, id, state.now()).await?;
    Ok(())
}
