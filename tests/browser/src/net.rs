//! Loopback plumbing shared by the server and the driver: a free port, and a bare HTTP `GET`
//! to poll a process until it answers.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A port on 127.0.0.1 nobody listens on right now (the OS picks it; the listener is closed
/// before the process that will use it starts).
pub(crate) fn free_port() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.local_addr()
}

/// The status code of `GET path` on `address`, or `None` while nothing answers.
pub(crate) async fn status(address: SocketAddr, path: &str) -> Option<u16> {
    let exchange = async {
        let mut stream = TcpStream::connect(address).await?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut head = vec![0; 64];
        let read = stream.read(&mut head).await?;
        head.truncate(read);
        std::io::Result::Ok(head)
    };
    let head = tokio::time::timeout(Duration::from_secs(2), exchange)
        .await
        .ok()?
        .ok()?;
    // "HTTP/1.1 200 OK"
    std::str::from_utf8(&head)
        .ok()?
        .split(' ')
        .nth(1)?
        .parse()
        .ok()
}
