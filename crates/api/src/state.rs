//! What every handler may reach: the database, the settings, the signing keys and the metrics.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::Keys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::metrics::Metrics;
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
    /// The web pages.
    pub pages: Arc<crate::web::pages::Pages>,
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
}
