//! The visit: what every page request carries once the session layer has looked at its cookies
//! (the language, the anti-forgery value, the signed-in user), the extractors that hand it to
//! the pages, and the checked form every state-changing page receives.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use puente_i18n::Lang;
use puente_workflow::FieldError;
use serde::Serialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use tera::Context;

use super::cookies;
use crate::service::auth::AuthUser;
use crate::state::AppState;

/// The query parameter the language switch adds to the page it leads back to.
pub const SWITCHED: &str = "switched=1";

/// The signed-in person of a page request.
#[derive(Clone)]
pub struct Viewer {
    /// Who they are to the API.
    pub user: AuthUser,
    /// Their access token, which the pages present to the API.
    pub token: String,
    /// Their name.
    pub name: String,
    /// Their e-mail (what they sign in with).
    pub email: String,
    /// Whether that address is still to be confirmed by the link sent at registration.
    pub unconfirmed: bool,
    /// The language saved on the account (the e-mails'), which the page's may differ from.
    pub locale: Lang,
}

/// What the session layer learnt about a page request.
pub struct VisitData {
    /// The page language.
    pub lang: Lang,
    /// The request path (for the language switch).
    pub path: String,
    /// The request's query string, if any.
    pub query: String,
    /// The anti-forgery cookie as the request sent it (none on a first visit).
    csrf_sent: Option<String>,
    /// The token the page's forms carry, bound to the session (see [`cookies::binding`]).
    csrf_token: String,
    /// The signed-in person.
    pub viewer: Option<Viewer>,
    /// Who the request came from.
    client: crate::service::auth::session::Client,
    /// The refresh cookie as the request sent it.
    pub refresh: Option<String>,
    /// Whether the page was opened over plain HTTP (its `Origin` says so) while Puente's
    /// cookies need HTTPS (`public_url`): the browser keeps none of them, and no form can work.
    plain_http_to_https: bool,
}

impl VisitData {
    /// A parameter of the page's query string, decoded (the first, when repeated).
    pub fn param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    /// The client as sign-ins count it (its address through the trusted proxies).
    pub fn client(&self) -> &crate::service::auth::session::Client {
        &self.client
    }

    /// The client's address, as the throttles count it.
    pub fn client_address(&self) -> crate::address::ClientAddress {
        crate::address::ClientAddress(
            self.client
                .address
                .parse()
                .unwrap_or(std::net::IpAddr::from([127, 0, 0, 1])),
        )
    }
}

/// The client of a page request: its address (see `crate::address`) and browser.
fn client_of(state: &AppState, request: &Request) -> crate::service::auth::session::Client {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(std::net::IpAddr::from([127, 0, 0, 1]), |info| info.0.ip());
    let address = crate::address::client(peer, request.headers(), &state.settings.trusted_proxies);
    crate::service::auth::session::Client::of(
        crate::address::ClientAddress(address),
        request.headers(),
    )
}

/// Whether a form was sent from a page opened over plain HTTP, as its `Origin` (or, without
/// one, its `Referer`) says.
fn opened_over_plain_http(headers: &axum::http::HeaderMap) -> bool {
    [axum::http::header::ORIGIN, axum::http::header::REFERER]
        .iter()
        .find_map(|name| headers.get(name))
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("http://"))
}

/// A page request's visit.
#[derive(Clone)]
pub struct Visit(pub Arc<VisitData>);

impl std::ops::Deref for Visit {
    type Target = VisitData;

    fn deref(&self) -> &VisitData {
        &self.0
    }
}

/// A page request by a signed-in person.
#[derive(Clone)]
pub struct SignedIn {
    /// The visit.
    pub visit: Visit,
    /// The person.
    pub viewer: Viewer,
}

