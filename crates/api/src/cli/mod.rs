//! The command line: each subcommand is a thin call into the part of Puente that does the work.

mod accounts;
mod setup;
mod upkeep;

use accounts::{org_add, user_add, user_reset_mfa, user_set_active, user_set_password};
use upkeep::{
    audit_verify, demo, keys_rotate, storage_gc, storage_purge, storage_verify, templates_check,
};

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use puente_api::config::LogFormat;
use puente_api::{Settings, db};

/// Puente routes migrant shelters' requests to become an Asociación Civil to volunteer lawyers
/// and tracks each case until its constitutive act is filed.
#[derive(Debug, Parser)]
#[command(name = "puente", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the HTTP service (embedded SQLite in ./puente-data/ unless configured otherwise).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create the program and its first admin on a new installation (asks at a terminal; for
    /// scripts, give every flag and the password on standard input).
    Setup(setup::Setup),
    /// Manage organizations.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill an empty database with a realistic, fictional demo program and print how to log in.
    Demo,
    /// Keep the document store and the database in step.
    #[command(subcommand)]
    Storage(StorageCommand),
    /// Manage the master keys that wrap documents' keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Check the tamper-evident case history.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the case workflow's definition: states, events, who may fire them and what each
    /// requires, as JSON or as a Graphviz diagram (`puente workflow --format dot | dot -Tsvg`).
    Workflow {
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// The document templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

#[derive(Debug, Subcommand)]
enum TemplatesCommand {
    /// Render every document template (the compiled-in ones, or `templates_dir`) for sample
    /// cases covering each branch, in DOCX, PDF and HTML; report each failure with its template
    /// and line and exit non-zero.
    Check,
}

#[derive(Debug, Subcommand)]
enum OrgCommand {
    /// Create an organization and print its id.
    Add(OrgAdd),
}

#[derive(Debug, Args)]
struct OrgAdd {
    /// shelter, law_firm or program.
    #[arg(long, value_enum)]
    kind: KindArg,
    /// Its name.
    #[arg(long)]
    name: String,
    /// Its federal entity, as an ISO 3166-2:MX code (MX-CHH).
    #[arg(long)]
    state: Option<String>,
    /// Mark it verified.
    #[arg(long)]
    verified: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Shelter,
    #[value(name = "law_firm")]
    LawFirm,
    Program,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account (the password is read from standard input) and print its id.
    Add(UserAdd),
    /// Remove the second factor of someone who lost their app and their recovery codes (the
    /// last admin included); their sessions end.
    ResetMfa {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
    },
    /// Set someone's password (read from standard input, checked like any new password); their
    /// sessions end.
    SetPassword {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
    },
    /// Let a deactivated account sign in again.
    Activate {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
    },
    /// Stop an account from signing in and end its sessions (not the last active admin).
    Deactivate {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Args)]
struct UserAdd {
    /// E-mail address (the login).
    #[arg(long)]
    email: String,
    /// Full name.
    #[arg(long)]
    name: String,
    /// shelter, lawyer or manager.
    #[arg(long, value_enum)]
    role: RoleArg,
    /// The organization's id.
    #[arg(long)]
    org: uuid::Uuid,
    /// Allow managing organizations and users (managers only).
    #[arg(long)]
    admin: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Shelter,
    Lawyer,
    Manager,
}

#[derive(Debug, Subcommand)]
enum StorageCommand {
    /// Remove objects that no document points to (left by interrupted uploads).
    Gc {
        /// Only objects older than this many hours (an upload in progress is younger).
        #[arg(long, default_value_t = 24)]
        older_than_hours: u32,
    },
    /// Re-read and decrypt every document and compare it with its SHA-256; exit non-zero on any
    /// damage.
    Verify,
    /// Purge deleted documents whose retention (`document_retention_days`) has ended: their
    /// objects, file names and keys are removed; the rows stay for the history. Run it daily.
    Purge,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Re-wrap every document key under the current master key, without rewriting the objects.
    /// In the embedded mode a new master key is generated first; with `master_keys` configured,
    /// add the new key there and name it in `master_key_id` before running this.
    Rotate,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk every case's hash chain; exit non-zero at the first broken link.
    Verify,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// The definition as JSON, with Spanish and English labels.
    Json,
    /// A Graphviz DOT diagram, labelled in Spanish and English.
    Dot,
}

/// Reads the command line (exits with usage help on a mistake).
pub(crate) fn parse() -> Cli {
    Cli::parse()
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("puente: {message}");
    ExitCode::FAILURE
}

/// Runs the chosen subcommand.
pub(crate) fn run(cli: Cli) -> ExitCode {
    // Whatever any command creates (database, keys, documents) is its owner's alone.
    puente_api::storage::private::restrict_new_files();
    if let Command::Workflow { format } = cli.command {
        return workflow(format);
    }
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => return fail(error),
    };
    if let Command::Templates(TemplatesCommand::Check) = cli.command {
        return templates_check(&settings);
    }
    init_logs(settings.log_format, matches!(cli.command, Command::Serve));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return fail(format!("cannot start the runtime: {error}")),
    };
    runtime.block_on(async move {
        match cli.command {
            Command::Serve => serve(settings).await,
            Command::Migrate => migrate(settings).await,
            Command::Setup(args) => setup::setup(settings, args).await,
            Command::Org(OrgCommand::Add(args)) => org_add(settings, args).await,
            Command::User(UserCommand::Add(args)) => user_add(settings, args).await,
            Command::User(UserCommand::ResetMfa { email }) => {
                user_reset_mfa(settings, &email).await
            }
            Command::User(UserCommand::SetPassword { email }) => {
                user_set_password(settings, &email).await
            }
            Command::User(UserCommand::Activate { email }) => {
                user_set_active(settings, &email, true).await
            }
            Command::User(UserCommand::Deactivate { email }) => {
                user_set_active(settings, &email, false).await
            }
            Command::Audit(AuditCommand::Verify) => audit_verify(settings).await,
            Command::Demo => demo(settings).await,
            Command::Storage(StorageCommand::Gc { older_than_hours }) => {
                storage_gc(settings, older_than_hours).await
            }
            Command::Storage(StorageCommand::Verify) => storage_verify(settings).await,
            Command::Storage(StorageCommand::Purge) => storage_purge(settings).await,
            Command::Keys(KeysCommand::Rotate) => keys_rotate(settings).await,
            Command::Workflow { .. } | Command::Templates(_) => ExitCode::SUCCESS,
        }
    })
}

