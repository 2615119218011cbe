//! Second factors (OWASP ASVS 6.5, RFC 6238): a TOTP secret of 256 bits shown once as a QR
//! code (SVG) and as text, confirmed with a first code before it is used, sealed at rest under
//! the master keys; each code works once (the step of the last one is kept); ten one-time
//! recovery codes, stored as their SHA-256. `mfa_required_for` names who must enrol: they may
//! sign in, but nothing but the enrolment answers until they have.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use puente_workflow::Role;
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Serialize;
use totp_rs::{Algorithm, TOTP};
use utoipa::ToSchema;

use crate::clock;
use crate::config::MfaScope;
use crate::entity::user;
use crate::error::ApiError;
use crate::service::auth::refresh;
use crate::service::auth::throttle::{self, Limit};
use crate::service::repo;
use crate::state::AppState;
use crate::storage::crypto;

/// Seconds a code stands for.
const STEP: u64 = 30;
/// Recovery codes given at once.
const RECOVERY_CODES: usize = 10;
/// The issuer shown by authenticator apps.
const ISSUER: &str = "Puente";

/// What an enrolment shows once.
#[derive(Debug, Serialize, ToSchema)]
pub struct Enrolment {
    /// The secret in base32, to type into an app that cannot read the QR code.
    pub secret: String,
    /// The `otpauth://` address the QR code holds.
    pub otpauth_url: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
}

/// Whether the program asks this account for a second factor.
pub fn required(state: &AppState, user: &user::Model) -> bool {
    state
        .settings
        .mfa_required_for
        .iter()
        .any(|scope| match scope {
            MfaScope::Admins => user.role == Role::Manager && user.admin,
            MfaScope::Managers => user.role == Role::Manager,
            MfaScope::Lawyers => user.role == Role::Lawyer,
        })
}

/// Whether the account must enrol before doing anything else.
pub fn must_enrol(state: &AppState, user: &user::Model) -> bool {
    user.mfa_enabled_at.is_none() && required(state, user)
}

fn context(user: &user::Model) -> String {
    format!("puente:totp-secret:{}", user.id)
}

fn seal(state: &AppState, user: &user::Model, secret: &[u8; 32]) -> Result<String, ApiError> {
    let id = state.keyring.current_id().to_owned();
    let master = state
        .keyring
        .get(&id)
        .ok_or_else(|| ApiError::Internal("the current master key is missing".into()))?;
    let sealed = crypto::seal_key(&master, &context(user), secret)
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    Ok(format!("{id}:{}", STANDARD.encode(sealed)))
}

fn open(state: &AppState, user: &user::Model) -> Result<[u8; 32], ApiError> {
    let broken = || ApiError::Internal(format!("the second factor of {} does not open", user.id));
    let stored = user.mfa_secret.as_deref().ok_or_else(broken)?;
    let (id, sealed) = stored.split_once(':').ok_or_else(broken)?;
    let master = state.keyring.get(id).ok_or_else(broken)?;
    let sealed = STANDARD.decode(sealed).map_err(|_| broken())?;
    crypto::open_key(&master, &context(user), &sealed).map_err(|_| broken())
}

fn totp(secret: &[u8; 32], account: &str) -> Result<TOTP, ApiError> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        0,
        STEP,
        secret.to_vec(),
        Some(ISSUER.to_owned()),
        account.replace(':', ""),
    )
    .map_err(|error| ApiError::Internal(error.to_string()))
}

/// The step within one of now whose code `code` is, if any.
fn matching_step(totp: &TOTP, code: &str, now: i64) -> Option<i64> {
    let code = code.trim();
    let now = u64::try_from(now).ok()?;
    [now - STEP, now, now + STEP]
        .into_iter()
        .find(|time| totp.check(code, *time))
        .and_then(|time| i64::try_from(time / STEP).ok())
}

fn recovery_digest(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    refresh::digest(&normal)
}

/// Begins (or begins again) an enrolment: a new secret, not in use until confirmed.
pub async fn begin(state: &AppState, user: &user::Model) -> Result<Enrolment, ApiError> {
    if user.mfa_enabled_at.is_some() {
        return Err(ApiError::conflict("mfa_already_enabled"));
    }
    let secret = crypto::new_key().map_err(|error| ApiError::Internal(error.to_string()))?;
    repo::mfa::set_pending(&state.db, user.id, seal(state, user, &secret)?).await?;
    let totp = totp(&secret, &user.email)?;
    let otpauth_url = totp.get_url();
    let qr_svg = QrCode::new(otpauth_url.as_bytes())
        .map_err(|error| ApiError::Internal(error.to_string()))?
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .build();
    Ok(Enrolment {
        secret: totp.get_secret_base32(),
        otpauth_url,
        qr_svg,
    })
}

/// New recovery codes, replacing any left; shown once.
async fn new_recovery_codes(state: &AppState, user: &user::Model) -> Result<Vec<String>, ApiError> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 7];
        getrandom::fill(&mut bytes).map_err(|error| ApiError::Internal(error.to_string()))?;
        let text: String = bytes
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
            .chars()
            .take(10)
            .collect();
        codes.push(format!("{}-{}", &text[..5], &text[5..]));
    }
    let digests: Vec<String> = codes.iter().map(|c| recovery_digest(c)).collect();
    repo::mfa::replace_recovery_codes(&state.db, user.id, &digests, state.sign_in_now()).await?;
    Ok(codes)
}

