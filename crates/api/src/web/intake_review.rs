//! The intake's last step, «Revisa y envía»: the whole request on one page, each part with a
//! link back to its step, what is still missing linked to where it is done, and the button that
//! sends it. Once sent, the same page shows the request read-only. A draft never sent can be
//! deleted from here, once its box is ticked.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use puente_i18n::text;
use puente_workflow::EventKind;
use serde::Serialize;
use uuid::Uuid;

use super::case_page::intake_facts::founders;
use super::case_page::step_of;
use super::render::{page, refusal, see};
use super::visit::{Checked, SignedIn};
use crate::service;
use crate::service::views::{CaseIntake, CaseView};
use crate::state::AppState;

/// Something the request still lacks, and the step where it is filled.
#[derive(Serialize)]
struct Gap {
    label: String,
    step: Option<&'static str>,
}

/// The review page of `case` (its steps are `steps`, the review the last).
pub async fn review(
    state: &AppState,
    signed: &SignedIn,
    case: &CaseView,
    steps: &[&str],
) -> Response {
    let visit = &signed.visit;
    let lang = visit.lang;
    let CaseIntake::Full(intake) = &case.intake else {
        return refusal(state, visit, crate::error::ApiError::Forbidden);
    };
    let offers = match service::transitions::offered(state, &signed.viewer.user, case.id).await {
        Ok(offers) => offers,
        Err(error) => return refusal(state, visit, error),
    };
    let submit = offers
        .items
        .iter()
        .find(|offer| offer.event == EventKind::Submit);
    let gaps: Vec<Gap> = submit
        .into_iter()
        .flat_map(|offer| &offer.missing_details)
        .filter(|m| !m.code.starts_with("field:"))
        .map(|m| Gap {
            label: m.message.clone(),
            step: m.code.strip_prefix("intake:").and_then(step_of),
        })
        .collect();
    let mut context = visit.context();
    context.insert("case", case);
    context.insert("intake", intake);
    context.insert("founders", &founders(lang, intake));
    context.insert("editable", &case.may.edit_intake);
    // Read-only because it was sent, or because the reader is not the shelter.
    context.insert(
        "sent",
        &!matches!(
            case.status,
            puente_workflow::Status::Draft | puente_workflow::Status::NeedsInfo
        ),
    );
    context.insert("gaps", &gaps);
    context.insert("may_submit", &submit.is_some_and(|offer| offer.ready));
    context.insert("submit_label", &text(lang, "event-submit", &[]));
    context.insert("version", &offers.version);
    context.insert(
        "domicile_state",
        &intake
            .domicile
            .as_ref()
            .and_then(|d| d.state.as_deref())
            .and_then(crate::web::render::state_name)
            .unwrap_or_default(),
    );
    // A draft never sent may be deleted; `?discard=confirm` asks for the box to be ticked.
    context.insert(
        "may_discard",
        &(case.status == puente_workflow::Status::Draft && case.may.edit_intake),
    );
    context.insert(
        "discard_unconfirmed",
        &(visit.param("discard").as_deref() == Some("confirm")),
    );
    context.insert("step", "review");
    context.insert("step_number", &steps.len());
    context.insert("step_count", &steps.len());
    context.insert("previous", &steps.get(steps.len().saturating_sub(2)));
    page(state, visit, StatusCode::OK, "intake_review.html", context)
}

/// Deletes a draft the shelter has not sent, once «Sí, borrarla» is ticked; then home with a
/// confirmation. Unticked, the review page asks again; a draft that may not be deleted (sent
/// meanwhile, holding documents) is said on a page.
pub async fn discard(
    State(state): State<AppState>,
    signed: SignedIn,
    Path(id): Path<Uuid>,
    Checked(fields): Checked,
) -> Response {
    if !fields.checked("confirm") {
        return see(&format!(
            "/cases/{id}/intake/review?discard=confirm#discard"
        ));
    }
    match service::intake::discard(&state, &signed.viewer.user, id).await {
        Ok(()) => see("/?done=draft_discarded"),
        Err(error) => refusal(&state, &signed.visit, error),
    }
}
