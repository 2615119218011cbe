//! Document storage throughput and memory: a large file uploaded to and downloaded from a
//! running `puente serve` (which checks, hashes and encrypts it on the way in and decrypts it on
//! the way out), against the same bytes put to and got from the same store directly with
//! `object_store`. Also the server's peak resident memory during each transfer.
//!
//! The store is the one `PUENTE_STORAGE` and `PUENTE_S3_*` name (the local folder by default);
//! `tests/bench/storage.sh` runs it against the local folder and a SeaweedFS S3 service.
//!
//! ```text
//! cargo bench -p puente-api --bench storage -- [MEBIBYTES ...]   (default: 200)
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // a benchmark fails loudly

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::StreamExt;
use object_store::path::Path;
use object_store::{ObjectStoreExt, WriteMultipart};
use puente_api::Settings;
use puente_api::storage::DocumentStore;
use serde_json::{Value, json};

const MIB: usize = 1024 * 1024;
const PASSWORD: &str = "puente-demo-2026";
const MANAGER: &str = "coordinacion@puente.ejemplo.mx";

/// One mebibyte of a PDF's bytes; the file is this, repeated.
fn piece() -> Bytes {
    let mut bytes: Vec<u8> = (0..MIB).map(|i| (i % 251) as u8).collect();
    bytes[..9].copy_from_slice(b"%PDF-1.7\n");
    Bytes::from(bytes)
}

fn file(mebibytes: usize) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    let piece = piece();
    futures::stream::iter((0..mebibytes).map(move |_| Ok(piece.clone())))
}

/// A field of `/proc/<pid>/status`, in bytes.
fn status_bytes(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"));
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap();
    kib * 1024
}

/// CPU time the process has used (user and system), in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

/// Resets the process's peak resident memory to its current value (Linux `clear_refs`).
fn reset_peak(pid: u32) {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").unwrap();
}

struct Server {
    child: Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn puente(dir: &std::path::Path, prefix: &str, limit: usize) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_puente"));
    command
        .current_dir(dir)
        .env("PUENTE_DATA_DIR", dir.join("puente-data"))
        .env("PUENTE_LISTEN", "127.0.0.1:0")
        .env("PUENTE_LOG", "warn")
        .env("PUENTE_STORAGE_PREFIX", prefix)
        .env("PUENTE_DOCUMENT_LIMIT_BYTES", limit.to_string())
        .env_remove("PUENTE_DATABASE_URL");
    command
}

fn start(prefix: &str, limit: usize) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let demo = puente(dir.path(), prefix, limit)
        .arg("demo")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(demo.success(), "puente demo");
    let mut child = puente(dir.path(), prefix, limit)
        .arg("serve")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("serve starts").unwrap();
        if let Some(address) = line.split("listens on ").nth(1) {
            break address.trim().to_owned();
        }
    };
    // Keep reading the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        address,
        _dir: dir,
    }
}

/// Each transfer is timed this many times; the median counts.
const ROUNDS: usize = 3;

#[derive(Default)]
struct Figures {
    upload: Vec<Duration>,
    download: Vec<Duration>,
    /// The largest growth of the server's peak resident memory over its resident memory just
    /// before a transfer.
    upload_peak_growth: u64,
    download_peak_growth: u64,
    /// The server's CPU time over all uploads, and over all downloads.
    upload_cpu: f64,
    download_cpu: f64,
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2]
}

