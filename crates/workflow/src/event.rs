//! The events that move a case, and the typed data each one carries.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::Date;

use crate::field_error::FieldError;
use crate::ids::UserId;
use crate::intake::Rfc;
use crate::text::Lines;

/// An event's name. The serialized names are the wire names of WORKFLOW.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventKind {
    /// The shelter sends the intake for screening.
    Submit,
    /// A manager returns the request asking for more information.
    RequestInfo,
    /// A manager accepts the request and opens it to volunteers.
    Accept,
    /// A manager declines the request as not eligible.
    Decline,
    /// A lawyer takes the case after the firm's conflict check.
    Claim,
    /// A manager gives the case to a lawyer.
    Assign,
    /// The lawyer (or a manager) gives the case back to the open board.
    Release,
    /// A manager moves the case to another lawyer.
    Reassign,
    /// The lawyer requests the name authorization from the Secretaría de Economía.
    RequestName,
    /// The name was authorized.
    NameAuthorized,
    /// Every proposed name was refused.
    NameRefused,
    /// The name authorization lapsed, or must be requested again, after drafting began: the
    /// case goes back to `name_reservation` for a new one.
    RenewName,
    /// The lawyer shares the draft bylaws with the shelter.
    ShareDraft,
    /// The shelter asks for changes to the draft.
    RequestChanges,
    /// The shelter approves the draft.
    ApproveDraft,
    /// The notary asked for changes to the draft: back to drafting.
    ReviseDraft,
    /// The deed was signed before the notary.
    RecordSigning,
    /// The constitutive act was inscribed in the public registry.
    RecordFiling,
    /// The case is finished.
    Close,
    /// The request is withdrawn.
    Withdraw,
    /// The case is paused.
    Hold,
    /// The case resumes where it was paused.
    Resume,
    /// A manager reopens a declined or withdrawn request.
    Reopen,
}

impl EventKind {
    /// Every event, in the order of WORKFLOW.md.
    pub const ALL: [EventKind; 23] = [
        EventKind::Submit,
        EventKind::RequestInfo,
        EventKind::Accept,
        EventKind::Decline,
        EventKind::Claim,
        EventKind::Assign,
        EventKind::Release,
        EventKind::Reassign,
        EventKind::RequestName,
        EventKind::NameAuthorized,
        EventKind::NameRefused,
        EventKind::RenewName,
        EventKind::ShareDraft,
        EventKind::RequestChanges,
        EventKind::ApproveDraft,
        EventKind::ReviseDraft,
        EventKind::RecordSigning,
        EventKind::RecordFiling,
        EventKind::Close,
        EventKind::Withdraw,
        EventKind::Hold,
        EventKind::Resume,
        EventKind::Reopen,
    ];

    /// The wire name (`record_filing`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Submit => "submit",
            EventKind::RequestInfo => "request_info",
            EventKind::Accept => "accept",
            EventKind::Decline => "decline",
            EventKind::Claim => "claim",
            EventKind::Assign => "assign",
            EventKind::Release => "release",
            EventKind::Reassign => "reassign",
            EventKind::RequestName => "request_name",
            EventKind::NameAuthorized => "name_authorized",
            EventKind::NameRefused => "name_refused",
            EventKind::RenewName => "renew_name",
            EventKind::ShareDraft => "share_draft",
            EventKind::RequestChanges => "request_changes",
            EventKind::ApproveDraft => "approve_draft",
            EventKind::ReviseDraft => "revise_draft",
            EventKind::RecordSigning => "record_signing",
            EventKind::RecordFiling => "record_filing",
            EventKind::Close => "close",
            EventKind::Withdraw => "withdraw",
            EventKind::Hold => "hold",
            EventKind::Resume => "resume",
            EventKind::Reopen => "reopen",
        }
    }

    /// The key of the event's label in the translation files.
    pub fn label_key(self) -> String {
        format!("event-{}", self.as_str().replace('_', "-"))
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not an event's wire name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEvent(pub String);

impl fmt::Display for UnknownEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown event `{}`", self.0)
    }
}

impl std::error::Error for UnknownEvent {}

impl FromStr for EventKind {
    type Err = UnknownEvent;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| UnknownEvent(s.to_owned()))
    }
}

