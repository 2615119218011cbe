//! A browser without JavaScript, as far as cookies and redirects go: it keeps the cookies a page
//! sets and sends them back under a browser's rules (a `Secure` cookie only to a secure origin;
//! a `__Host-` cookie only if it came `Secure`, for `Path=/` and without `Domain`), follows
//! nothing by itself, and reads each page's anti-forgery token.
//!
//! `secure_origin` says whether the browser believes it talks HTTPS: the tests reach the server
//! over loopback HTTP, as a TLS-terminating proxy would. Every HTML page it receives must carry
//! the pages' security headers and no template left unrendered.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};

use super::{Person, TestApp};

/// A page as received.
pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub headers: HeaderMap,
    /// Each `Set-Cookie` line as sent.
    pub set_cookies: Vec<String>,
    pub html: String,
}

/// The browser.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub client: reqwest::Client,
    secure_origin: bool,
    /// Cookies by name, as they would be sent back.
    pub cookies: BTreeMap<String, String>,
    /// The anti-forgery token of the last page that had a form.
    pub csrf: String,
}

/// Whether a browser keeps a cookie set by `line` (RFC 6265bis: `Secure` needs a secure origin;
/// a `__Host-` cookie needs `Secure`, `Path=/` and no `Domain`).
fn kept(line: &str, secure_origin: bool) -> bool {
    let attributes: Vec<String> = line
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    let secure = attributes.iter().any(|a| a == "secure");
    let root = attributes.iter().any(|a| a == "path=/");
    let domain = attributes.iter().any(|a| a.starts_with("domain="));
    if secure && !secure_origin {
        return false;
    }
    !line.starts_with("__Host-") || (secure && root && !domain)
}

/// What a browser's navigation and forms accept.
fn browser_accept() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        ),
    );
    headers
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp, secure_origin: bool) -> Browser<'a> {
        Browser {
            app,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(browser_accept())
                .build()
                .unwrap(),
            secure_origin,
            cookies: BTreeMap::new(),
            csrf: String::new(),
        }
    }

    /// A browser over plain HTTP, already signed in with `person`'s token.
    pub fn signed_in(app: &'a TestApp, person: &Person) -> Browser<'a> {
        let mut browser = Browser::new(app, false);
        browser
            .cookies
            .insert("puente_session".into(), person.token.clone());
        browser
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn receive(&mut self, response: reqwest::Response) -> Page {
        let headers = response.headers().clone();
        let set_cookies: Vec<String> = headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for line in &set_cookies {
            if !kept(line, self.secure_origin) {
                continue;
            }
            let pair = line.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let location = headers
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        let html = response.text().await.unwrap();
        let is_page = headers
            .get("content-type")
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        if is_page {
            let csp = headers["content-security-policy"].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors") && !csp.contains("script-src"),
                "{csp}"
            );
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert!(!html.contains("{{") && !html.contains("{%"), "{html}");
        }
        if let Some(start) = html.find("name=\"csrf\" value=\"") {
            let rest = &html[start + "name=\"csrf\" value=\"".len()..];
            self.csrf = rest.split('"').next().unwrap().to_owned();
        }
        Page {
            status,
            location,
            headers,
            set_cookies,
            html,
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let response = self
            .client
            .get(self.app.url(path))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.receive(response).await
    }

    /// Posts a form with `token` as its anti-forgery field.
    pub async fn post_with(&mut self, path: &str, token: &str, fields: &[(&str, &str)]) -> Page {
        let mut form: Vec<(String, String)> = vec![("csrf".into(), token.to_owned())];
        form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let response = self
            .client
            .post(self.app.url(path))
            .header("cookie", self.cookie_header())
            .form(&form)
            .send()
            .await
            .unwrap();
        self.receive(response).await
    }

    /// Posts a form with the last page's token.
    /// Sends the form of a reset or invitation link's page (`link`) with `password` twice.
    pub async fn choose_password(&mut self, link: &str, password: &str) -> Page {
        let fields = [("new_password", password), ("confirm_password", password)];
        self.post(link, &fields).await
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf.clone();
        self.post_with(path, &token, fields).await
    }

    /// Posts a form and follows its redirect to the page it leads to.
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.post(path, fields).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.html);
        let to = page.location.unwrap();
        self.get(&to).await
    }

    /// Opens the sign-in page at `login_path` and signs in with its form (its `next` included).
    pub async fn sign_in_at(&mut self, login_path: &str, email: &str, password: &str) -> Page {
        let page = self.get(login_path).await;
        assert_eq!(page.status, StatusCode::OK, "{login_path}: {}", page.html);
        let next = hidden(&page.html, "next");
        self.post(
            "/login",
            &[("email", email), ("password", password), ("next", &next)],
        )
        .await
    }
}

/// The value of the hidden field `name` of a page, unescaped as a browser would.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).map(|i| i + marker.len()).unwrap();
    html[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
