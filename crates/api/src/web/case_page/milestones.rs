//! The case page's steps after the signing: which milestones are recorded, and the form that
//! records one (for the assigned lawyer and managers).

use puente_i18n::{Lang, text};
use puente_workflow::{Milestone, Role};
use serde::Serialize;
use tera::Context;

use crate::service::auth::AuthUser;
use crate::service::views::CaseView;

/// A milestone as the page lists it.
#[derive(Serialize)]
struct MilestoneItem {
    code: &'static str,
    label: String,
    on: Option<String>,
    reference: Option<String>,
}

/// Puts the milestones in the context once the deed is signed: `milestones` and whether the
/// viewer may record one (`may_record_milestones`).
pub(super) fn insert_milestones(
    context: &mut Context,
    lang: Lang,
    case: &CaseView,
    viewer: &AuthUser,
) {
    let signed = case.deed.is_some();
    let items: Vec<MilestoneItem> = Milestone::ALL
        .into_iter()
        .map(|milestone| {
            let recorded = case.milestones.get(&milestone);
            MilestoneItem {
                code: milestone.as_str(),
                label: text(lang, &milestone.label_key(), &[]),
                on: recorded.map(|r| crate::web::render::day(lang, r.on)),
                reference: recorded.and_then(|r| r.reference.clone()),
            }
        })
        .collect();
    let may = signed && (viewer.role == Role::Manager || case.may.assigned);
    context.insert("milestones_visible", &(signed && case.personal_data));
    context.insert("milestones", &items);
    context.insert("may_record_milestones", &may);
}
