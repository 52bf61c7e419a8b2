//! Headless Chromium driven through chromedriver: start it, fill forms, take screenshots.
//!
//! The suite skips (with a message) when chromedriver is absent, unless HIRELOOP_E2E_REQUIRED=1
//! says this machine must run it, as CI does.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::InputSource;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::{Mutex, MutexGuard};

/// Laptop and phone windows the screenshots and checks use.
pub const LAPTOP: (u32, u32) = (1366, 768);
pub const PHONE: (u32, u32) = (390, 844);

/// One browser at a time: the machines running CI have two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

pub struct Browser {
    pub client: Client,
    pub base: String,
    driver: Child,
    _turn: MutexGuard<'static, ()>,
}

fn chromedriver() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("HIRELOOP_CHROMEDRIVER") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromedriver"))
            .find(|path| path.is_file())
    })
}

/// The cargo target directory this test binary was built in (…/target/debug/deps/e2e-…).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors()
        .nth(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Browser {
    /// A fresh headless Chromium pointed at `base`, or `None` (skip) without chromedriver.
    pub async fn start(base: &str) -> Option<Browser> {
        let Some(driver_path) = chromedriver() else {
            if std::env::var("HIRELOOP_E2E_REQUIRED").as_deref() == Ok("1") {
                panic!("HIRELOOP_E2E_REQUIRED=1 but chromedriver is not installed");
            }
            eprintln!(
                "SKIPPED: browser tests need chromedriver (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let turn = ONE_AT_A_TIME.lock().await;
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut caps = serde_json::Map::new();
        let chrome_binary = std::env::var("HIRELOOP_CHROMIUM").ok().or_else(|| {
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
                .into_iter()
                .find(|p| std::path::Path::new(p).exists())
                .map(str::to_owned)
        });
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--lang=en-US",
                format!("--window-size={},{}", LAPTOP.0, LAPTOP.1),
            ],
        });
        if let Some(binary) = chrome_binary {
            options["binary"] = json!(binary);
        }
        caps.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let mut client = None;
        for _ in 0..50 {
            let connected = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match connected {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        let Some(client) = client else {
            let mut driver = driver;
            let _ = driver.kill();
            panic!("chromedriver did not answer or could not start Chromium");
        };
        Some(Browser {
            client,
            base: base.to_owned(),
            driver,
            _turn: turn,
        })
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// The path (and query) of the current page.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        let mut path = url.path().to_owned();
        if let Some(q) = url.query() {
            path.push('?');
            path.push_str(q);
        }
        path
    }

    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!("no element {css} on {}: {e}", self.path_now().await),
        }
    }

    async fn path_now(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// Types `value` into the field matched by `css`, replacing what was there.
    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        // Date inputs take keystrokes in the locale's order; set them as a script would.
        let kind = field.attr("type").await.unwrap().unwrap_or_default();
        if kind == "date" || kind == "time" {
            self.client
                .execute(
                    "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                    vec![serde_json::to_value(&field).unwrap(), json!(value)],
                )
                .await
                .unwrap();
            return;
        }
        field.clear().await.unwrap();
        field.send_keys(value).await.unwrap();
    }

    pub async fn select(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.select_by_value(value).await.unwrap();
    }

    /// Clicks and waits for the next page to load (the element goes stale).
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.click_element(element).await;
    }

    pub async fn click_element(&self, element: Element) {
        let before = self.client.find(Locator::Css("html")).await.unwrap();
        element.click().await.unwrap();
        self.wait_stale(before).await;
    }

    async fn wait_stale(&self, html: Element) {
        for _ in 0..100 {
            if html.tag_name().await.is_err() {
                // The old document is gone; wait until the new one is ready.
                for _ in 0..100 {
                    let state = self
                        .client
                        .execute("return document.readyState", vec![])
                        .await;
                    if matches!(state, Ok(Value::String(s)) if s == "complete") {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the page did not change after a click on {}",
            self.path_now().await
        );
    }

    /// The text of the first element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    pub async fn flash(&self) -> String {
        self.text(".flash").await
    }

    pub async fn script(&self, code: &str) -> Value {
        self.client.execute(code, vec![]).await.unwrap()
    }

    /// Presses keys on whatever has focus, as a person at the keyboard would.
    pub async fn keys(&self, keys: &[char]) {
        let mut actions = fantoccini::actions::KeyActions::new("keys".into());
        for key in keys {
            actions = actions
                .then(fantoccini::actions::KeyAction::Down { value: *key })
                .then(fantoccini::actions::KeyAction::Up { value: *key });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    pub async fn resize(&self, (width, height): (u32, u32)) {
        self.client.set_window_size(width, height).await.unwrap();
    }

    /// Whether the page scrolls sideways as a whole (its parts may scroll inside).
    pub async fn page_scrolls_sideways(&self) -> bool {
        self.script("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")
            .await
            .as_bool()
            .unwrap_or(false)
    }

    /// Saves the whole page at `size` as target/screenshots/<name>-<label>.png.
    pub async fn screenshot(&self, name: &str, size: (u32, u32), label: &str) -> PathBuf {
        self.resize(size).await;
        let height = self
            .script("return Math.min(document.documentElement.scrollHeight, 5000)")
            .await
            .as_u64()
            .unwrap_or(size.1 as u64) as u32;
        self.resize((size.0, height.max(size.1))).await;
        let png = self.client.screenshot().await.unwrap();
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}-{label}.png"));
        std::fs::write(&path, png).unwrap();
        self.resize(LAPTOP).await;
        path
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failed test still must not leave chromedriver behind.
        let _ = self.driver.kill();
    }
}

pub fn screenshot_dir() -> PathBuf {
    target_dir().join("screenshots")
}
