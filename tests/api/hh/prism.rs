//! Prism (`@stoplight/prism-cli`, pinned in .ci/run) serving hh's published OpenAPI subset
//! (../shared/hh/openapi-employer.yml), so that a connector test can say "the spec accepted
//! every request the connector sent".
//!
//! How Prism 5 reports a request that breaks the spec (checked by `harness_tests`):
//! - no `Authorization: Bearer …` (the spec puts OAuth on every operation, `/token` too): 401,
//!   `application/problem+json`, `{"type": "https://stoplight.io/prism/errors#UNAUTHORIZED", …}`;
//!   this check comes first;
//! - any other violation (missing `HH-User-Agent`, a missing or mistyped query parameter, a body
//!   that breaks its schema, a wrong content type): the operation's own 400 if the spec has one,
//!   with a body from the spec's examples — indistinguishable from a real hh 400 by its body —
//!   and the violations as JSON in a `sl-violations` response header; an operation without a
//!   400 (`GET /me`) answers 422 `application/problem+json` with
//!   `type …#UNPROCESSABLE_ENTITY` and the violations under `validation`;
//! - an unknown path: 404 problem+json `…#NO_PATH_MATCHED_ERROR`;
//! - a body that is not JSON where JSON is declared: Prism 5.16 never answers (the request
//!   hangs), so give the client a timeout.
//!
//! The connector only sees hh-like answers, so tests read the verdict from Prism's log instead:
//! [`Prism::violations`] lists every refused request with Prism's reasons, and is empty when
//! the spec accepted everything. A request that passes gets a 2xx with the spec's example body
//! (`POST /vacancies` → `{"id": "754"}`, `GET /me` an applicant): assert on requests here, and
//! on flows with state against the fake.
//!
//! Where the spec itself is in the way:
//! - it puts bearer auth on `POST /token`, which hh does not ask for: a real code exchange
//!   gets Prism's 401, so check the token flow against the fake;
//! - in proxy mode ([`Prism::proxy`]) no `GET /me` answer passes: `MeProfile` is a `oneOf` whose
//!   branches all match a manager (the discriminator that would pick one is not read), and
//!   `GET /vacancies/{id}` documents only the captcha 403, not hh's `oauth` ones.
//!
//! The spec is served with a repair. Prism turns OpenAPI 3.0's `nullable: true` into JSON
//! Schema by appending `null` to `enum`; hh's null schema (`_IncludesNullableObject`) already
//! lists `null`, the duplicate makes the compiled schema invalid, and Prism then skips the check
//! without a word (stoplightio/prism#1931): `POST /vacancies` accepted `[]`, and no vacancy,
//! negotiation or resume answer was checked. Three edit-vacancy fields also say `nullable`
//! without a `type`, which Prism's validator refuses to compile. [`repaired_spec`] writes a copy
//! where those schemas say the same thing in a form Prism compiles; nothing else changes.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running Prism, killed on drop.
pub struct Prism {
    /// `http://127.0.0.1:PORT`: hh's API base (`https://api.hh.ru`).
    pub base: String,
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

/// One request Prism refused, or one answer of the upstream that broke the spec (proxy mode).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// `GET /me`, as Prism logs it (method in lower case).
    pub request: String,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.request, self.message)
    }
}

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/hh/openapi-employer.yml")
}

fn prism_binary() -> PathBuf {
    std::env::var_os("HIRELOOP_PRISM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/prism/node_modules/.bin/prism")
        })
}

/// The published spec with the schemas Prism cannot compile rewritten to equivalents (see the
/// module comment). Panics if the spec no longer reads as expected: then the repair needs a look.
pub fn repaired_spec(published: &str) -> String {
    let repairs: &[(&str, &str)] = &[
        // `enum: [null]` alone already means "only null".
        (
            "      enum:\n      - null\n      nullable: true\n      title: Null-объект\n      type: string\n",
            "      enum:\n      - null\n      title: Null-объект\n",
        ),
        // `nullable: true` adds the null itself.
        (
            "      - blacklisted\n      - null\n      nullable: true\n",
            "      - blacklisted\n      nullable: true\n",
        ),
        // The oneOf's null branch already allows null; `nullable` without `type` is refused.
        (
            "          nullable: true\n          oneOf:\n          - $ref: '#/components/schemas/VacancyDescription'\n",
            "          oneOf:\n          - $ref: '#/components/schemas/VacancyDescription'\n",
        ),
        (
            "          nullable: true\n          oneOf:\n          - $ref: '#/components/schemas/VacancyName'\n",
            "          oneOf:\n          - $ref: '#/components/schemas/VacancyName'\n",
        ),
        // Here the type `nullable` needs is said outright.
        (
            "          nullable: true\n      required:\n      - manager\n",
            "          nullable: true\n          type: object\n      required:\n      - manager\n",
        ),
    ];
    let mut spec = published.to_owned();
    for (from, to) in repairs {
        assert_eq!(
            spec.matches(from).count(),
            1,
            "hh's spec changed: the Prism repair for {from:?} no longer applies"
        );
        spec = spec.replacen(from, to, 1);
    }
    spec
}