fn init_logs(format: LogFormat, serving: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PUENTE_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(if serving { "info" } else { "warn" })
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

async fn serve(settings: Settings) -> ExitCode {
    let listen = settings.listen;
    let state = match puente_api::prepare(settings).await {
        Ok(state) => state,
        Err(error) => return fail(error),
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(error) => return fail(format!("cannot listen on {listen}: {error}")),
    };
    let address = listener.local_addr().unwrap_or(listen);
    tracing::info!(address = %address, "Puente is listening");
    eprintln!("Puente escucha en / listens on http://{address}");
    match puente_api::serve(listener, state, puente_api::shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(format!("server error: {error}")),
    }
}

async fn connect(settings: &Settings) -> Result<sea_orm::DatabaseConnection, ExitCode> {
    db::connect(settings)
        .await
        .map_err(|error| fail(format!("database: {error}")))
}

async fn migrate(settings: Settings) -> ExitCode {
    let db = match connect(&settings).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    match db::migrate(&db).await {
        Ok(()) => {
            println!("migrations applied");
            ExitCode::SUCCESS
        }
        Err(error) => fail(format!("migration failed: {error}")),
    }
}

/// The other commands work on an up-to-date schema (the embedded one is brought up to date).
async fn ready_db(settings: Settings) -> Result<sea_orm::DatabaseConnection, ExitCode> {
    puente_api::prepare(settings)
        .await
        .map(|state| state.db)
        .map_err(fail)
}

fn workflow(format: Format) -> ExitCode {
    let text = match format {
        Format::Json => {
            match serde_json::to_string_pretty(&puente_workflow::export::definition()) {
                Ok(json) => json + "\n",
                Err(error) => return fail(format!("cannot write the workflow as JSON: {error}")),
            }
        }
        Format::Dot => puente_workflow::export::dot(),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`puente workflow | head`) is not an error worth a message.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => fail(format!("cannot write to standard output: {error}")),
    }
}
