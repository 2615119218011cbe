//! The web session and its anti-forgery tokens, in cookies.
//!
//! - `puente_session`: the access token (the same JWT as the API's bearer token);
//!   `puente_refresh`: the refresh token, used once to renew the session when the access token
//!   has expired. Both `HttpOnly; Secure; SameSite=Lax`.
//! - `puente_csrf`: a random value; every form that changes state carries
//!   `HMAC-SHA256(form key, value)` in its `csrf` field, checked on the server (the signed
//!   double-submit pattern). A page of another site can neither read the cookie nor compute the
//!   token.
//! - `puente_lang`: the language chosen with the switch.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use puente_i18n::Lang;

use crate::auth::AuthUser;
use crate::auth::session::{self, TokenPair};
use crate::state::AppState;

/// The session cookie.
pub const SESSION: &str = "puente_session";
/// The refresh cookie.
pub const REFRESH: &str = "puente_refresh";
/// The anti-forgery cookie.
pub const CSRF: &str = "puente_csrf";
/// The language cookie.
pub const LANG: &str = "puente_lang";

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A cookie's value.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// A `Set-Cookie` value: `max_age` seconds, or `0` to remove it.
pub fn set_cookie(name: &str, value: &str, max_age: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Lax"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("puente_invalid=; Max-Age=0"))
}

/// The anti-forgery token for a `puente_csrf` value.
pub fn csrf_token(state: &AppState, cookie_value: &str) -> String {
    let Ok(mut mac) = HmacSha256::new_from_slice(state.keys.form_key()) else {
        return String::new();
    };
    mac.update(cookie_value.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Whether a form's `token` is the one of the anti-forgery cookie value `sent`.
pub fn token_matches(state: &AppState, sent: &str, token: &str) -> bool {
    let Ok(given) = URL_SAFE_NO_PAD.decode(token) else {
        return false;
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(state.keys.form_key()) else {
        return false;
    };
    mac.update(sent.as_bytes());
    mac.verify_slice(&given).is_ok()
}

/// A new anti-forgery value and the cookie that holds it.
pub fn new_csrf_cookie() -> (String, Option<HeaderValue>) {
    let mut bytes = [0u8; 32];
    // Without randomness there is no safe form: an empty value fails every check.
    if getrandom::fill(&mut bytes).is_err() {
        return (String::new(), None);
    }
    let value = URL_SAFE_NO_PAD.encode(bytes);
    let header = set_cookie(CSRF, &value, 60 * 60 * 24 * 30);
    (value, Some(header))
}

/// The page language: the switch's cookie, else `Accept-Language`, else Spanish.
pub fn lang(headers: &HeaderMap) -> Lang {
    cookie(headers, LANG)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Lang::negotiate)
                .unwrap_or_default()
        })
}

/// The cookies that hold a new session.
pub fn session_cookies(state: &AppState, pair: &TokenPair) -> [HeaderValue; 2] {
    [
        set_cookie(SESSION, &pair.access_token, pair.expires_in),
        set_cookie(
            REFRESH,
            &pair.refresh_token,
            state.settings.refresh_token_days * 24 * 60 * 60,
        ),
    ]
}

/// The cookies that end a session.
pub fn cleared() -> [HeaderValue; 2] {
    [set_cookie(SESSION, "", 0), set_cookie(REFRESH, "", 0)]
}

/// The signed-in user of a page request, their account and their access token, renewing an
/// expired session with the refresh cookie (the new cookies are added to `set`).
pub async fn user(
    state: &AppState,
    headers: &HeaderMap,
    set: &mut Vec<HeaderValue>,
) -> Option<(AuthUser, crate::entity::user::Model, String)> {
    if let Some(token) = cookie(headers, SESSION)
        && let Ok((user, account)) = AuthUser::with_account(state, token).await
    {
        return Some((user, account, token.to_owned()));
    }
    let refresh = cookie(headers, REFRESH)?;
    match session::renew(state, refresh).await {
        Ok(pair) => {
            let (user, account) = AuthUser::with_account(state, &pair.access_token)
                .await
                .ok()?;
            set.extend(session_cookies(state, &pair));
            Some((user, account, pair.access_token))
        }
        Err(_) => {
            set.extend(cleared());
            None
        }
    }
}
