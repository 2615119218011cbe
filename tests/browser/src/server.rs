//! The built `puente` binary, run from outside as in production: the program set up with
//! `puente setup` and the lawyer added with the command line, then `puente serve` on a free loopback port with a data folder of its own, and
//! the process killed when the `Server` is dropped (also when a test fails or panics).

use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;
use tokio::io::AsyncWriteExt;

use crate::error::{Context, Error, Result};
use crate::net;

/// A person who can sign in.
#[derive(Debug, Clone)]
pub struct Account {
    /// Full name, as the pages show it.
    pub name: String,
    /// The login.
    pub email: String,
    /// The password, in clear.
    pub password: String,
}

impl Account {
    /// An account with these details (for one the story creates in the browser).
    pub fn new(name: &str, email: &str, password: &str) -> Account {
        Account {
            name: name.to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
        }
    }
}

/// A running `puente serve` with its seeded program.
pub struct Server {
    child: Child,
    url: String,
    bin: PathBuf,
    log: PathBuf,
    /// The law firm's id (state MX-CMX).
    pub firm_id: String,
    /// The program's manager, an admin.
    pub manager: Account,
    /// The law firm's lawyer.
    pub lawyer: Account,
    // Dropped last: the data folder outlives the process using it.
    dir: TempDir,
}

/// How long `puente serve` may take to answer `/readyz`.
const START_TIMEOUT: Duration = Duration::from_secs(30);

impl Server {
    /// Seeds a fresh data folder and starts the server on it; returns once `/readyz` answers.
    pub async fn start() -> Result<Server> {
        let bin = binary()?;
        let dir = tempfile::Builder::new()
            .prefix("puente-browser-")
            .tempdir()?;
        let address = net::free_port()?;
        let url = format!("http://{address}");
        let env = Env {
            address,
            url: url.clone(),
            data_dir: dir.path().join("data"),
            work_dir: dir.path().to_owned(),
        };

        let firm_id = org_add(
            &bin,
            &env,
            &[
                "--kind",
                "law_firm",
                "--name",
                "Despacho Ejemplo, S.C.",
                "--state",
                "MX-CMX",
            ],
        )
        .await?;
        let manager = Account::new(
            "Marta Coordinadora",
            "coordinacion@puente.test",
            "contraseña-de-coordinación-2026",
        );
        // The first run, as the README gives it: the program and its first admin.
        let setup = [
            "setup",
            "--program",
            "Programa Puente",
            "--state",
            "MX-CMX",
            "--name",
            &manager.name,
            "--email",
            &manager.email,
        ];
        run(&bin, &env, &setup, &format!("{}\n", manager.password)).await?;
        let lawyer = Account::new(
            "Laura Díaz Abogada",
            "laura@despacho.test",
            "contraseña-de-la-abogada-2026",
        );
        user_add(
            &bin,
            &env,
            &lawyer,
            &["--role", "lawyer", "--org", &firm_id],
        )
        .await?;

        let log = dir.path().join("serve.log");
        let out = File::create(&log)?;
        let child = env
            .command(&bin)
            .arg("serve")
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .context(format!("cannot start {} serve", bin.display()))?;
        let mut server = Server {
            child,
            url,
            bin,
            log,
            firm_id,
            manager,
            lawyer,
            dir,
        };
        server.wait_ready(address).await?;
        Ok(server)
    }