async fn through_puente(server: &Server, mebibytes: usize) -> Figures {
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{}{path}", server.address);
    let login: Value = client
        .post(url("/api/v1/auth/login"))
        .json(&json!({"email": MANAGER, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let cases: Value = client
        .get(url("/api/v1/cases?limit=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case = cases["items"][0]["id"]
        .as_str()
        .expect("a demo case")
        .to_owned();
    let upload = |mebibytes: usize| {
        let part = reqwest::multipart::Part::stream_with_length(
            reqwest::Body::wrap_stream(file(mebibytes)),
            (mebibytes * MIB) as u64,
        )
        .file_name("expediente.pdf");
        client
            .post(url(&format!("/api/v1/cases/{case}/documents")))
            .bearer_auth(&token)
            .multipart(
                reqwest::multipart::Form::new()
                    .text("kind", "other")
                    .part("file", part),
            )
            .send()
    };
    let download = |id: String| {
        let request = client
            .get(url(&format!("/api/v1/documents/{id}/content")))
            .bearer_auth(&token)
            .send();
        async move {
            let mut response = request.await.unwrap();
            assert_eq!(response.status(), 200);
            let mut received = 0;
            while let Some(chunk) = response.chunk().await.unwrap() {
                received += chunk.len();
            }
            received
        }
    };
    // Warm up: pools, keys and caches as in a server that has been running.
    let warm: Value = upload(6).await.unwrap().json().await.unwrap();
    download(warm["id"].as_str().unwrap().to_owned()).await;

    let pid = server.child.id();
    let mut figures = Figures::default();
    for _ in 0..ROUNDS {
        let before = status_bytes(pid, "VmRSS:");
        reset_peak(pid);
        let cpu = cpu_seconds(pid);
        let started = Instant::now();
        let response = upload(mebibytes).await.unwrap();
        assert_eq!(response.status(), 201);
        let stored: Value = response.json().await.unwrap();
        figures.upload.push(started.elapsed());
        figures.upload_cpu += cpu_seconds(pid) - cpu;
        figures.upload_peak_growth = figures
            .upload_peak_growth
            .max(status_bytes(pid, "VmHWM:").saturating_sub(before));

        let before = status_bytes(pid, "VmRSS:");
        reset_peak(pid);
        let cpu = cpu_seconds(pid);
        let started = Instant::now();
        let received = download(stored["id"].as_str().unwrap().to_owned()).await;
        figures.download.push(started.elapsed());
        figures.download_cpu += cpu_seconds(pid) - cpu;
        assert_eq!(received, mebibytes * MIB);
        figures.download_peak_growth = figures
            .download_peak_growth
            .max(status_bytes(pid, "VmHWM:").saturating_sub(before));
    }
    figures
}

/// The same bytes put to and got from the same store, in parts of the size Puente uses.
async fn direct(prefix: &str, mebibytes: usize) -> (Duration, Duration) {
    let env: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| k.starts_with("PUENTE_STORAGE") || k.starts_with("PUENTE_S3_"))
        .chain([
            ("PUENTE_STORAGE_PREFIX".into(), prefix.into()),
            (
                "PUENTE_DATA_DIR".into(),
                std::env::temp_dir()
                    .join(format!("puente-bench-{prefix}"))
                    .display()
                    .to_string(),
            ),
        ])
        .collect();
    let settings = Settings::from_sources(None, &env).unwrap();
    let store = DocumentStore::from_settings(&settings).unwrap();
    let store = store.inner();
    let location = Path::from("bench/direct");
    let (mut puts, mut gets) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let upload = store.put_multipart(&location).await.unwrap();
        let mut writer = WriteMultipart::new_with_chunk_size(upload, 5 * MIB);
        let mut pieces = std::pin::pin!(file(mebibytes));
        while let Some(piece) = pieces.next().await {
            writer.wait_for_capacity(2).await.unwrap();
            writer.put(piece.unwrap());
        }
        writer.finish().await.unwrap();
        puts.push(started.elapsed());
        let started = Instant::now();
        let mut stream = store.get(&location).await.unwrap().into_stream();
        let mut received = 0;
        while let Some(chunk) = stream.next().await {
            received += chunk.unwrap().len();
        }
        gets.push(started.elapsed());
        assert_eq!(received, mebibytes * MIB);
        store.delete(&location).await.unwrap();
    }
    if let Some(folder) = env.iter().find(|(k, _)| k == "PUENTE_DATA_DIR") {
        let _ = std::fs::remove_dir_all(&folder.1);
    }
    (median(&puts), median(&gets))
}

fn rate(mebibytes: usize, took: Duration) -> f64 {
    mebibytes as f64 / took.as_secs_f64()
}

#[tokio::main]
async fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() { vec![200] } else { sizes };
    let store = std::env::var("PUENTE_STORAGE").unwrap_or_else(|_| "local".into());
    println!("store: {store}");
    for mebibytes in sizes {
        let prefix = format!("bench-{}", uuid::Uuid::new_v4().simple());
        let (put, get) = direct(&prefix, mebibytes).await;
        let server = start(&prefix, (mebibytes + 1) * MIB);
        let figures = through_puente(&server, mebibytes).await;
        drop(server);
        let (upload, download) = (median(&figures.upload), median(&figures.download));
        println!("file: {mebibytes} MiB, median of {ROUNDS} transfers each");
        println!(
            "  upload    direct {:>7.1} MiB/s  puente {:>7.1} MiB/s  ratio {:>5.1}%  server peak growth {:>5.1} MiB  server CPU {:>4.2} s/GiB",
            rate(mebibytes, put),
            rate(mebibytes, upload),
            100.0 * put.as_secs_f64() / upload.as_secs_f64(),
            figures.upload_peak_growth as f64 / MIB as f64,
            figures.upload_cpu * 1024.0 / (ROUNDS * mebibytes) as f64,
        );
        println!(
            "  download  direct {:>7.1} MiB/s  puente {:>7.1} MiB/s  ratio {:>5.1}%  server peak growth {:>5.1} MiB  server CPU {:>4.2} s/GiB",
            rate(mebibytes, get),
            rate(mebibytes, download),
            100.0 * get.as_secs_f64() / download.as_secs_f64(),
            figures.download_peak_growth as f64 / MIB as f64,
            figures.download_cpu * 1024.0 / (ROUNDS * mebibytes) as f64,
        );
    }
}
