//! Keeping a deployment sound from the command line: the store's collection, purge and
//! verification, key rotation, the history's verification, the templates' check and the demo.

use std::process::ExitCode;

use puente_api::Settings;

use super::{fail, ready_db};

pub(super) async fn storage_gc(settings: Settings, hours: u32) -> ExitCode {
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    match puente_api::service::maintenance::gc(&state, time::Duration::hours(i64::from(hours)))
        .await
    {
        Ok(done) => {
            println!(
                "{} objects scanned, {} removed, {} without a document but too recent to remove",
                done.scanned, done.removed, done.recent
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(format!("storage gc: {error}")),
    }
}

pub(super) fn templates_check(settings: &Settings) -> ExitCode {
    let generator = match puente_api::service::drafts::generator(settings) {
        Ok(generator) => generator,
        Err(error) => return fail(format!("templates: {error}")),
    };
    let failures = generator.check();
    for (sample, error) in &failures {
        eprintln!("{sample}: {error}");
    }
    if failures.is_empty() {
        println!(
            "{} templates × {} sample cases × 3 formats: all rendered",
            puente_docgen::Kind::ALL.len(),
            puente_docgen::samples::all().len()
        );
        ExitCode::SUCCESS
    } else {
        fail(format!("templates check: {} failed", failures.len()))
    }
}

pub(super) async fn storage_purge(settings: Settings) -> ExitCode {
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    match puente_api::service::maintenance::purge(&state, state.now()).await {
        Ok(done) => {
            println!(
                "{} deleted documents purged, {} still within their retention",
                done.purged, done.retained
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(format!("storage purge: {error}")),
    }
}

pub(super) async fn storage_verify(settings: Settings) -> ExitCode {
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    match puente_api::service::maintenance::verify(&state).await {
        Ok((checked, damaged)) if damaged.is_empty() => {
            println!("ok: {checked} documents read back and matched their SHA-256");
            ExitCode::SUCCESS
        }
        Ok((checked, damaged)) => {
            for item in &damaged {
                println!("damaged: document {} ({})", item.document, item.reason);
            }
            println!("{} of {checked} documents are damaged", damaged.len());
            ExitCode::FAILURE
        }
        Err(error) => fail(format!("storage verify: {error}")),
    }
}

pub(super) async fn keys_rotate(settings: Settings) -> ExitCode {
    // In the embedded mode a new key goes into the file first; the file as it was stays beside
    // it until every document key is re-wrapped, and the lock keeps a second rotation out.
    let rotation = if settings.master_keys.is_none() {
        match puente_api::storage::Keyring::rotate(&settings) {
            Ok(rotation) => {
                println!(
                    "new master key {} written to {}",
                    rotation.id(),
                    rotation.path().display()
                );
                Some(rotation)
            }
            Err(error) => return fail(format!("keys rotate: {error}")),
        }
    } else {
        None
    };
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    match puente_api::service::maintenance::rewrap(&state).await {
        Ok(count) => {
            if let Some(rotation) = rotation
                && let Err(error) = rotation.finish()
            {
                return fail(format!("keys rotate: {error}"));
            }
            println!(
                "{count} document keys re-wrapped under master key {}",
                state.keyring.current_id()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let kept = rotation
                .as_ref()
                .and_then(|r| r.previous())
                .map(|p| format!("; the key file as it was is kept in {}", p.display()))
                .unwrap_or_default();
            fail(format!(
                "keys rotate: {error}{kept}; every key is still in the key file: run it again"
            ))
        }
    }
}

pub(super) async fn demo(settings: Settings) -> ExitCode {
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    match puente_api::service::demo::fill(&state).await {
        Ok(logins) => {
            println!("Programa de demostración listo / Demo program ready.");
            println!(
                "Contraseña de todas las cuentas / Password of every account: {}",
                puente_api::service::demo::PASSWORD
            );
            for login in logins {
                println!("  {:<60} {}", login.who, login.email);
            }
            println!(
                "Inicia sesión / Sign in: POST /api/v1/auth/login {{\"email\", \"password\"}}"
            );
            ExitCode::SUCCESS
        }
        Err(puente_api::error::ApiError::Conflict { .. }) => {
            fail("the database is not empty: the demo only fills an empty one")
        }
        Err(error) => fail(format!("demo: {error}")),
    }
}

pub(super) async fn audit_verify(settings: Settings) -> ExitCode {
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    match puente_api::service::audit::verify(&db).await {
        Ok(result) if result.ok => {
            println!(
                "ok: {} events checked, every chain is whole",
                result.checked
            );
            ExitCode::SUCCESS
        }
        Ok(result) => {
            if let Some(broken) = result.first_broken {
                println!(
                    "broken: case {} ({}) at event {}: {}",
                    broken.reference, broken.case_id, broken.seq, broken.reason
                );
            }
            ExitCode::FAILURE
        }
        Err(error) => fail(format!("database: {error}")),
    }
}
