//! Answering with a page: rendered HTML in the visit's language, the refusal of a forged form,
//! and the page that explains what a use case refused.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tera::Context;

use super::refusal::Refusal;
use super::visit::VisitData;
use crate::error::ApiError;
use crate::state::AppState;

/// Renders page `name` with `context` (which starts from the visit's).
pub fn page(
    state: &AppState,
    visit: &VisitData,
    status: StatusCode,
    name: &str,
    context: Context,
) -> Response {
    match state.pages.render(name, visit.lang, context) {
        Ok(html) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_LANGUAGE,
                    HeaderValue::from_static(visit.lang.code()),
                ),
            ],
            html,
        )
            .into_response(),
        Err(error) => ApiError::Internal(error).into_response(),
    }
}

/// The answer to a form whose anti-forgery token is missing or wrong: 403, nothing done.
pub fn refused(state: &AppState, visit: &super::visit::Visit) -> Response {
    let mut context = visit.context();
    context.insert("title_key", "web-refused-title");
    context.insert("messages", &Vec::<String>::new());
    context.insert("reason", "web-error-csrf");
    page(state, visit, StatusCode::FORBIDDEN, "problem.html", context)
}

/// The answer to a form sent from a page opened over plain HTTP when Puente's cookies need
/// HTTPS: the browser kept none of them, so instead of "the form expired" (again and again) the
/// page says where Puente really is. 403, nothing done.
pub fn https_needed(state: &AppState, visit: &super::visit::Visit) -> Response {
    let mut context = visit.context();
    context.insert("title_key", "web-https-needed-title");
    let url = state.settings.public_url.trim().to_owned();
    let message = puente_i18n::text(
        visit.lang,
        "web-https-needed",
        &[("url", puente_i18n::ArgValue::Text(url.clone().into()))],
    );
    context.insert("messages", &vec![message]);
    context.insert("reason", "");
    context.insert("next_path", &url);
    context.insert("next_key", "web-https-open");
    page(state, visit, StatusCode::FORBIDDEN, "problem.html", context)
}

/// A page saying what was refused and why, with the refusal's status (never a 5xx for a
/// refusal).
pub fn failure(state: &AppState, visit: &super::visit::Visit, refusal: &Refusal) -> Response {
    let mut context = visit.context();
    context.insert("title_key", "web-refused-title");
    context.insert("title", &refusal.problem.title);
    context.insert("messages", &refusal.messages());
    context.insert("reason", "");
    page(state, visit, refusal.status, "problem.html", context)
}

/// A page saying why a use case refused, in the page's language, with the problem's status.
pub fn refusal(
    state: &AppState,
    visit: &super::visit::Visit,
    error: impl Into<ApiError>,
) -> Response {
    failure(state, visit, &Refusal::of(error, visit.lang))
}

/// Puts a refused form's errors in a page's context: `errors` (message by field path, shown
/// beside each field), `error_list` (the summary's links) and `notes` (what is not about one
/// field).
pub fn errors(context: &mut Context, refused: Option<&Refusal>) {
    errors_of_form(context, refused, "");
}

/// The same for one form of a page with several: the summary links to `f-<form>-<field>`.
pub fn errors_of_form(context: &mut Context, refused: Option<&Refusal>, form: &str) {
    let prefix = if form.is_empty() {
        String::new()
    } else {
        format!("{form}.")
    };
    let (by_field, list, notes) = match refused {
        Some(refused) => (
            refused.errors_by_field(),
            refused.error_list(&prefix),
            refused.notes(),
        ),
        None => Default::default(),
    };
    context.insert("errors", &by_field);
    context.insert("error_list", &list);
    context.insert("notes", &notes);
}

/// A case state's label in `lang` (`needs_info` → «Falta información»).
pub fn state_label(lang: puente_i18n::Lang, status: &str) -> String {
    puente_i18n::text(lang, &format!("state-{}", status.replace('_', "-")), &[])
}

/// A state of Mexico's name from its ISO 3166-2:MX code (`MX-CHH` → Chihuahua).
pub fn state_name(code: &str) -> Option<&'static str> {
    code.parse::<puente_workflow::intake::MexicanState>()
        .ok()
        .map(puente_workflow::intake::MexicanState::name)
}

/// A filter in force in words: «Estado: Chihuahua».
pub fn said(lang: puente_i18n::Lang, name_key: &str, value: &str) -> String {
    format!("{}: {value}", puente_i18n::text(lang, name_key, &[]))
}

