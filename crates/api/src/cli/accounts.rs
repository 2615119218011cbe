//! Organizations and people from the command line: adding them, removing a lost second factor,
//! setting a password, turning an account off or on.

use std::io::BufRead;
use std::process::ExitCode;

use puente_api::Settings;
use puente_api::service::accounts::OrgKind;
use puente_api::service::operator;
use puente_workflow::Role;
use puente_workflow::intake::MexicanState;

use super::{KindArg, OrgAdd, RoleArg, UserAdd, fail, ready_db};

pub(super) async fn org_add(settings: Settings, args: OrgAdd) -> ExitCode {
    let state = match args
        .state
        .as_deref()
        .map(str::parse::<MexicanState>)
        .transpose()
    {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    let name = args.name.trim();
    if name.is_empty() {
        return fail("--name must not be empty");
    }
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let kind = match args.kind {
        KindArg::Shelter => OrgKind::Shelter,
        KindArg::LawFirm => OrgKind::LawFirm,
        KindArg::Program => OrgKind::Program,
    };
    let state = state.map(MexicanState::code);
    let now = puente_api::clock::now();
    match operator::add_organization(&db, kind, name, state, args.verified, now).await {
        Ok(org) => {
            println!("{}", org.id);
            ExitCode::SUCCESS
        }
        Err(error) => fail(format!("database: {error}")),
    }
}

/// The password on the first line of standard input.
fn password_from_stdin() -> Result<String, ExitCode> {
    let mut password = String::new();
    if let Err(error) = std::io::stdin().lock().read_line(&mut password) {
        return Err(fail(format!(
            "cannot read the password from standard input: {error}"
        )));
    }
    Ok(password.trim_end_matches(['\r', '\n']).to_owned())
}

/// What the operator is told when a command on an account is refused.
fn refused(email: &str, error: puente_api::service::Error) -> ExitCode {
    match error {
        puente_api::service::Error::NotFound => {
            fail(format!("no account with the address {email}"))
        }
        puente_api::service::Error::Invalid(errors) => {
            for error in errors {
                eprintln!("puente: {error}");
            }
            ExitCode::FAILURE
        }
        puente_api::service::Error::Conflict {
            code: "last_admin", ..
        } => fail(format!(
            "{email} is the last active admin: make someone else an admin first"
        )),
        other => fail(other),
    }
}

pub(super) async fn user_set_password(settings: Settings, email: &str) -> ExitCode {
    let password = match password_from_stdin() {
        Ok(password) => password,
        Err(code) => return code,
    };
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let hasher = puente_api::service::auth::Hasher::new(1);
    let now = puente_api::clock::now();
    match operator::set_password(&db, &hasher, email, password, now).await {
        Ok(person) => {
            println!(
                "the password of {} was set; their sessions ended",
                person.email
            );
            ExitCode::SUCCESS
        }
        Err(error) => refused(email, error),
    }
}

pub(super) async fn user_set_active(settings: Settings, email: &str, active: bool) -> ExitCode {
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    match operator::set_active(&db, email, active, puente_api::clock::now()).await {
        Ok(person) if active => {
            println!("{} may sign in again", person.email);
            ExitCode::SUCCESS
        }
        Ok(person) => {
            println!(
                "{} can no longer sign in; their sessions ended",
                person.email
            );
            ExitCode::SUCCESS
        }
        Err(error) => refused(email, error),
    }
}

pub(super) async fn user_add(settings: Settings, args: UserAdd) -> ExitCode {
    let password = match password_from_stdin() {
        Ok(password) => password,
        Err(code) => return code,
    };
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let role = match args.role {
        RoleArg::Shelter => Role::Shelter,
        RoleArg::Lawyer => Role::Lawyer,
        RoleArg::Manager => Role::Manager,
    };
    let new = puente_api::service::accounts::create::NewAccount {
        email: &args.email,
        name: &args.name,
        role,
        organization: args.org,
        admin: args.admin,
        password,
        locale: puente_i18n::Lang::Es,
    };
    let hasher = puente_api::service::auth::Hasher::new(1);
    let created =
        puente_api::service::accounts::create::create(&db, &hasher, new, puente_api::clock::now())
            .await;
    match created {
        Ok(user) => {
            println!("{}", user.id);
            ExitCode::SUCCESS
        }
        Err(error) => refused(&args.email, error),
    }
}

pub(super) async fn user_reset_mfa(settings: Settings, email: &str) -> ExitCode {
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let now = time::OffsetDateTime::now_utc();
    match operator::remove_second_factor(&db, email, now).await {
        Ok(person) => {
            println!(
                "the second factor of {} was removed; their sessions ended",
                person.email
            );
            ExitCode::SUCCESS
        }
        Err(puente_api::service::Error::Conflict { .. }) => {
            fail(format!("{email} has no second factor"))
        }
        Err(error) => refused(email, error),
    }
}