impl Visit {
    /// The context every page starts from: the language, the anti-forgery token, the path and
    /// the user.
    pub fn context(&self) -> Context {
        #[derive(Serialize)]
        struct User<'a> {
            id: uuid::Uuid,
            name: &'a str,
            role: &'a str,
            admin: bool,
            email: &'a str,
            unconfirmed: bool,
            locale: &'a str,
        }
        let mut context = Context::new();
        context.insert("csrf", &self.csrf_token);
        context.insert("path", &self.path);
        // Right after the language switch, a signed-in person is offered to keep the choice.
        let switched = self.query.split('&').any(|pair| pair == SWITCHED);
        context.insert("switched", &switched);
        match &self.viewer {
            Some(viewer) => context.insert(
                "user",
                &User {
                    id: viewer.user.id,
                    name: &viewer.name,
                    role: viewer.user.role.as_str(),
                    admin: viewer.user.admin,
                    email: &viewer.email,
                    unconfirmed: viewer.unconfirmed,
                    locale: viewer.locale.code(),
                },
            ),
            None => context.insert("user", &false),
        }
        context
    }

    /// Whether a form's token matches this request's anti-forgery cookie and session.
    pub fn csrf_ok(&self, state: &AppState, token: &str) -> bool {
        let current = cookies::binding(self.viewer.as_ref().map(|viewer| &viewer.user));
        self.csrf_matches(state, &current, token)
    }

    /// Whether a form's token is the one of this request's anti-forgery cookie under `binding`.
    fn csrf_matches(&self, state: &AppState, binding: &str, token: &str) -> bool {
        self.csrf_sent
            .as_deref()
            .is_some_and(|sent| cookies::token_matches(state, binding, sent, token))
    }
}

/// The session layer: reads the cookies once, renews an expired session, issues the
/// anti-forgery cookie on a first visit, and adds whatever cookies it set to the response
/// (unless the page set the same cookie itself, as signing out does).
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let jar = cookies::Jar::of(&state);
    let mut set = Vec::new();
    let lang = cookies::lang(jar, headers);
    let csrf_sent = jar.get(headers, cookies::CSRF).map(str::to_owned);
    let csrf_value = match &csrf_sent {
        Some(value) => value.clone(),
        None => {
            let (value, cookie) = cookies::new_csrf_cookie(jar);
            set.extend(cookie);
            value
        }
    };
    let (viewer, unavailable) = match cookies::user(&state, headers, &mut set).await {
        Ok(viewer) => (viewer, None),
        Err(error) => (None, Some(error)),
    };
    let viewer = viewer.map(|(mut user, account, token)| {
        // What the person reads follows the page's language, whatever the account's: the
        // actions, what is missing, the notes.
        user.lang = lang;
        Viewer {
            user,
            token,
            locale: account.locale.parse().unwrap_or_default(),
            name: account.name,
            email: account.email,
            unconfirmed: account.email_confirmed_at.is_none(),
        }
    });
    let binding = cookies::binding(viewer.as_ref().map(|viewer| &viewer.user));
    let visit = VisitData {
        lang,
        path: request.uri().path().to_owned(),
        query: request.uri().query().unwrap_or_default().to_owned(),
        csrf_token: cookies::csrf_token(&state, &binding, &csrf_value),
        csrf_sent,
        viewer,
        client: client_of(&state, &request),
        refresh: jar.get(headers, cookies::REFRESH).map(str::to_owned),
        plain_http_to_https: jar.https() && opened_over_plain_http(request.headers()),
    };
    let visit = Visit(Arc::new(visit));
    let mut response = match unavailable {
        // Who is asking cannot be known now: no page is served as if they were signed out.
        Some(error) => {
            let wants_page = super::render::accepts_html(request.headers());
            let response = axum::response::IntoResponse::into_response(error);
            if wants_page {
                super::render::as_page(&state, &visit, response)
            } else {
                response
            }
        }
        None => {
            request.extensions_mut().insert(visit);
            next.run(request).await
        }
    };
    let already: Vec<String> = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split_once('=').map(|(name, _)| name.to_owned()))
        .collect();
    for cookie in set {
        let name = cookie
            .to_str()
            .ok()
            .and_then(|value| value.split_once('='))
            .map(|(name, _)| name.to_owned())
            .unwrap_or_default();
        if !already.contains(&name) {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Visit {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visit>()
            .cloned()
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let visit = Visit::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match visit.viewer.clone() {
            // Someone the program asks for a second factor sets it up before anything else.
            Some(viewer) if viewer.user.must_enrol && !visit.path.starts_with("/security") => {
                Err(Redirect::to("/security").into_response())
            }
            Some(viewer) => Ok(SignedIn { visit, viewer }),
            None => Err(sign_in_first(&visit)),
        }
    }
}

/// The way to the sign-in page, coming back here afterwards.
fn sign_in_first(visit: &VisitData) -> Response {
    if visit.path == "/" {
        return Redirect::to("/login").into_response();
    }
    let mut back = visit.path.clone();
    if !visit.query.is_empty() {
        back = format!("{back}?{}", visit.query);
    }
    let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
    Redirect::to(&format!("/login?next={next}")).into_response()
}

/// The fields of a submitted form whose anti-forgery token was checked.
#[derive(Default)]
pub struct Fields(Vec<(String, String)>);

/// A choice named as the API names it in JSON (`bylaws`, `law_firm`, `unclaimed`), or
/// `invalid_choice` on field `name`.
pub fn choice<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, FieldError> {
    T::deserialize(text.into_deserializer())
        .map_err(|_: serde::de::value::Error| FieldError::new(name, "invalid_choice"))
}

impl Fields {
    /// The choice made in field `name` (see [`choice`]).
    pub fn choice<T: DeserializeOwned>(&self, name: &str) -> Result<T, FieldError> {
        choice(name, self.get(name))
    }

    /// Reads `application/x-www-form-urlencoded` bytes.
    pub fn parse(bytes: &[u8]) -> Fields {
        Fields(form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// A password field's value exactly as typed: spaces are part of a password, in the pages
    /// as in the API.
    pub fn secret(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default()
    }

    /// The first value of a field, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .unwrap_or_default()
    }

    /// The value of a field, or `None` when absent or blank.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name).to_owned()).filter(|value| !value.is_empty())
    }

    /// Whether a checkbox was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(key, _)| key == name)
    }

    /// Every value of a repeated field, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim().to_owned())
            .collect()
    }
}