/// Confirms an enrolment with a first code: the second factor is in use from now on. Returns
/// the recovery codes.
pub async fn confirm(
    state: &AppState,
    user: &user::Model,
    code: &str,
) -> Result<Vec<String>, ApiError> {
    if user.mfa_enabled_at.is_some() {
        return Err(ApiError::conflict("mfa_already_enabled"));
    }
    if user.mfa_secret.is_none() {
        return Err(ApiError::conflict("mfa_not_enrolling"));
    }
    let reservation = guard(state, user).await?;
    let totp = totp(&open(state, user)?, &user.email)?;
    let step = matching_step(&totp, code, clock::now().unix_timestamp())
        .ok_or_else(|| ApiError::field("code", "mfa.code_wrong"))?;
    reservation.release(&state.db).await?;
    repo::mfa::enable(&state.db, user.id, state.sign_in_now(), step).await?;
    new_recovery_codes(state, user).await
}

/// Wrong codes are throttled like passwords: five per window per account.
async fn guard(state: &AppState, user: &user::Model) -> Result<throttle::Reservation, ApiError> {
    let limit = Limit::per_account(&state.settings, format!("otp:{}", user.id));
    Ok(throttle::reserve(&state.db, state.sign_in_now().unix_timestamp(), &[limit]).await?)
}

/// Whether `code` is a current TOTP code (used now, once) or an unused recovery code (used
/// up now).
async fn accepts(state: &AppState, user: &user::Model, code: &str) -> Result<bool, ApiError> {
    let totp = totp(&open(state, user)?, &user.email)?;
    if let Some(step) = matching_step(&totp, code, clock::now().unix_timestamp()) {
        return Ok(repo::mfa::use_step(&state.db, user.id, step).await?);
    }
    Ok(repo::mfa::use_recovery_code(
        &state.db,
        user.id,
        &recovery_digest(code),
        state.sign_in_now(),
    )
    .await?)
}

/// At sign-in, after the password: for an account with a second factor, its code (or a
/// recovery code) is required (401 `mfa_required` without one, `mfa_invalid` when wrong).
/// Returns whether a second factor was passed.
pub async fn check_at_sign_in(
    state: &AppState,
    user: &user::Model,
    code: Option<&str>,
) -> Result<bool, ApiError> {
    if user.mfa_enabled_at.is_none() {
        return Ok(false);
    }
    let code = code
        .filter(|c| !c.trim().is_empty())
        .ok_or(ApiError::MfaRequired)?;
    let reservation = guard(state, user).await?;
    if accepts(state, user, code).await? {
        reservation.release(&state.db).await?;
        Ok(true)
    } else {
        Err(ApiError::MfaInvalid)
    }
}

/// Turns the second factor off, with a current code; not for those who must have one.
pub async fn disable(state: &AppState, user: &user::Model, code: &str) -> Result<(), ApiError> {
    if user.mfa_enabled_at.is_none() {
        return Err(ApiError::conflict("mfa_not_enabled"));
    }
    if required(state, user) {
        return Err(ApiError::conflict("mfa_required_by_program"));
    }
    let reservation = guard(state, user).await?;
    if !accepts(state, user, code).await? {
        return Err(ApiError::field("code", "mfa.code_wrong"));
    }
    reservation.release(&state.db).await?;
    repo::mfa::disable(&state.db, user.id).await?;
    Ok(())
}

/// Removes the second factor of someone who lost both their app and their recovery codes, at
/// the request of `by` (an admin, or `None` for the operator's command line): their sessions
/// end, and at the next sign-in they set a factor up again if the program requires one. Nobody
/// removes their own this way (that takes a current code). Recorded in the access log.
pub async fn remove_lost(
    db: &sea_orm::DatabaseConnection,
    by: Option<uuid::Uuid>,
    person: &user::Model,
    now: time::OffsetDateTime,
) -> Result<(), crate::service::Error> {
    if by == Some(person.id) {
        return Err(crate::service::Error::conflict("mfa_own_factor"));
    }
    if person.mfa_enabled_at.is_none() {
        return Err(crate::service::Error::conflict("mfa_not_enabled"));
    }
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    repo::mfa::disable(&txn, person.id).await?;
    repo::sessions::revoke_user(&txn, person.id, now).await?;
    txn.commit().await?;
    match by {
        Some(admin) => tracing::warn!(
            target: "puente::access", user = %person.id, %admin,
            "second factor removed by an admin"
        ),
        None => tracing::warn!(
            target: "puente::access", user = %person.id,
            "second factor removed from the command line"
        ),
    }
    Ok(())
}

/// New recovery codes for an enabled second factor, with a current code.
pub async fn renew_recovery_codes(
    state: &AppState,
    user: &user::Model,
    code: &str,
) -> Result<Vec<String>, ApiError> {
    if user.mfa_enabled_at.is_none() {
        return Err(ApiError::conflict("mfa_not_enabled"));
    }
    let reservation = guard(state, user).await?;
    if !accepts(state, user, code).await? {
        return Err(ApiError::field("code", "mfa.code_wrong"));
    }
    reservation.release(&state.db).await?;
    new_recovery_codes(state, user).await
}

/// How an account's second factor stands.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MfaStatus)]
pub struct Status {
    /// Whether it is in use.
    pub enabled: bool,
    /// Whether the program requires one of this account.
    pub required: bool,
    /// Since when it is in use.
    #[serde(with = "time::serde::rfc3339::option")]
    pub enabled_at: Option<time::OffsetDateTime>,
    /// Recovery codes not yet used.
    pub recovery_codes_left: u64,
}

/// An account's second factor.
pub async fn status(state: &AppState, user: &user::Model) -> Result<Status, ApiError> {
    Ok(Status {
        enabled: user.mfa_enabled_at.is_some(),
        required: required(state, user),
        enabled_at: user.mfa_enabled_at,
        recovery_codes_left: repo::mfa::recovery_codes_left(&state.db, user.id).await?,
    })
}
