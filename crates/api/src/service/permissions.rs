//! What the caller may do with a case, decided once beside what they may see of it: the case
//! view carries it, the use cases enforce it, the pages show only what it allows.

use serde::Serialize;
use utoipa::ToSchema;

use puente_workflow::{DocumentKind, Role, Status};

use crate::entity::case;
use crate::service::auth::AuthUser;
use crate::service::repo::cases::state_of;

/// Who may upload which kind (DOMAIN.md): the shelter its founders' papers and proof of
/// address, the assigned lawyer every kind, a manager `other` papers only.
pub fn may_upload(role: Role, assigned: bool, own_shelter: bool, kind: DocumentKind) -> bool {
    use DocumentKind as K;
    match role {
        Role::Shelter => {
            own_shelter
                && matches!(
                    kind,
                    K::FounderId | K::FounderTaxCertificate | K::ProofOfAddress | K::Other
                )
        }
        Role::Lawyer => assigned,
        Role::Manager => kind == K::Other,
    }
}

/// What the caller may do with a case now.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Permissions {
    /// Change the intake (its own shelter, in `draft` or `needs_info`).
    pub edit_intake: bool,
    /// Upload documents of these kinds (none once the case is closed).
    pub upload: Vec<DocumentKind>,
    /// Draft documents from the case's facts (the assigned lawyer, while the case is open).
    pub generate: bool,
    /// Log pro bono hours (the assigned lawyer).
    pub log_hours: bool,
    /// Read and add comments, and read the history, documents and hours (whoever sees the
    /// whole case).
    pub comment: bool,
    /// The caller is of the case's shelter.
    #[serde(skip)]
    pub own_shelter: bool,
    /// The caller is the case's lawyer.
    #[serde(skip)]
    pub assigned: bool,
}

impl Permissions {
    /// What `caller` may do with `case`, given whether they see it whole (`full`: its personal
    /// data, not blocked). Who sees only a summary may do nothing here: the workflow's events
    /// (claiming) are offered apart.
    pub fn of(case: &case::Model, caller: &AuthUser, full: bool) -> Permissions {
        let own_shelter = caller.role == Role::Shelter && caller.organization == case.shelter_id;
        let assigned = caller.role == Role::Lawyer && case.lawyer_id == Some(caller.id);
        if !full {
            return Permissions {
                own_shelter,
                assigned,
                ..Permissions::default()
            };
        }
        let status = state_of(case).state;
        let open = !status.is_terminal();
        let upload = if open {
            DocumentKind::ALL
                .into_iter()
                .filter(|kind| may_upload(caller.role, assigned, own_shelter, *kind))
                .collect()
        } else {
            Vec::new()
        };
        Permissions {
            edit_intake: own_shelter && matches!(status, Status::Draft | Status::NeedsInfo),
            upload,
            generate: open && assigned,
            log_hours: assigned,
            comment: true,
            own_shelter,
            assigned,
        }
    }

    /// Whether the caller may upload `kind` now.
    pub fn uploads(&self, kind: DocumentKind) -> bool {
        self.upload.contains(&kind)
    }
}
