//! The malware scan hook: with `clamd_address` set, every upload is streamed to clamd
//! (INSTREAM) before it is kept; a file clamd flags is refused naming the `file` field, and
//! when clamd does not answer nothing is kept and the client is told to come back. Tested
//! against a small clamd of the test's own on 127.0.0.1 that flags a marker.

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common::files::{objects, pdf, rows};
use crate::common::*;

/// What the fake clamd flags (a stand-in for a real signature, so no scanner on a developer's
/// machine quarantines this file).
const MARKER: &[u8] = b"PUENTE-PRUEBA-FIRMA-MALICIOSA";

/// Answers one INSTREAM command the way clamd does, recording the file it received.
async fn answer(mut stream: TcpStream, received: Arc<Mutex<Vec<Vec<u8>>>>) -> std::io::Result<()> {
    let mut command = [0u8; 10];
    stream.read_exact(&mut command).await?;
    assert_eq!(&command, b"zINSTREAM\0");
    let mut file = Vec::new();
    loop {
        let length = stream.read_u32().await? as usize;
        if length == 0 {
            break;
        }
        let mut chunk = vec![0u8; length];
        stream.read_exact(&mut chunk).await?;
        file.extend_from_slice(&chunk);
    }
    let reply: &[u8] = if file.windows(MARKER.len()).any(|w| w == MARKER) {
        b"stream: Puente.Test.Marker FOUND\0"
    } else {
        b"stream: OK\0"
    };
    received.lock().unwrap().push(file);
    stream.write_all(reply).await?;
    stream.shutdown().await
}

/// A clamd on 127.0.0.1:0; its address and the files it was sent.
async fn fake_clamd() -> (String, Arc<Mutex<Vec<Vec<u8>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let received = Arc::new(Mutex::new(Vec::new()));
    let files = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer(stream, files.clone()));
        }
    });
    (address, received)
}

#[tokio::test]
async fn clean_files_are_scanned_whole_and_flagged_ones_refused_leaving_nothing() {
    let (clamd, received) = fake_clamd().await;
    let app = TestApp::spawn_with(&[("PUENTE_CLAMD_ADDRESS", &clamd)]).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let token = &program.shelter.token;

    let clean = pdf(300_000);
    let (status, stored) = app
        .upload(token, &case, "other", None, "acta.pdf", clean.clone())
        .await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    assert_eq!(received.lock().unwrap().as_slice(), [clean]);

    let mut infected = pdf(200_000);
    infected.extend_from_slice(MARKER);
    let (status, problem) = app
        .upload(token, &case, "other", None, "factura.pdf", infected)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "file");
    assert_eq!(problem["errors"][0]["code"], "document.infected");
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Puente.Test.Marker"),
        "{problem}"
    );
    assert_eq!(received.lock().unwrap().len(), 2);
    assert_eq!(rows(&app).await, 1, "only the clean file is kept");
    assert_eq!(objects(&app).await.len(), 1);
}

#[tokio::test]
async fn when_clamd_does_not_answer_uploads_wait_with_retry_after_and_nothing_is_kept() {
    // A port just freed: nothing listens there.
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        listener.local_addr().unwrap().to_string()
    };
    let app = TestApp::spawn_with(&[("PUENTE_CLAMD_ADDRESS", &closed)]).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let form = reqwest::multipart::Form::new().text("kind", "other").part(
        "file",
        reqwest::multipart::Part::bytes(pdf(10_000)).file_name("acta.pdf"),
    );
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case}/documents")))
        .bearer_auth(&program.shelter.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("retry-after"));
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["code"], "scan_unavailable");
    assert_eq!(rows(&app).await, 0);
    assert!(objects(&app).await.is_empty());
}
