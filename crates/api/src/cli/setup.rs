//! `puente setup`: the program and its first admin, on an installation that has none. Every
//! value can come as a flag (for scripts, the password on standard input); at a terminal the
//! missing ones are asked for, the password twice and without echo.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;
use puente_api::Settings;
use puente_api::service::accounts::first_run::{self, FirstRun};

use super::{fail, ready_db};

#[derive(Debug, Args)]
pub(super) struct Setup {
    /// The program's name.
    #[arg(long)]
    program: Option<String>,
    /// Where the program is, as an ISO 3166-2:MX code (MX-CMX); optional.
    #[arg(long)]
    state: Option<String>,
    /// The first admin's full name.
    #[arg(long)]
    name: Option<String>,
    /// The first admin's e-mail address (their login).
    #[arg(long)]
    email: Option<String>,
    /// The first admin's language: es or en.
    #[arg(long, default_value = "es")]
    lang: String,
}

/// A value given as `--flag`, or asked for at a terminal.
fn value(
    given: Option<String>,
    flag: &str,
    question: &str,
    interactive: bool,
) -> Result<String, ExitCode> {
    if let Some(value) = given {
        return Ok(value);
    }
    if !interactive {
        return Err(fail(format!(
            "--{flag} is required when standard input is not a terminal"
        )));
    }
    eprint!("{question}: ");
    let _ = std::io::stderr().flush();
    read_line()
}

fn read_line() -> Result<String, ExitCode> {
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(_) => Ok(line.trim_end_matches(['\r', '\n']).to_owned()),
        Err(error) => Err(fail(format!("cannot read standard input: {error}"))),
    }
}

/// The password: typed twice without echo at a terminal, or the first line of standard input.
fn password(interactive: bool) -> Result<String, ExitCode> {
    if !interactive {
        return read_line();
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map_err(|error| fail(format!("cannot read the password: {error}")))
    };
    let first = ask("Password (10 characters or more): ")?;
    if ask("The same password again: ")? != first {
        return Err(fail("the two passwords differ; nothing was created"));
    }
    Ok(first)
}

pub(super) async fn setup(settings: Settings, args: Setup) -> ExitCode {
    let interactive = std::io::stdin().is_terminal();
    let Ok(locale) = args.lang.parse::<puente_i18n::Lang>() else {
        return fail("--lang must be es or en");
    };
    let asked = (|| {
        let program = value(args.program, "program", "The program's name", interactive)?;
        let state = match args.state {
            Some(state) => state,
            None if interactive => value(None, "state", "Its state, as MX-CMX (or empty)", true)?,
            None => String::new(),
        };
        let name = value(
            args.name,
            "name",
            "The first admin's full name",
            interactive,
        )?;
        let email = value(
            args.email,
            "email",
            "Their e-mail address (their login)",
            interactive,
        )?;
        Ok::<_, ExitCode>((program, state, name, email))
    })();
    let (program, state, name, email) = match asked {
        Ok(values) => values,
        Err(code) => return code,
    };
    let password = match password(interactive) {
        Ok(password) => password,
        Err(code) => return code,
    };
    let public_url = settings.public_url.clone();
    let db = match ready_db(settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let first = FirstRun {
        program: &program,
        state: Some(state.as_str()),
        name: &name,
        email: &email,
        password,
        locale,
    };
    let hasher = puente_api::service::auth::Hasher::new(1);
    match first_run::set_up(&db, &hasher, first, puente_api::clock::now()).await {
        Ok((org, admin)) => {
            println!("{} is set up.", org.name);
            println!(
                "Sign in at {} as {}: add the law firms and their lawyers at /admin; shelters \
                 register themselves at /register.",
                public_url.trim_end_matches('/'),
                admin.email
            );
            ExitCode::SUCCESS
        }
        Err(puente_api::service::Error::Conflict {
            code: "already_set_up",
            ..
        }) => fail(
            "Puente is already set up: an admin exists (add people at /admin, or with `puente \
             user add`)",
        ),
        Err(puente_api::service::Error::Invalid(errors)) => {
            for error in errors {
                eprintln!("puente: {error}");
            }
            eprintln!("puente: nothing was created");
            ExitCode::FAILURE
        }
        Err(error) => fail(error),
    }
}
