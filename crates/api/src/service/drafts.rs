//! Drafting a case's documents: the case's facts as `puente-docgen` takes them, rendering off
//! the request threads, and the kind a generated document is stored as.

use std::str::FromStr;
use std::sync::Arc;

use bytes::Bytes;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use puente_docgen as docgen;
use puente_workflow::intake::{AssociateDraft, MexicanState};
use puente_workflow::{DocumentKind, FieldError, NotaryFees};

use super::Error;
use super::documents::{DocumentView, Incoming, check_upload};
use crate::config::Settings;
use crate::entity::case;
use crate::service::auth::AuthUser;
use crate::service::repo::{documents, history, orgs, users};
use crate::service::views::{intake_of, name_authorization, notary};
use crate::state::AppState;

/// The templates the settings name (a folder, or the compiled-in ones) with the renderers.
pub fn generator(settings: &Settings) -> Result<docgen::Generator, docgen::Error> {
    let templates = match &settings.templates_dir {
        Some(dir) => docgen::Templates::from_dir(dir)?,
        None => docgen::Templates::embedded()?,
    };
    Ok(docgen::Generator::new(templates))
}

/// What a generated document is filed as: the bylaws as the draft the workflow asks for,
/// the others as `other` papers.
pub fn stored_kind(kind: docgen::Kind) -> DocumentKind {
    match kind {
        docgen::Kind::Bylaws => DocumentKind::BylawsDraft,
        _ => DocumentKind::Other,
    }
}

fn board_role(code: Option<&str>) -> docgen::BoardRole {
    match code {
        Some("president") => docgen::BoardRole::President,
        Some("secretary") => docgen::BoardRole::Secretary,
        Some("treasurer") => docgen::BoardRole::Treasurer,
        Some("member") => docgen::BoardRole::Member,
        _ => docgen::BoardRole::None,
    }
}

/// The paper a stored document is in the letter to the notary: what the notary receives for the
/// constitution. Internal (`other`) papers and what comes after the signing are not.
fn paper(kind: DocumentKind) -> Option<docgen::Paper> {
    match kind {
        DocumentKind::NameAuthorization => Some(docgen::Paper::NameAuthorization),
        DocumentKind::BylawsDraft => Some(docgen::Paper::BylawsDraft),
        DocumentKind::FounderId => Some(docgen::Paper::FounderId),
        DocumentKind::FounderTaxCertificate => Some(docgen::Paper::FounderTaxCertificate),
        DocumentKind::ProofOfAddress => Some(docgen::Paper::ProofOfAddress),
        DocumentKind::SignedDeed
        | DocumentKind::RegistryReceipt
        | DocumentKind::RfcCertificate
        | DocumentKind::Other => None,
    }
}

/// The documents on file that go to the notary (review M-3): the current version of each
/// series, named for whose it is (an associate's papers sit in the slot of the associate's
/// position plus one), without the drafts Puente generated (recorded as `document_generated`).
async fn delivered(
    state: &AppState,
    case: &case::Model,
    associates: &[docgen::Associate],
) -> Result<Vec<docgen::FiledDocument>, Error> {
    let generated: Vec<String> = history::of_case(&state.db, case.id)
        .await?
        .into_iter()
        .filter(|event| event.event == "document_generated")
        .filter_map(|event| event.data["document_id"].as_str().map(str::to_owned))
        .collect();
    let rows = documents::of_case(&state.db, case.id).await?;
    let mut delivered: Vec<(docgen::Paper, i32, docgen::FiledDocument)> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let superseded = rows[index + 1..]
            .iter()
            .any(|later| later.kind == row.kind && later.slot == row.slot);
        let Some(paper) = paper(row.kind) else {
            continue;
        };
        if row.deleted_at.is_some() || superseded || generated.contains(&row.id.to_string()) {
            continue;
        }
        let associate = usize::try_from(row.slot - 1)
            .ok()
            .and_then(|position| associates.get(position))
            .map(|a| a.full_name.clone());
        delivered.push((paper, row.slot, docgen::FiledDocument { paper, associate }));
    }
    delivered.sort_by_key(|(paper, slot, _)| (*paper, *slot));
    Ok(delivered.into_iter().map(|(_, _, d)| d).collect())
}

/// How the deed addresses an associate: as their CURP records it (H, M or X), or as the intake
/// says for those without one; unknown, the documents keep the masculine generic form.
fn gender_of(associate: &AssociateDraft) -> Option<docgen::Gender> {
    associate
        .curp
        .as_deref()
        .and_then(docgen::Gender::from_curp)
        .or(match associate.particulars.treatment.as_deref() {
            Some("female") => Some(docgen::Gender::Feminine),
            Some("male") => Some(docgen::Gender::Masculine),
            Some("neutral") => Some(docgen::Gender::Neutral),
            _ => None,
        })
}

