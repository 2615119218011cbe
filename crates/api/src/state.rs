//! What every handler may reach: the database, the settings, the signing keys and the metrics.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::clock::Clock;
use crate::config::Settings;
use crate::metrics::Metrics;
use crate::service::auth::Keys;
use crate::storage::{DocumentStore, Keyring};

/// Shared by all requests.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The configuration.
    pub settings: Arc<Settings>,
    /// The token keys.
    pub keys: Arc<Keys>,
    /// Request and pool metrics.
    pub metrics: Arc<Metrics>,
    /// Where documents are kept.
    pub store: DocumentStore,
    /// The master keys that wrap documents' keys.
    pub keyring: Arc<Keyring>,
    /// The document templates and renderers.
    pub docgen: Arc<puente_docgen::Generator>,
    /// The time cases are recorded at.
    pub clock: Clock,
    /// The time sign-ins are measured by: sessions' idle and absolute limits, the throttles'
    /// windows. The system's, unless a test fixes it; apart from the case clock, so that a test
    /// living a case's months does not end its people's sessions.
    pub sign_in_clock: Clock,
    /// The web pages.
    pub pages: Arc<crate::web::pages::Pages>,
    /// Password hashing, a bounded number at a time.
    pub hasher: Arc<crate::service::auth::Hasher>,
    /// Caseload reports, a bounded number at a time (each holds the caseload's figures).
    pub reports: Arc<crate::service::gate::Gate>,
}

impl AppState {
    /// Today in the program's time zone: what deadlines and dates are measured against.
    pub fn today(&self) -> time::Date {
        self.clock.today(self.settings.utc_offset())
    }

    /// Now, by the case clock.
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Now, by the sign-in clock.
    pub fn sign_in_now(&self) -> time::OffsetDateTime {
        self.sign_in_clock.now()
    }
}
