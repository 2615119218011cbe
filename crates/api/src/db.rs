//! Connecting to the database and bringing its schema up to date.

use std::time::Duration;

use puente_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

use crate::config::Settings;

/// Opens the pool. SQLite (the embedded mode) gets one connection: a single writer never meets
/// a locked database, and the file lives in WAL mode so readers of other processes are not
/// blocked. PostgreSQL gets `database_pool` connections.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    let url = settings.database_url();
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        crate::storage::private::create_dir_all(&settings.data_dir).map_err(|error| {
            DbErr::Custom(format!(
                "cannot create {}: {error}",
                settings.data_dir.display()
            ))
        })?;
    }
    // The embedded database starts owner-only; SQLite gives its `-wal` and `-shm` the same
    // permissions.
    if settings.database_url.is_none() {
        let file = settings.data_dir.join("puente.db");
        crate::storage::private::create_file(&file)
            .map_err(|error| DbErr::Custom(format!("cannot create {}: {error}", file.display())))?;
    }
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(if sqlite { 1 } else { settings.database_pool })
        .min_connections(if sqlite { 1 } else { 0 })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if sqlite {
        db.execute_unprepared(
            "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
        )
        .await?;
    }
    Ok(db)
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the database answers.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}