/// A field of an event's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Field {
    /// A message to the other party (`request_info`, `request_changes`).
    Message,
    /// Why (`decline`, `release`, `withdraw`, `hold`, `reopen`, `name_refused`).
    Reason,
    /// The conflict-of-interest attestation as a whole.
    ConflictCheck,
    /// `conflict_check.no_conflict`: must be `true`.
    ConflictCheckNoConflict,
    /// `conflict_check.reference`: the firm's own reference for its conflict check.
    ConflictCheckReference,
    /// The lawyer a manager assigns.
    LawyerId,
    /// The name the Secretaría de Economía authorized.
    AuthorizedName,
    /// The date of the name authorization.
    AuthorizedOn,
    /// The name authorization's Clave Única del Documento (CUD), which the deed cites and the
    /// notary's aviso de uso refers to.
    Cud,
    /// The notary's number (notaría pública número …).
    NotaryNumber,
    /// The number of the public deed (escritura pública).
    DeedNumber,
    /// The volume (volumen or libro) of the notary's protocol the deed is in.
    Volume,
    /// The date the deed was signed.
    SignedOn,
    /// The date the notary gave the Secretaría de Economía the aviso de uso of the name.
    AvisoDeUsoOn,
    /// The registry's folio for the association, as that registry names it (folio de persona
    /// moral, folio real electrónico; in book-based registries libro, sección and partida).
    Folio,
    /// The registry office: the state's public registry and its district.
    RegistryOffice,
    /// The date of the inscription in the registry.
    InscribedOn,
    /// The new association's RFC, once the SAT issues it.
    Rfc,
    /// The associates who read and approved the draft, by number from 0.
    ApprovedBy,
}

/// The type of value a field holds, as exported in the definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FieldType {
    /// Free text.
    Text,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A user's id.
    Uuid,
    /// An RFC of a legal person (persona moral).
    Rfc,
    /// `{no_conflict: true, reference}`.
    ConflictAttestation,
    /// A list of associates, by number from 0: `[0, 1, 2]`.
    Associates,
}

impl Field {
    /// The wire name (or path, for the attestation's parts).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Message => "message",
            Field::Reason => "reason",
            Field::ConflictCheck => "conflict_check",
            Field::ConflictCheckNoConflict => "conflict_check.no_conflict",
            Field::ConflictCheckReference => "conflict_check.reference",
            Field::LawyerId => "lawyer_id",
            Field::AuthorizedName => "authorized_name",
            Field::AuthorizedOn => "authorized_on",
            Field::Cud => "cud",
            Field::NotaryNumber => "notary_number",
            Field::DeedNumber => "deed_number",
            Field::Volume => "volume",
            Field::SignedOn => "signed_on",
            Field::AvisoDeUsoOn => "aviso_de_uso_on",
            Field::Folio => "folio",
            Field::RegistryOffice => "registry_office",
            Field::InscribedOn => "inscribed_on",
            Field::Rfc => "rfc",
            Field::ApprovedBy => "approved_by",
        }
    }

    /// The type of its value.
    pub fn value_type(self) -> FieldType {
        match self {
            Field::AuthorizedOn | Field::SignedOn | Field::AvisoDeUsoOn | Field::InscribedOn => {
                FieldType::Date
            }
            Field::LawyerId => FieldType::Uuid,
            Field::Rfc => FieldType::Rfc,
            Field::ConflictCheck => FieldType::ConflictAttestation,
            Field::ApprovedBy => FieldType::Associates,
            _ => FieldType::Text,
        }
    }

    /// The longest text accepted.
    fn max_chars(self) -> usize {
        match self {
            Field::Message | Field::Reason => 4000,
            _ => 300,
        }
    }
}

/// The firm's attestation that its conflict check found no conflict of interest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictCheck {
    /// Must be `true` for the attestation to count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_conflict: Option<bool>,
    /// The firm's own reference for the check, so it can be found in the firm's records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The data an event carries. Which fields an event takes, and which it requires, is part of
/// the transition table; an absent or blank required field is an unmet requirement
/// (`field:<name>`), a malformed one is a [`FieldError`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[allow(missing_docs)] // each field is documented on [`Field`]
pub struct EventData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict_check: Option<ConflictCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lawyer_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorized_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorized_on: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cud: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notary_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deed_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aviso_de_uso_on: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folio: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry_office: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inscribed_on: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rfc: Option<Rfc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<BTreeSet<usize>>,
}