    /// Where the server answers: `http://127.0.0.1:PORT`, no trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The binary under test.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// The server's data folder (database, keys, documents).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The folder the server writes its e-mails into (`mail_dir`), one `.eml` file each.
    pub fn mail_dir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// The path of the newest link starting with `prefix` (`/confirm-email/`) in an e-mail to
    /// `to`, waiting up to ten seconds for the outbox worker to write it.
    pub async fn link_in_mail(&self, to: &str, prefix: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(link) = newest_link(&self.mail_dir(), to, &self.url, prefix) {
                return Ok(link);
            }
            if Instant::now() > deadline {
                return Err(Error::new(format!(
                    "no e-mail to {to} with a link to {prefix} in {}; the server's log:\n{}",
                    self.mail_dir().display(),
                    self.log_tail(20)
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The last `lines` lines of the server's log, to print beside a failure.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    async fn wait_ready(&mut self, address: SocketAddr) -> Result<()> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Some(exit) = self.child.try_wait()? {
                return Err(Error::new(format!(
                    "puente serve exited ({exit}) before answering; its log:\n{}",
                    self.log_tail(40)
                )));
            }
            if net::status(address, "/readyz").await == Some(200) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(Error::new(format!(
                    "puente serve did not answer /readyz on {address} within {}s; its log:\n{}",
                    START_TIMEOUT.as_secs(),
                    self.log_tail(40)
                )));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Already gone is fine; nothing else can be done about a failure here.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The path of the link to `url` + `prefix` in the newest `.eml` file of `folder` addressed to
/// `to`.
fn newest_link(folder: &Path, to: &str, url: &str, prefix: &str) -> Option<String> {
    let base = format!("{url}{prefix}");
    let mut messages: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let modified = entry.metadata().ok()?.modified().ok()?;
            let text = std::fs::read_to_string(entry.path()).ok()?;
            Some((modified, unfold_quoted_printable(&text)))
        })
        .filter(|(_, text)| text.contains(to))
        .collect();
    messages.sort();
    messages.iter().rev().find_map(|(_, text)| {
        let start = text.find(&base)? + base.len();
        let rest: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
            .collect();
        Some(format!("{prefix}{rest}"))
    })
}

/// A quoted-printable body as text where it matters for a link: soft line breaks removed and
/// `=3D` turned back into `=` (links hold no other encoded character).
fn unfold_quoted_printable(text: &str) -> String {
    text.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

/// The binary: `PUENTE_BIN`, else the workspace's debug build.
fn binary() -> Result<PathBuf> {
    let bin = match std::env::var_os("PUENTE_BIN") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/puente"),
    };
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(Error::new(format!(
            "the puente binary is missing at {}: build it first (`cargo build --bin puente`) \
             or name it in PUENTE_BIN",
            bin.display()
        )))
    }
}

/// The settings every `puente` command of one server runs with.
struct Env {
    address: SocketAddr,
    url: String,
    data_dir: PathBuf,
    work_dir: PathBuf,
}

impl Env {
    /// `bin` with only these settings: every other `PUENTE_*` variable of the test's own
    /// environment is removed (Puente refuses unknown ones, and `PUENTE_BIN` is one), except the
    /// log filter; the working folder is the temporary one, so no `puente.toml` is read.
    fn command(&self, bin: &Path) -> std::process::Command {
        let mut command = std::process::Command::new(bin);
        for (key, _) in std::env::vars_os() {
            let name = key.to_string_lossy();
            if name.starts_with("PUENTE_") && name != "PUENTE_LOG" {
                command.env_remove(&key);
            }
        }
        command
            .current_dir(&self.work_dir)
            .env("PUENTE_LISTEN", self.address.to_string())
            .env("PUENTE_DATA_DIR", &self.data_dir)
            .env("PUENTE_PUBLIC_URL", &self.url)
            .env("PUENTE_LOG_FORMAT", "text")
            // Plain text in the log file, which a failing story prints.
            .env("NO_COLOR", "1")
            .env("PUENTE_MAIL_DIGESTS", "false")
            // E-mails are written as files the story reads, as a person opens their inbox.
            .env("PUENTE_MAIL_DIR", self.data_dir.with_file_name("mail"))
            .env("PUENTE_MAIL_POLL_MS", "200")
            // The story's coordinator is an admin, whom the program asks for a second factor by
            // default; the story walks the request's path, and the security suite covers the
            // second factor, so here sign-ins take the password alone.
            .env("PUENTE_MFA_REQUIRED_FOR", "");
        command
    }
}

/// Runs a `puente` subcommand to completion, `stdin` written to it; returns what it printed.
async fn run(bin: &Path, env: &Env, args: &[&str], stdin: &str) -> Result<String> {
    let shown = args.join(" ");
    let mut command = tokio::process::Command::from(env.command(bin));
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context(format!("cannot run puente {shown}"))?;
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).await?;
    }
    let output = child.wait_with_output().await?;
    if !output.status.success() {
        return Err(Error::new(format!(
            "puente {shown} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// `puente org add …`: the new organization's id.
async fn org_add(bin: &Path, env: &Env, args: &[&str]) -> Result<String> {
    let args: Vec<&str> = ["org", "add"].iter().chain(args).copied().collect();
    run(bin, env, &args, "").await
}

/// `puente user add …` with the account's password on standard input.
async fn user_add(bin: &Path, env: &Env, account: &Account, args: &[&str]) -> Result<()> {
    let mut all = vec![
        "user",
        "add",
        "--email",
        &account.email,
        "--name",
        &account.name,
    ];
    all.extend_from_slice(args);
    run(bin, env, &all, &format!("{}\n", account.password)).await?;
    Ok(())
}
