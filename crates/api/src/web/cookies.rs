//! The web session and its anti-forgery tokens, in cookies.
//!
//! - `puente_session`: the access token (the same JWT as the API's bearer token);
//!   `puente_refresh`: the refresh token, used once to renew the session when the access token
//!   has expired.
//! - `puente_csrf`: a random value; every form that changes state carries
//!   `HMAC-SHA256(form key, binding, value)` in its `csrf` field, checked on the server (the
//!   signed double-submit pattern), where the binding is the signed-in person's session (see
//!   [`binding`]): a token lifted from one session is refused in any other. A page of another
//!   site can neither read the cookie nor compute the token.
//! - `puente_lang`: the language chosen with the switch.
//!
//! All are `HttpOnly; SameSite=Lax; Path=/`. When people reach Puente over HTTPS
//! (`public_url`), they are also `Secure` and named with the `__Host-` prefix, which browsers
//! accept only from a secure origin, for the whole site and without a `Domain`: a neighbouring
//! host cannot plant one. Over plain HTTP (a program's own network) they are neither, or no
//! browser would send them back and every form would have "expired".

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{KeyInit, Mac};
use puente_i18n::Lang;

use crate::error::ApiError;
use crate::service::auth::AuthUser;
use crate::service::auth::session::{self, TokenPair};
use crate::state::AppState;

/// The session cookie (its name over plain HTTP; see [`Jar`]).
pub const SESSION: &str = "puente_session";
/// The refresh cookie.
pub const REFRESH: &str = "puente_refresh";
/// The anti-forgery cookie.
pub const CSRF: &str = "puente_csrf";
/// The language cookie.
pub const LANG: &str = "puente_lang";

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Puente's cookies as this server names, writes and reads them, from `public_url`'s scheme.
#[derive(Debug, Clone, Copy)]
pub struct Jar {
    https: bool,
}

impl Jar {
    /// The jar of this server.
    pub fn of(state: &AppState) -> Jar {
        Jar {
            https: crate::headers::served_over_https(&state.settings),
        }
    }

    /// Whether the cookies are for HTTPS only (`Secure`, `__Host-`).
    pub fn https(self) -> bool {
        self.https
    }

    /// The name cookie `base` goes by: `__Host-<base>` over HTTPS.
    pub fn name(self, base: &str) -> String {
        if self.https {
            format!("__Host-{base}")
        } else {
            base.to_owned()
        }
    }

    /// The value of cookie `base` in a request. Over HTTPS only the prefixed name is read, so a
    /// cookie planted without the prefix counts for nothing.
    pub fn get<'h>(self, headers: &'h HeaderMap, base: &str) -> Option<&'h str> {
        let name = self.name(base);
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

    /// A `Set-Cookie` value for cookie `base`: `max_age` seconds, or `0` to remove it.
    pub fn set(self, base: &str, value: &str, max_age: i64) -> HeaderValue {
        let secure = if self.https { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{}={value}; Path=/; Max-Age={max_age}; HttpOnly{secure}; SameSite=Lax",
            self.name(base)
        ))
        .unwrap_or_else(|_| HeaderValue::from_static("puente_invalid=; Max-Age=0"))
    }
}

/// What a page's anti-forgery token is bound to besides its cookie: the session of the
/// signed-in person (the access token's `sid`, stable while the session is renewed), or nothing
/// for a signed-out visitor. The one place to change if the session ever changes shape.
pub fn binding(user: Option<&AuthUser>) -> String {
    match user {
        Some(user) => format!("session:{}", user.session),
        None => "signed-out".to_owned(),
    }
}

fn form_mac(state: &AppState, binding: &str, cookie_value: &str) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(state.keys.form_key()).ok()?;
    // The binding holds no NUL, so the two parts cannot be shifted into each other.
    mac.update(binding.as_bytes());
    mac.update(b"\0");
    mac.update(cookie_value.as_bytes());
    Some(mac)
}

/// The anti-forgery token for a `puente_csrf` value under `binding`.
pub fn csrf_token(state: &AppState, binding: &str, cookie_value: &str) -> String {
    form_mac(state, binding, cookie_value)
        .map(|mac| URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Whether a form's `token` is the one of the anti-forgery cookie value `sent` under `binding`.
pub fn token_matches(state: &AppState, binding: &str, sent: &str, token: &str) -> bool {
    let Ok(given) = URL_SAFE_NO_PAD.decode(token) else {
        return false;
    };
    form_mac(state, binding, sent).is_some_and(|mac| mac.verify_slice(&given).is_ok())
}

/// A new anti-forgery value and the cookie that holds it.
pub fn new_csrf_cookie(jar: Jar) -> (String, Option<HeaderValue>) {
    let mut bytes = [0u8; 32];
    // Without randomness there is no safe form: an empty value fails every check.
    if getrandom::fill(&mut bytes).is_err() {
        return (String::new(), None);
    }
    let value = URL_SAFE_NO_PAD.encode(bytes);
    let header = jar.set(CSRF, &value, 60 * 60 * 24 * 30);
    (value, Some(header))
}

/// The page language: the switch's cookie, else `Accept-Language`, else Spanish.
pub fn lang(jar: Jar, headers: &HeaderMap) -> Lang {
    jar.get(headers, LANG)
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
    let jar = Jar::of(state);
    [
        jar.set(SESSION, &pair.access_token, pair.expires_in),
        jar.set(
            REFRESH,
            &pair.refresh_token,
            state.settings.session_absolute_days * 24 * 60 * 60,
        ),
    ]
}

/// The cookies that end a session.
pub fn cleared(jar: Jar) -> [HeaderValue; 2] {
    [jar.set(SESSION, "", 0), jar.set(REFRESH, "", 0)]
}

/// The signed-in user of a page request, their account and their access token, renewing an
/// expired session with the refresh cookie (the new cookies are added to `set`). When the session
/// cannot be read at all (the database does not answer), that is the error, and the cookies stay:
/// an outage signs nobody out.
pub async fn user(
    state: &AppState,
    headers: &HeaderMap,
    set: &mut Vec<HeaderValue>,
) -> Result<Option<(AuthUser, crate::entity::user::Model, String)>, ApiError> {
    let jar = Jar::of(state);
    if let Some(token) = jar.get(headers, SESSION) {
        match AuthUser::with_account(state, token).await {
            Ok((user, account)) => return Ok(Some((user, account, token.to_owned()))),
            Err(error @ crate::service::Error::Database(_)) => return Err(error.into()),
            Err(_) => {}
        }
    }
    let Some(refresh) = jar.get(headers, REFRESH) else {
        return Ok(None);
    };
    match session::renew(state, refresh).await {
        Ok(pair) => {
            let (user, account) = match AuthUser::with_account(state, &pair.access_token).await {
                Ok(found) => found,
                Err(error @ crate::service::Error::Database(_)) => return Err(error.into()),
                Err(_) => return Ok(None),
            };
            set.extend(session_cookies(state, &pair));
            Ok(Some((user, account, pair.access_token)))
        }
        Err(error @ (ApiError::Unavailable(_) | ApiError::Internal(_))) => Err(error),
        Err(_) => {
            set.extend(cleared(jar));
            Ok(None)
        }
    }
}