impl EventData {
    /// Whether the field is present (a text not blank; an attestation counted as a whole).
    pub fn has(&self, field: Field) -> bool {
        let text = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        match field {
            Field::Message => text(&self.message),
            Field::Reason => text(&self.reason),
            Field::ConflictCheck => self.conflict_check.is_some(),
            Field::ConflictCheckNoConflict => self
                .conflict_check
                .as_ref()
                .is_some_and(|c| c.no_conflict == Some(true)),
            Field::ConflictCheckReference => self
                .conflict_check
                .as_ref()
                .is_some_and(|c| text(&c.reference)),
            Field::LawyerId => self.lawyer_id.is_some(),
            Field::AuthorizedName => text(&self.authorized_name),
            Field::AuthorizedOn => self.authorized_on.is_some(),
            Field::Cud => text(&self.cud),
            Field::NotaryNumber => text(&self.notary_number),
            Field::DeedNumber => text(&self.deed_number),
            Field::Volume => text(&self.volume),
            Field::SignedOn => self.signed_on.is_some(),
            Field::AvisoDeUsoOn => self.aviso_de_uso_on.is_some(),
            Field::Folio => text(&self.folio),
            Field::RegistryOffice => text(&self.registry_office),
            Field::InscribedOn => self.inscribed_on.is_some(),
            Field::Rfc => self.rfc.is_some(),
            Field::ApprovedBy => self.approved_by.is_some(),
        }
    }
}

/// An event as fired: its name and its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Which event.
    #[serde(rename = "event")]
    pub kind: EventKind,
    /// Its data.
    pub data: EventData,
}

impl Event {
    /// An event without data.
    pub fn bare(kind: EventKind) -> Event {
        Event {
            kind,
            data: EventData::default(),
        }
    }

    /// Reads an event's data from JSON (an object, or `null` / absent for none). Fields the event
    /// does not take, and values of the wrong type or format, are reported field by field under
    /// `data.`; absent fields are left for the workflow to report as unmet requirements.
    pub fn parse(kind: EventKind, data: &Value) -> Result<Event, Vec<FieldError>> {
        let empty = Map::new();
        let map = match data {
            Value::Null => &empty,
            Value::Object(map) => map,
            _ => return Err(vec![FieldError::new("data", "object_expected")]),
        };
        let accepted = crate::table::spec(kind).accepted_fields();
        let mut reader = Reader { errors: Vec::new() };
        let mut parsed = EventData::default();
        for (key, value) in map {
            let Some(field) = accepted.iter().copied().find(|f| f.as_str() == key) else {
                reader
                    .errors
                    .push(FieldError::new(format!("data.{key}"), "unknown_field"));
                continue;
            };
            if value.is_null() {
                continue;
            }
            match field {
                Field::Message => parsed.message = reader.text(field, value),
                Field::Reason => parsed.reason = reader.text(field, value),
                Field::ConflictCheck => parsed.conflict_check = reader.conflict_check(value),
                Field::LawyerId => parsed.lawyer_id = reader.uuid(field, value),
                Field::AuthorizedName => parsed.authorized_name = reader.text(field, value),
                Field::AuthorizedOn => parsed.authorized_on = reader.date(field, value),
                Field::Cud => parsed.cud = reader.identifier(field, value),
                Field::NotaryNumber => parsed.notary_number = reader.text(field, value),
                Field::DeedNumber => parsed.deed_number = reader.text(field, value),
                Field::Volume => parsed.volume = reader.text(field, value),
                Field::SignedOn => parsed.signed_on = reader.date(field, value),
                Field::AvisoDeUsoOn => parsed.aviso_de_uso_on = reader.date(field, value),
                Field::Folio => parsed.folio = reader.text(field, value),
                Field::RegistryOffice => parsed.registry_office = reader.text(field, value),
                Field::InscribedOn => parsed.inscribed_on = reader.date(field, value),
                Field::Rfc => parsed.rfc = reader.rfc(value),
                Field::ApprovedBy => parsed.approved_by = reader.associates(field, value),
                Field::ConflictCheckNoConflict | Field::ConflictCheckReference => {}
            }
        }
        if reader.errors.is_empty() {
            Ok(Event { kind, data: parsed })
        } else {
            Err(reader.errors)
        }
    }
}

