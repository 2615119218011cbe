//! Headless Chromium through chromedriver: the driver started on a free loopback port, a
//! session with a Spanish-speaking browser at a phone's or a desktop's size, and both processes
//! killed when the `Driver` is dropped.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::error::{Context, Error, Result};
use crate::net;
use crate::process::ProcessTree;

/// The browser's window, measured as the page's viewport (`window.innerWidth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 360×780, a common small phone.
    Phone,
    /// 1280×900, a laptop.
    Desktop,
}

impl Size {
    /// The viewport's width and height in CSS pixels.
    pub fn viewport(self) -> (u32, u32) {
        match self {
            Size::Phone => (360, 780),
            Size::Desktop => (1280, 900),
        }
    }

    /// `phone` or `desktop`, for screenshots' names.
    pub fn name(self) -> &'static str {
        match self {
            Size::Phone => "phone",
            Size::Desktop => "desktop",
        }
    }
}

/// The Chromium the Debian package installs.
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long chromedriver may take to answer `/status`.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// A browser session on one Puente server.
pub struct Driver {
    pub(crate) client: Client,
    pub(crate) base_url: String,
    pub(crate) size: Size,
    /// Screenshots taken so far, numbering the next one.
    pub(crate) shots: u32,
    // Held for their drop, in this order: the processes, then Chromium's profile and
    // chromedriver's log.
    _chromedriver: ProcessTree,
    _dir: TempDir,
}

impl Driver {
    /// Starts chromedriver and a headless Chromium at `size`, pages resolved against
    /// `base_url` (`http://127.0.0.1:PORT`).
    pub async fn start(size: Size, base_url: &str) -> Result<Driver> {
        let dir = tempfile::Builder::new()
            .prefix("puente-chromium-")
            .tempdir()?;
        let address = net::free_port()?;
        let log = File::create(dir.path().join("chromedriver.log"))?;
        let chromedriver = Command::new("chromedriver")
            .arg(format!("--port={}", address.port()))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("cannot start chromedriver (Debian package chromium-driver)")?;
        let mut chromedriver = ProcessTree(chromedriver);

        let deadline = Instant::now() + START_TIMEOUT;
        while net::status(address, "/status").await != Some(200) {
            if let Some(exit) = chromedriver.0.try_wait()? {
                return Err(Error::new(format!("chromedriver exited ({exit})")));
            }
            if Instant::now() > deadline {
                return Err(Error::new("chromedriver did not answer on its port"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let profile = dir.path().join("profile");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    // The tests run as root, where Chromium's sandbox cannot start.
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--disable-gpu",
                    "--lang=es-MX",
                    // Phones draw scrollbars over the page; without this one would take 15
                    // of the phone's 360 pixels.
                    "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.display()),
                ],
                // Headless Chromium on Linux ignores --lang for Accept-Language; this sets it.
                "prefs": {"intl.accept_languages": "es-MX,es"},
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://{address}"))
            .await?;

        let mut driver = Driver {
            client,
            base_url: base_url.trim_end_matches('/').to_owned(),
            size,
            shots: 0,
            _chromedriver: chromedriver,
            _dir: dir,
        };
        driver.resize().await?;
        Ok(driver)
    }

    /// The size the story runs at.
    pub fn size(&self) -> Size {
        self.size
    }

    /// The WebDriver client, for what the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Ends the session (Chromium quits); the processes are killed on drop in any case.
    pub async fn close(self) -> Result<()> {
        self.client.clone().close().await?;
        Ok(())
    }

    /// Sets the window so that the viewport is exactly the size's: the window's frame (which
    /// headless Chromium still counts in the window's height) is measured and added.
    async fn resize(&mut self) -> Result<()> {
        let (width, height) = self.size.viewport();
        self.client.set_window_size(width, height).await?;
        let (inner_width, inner_height) = self.viewport().await?;
        if (inner_width, inner_height) != (width, height) {
            self.client
                .set_window_size(width * 2 - inner_width, height * 2 - inner_height)
                .await?;
        }
        let actual = self.viewport().await?;
        if actual != (width, height) {
            return Err(Error::new(format!(
                "the {} viewport is {}×{}, not {width}×{height}",
                self.size.name(),
                actual.0,
                actual.1
            )));
        }
        Ok(())
    }

    /// `window.innerWidth` and `window.innerHeight`.
    pub async fn viewport(&self) -> Result<(u32, u32)> {
        let value = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        let number = |index: usize| {
            value
                .get(index)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::new(format!("unexpected viewport answer: {value}")))
        };
        Ok((number(0)?, number(1)?))
    }

    /// Where the screenshots go: `tests/browser/screenshots/`.
    pub fn screenshots_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots")
    }
}
