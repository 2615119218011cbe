//! `puente serve` as a separate process on a test's database: started, stopped, or killed with
//! SIGKILL as a crash would.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::{SECRET, TestApp};

/// A `puente serve` process on the test's database, stopped when dropped.
pub struct Server {
    child: Child,
    /// Its base URL (`http://127.0.0.1:port`).
    pub url: String,
    /// Its data folder (its document store and master keys, unless configured otherwise).
    pub data: PathBuf,
}

impl Server {
    /// Starts one with its data in the folder `name` of the test's, once it listens.
    pub fn start(app: &TestApp, name: &str) -> Server {
        Server::start_on(&app.database_url, &app.dir.path().join(name), &[])
    }

    /// Starts one on the database at `database_url`, with its data in `data` and `env` added to
    /// its environment.
    pub fn start_on(database_url: &str, data: &Path, env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_puente"));
        command
            .arg("serve")
            .env("PUENTE_LISTEN", "127.0.0.1:0")
            .env("PUENTE_DATABASE_URL", database_url)
            .env("PUENTE_DATA_DIR", data)
            .env("PUENTE_JWT_SECRET", SECRET)
            .env("PUENTE_LOG_FORMAT", "text")
            .stderr(Stdio::piped())
            .stdout(Stdio::null());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("puente serve starts");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut said = Vec::new();
        let url = loop {
            let Some(Ok(line)) = lines.next() else {
                panic!("puente serve stopped before listening: {said:#?}");
            };
            if let Some(address) = line.split("listens on ").nth(1) {
                break address.trim().to_owned();
            }
            said.push(line);
        };
        // Keep draining the log so the process never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            url,
            data: data.to_owned(),
        }
    }

    /// Kills it with SIGKILL, as a crash or the kernel's OOM killer would: nothing runs after.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
