//! The embedded data folder is private: the database and its journal, the signing key, the
//! master keys and the documents were created with the default mask (folders 0755, files
//! 0644), readable by every account on the machine. `puente` as an operator runs it now leaves
//! nothing in it that group or others may read, write or enter.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::common::files::pdf;
use crate::common::intake;

const PASSWORD: &str = "Albergue-Prueba-Carpeta-7413";

fn puente(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_puente"));
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PUENTE_LISTEN", "127.0.0.1:0")
        .env("PUENTE_LOG_FORMAT", "text");
    command
}

fn run(dir: &Path, args: &[&str], input: &str) -> String {
    let mut child = puente(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// `puente serve`, stopped (SIGTERM, then SIGKILL if need be) when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path) -> (Server, String) {
    let mut child = puente(dir, &["serve"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let server = Server(child);
    let address = loop {
        let line = lines.next().expect("serve logs while starting").unwrap();
        if let Some(address) = line.split("listens on ").nth(1) {
            break address.trim().to_owned();
        }
    };
    // Keep reading what the server logs, so it never blocks on a full pipe.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
    (server, address)
}

fn everything_under(folder: &Path) -> Vec<PathBuf> {
    let mut found = vec![folder.to_owned()];
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(everything_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[tokio::test]
async fn the_data_folder_and_everything_puente_writes_in_it_are_its_owners_alone() {
    let dir = tempfile::tempdir().unwrap();
    let org = run(
        dir.path(),
        &[
            "org",
            "add",
            "--kind",
            "shelter",
            "--name",
            "Casa Carpeta Privada",
            "--verified",
        ],
        "",
    );
    run(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "ana@carpeta-privada.mx",
            "--name",
            "Ana López",
            "--role",
            "shelter",
            "--org",
            &org,
        ],
        &format!("{PASSWORD}\n"),
    );
    let (server, address) = serve(dir.path());
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{address}/api/v1/auth/login"))
        .json(&json!({"email": "ana@carpeta-privada.mx", "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"]
        .as_str()
        .expect("signed in")
        .to_owned();
    let case: serde_json::Value = client
        .post(format!("{address}/api/v1/cases"))
        .bearer_auth(&token)
        .json(&json!({"intake": intake()}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let form = reqwest::multipart::Form::new().text("kind", "other").part(
        "file",
        reqwest::multipart::Part::bytes(pdf(5_000)).file_name("acta.pdf"),
    );
    let uploaded = client
        .post(format!(
            "{address}/api/v1/cases/{}/documents",
            case["id"].as_str().expect("a case")
        ))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::CREATED);

    // Looked at while the server runs, so SQLite's journal files are there too.
    let data = dir.path().join("puente-data");
    let found = everything_under(&data);
    let names: Vec<String> = found
        .iter()
        .map(|p| p.strip_prefix(&data).unwrap().display().to_string())
        .collect();
    for expected in [
        "puente.db",
        "puente.db-wal",
        "puente.db-shm",
        "jwt-secret",
        "master-keys.json",
        "documents",
    ] {
        assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("documents/cases/") && n.ends_with("/v1")),
        "{names:?}"
    );
    for path in &found {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let owner_only = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, owner_only, "{} is {mode:o}", path.display());
    }
    drop(server);
}