/// Collects the problems found while reading event data.
struct Reader {
    errors: Vec<FieldError>,
}

impl Reader {
    fn path(field: Field) -> String {
        format!("data.{}", field.as_str())
    }

    fn text(&mut self, field: Field, value: &Value) -> Option<String> {
        let Some(text) = value.as_str() else {
            self.errors
                .push(FieldError::new(Self::path(field), "text_expected"));
            return None;
        };
        // A message or a reason may run over several lines; a name, number or folio is one.
        let lines = match field {
            Field::Message | Field::Reason => Lines::Many,
            _ => Lines::One,
        };
        if let Some(problem) = crate::text::check(&Self::path(field), text, lines) {
            self.errors.push(problem);
            return None;
        }
        let text = text.trim();
        if text.chars().count() > field.max_chars() {
            self.errors.push(
                FieldError::new(Self::path(field), "too_long").with("max", field.max_chars()),
            );
            return None;
        }
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// A code such as the CUD: letters and digits only, kept in capitals (spaces and dashes
    /// a person may type between groups are dropped).
    fn identifier(&mut self, field: Field, value: &Value) -> Option<String> {
        let text = self.text(field, value)?;
        let code: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) || code.len() > 40 {
            self.errors
                .push(FieldError::new(Self::path(field), "code.invalid"));
            return None;
        }
        Some(code)
    }

    fn date(&mut self, field: Field, value: &Value) -> Option<Date> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let parsed = value
            .as_str()
            .and_then(|s| Date::parse(s.trim(), &format).ok());
        if parsed.is_none() {
            self.errors
                .push(FieldError::new(Self::path(field), "date.invalid"));
        }
        parsed
    }

    fn uuid(&mut self, field: Field, value: &Value) -> Option<UserId> {
        let parsed = value
            .as_str()
            .and_then(|s| uuid::Uuid::parse_str(s.trim()).ok());
        if parsed.is_none() {
            self.errors
                .push(FieldError::new(Self::path(field), "uuid.invalid"));
        }
        parsed.map(UserId)
    }

    fn rfc(&mut self, value: &Value) -> Option<Rfc> {
        let path = Self::path(Field::Rfc);
        let Some(text) = value.as_str() else {
            self.errors.push(FieldError::new(path, "text_expected"));
            return None;
        };
        match Rfc::parse(text) {
            Ok(rfc) if rfc.is_legal_person() => Some(rfc),
            Ok(_) => {
                self.errors.push(FieldError::new(path, "rfc.legal_person"));
                None
            }
            Err(error) => {
                self.errors.push(FieldError::new(path, error.code()));
                None
            }
        }
    }

    /// A list of associates by number (from 0); numbers that name no associate of the case are
    /// the requirement's to report.
    fn associates(&mut self, field: Field, value: &Value) -> Option<BTreeSet<usize>> {
        let numbers: Option<BTreeSet<usize>> = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_u64().and_then(|n| usize::try_from(n).ok()))
                .collect()
        });
        if numbers.is_none() {
            self.errors
                .push(FieldError::new(Self::path(field), "associates_expected"));
        }
        numbers
    }

    fn conflict_check(&mut self, value: &Value) -> Option<ConflictCheck> {
        let Some(map) = value.as_object() else {
            self.errors
                .push(FieldError::new("data.conflict_check", "object_expected"));
            return None;
        };
        let mut check = ConflictCheck::default();
        for (key, value) in map {
            match key.as_str() {
                "no_conflict" => match value {
                    Value::Bool(b) => check.no_conflict = Some(*b),
                    Value::Null => {}
                    _ => self.errors.push(FieldError::new(
                        "data.conflict_check.no_conflict",
                        "boolean_expected",
                    )),
                },
                "reference" if value.is_null() => {}
                "reference" => check.reference = self.text(Field::ConflictCheckReference, value),
                _ => self.errors.push(FieldError::new(
                    format!("data.conflict_check.{key}"),
                    "unknown_field",
                )),
            }
        }
        Some(check)
    }
}
