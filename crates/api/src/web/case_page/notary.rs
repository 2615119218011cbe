//! The case page's notary: the one chosen for the signing, and the form that records it (for
//! the assigned lawyer, from the claim until the signing).

use std::str::FromStr;

use puente_i18n::{Lang, text};
use puente_workflow::NotaryFees;
use puente_workflow::intake::MexicanState;
use serde::Serialize;
use tera::Context;

use crate::service::views::{CaseIntake, CaseView};
use crate::web::account::states;
use crate::web::visit::Fields;

/// The notary's fields, as shown and as the form gives them back.
#[derive(Serialize, Default, Clone)]
struct NotaryValues {
    name: String,
    number: String,
    state: String,
    district: String,
    contact: String,
    fees: String,
    fee_note: String,
}

/// A fee arrangement as the form offers it.
#[derive(Serialize)]
struct FeeChoice {
    code: &'static str,
    label: String,
}

/// Puts the notary in the context: `notary_visible`, `notary` (as chosen, with the state and
/// the fees by name), `may_choose_notary`, the form's `notary_values` (given back after a
/// refusal), `notary_states` and `notary_fees`.
pub(super) fn insert_notary(
    context: &mut Context,
    lang: Lang,
    case: &CaseView,
    typed: Option<&Fields>,
) {
    let may = case.may.assigned && case.personal_data && case.status.is_before_signing();
    let chosen = case.notary.as_ref().map(|n| NotaryValues {
        name: n.name.clone(),
        number: n.number.clone(),
        state: n.state.clone(),
        district: n.district.clone(),
        contact: n.contact.clone(),
        fees: n.fees.as_str().to_owned(),
        fee_note: n.fee_note.clone().unwrap_or_default(),
    });
    let shown = chosen.as_ref().map(|n| NotaryValues {
        state: MexicanState::from_str(&n.state)
            .map(|s| s.name().to_owned())
            .unwrap_or_else(|_| n.state.clone()),
        fees: text(
            lang,
            &format!("notary-fees-{}", n.fees.replace('_', "-")),
            &[],
        ),
        ..n.clone()
    });
    let values = match typed {
        Some(fields) => NotaryValues {
            name: fields.get("name").to_owned(),
            number: fields.get("number").to_owned(),
            state: fields.get("state").to_owned(),
            district: fields.get("district").to_owned(),
            contact: fields.get("contact").to_owned(),
            fees: fields.get("fees").to_owned(),
            fee_note: fields.get("fee_note").to_owned(),
        },
        // Most often the notary practises where the association will be domiciled.
        None => chosen.unwrap_or_else(|| NotaryValues {
            state: match &case.intake {
                CaseIntake::Full(intake) => intake
                    .domicile
                    .as_ref()
                    .and_then(|d| d.state.clone())
                    .unwrap_or_default(),
                CaseIntake::Summary(_) => String::new(),
            },
            ..NotaryValues::default()
        }),
    };
    let fees: Vec<FeeChoice> = NotaryFees::ALL
        .into_iter()
        .map(|f| FeeChoice {
            code: f.as_str(),
            label: text(lang, &f.label_key(), &[]),
        })
        .collect();
    context.insert(
        "notary_visible",
        &(case.personal_data && (may || shown.is_some())),
    );
    context.insert("notary", &shown);
    context.insert("may_choose_notary", &may);
    context.insert("notary_values", &values);
    context.insert("notary_states", &states());
    context.insert("notary_fees", &fees);
}
