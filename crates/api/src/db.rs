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
    let mut options = ConnectOptions::new(without_tls_on_loopback(&url));
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

/// `url` with `sslmode=disable` added when it names PostgreSQL on this machine's loopback
/// (`127.0.0.1`, `::1`, `localhost`) and says nothing of TLS. sqlx's default (`prefer`) would
/// encrypt traffic that never leaves the machine, and its TLS stream reads large results slowly:
/// on a 100,000-case caseload the dashboard took three times as long (BENCHMARKS.md). Any
/// `sslmode` the URL states is kept; a remote server is left to the default or to what is stated
/// (`sslmode=verify-full` for a managed service: deploy/README.md).
pub fn without_tls_on_loopback(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.to_owned();
    };
    let postgres = matches!(parsed.scheme(), "postgres" | "postgresql");
    let loopback = match parsed.host() {
        Some(url::Host::Ipv4(address)) => address.is_loopback(),
        Some(url::Host::Ipv6(address)) => address.is_loopback(),
        // A `postgres:` URL's host is not parsed as an address (the scheme is not a web one).
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|address| address.is_loopback())
        }
        None => false,
    };
    let stated = parsed
        .query_pairs()
        .any(|(key, _)| key.eq_ignore_ascii_case("sslmode"));
    if !postgres || !loopback || stated {
        return url.to_owned();
    }
    let mut changed = parsed;
    changed.query_pairs_mut().append_pair("sslmode", "disable");
    changed.to_string()
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether `error` says the database cannot be reached now rather than that a statement is
/// wrong: a connection refused, dropped, timed out or not granted, or a server shutting down,
/// starting or out of connections (SQLSTATE classes 08 and 57P, and 53300). Such a request is
/// answered 503 and may be tried again; the pool connects anew by itself once the server is back.
pub fn is_unavailable(error: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let runtime = match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(error) = runtime else {
        return false;
    };
    match error.as_ref() {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(database) => database.code().is_some_and(|code| {
            code.starts_with("08") || code.starts_with("57P") || code == "53300"
        }),
        _ => false,
    }
}

/// Whether the database answers.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

#[cfg(test)]
mod tests {
    use super::without_tls_on_loopback as url;

    #[test]
    fn tls_is_left_out_only_for_postgresql_on_loopback_when_the_url_says_nothing_of_it() {
        assert_eq!(
            url("postgres://puente@127.0.0.1:5432/puente"),
            "postgres://puente@127.0.0.1:5432/puente?sslmode=disable"
        );
        assert_eq!(
            url("postgresql://puente:s3cr%40t@localhost/puente?application_name=puente"),
            "postgresql://puente:s3cr%40t@localhost/puente?application_name=puente&sslmode=disable"
        );
        assert_eq!(
            url("postgres://puente@[::1]/puente"),
            "postgres://puente@[::1]/puente?sslmode=disable"
        );
        for kept in [
            "postgres://puente@127.0.0.1/puente?sslmode=require",
            "postgres://puente@db.example.org/puente",
            "postgres://puente@10.0.0.5/puente",
            "sqlite:///var/lib/puente/puente.db?mode=rwc",
            "not a url",
        ] {
            assert_eq!(url(kept), kept);
        }
    }
}