/// An associate's generales as the act writes them; each one unknown is a blank for the notary.
fn particulars_of(associate: &AssociateDraft) -> docgen::Particulars {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let p = &associate.particulars;
    let document =
        |kind: &Option<String>, number: &Option<String>, word: fn(&str) -> Option<&'static str>| {
            given(kind)
                .and_then(|kind| word(&kind))
                .map(|document| docgen::Identification {
                    document: document.to_owned(),
                    number: given(number).unwrap_or_default(),
                })
        };
    docgen::Particulars {
        birth_place: given(&p.birth_place),
        birth_date: given(&p.birth_date).and_then(|d| time::Date::parse(&d, &format).ok()),
        civil_status: given(&p.civil_status)
            .and_then(|code| docgen::spanish::civil_status(&code, gender_of(associate)))
            .map(str::to_owned),
        occupation: given(&p.occupation),
        address: given(&p.address),
        identification: document(&p.id_kind, &p.id_number, docgen::spanish::identification),
        immigration: document(
            &p.immigration_status,
            &p.immigration_number,
            docgen::spanish::immigration_document,
        ),
    }
}

/// The notary chosen for the signing, as the documents name it.
fn notary_of(case: &case::Model) -> Option<docgen::Notary> {
    let n = notary(case)?;
    let seat = MexicanState::from_str(&n.state).ok();
    Some(docgen::Notary {
        name: n.name,
        number: n.number,
        district: n.district,
        seat: docgen::Domicile {
            state: seat.map(|s| s.name().to_owned()).unwrap_or_default(),
            state_code: n.state,
            ..docgen::Domicile::default()
        },
        fees: match n.fees {
            NotaryFees::ProBono => docgen::NotaryFees::ProBono,
            NotaryFees::Reduced => docgen::NotaryFees::Reduced,
            NotaryFees::Arancel => docgen::NotaryFees::Arancel,
        },
    })
}

/// The case's facts as of today.
pub async fn facts(state: &AppState, case: &case::Model) -> Result<docgen::Facts, Error> {
    let intake = intake_of(case);
    let domicile = intake.domicile.unwrap_or_default();
    let contact = intake.contact.unwrap_or_default();
    let entity = domicile
        .state
        .as_deref()
        .and_then(|code| MexicanState::from_str(code).ok());
    let shelter = orgs::find(&state.db, case.shelter_id).await?;
    let attorney = match case.lawyer_id {
        Some(id) => users::find(&state.db, id).await?,
        None => None,
    };
    let firm = match case.firm_id {
        Some(id) => orgs::find(&state.db, id).await?,
        None => None,
    };
    let associates: Vec<docgen::Associate> = intake
        .associates
        .iter()
        .map(|a| docgen::Associate {
            full_name: a.full_name.clone().unwrap_or_default(),
            nationality: a.nationality.clone().unwrap_or_else(|| "MX".into()),
            curp: a.curp.clone(),
            rfc: a.rfc.clone(),
            email: a.email.clone(),
            board_role: board_role(a.board_role.as_deref()),
            gender: gender_of(a),
            particulars: particulars_of(a),
        })
        .collect();
    let documents = delivered(state, case, &associates).await?;
    Ok(docgen::Facts {
        reference: case.reference.clone(),
        date: state.today(),
        proposed_names: intake.proposed_names.clone(),
        purpose: intake.purpose.unwrap_or_default(),
        domicile: docgen::Domicile {
            state: entity.map(|s| s.name().to_owned()).unwrap_or_default(),
            state_code: entity.map(|s| s.code().to_owned()).unwrap_or_default(),
            municipality: domicile.municipality.unwrap_or_default(),
            address: domicile.address.unwrap_or_default(),
        },
        associates,
        board: intake.governance.as_deref() != Some("sole_administrator"),
        legal_representative: intake.legal_representative.unwrap_or(0),
        donataria: intake.donataria_autorizada.unwrap_or(false),
        // Until the lawyer chooses, the bylaws leave the fraction blank.
        lisr_fractions: super::donataria::fractions_of(case)
            .into_iter()
            .map(super::donataria::LisrFraction::drafted)
            .collect(),
        shelter: shelter.map(|s| s.name).unwrap_or_default(),
        contact: docgen::Contact {
            name: contact.name.unwrap_or_default(),
            phone: contact.phone.unwrap_or_default(),
            email: contact.email.unwrap_or_default(),
        },
        name_authorization: name_authorization(case).map(|a| docgen::NameAuthorization {
            name: a.name,
            authorized_on: a.authorized_on,
            expires_on: a.expires_on,
            cud: a.cud,
        }),
        notary: notary_of(case),
        attorney: attorney.map(|u| docgen::Attorney {
            name: u.name,
            email: u.email,
            // Not recorded for users yet: the letter writes "Abogado(a) responsable".
            gender: None,
        }),
        firm: firm.map(|f| f.name),
        documents,
    })
}