/// A state-changing form: refused (403, nothing done) unless its `csrf` field is the token of
/// the request's anti-forgery cookie and session.
pub struct Checked(pub Fields);

/// A form of a signed-out visitor (signing in, registering): its token may also be the one
/// issued before signing in, as plain double submit allows.
pub struct SignedOutForm(pub Fields);

/// The form of `request`, once its anti-forgery token passed.
async fn checked_fields(
    request: Request,
    state: &AppState,
    signed_out_too: bool,
) -> Result<Fields, Response> {
    let visit = request
        .extensions()
        .get::<Visit>()
        .cloned()
        .ok_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response())?;
    let bytes = Bytes::from_request(request, state)
        .await
        .map_err(IntoResponse::into_response)?;
    let fields = Fields::parse(&bytes);
    let token = fields.get("csrf");
    // A sign-in or registration form opened before the person signed in elsewhere carries the
    // signed-out token: plain double submit, as before sessions were bound.
    let signed_out = signed_out_too && visit.csrf_matches(state, &cookies::binding(None), token);
    if !signed_out && !visit.csrf_ok(state, token) {
        if visit.csrf_sent.is_none() && visit.plain_http_to_https {
            return Err(super::render::https_needed(state, &visit));
        }
        return Err(super::render::refused(state, &visit));
    }
    Ok(fields)
}

impl FromRequest<AppState> for Checked {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        checked_fields(request, state, false).await.map(Checked)
    }
}

impl FromRequest<AppState> for SignedOutForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        checked_fields(request, state, true)
            .await
            .map(SignedOutForm)
    }
}

/// Sets `Set-Cookie` on a response.
pub fn with_cookies(
    mut response: Response,
    cookies: impl IntoIterator<Item = HeaderValue>,
) -> Response {
    for cookie in cookies {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}
