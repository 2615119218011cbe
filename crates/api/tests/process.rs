//! `puente serve` as an operator runs it: it starts on embedded defaults in an empty folder,
//! answers, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn serve_starts_on_embedded_defaults_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
        .arg("serve")
        .current_dir(dir.path())
        .env("PUENTE_LISTEN", "127.0.0.1:0")
        .env("PUENTE_LOG_FORMAT", "json")
        .env_remove("PUENTE_DATABASE_URL")
        .env_remove("PUENTE_TEST_DATABASE_URL")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut log = Vec::new();
    let address = loop {
        let line = lines.next().expect("serve logs while starting").unwrap();
        if let Some(address) = line.split("listens on ").nth(1) {
            break address.trim().to_owned();
        }
        log.push(line);
    };
    // The embedded mode made its folder, database and signing key.
    let data = dir.path().join("puente-data");
    assert!(data.join("puente.db").exists());
    let key = std::fs::metadata(data.join("jwt-secret")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(key.permissions().mode() & 0o777, 0o600);
    }
    let client = reqwest::Client::new();
    let ready = client
        .get(format!("{address}/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    let request_id = ready
        .headers()
        .get("x-request-id")
        .expect("a request id")
        .to_str()
        .unwrap()
        .to_owned();

    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve did not stop"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(exit.success(), "{exit:?}");
    log.extend(lines.map_while(Result::ok));
    let logged: Vec<serde_json::Value> = log
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(logged.iter().any(|l| {
        l["message"]
            .as_str()
            .is_some_and(|m| m.contains("shutting down"))
    }));
    // The request was logged as JSON with its id.
    assert!(
        logged.iter().any(|l| l.to_string().contains(&request_id)),
        "no log line carries {request_id}: {log:#?}"
    );
}
