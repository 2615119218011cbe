//! The case workflow of Puente, pure and complete.
//!
//! A migrant shelter's request to become an Asociación Civil moves from the shelter's draft
//! through screening, a volunteer lawyer's claim, the name authorization, the bylaws, the notary
//! and the public registry. This crate holds that path as data (the [`table`]), decides every
//! event against it ([`apply`], [`available`]), computes deadline [`alerts`], exports the
//! definition ([`export`]), and reads the shelter's [`intake`]. It reads no clock, touches no
//! database and speaks no HTTP: the caller gathers the [`Facts`] and passes `today`.

pub mod alerts;
pub mod document;
pub mod event;
pub mod export;
pub mod facts;
pub mod field_error;
pub mod ids;
pub mod intake;
pub mod machine;
pub mod notary;
pub mod requirement;
pub mod role;
pub mod state;
pub mod table;
pub mod text;

pub use alerts::{Activity, Alert, AlertSettings, alerts};
pub use document::DocumentKind;
pub use event::{ConflictCheck, Event, EventData, EventKind, Field};
pub use facts::{
    Assignment, Deed, Facts, Filing, LawyerStanding, LegalRecord, Milestone, MilestoneRecord,
    Milestones, NAME_AUTHORIZATION_DAYS, NameAuthorization, Visibility, visibility,
};
pub use field_error::{FieldError, Problem};
pub use ids::{OrgId, UserId};
pub use machine::{Available, Effect, Rejection, Transition, apply, available};
pub use notary::{Notary, NotaryDraft, NotaryFees};
pub use requirement::{Missing, Requirement};
pub use role::{Actor, Party, Role};
pub use state::{CaseState, StateKind, Status};