/// A deadline alert in words (`stalled` → «Sin actividad»).
pub fn alert_label(lang: puente_i18n::Lang, alert: &str) -> String {
    puente_i18n::text(lang, &format!("alert-{}", alert.replace('_', "-")), &[])
}

/// The page for something that is not there (404).
pub fn not_found(state: &AppState, visit: &super::visit::Visit) -> Response {
    refusal(state, visit, ApiError::NotFound)
}

/// The page of an e-mailed link that no longer works (used, expired or mangled): `reason` says
/// what to do, and `again` (a path and its label's key) leads to a new link when there is a page
/// for it.
pub fn link_gone(
    state: &AppState,
    visit: &super::visit::Visit,
    reason: &str,
    again: Option<(&str, &str)>,
) -> Response {
    let mut context = visit.context();
    context.insert("title_key", "web-link-invalid-title");
    context.insert("messages", &Vec::<String>::new());
    context.insert("reason", reason);
    if let Some((path, key)) = again {
        context.insert("next_path", path);
        context.insert("next_key", key);
    }
    page(state, visit, StatusCode::NOT_FOUND, "problem.html", context)
}

/// See the page at `to` (after a form did its work).
pub fn see(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The layer that keeps raw JSON out of a browser: an error a page route answers with (an
/// unknown path, a malformed id, a download not allowed, a method not allowed, an oversized
/// form) becomes `problem.html` when the request accepts HTML. The API's own paths keep their
/// problem documents.
pub async fn problem_pages(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let visit = request.extensions().get::<super::visit::Visit>().cloned();
    let wants_page = accepts_html(request.headers()) && !request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let Some(visit) = visit.filter(|_| wants_page) else {
        return response;
    };
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    if is_page || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    as_page(&state, &visit, response)
}

/// An error `response` as the page that explains it, keeping what it said besides its body.
pub fn as_page(state: &AppState, visit: &super::visit::Visit, response: Response) -> Response {
    let status = response.status();
    let problem = match response.extensions().get::<crate::error::Problem>() {
        Some(problem) => problem.doc(visit.lang),
        None => crate::error::Problem::of_status(status).doc(visit.lang),
    };
    let mut page = failure(state, visit, &Refusal { status, problem });
    // What the error said besides its body still holds: when to try again, cookies it set.
    for name in [header::RETRY_AFTER, header::SET_COOKIE] {
        for value in response.headers().get_all(&name) {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    page
}

/// Whether a request's `Accept` names HTML (as a browser's navigation and forms do).
pub fn accepts_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.contains("text/html"))
}

/// A month's short name in `lang` (1 → «ene», "Jan").
fn month_name(lang: puente_i18n::Lang, month: u8) -> &'static str {
    const ES: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let months = match lang {
        puente_i18n::Lang::Es => ES,
        puente_i18n::Lang::En => EN,
    };
    months[usize::from(month.clamp(1, 12)) - 1]
}

/// A day as people read it: «29 nov 2026», "29 Nov 2026" (exports keep ISO dates).
pub fn day(lang: puente_i18n::Lang, date: time::Date) -> String {
    let month = month_name(lang, u8::from(date.month()));
    format!("{} {month} {}", date.day(), date.year())
}

/// A month as people read it from its ISO form: `2026-12` → «dic 2026» (anything else as it
/// is).
pub fn month(lang: puente_i18n::Lang, iso: &str) -> String {
    let parsed = iso
        .split_once('-')
        .and_then(|(year, month)| Some((year.parse::<i32>().ok()?, month.parse::<u8>().ok()?)))
        .filter(|(_, month)| (1..=12).contains(month));
    match parsed {
        Some((year, number)) => format!("{} {year}", month_name(lang, number)),
        None => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::day;
    use puente_i18n::Lang;

    #[test]
    fn a_month_reads_as_people_write_it() {
        assert_eq!(super::month(Lang::Es, "2026-12"), "dic 2026");
        assert_eq!(super::month(Lang::En, "2027-01"), "Jan 2027");
        assert_eq!(super::month(Lang::Es, "2026-13"), "2026-13");
        assert_eq!(super::month(Lang::Es, "—"), "—");
    }

    #[test]
    fn a_day_reads_as_people_write_it() {
        let date = time::macros::date!(2026 - 11 - 29);
        assert_eq!(day(Lang::Es, date), "29 nov 2026");
        assert_eq!(day(Lang::En, date), "29 Nov 2026");
        assert_eq!(
            day(Lang::Es, time::macros::date!(2027 - 01 - 05)),
            "5 ene 2027"
        );
    }
}
