//! «Mi cuenta» (`/me`, the page every e-mail's footer links to): one's name and language (the
//! e-mails follow it), the notices one receives with a one-click switch for each, a lawyer's
//! preferred states and capacity, the way to the password and the security page, and for a
//! shelter's staff the invitation of a colleague.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::{Lang, text};
use puente_workflow::Role;
use serde::Serialize;

use super::account::states;
use super::cookies;
use super::refusal::Refusal;
use super::render::{errors_of_form, failure, page, refusal, see};
use super::visit::{Checked, Fields, SignedIn, with_cookies};
use crate::service::accounts::invitation::{self, Invitation};
use crate::service::accounts::me::{self, MeChanges};
use crate::service::mail::Notice;
use crate::state::AppState;

/// A notice as the page lists it: whether it arrives, and whether it can be turned off.
#[derive(Serialize)]
struct NoticeRow {
    code: &'static str,
    label: String,
    on: bool,
    essential: bool,
}

/// What a refused form gave, to show beside it.
type Failed<'a> = (&'a str, &'a Refusal, &'a Fields);

async fn me_page(state: &AppState, signed: &SignedIn, failed: Option<Failed<'_>>) -> Response {
    let visit = &signed.visit;
    let (person, org) = match me::profile(state, &signed.viewer.user).await {
        Ok(found) => found,
        Err(error) => return refusal(state, visit, error),
    };
    let lang = visit.lang;
    let muted: Vec<String> =
        serde_json::from_value(person.muted_notifications.clone()).unwrap_or_default();
    // Those the person's role receives; the ones sent about the account itself are left out.
    let notices: Vec<NoticeRow> = Notice::ALL
        .iter()
        .filter(|notice| {
            notice.audience().contains(&person.role)
                && !matches!(
                    notice,
                    Notice::ConfirmEmail
                        | Notice::RegistrationAttempt
                        | Notice::Invitation
                        | Notice::PasswordReset
                        | Notice::Welcome
                )
        })
        .map(|notice| NoticeRow {
            code: notice.as_str(),
            label: text(
                lang,
                &format!("web-notice-{}", notice.as_str().replace('_', "-")),
                &[],
            ),
            on: notice.essential() || !muted.iter().any(|m| m == notice.as_str()),
            essential: notice.essential(),
        })
        .collect();
    let preferred: Vec<String> =
        serde_json::from_value(person.preferred_states.clone()).unwrap_or_default();
    let mut context = visit.context();
    context.insert("person_name", &person.name);
    context.insert("person_email", &person.email);
    context.insert("capacity", &person.case_capacity);
    context.insert("verified", &org.as_ref().is_some_and(|o| o.verified));
    context.insert("organization", &org.map(|o| o.name).unwrap_or_default());
    context.insert("locale", &person.locale);
    context.insert("notices", &notices);
    context.insert("lawyer", &(person.role == Role::Lawyer));
    context.insert("shelter", &(person.role == Role::Shelter));
    context.insert("states", &states());
    context.insert("preferred", &preferred);
    context.insert("default_capacity", &state.settings.lawyer_capacity);
    context.insert("done", &super::home::done_key(visit));
    let form = failed.map(|(form, _, _)| form).unwrap_or_default();
    errors_of_form(&mut context, failed.map(|(_, refused, _)| refused), form);
    context.insert("failed_form", form);
    let typed = |name: &str| {
        failed
            .map(|(_, _, fields)| fields.get(name).to_owned())
            .unwrap_or_default()
    };
    context.insert("typed_name", &typed("name"));
    context.insert("typed_email", &typed("email"));
    let status = failed.map_or(StatusCode::OK, |(_, refused, _)| refused.status);
    page(state, visit, status, "me.html", context)
}

/// The page.
pub async fn show(State(state): State<AppState>, signed: SignedIn) -> Response {
    me_page(&state, &signed, None).await
}