impl Prism {
    /// `prism mock` on hh's spec: answers from the spec's examples and checks every request.
    /// `None` (with a message) when Prism is not installed, unless `HIRELOOP_PRISM_REQUIRED=1`.
    pub async fn start() -> Option<Prism> {
        Self::run(None).await
    }

    /// `prism proxy` in front of `upstream` (e.g. the fake hh): forwards every request, checks
    /// it, and checks the upstream's answer against the spec too.
    pub async fn proxy(upstream: &str) -> Option<Prism> {
        Self::run(Some(upstream)).await
    }

    async fn run(upstream: Option<&str>) -> Option<Prism> {
        let binary = prism_binary();
        if !binary.is_file() {
            let why = format!(
                "Prism is not installed at {} (set HIRELOOP_PRISM, or run: npm install --prefix \
                 target/prism --save-exact @stoplight/prism-cli@5.16.0)",
                binary.display()
            );
            if std::env::var("HIRELOOP_PRISM_REQUIRED").as_deref() == Ok("1") {
                panic!("HIRELOOP_PRISM_REQUIRED=1 but {why}");
            }
            eprintln!("SKIPPED: {why}");
            return None;
        }
        let published = std::fs::read_to_string(spec_path()).expect("hh's spec in ../shared/hh");
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("openapi-employer.yml");
        std::fs::write(&spec, repaired_spec(&published)).unwrap();
        let port = crate::smtp::free_port();
        let mut command = Command::new(&binary);
        match upstream {
            None => command.arg("mock").arg(&spec),
            Some(upstream) => command.arg("proxy").arg(&spec).arg(upstream),
        };
        let mut child = command
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
        let log = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    log.lock().unwrap_or_else(|p| p.into_inner()).push(line);
                }
            });
        }
        // Node parses the 700 KB spec first: seconds on a busy machine.
        for _ in 0..600 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(Prism {
                    base: format!("http://127.0.0.1:{port}"),
                    child,
                    log,
                    _dir: dir,
                });
            }
            if let Ok(Some(status)) = child.try_wait() {
                let log = log.lock().unwrap().join("\n");
                panic!("Prism exited ({status}) before listening:\n{log}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = child.kill();
        panic!("Prism did not listen on port {port} within a minute");
    }

    /// Everything Prism logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// What Prism refused in the requests received so far: security, headers, parameters,
    /// bodies, unknown paths. Empty when the spec accepted every request.
    pub async fn violations(&self) -> Vec<Violation> {
        self.settled_log()
            .await
            .into_iter()
            .filter(|v| !v.message.starts_with("Violation: response"))
            .collect()
    }

    /// In proxy mode: where the upstream's answers broke the spec.
    pub async fn response_violations(&self) -> Vec<Violation> {
        self.settled_log()
            .await
            .into_iter()
            .filter(|v| v.message.starts_with("Violation: response"))
            .collect()
    }

    /// Prism may log a request's verdict as it answers, so the last lines can still be on their
    /// way: a marker request, logged after them, says the log is complete. (A proxy forwards
    /// the marker too: the upstream sees one `GET /__log_marker_…`.)
    async fn settled_log(&self) -> Vec<Violation> {
        let marker = format!("/__log_marker_{}", uuid::Uuid::new_v4().simple());
        let _ = reqwest::get(format!("{}{marker}", self.base)).await;
        for _ in 0..100 {
            let done = self
                .log
                .lock()
                .unwrap()
                .iter()
                .any(|line| line.contains(&marker));
            if done {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        errors(&self.log.lock().unwrap())
            .into_iter()
            .filter(|v| !v.request.contains("/__log_marker_"))
            .collect()
    }
}

/// The error lines of Prism's log, each with the request it is about. Lines look like
/// `[9:07:11 PM] › [HTTP SERVER] post /token ℹ  info      Request received` and
/// `[9:07:11 PM] ›     [VALIDATOR] ✖  error     Violation: request.body …`.
fn errors(log: &[String]) -> Vec<Violation> {
    let mut request = String::new();
    let mut found = Vec::new();
    for line in log {
        if let Some(rest) = line.split("[HTTP SERVER] ").nth(1) {
            let end = rest.find(['ℹ', '✖', '✔', '⚠']).unwrap_or(rest.len());
            request = rest[..end].trim().to_owned();
        }
        let Some(after_mark) = line.split('✖').nth(1) else {
            continue;
        };
        if let Some(message) = after_mark.trim_start().strip_prefix("error") {
            found.push(Violation {
                request: request.clone(),
                message: message.trim().to_owned(),
            });
        }
    }
    found
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