/// Renders off the request threads (typesetting a PDF takes tens of milliseconds of CPU).
/// A template that fails for this case is the caller's 422, naming the template and line.
pub async fn render(
    generator: &Arc<docgen::Generator>,
    kind: docgen::Kind,
    facts: docgen::Facts,
    format: docgen::Format,
) -> Result<docgen::Rendered, Error> {
    let generator = Arc::clone(generator);
    let rendered = tokio::task::spawn_blocking(move || generator.render(kind, &facts, format))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
    rendered.map_err(|error| match error {
        docgen::Error::Template {
            template,
            line,
            message,
        } => {
            tracing::warn!(%template, line, %message, "a document template failed");
            Error::Invalid(vec![
                FieldError::new("template", "template.failed")
                    .with("template", template)
                    .with("line", line)
                    .with("message", message),
            ])
        }
        docgen::Error::NoAssociates => {
            Error::Invalid(vec![FieldError::new("intake", "intake.incomplete")])
        }
        // A nationality without a Spanish word: the lawyer corrects the associate's.
        docgen::Error::Nationality {
            position,
            associate,
            code,
        } => Error::Invalid(vec![
            FieldError::new(
                format!("associates[{position}].nationality"),
                "nationality.unknown",
            )
            .with("associate", associate)
            .with("code", code),
        ]),
        other => Error::Internal(other.to_string()),
    })
}

/// A document Puente drafts.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Proyecto de estatutos sociales (stored as `bylaws_draft`).
    Bylaws,
    /// Proyecto de acta constitutiva (stored as `other`).
    ConstitutiveAct,
    /// Carta al notario (stored as `other`).
    NotaryLetter,
    /// Resumen de la solicitud (stored as `other`).
    IntakeSummary,
}

impl From<Template> for docgen::Kind {
    fn from(template: Template) -> docgen::Kind {
        match template {
            Template::Bylaws => docgen::Kind::Bylaws,
            Template::ConstitutiveAct => docgen::Kind::ConstitutiveAct,
            Template::NotaryLetter => docgen::Kind::NotaryLetter,
            Template::IntakeSummary => docgen::Kind::IntakeSummary,
        }
    }
}

/// A file format.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Word (opens in LibreOffice too).
    Docx,
    /// Print-ready PDF.
    Pdf,
    /// An HTML page.
    Html,
}

impl From<Format> for docgen::Format {
    fn from(format: Format) -> docgen::Format {
        match format {
            Format::Docx => docgen::Format::Docx,
            Format::Pdf => docgen::Format::Pdf,
            Format::Html => docgen::Format::Html,
        }
    }
}

/// Drafts `template` in `format` from case `id`'s facts and stores it as a new version of its
/// kind (`bylaws` → `bylaws_draft`, the others `other`), recorded in the history as
/// `document_generated`. Those who see the case's personal data and may file that kind may.
pub async fn generate(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    template: Template,
    format: Format,
) -> Result<DocumentView, Error> {
    let case = super::cases::full(state, caller, id).await?;
    let kind = docgen::Kind::from(template);
    let stored = stored_kind(kind);
    check_upload(caller, &case, stored)?;
    let facts = facts(state, &case).await?;
    let rendered = render(&state.docgen, kind, facts, format.into()).await?;
    let incoming = Incoming {
        case: &case,
        kind: stored,
        slot: 0,
        filename: Some(rendered.filename),
        uploader: (caller.id, caller.role),
        generated: Some((rendered.content_type, kind.code())),
    };
    let source = futures::stream::iter([Ok(Bytes::from(rendered.bytes))]);
    let document = super::documents::upload(state, incoming, source).await?;
    Ok(DocumentView::from(&document))
}

/// `template` as an HTML page, drafted from case `id`'s facts now and not stored; the reading
/// is recorded in the access log. Those who see the case's personal data may.
pub async fn preview(
    state: &AppState,
    caller: &AuthUser,
    id: Uuid,
    template: Template,
) -> Result<docgen::Rendered, Error> {
    let case = super::cases::full(state, caller, id).await?;
    let facts = facts(state, &case).await?;
    let rendered = render(&state.docgen, template.into(), facts, docgen::Format::Html).await?;
    crate::access::record(caller.id, crate::access::Read::Preview { case: id });
    Ok(rendered)
}