/// Where a form of the page leads: back to it with a confirmation (and the language cookie of
/// the language chosen), or the page with the form's errors.
async fn after(
    state: &AppState,
    signed: &SignedIn,
    form: &str,
    outcome: Result<Option<Lang>, crate::service::Error>,
    fields: &Fields,
) -> Response {
    match outcome {
        Ok(Some(lang)) => with_cookies(
            see(&format!("/me?done=me_{form}")),
            [cookies::Jar::of(state).set(cookies::LANG, lang.code(), 60 * 60 * 24 * 365)],
        ),
        Ok(None) => see(&format!("/me?done=me_{form}#{form}")),
        Err(error) => {
            let refused = Refusal::of(error, signed.visit.lang);
            if refused.is_input() {
                me_page(state, signed, Some((form, &refused, fields))).await
            } else {
                failure(state, &signed.visit, &refused)
            }
        }
    }
}

/// Saves one's name and language (and a lawyer's states and capacity); the pages and the
/// e-mails follow the language from now on.
pub async fn save(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let user = &signed.viewer.user;
    let lang = fields.get("locale").parse::<Lang>().ok();
    let lawyer = user.role == Role::Lawyer;
    let capacity = fields.get("case_capacity");
    let changes = MeChanges {
        name: Some(fields.get("name").to_owned()),
        locale: lang,
        preferred_states: lawyer.then(|| fields.all("preferred_states")),
        // Left empty, the program's default; anything not a number is refused as out of range.
        case_capacity: lawyer
            .then(|| (!capacity.is_empty()).then(|| capacity.parse::<i32>().unwrap_or(-1))),
        muted_notifications: None,
    };
    let outcome = me::update(&state, user, changes).await.map(|_| lang);
    after(&state, &signed, "profile", outcome, &fields).await
}

/// Turns one notice on or off with one click.
pub async fn switch_notice(
    State(state): State<AppState>,
    signed: SignedIn,
    Path((kind, setting)): Path<(String, String)>,
    Checked(fields): Checked,
) -> Response {
    let user = &signed.viewer.user;
    if !matches!(setting.as_str(), "on" | "off") {
        return super::render::not_found(&state, &signed.visit);
    }
    let outcome = async {
        let person = me::account(&state, user).await?;
        let mut muted: Vec<String> =
            serde_json::from_value(person.muted_notifications).unwrap_or_default();
        muted.retain(|m| *m != kind);
        if setting == "off" {
            muted.push(kind.clone());
        }
        let changes = MeChanges {
            muted_notifications: Some(muted),
            ..MeChanges::default()
        };
        me::update(&state, user, changes).await.map(|_| None)
    }
    .await;
    after(&state, &signed, "notices", outcome, &fields).await
}

/// A shelter's staff invite a colleague.
pub async fn invite(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let invitation = Invitation {
        name: fields.get("name").to_owned(),
        email: fields.get("email").to_owned(),
    };
    let outcome = invitation::invite(&state, &signed.viewer.user, invitation)
        .await
        .map(|()| None);
    after(&state, &signed, "invite", outcome, &fields).await
}

/// Keeps the page's language as the account's (offered right after the switch): the e-mails
/// follow it from now on.
pub async fn save_language(
    State(state): State<AppState>,
    signed: SignedIn,
    Checked(fields): Checked,
) -> Response {
    let Ok(lang) = fields.get("locale").parse::<Lang>() else {
        let refused = Refusal::field(signed.visit.lang, "locale", String::new());
        return failure(&state, &signed.visit, &refused);
    };
    let changes = MeChanges {
        locale: Some(lang),
        ..MeChanges::default()
    };
    match me::update(&state, &signed.viewer.user, changes).await {
        Ok(_) => see(&format!(
            "{}?done=language_saved",
            super::redirect::local_path(fields.get("back")).unwrap_or("/")
        )),
        Err(error) => super::render::refusal(&state, &signed.visit, error),
    }
}
