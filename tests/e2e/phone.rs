//! The 390-px sweep: every page type each role can open, on a 390×844 phone, must not scroll
//! sideways. The browser follows the links each role sees (one page per type: numbers in a path
//! count as one type), plus the public pages and the one-time link pages with tokens from the
//! demo company's outbox. One browser session for everybody; a screenshot per page type lands in
//! target/screenshots/phone-*.png.

use std::collections::{BTreeSet, HashSet, VecDeque};

use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::browser::{Browser, PHONE, screenshot_dir};
use crate::helpers::{TestApp, call, spawn_app_with_demo};

/// The demo company's people (seed-data/demo.toml), one per role.
const DEMO_PASSWORD: &str = "hireloop-demo";
const ROLES: [(&str, &str); 7] = [
    ("admin", "admin@demo.hireloop.local"),
    ("recruiter", "recruiter@demo.hireloop.local"),
    ("hiring_manager", "manager@demo.hireloop.local"),
    ("ceo", "ceo@demo.hireloop.local"),
    ("interviewer", "interviewer@demo.hireloop.local"),
    ("mentor", "mentor@demo.hireloop.local"),
    ("intern", "intern@demo.hireloop.local"),
];

/// Pages a signed-in person reaches by typing rather than by a link.
const TYPED: [&str; 3] = ["/", "/search?q=%D0%B0", "/notifications"];

/// Links that are not pages: downloads, raw email bodies, progress polled by script.
fn is_page(path: &str) -> bool {
    let skip_prefix = ["/static/", "/api/", "/logout", "/candidates/export"];
    let skip_suffix = [
        "/cv",
        "/html",
        "/progress",
        ".pdf",
        ".ics",
        ".csv",
        ".xlsx",
        "/export",
    ];
    path.starts_with('/')
        && !skip_prefix.iter().any(|p| path.starts_with(p))
        && !skip_suffix.iter().any(|s| path.ends_with(s))
}

/// `/positions/12/board` → `/positions/{id}/board`; long random segments → `{token}`.
fn page_type(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    path.split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.chars().all(|c| c.is_ascii_digit()) {
                "{id}"
            } else if segment.len() >= 32 {
                "{token}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Measures the page in the browser: whether it scrolls sideways, the element sticking out
/// furthest (outside any scroll container of its own), and the page's same-site links.
const MEASURE: &str = r##"
const width = window.innerWidth;
const describe = (e) => {
  let d = e.tagName.toLowerCase();
  if (e.id) d += "#" + e.id;
  if (typeof e.className === "string" && e.className.trim()) d += "." + e.className.trim().split(/\s+/).join(".");
  return d;
};
const clipped = (e) => {
  for (let p = e.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== "visible") return true;
  }
  return false;
};
// First outside any scroll area; then anywhere (an absolute box escapes a scroll area that
// is not its containing block).
let widest = null, right = 0;
for (const inside of [false, true]) {
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1 || r.right <= right) continue;
    if (!e.checkVisibility() || (!inside && clipped(e))) continue;
    widest = e; right = r.right;
  }
  if (widest) break;
}
// Last, text running out of its box (a long word or link): the deepest such box.
if (!widest) {
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && e.checkVisibility() && r.left + e.scrollWidth > width + 1) {
      widest = e; right = r.left + e.scrollWidth;
    }
  }
}
let path = "";
for (let e = widest; e && e !== document.body; e = e.parentElement) path = describe(e) + (path ? " > " + path : "");
const links = [...document.querySelectorAll("a[href]")]
  .map((a) => new URL(a.href, location.href))
  .filter((u) => u.origin === location.origin)
  .map((u) => u.pathname + u.search);
return {
  over: document.documentElement.scrollWidth > width,
  scrollWidth: document.documentElement.scrollWidth,
  width,
  widest: widest ? path + " (right edge at " + Math.round(right) + " px: " + (widest.textContent || "").trim().slice(0, 40) + ")" : "",
  links,
};
"##;

struct Sweep<'a> {
    browser: &'a Browser,
    failures: Vec<String>,
    shot: HashSet<String>,
    visited: usize,
}

impl Sweep<'_> {
    /// Opens `path`, checks its width and takes its screenshot the first time its type is seen;
    /// returns its links.
    async fn check(&mut self, who: &str, path: &str) -> Vec<String> {
        self.browser.goto(path).await;
        self.visited += 1;
        let landed = self.browser.path().await;
        let measured = self.browser.script(MEASURE).await;
        if measured["over"] == Value::Bool(true) {
            self.failures.push(format!(
                "{who}: {landed} is {} px wide at {} px; sticking out: {}",
                measured["scrollWidth"], measured["width"], measured["widest"]
            ));
        }
        let kind = page_type(&landed);
        if self.shot.insert(kind.clone()) {
            self.screenshot(&kind).await;
        }
        measured["links"]
            .as_array()
            .map(|links| {
                links
                    .iter()
                    .filter_map(|l| l.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn screenshot(&self, kind: &str) {
        let height = self
            .browser
            .script("return Math.min(document.documentElement.scrollHeight, 5000)")
            .await
            .as_u64()
            .unwrap_or(PHONE.1 as u64) as u32;
        self.browser.resize((PHONE.0, height.max(PHONE.1))).await;
        let png = self.browser.client.screenshot().await.unwrap();
        self.browser.resize(PHONE).await;
        let name: String = kind
            .trim_matches('/')
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let name = if name.is_empty() { "home".into() } else { name };
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("phone-{name}.png")), png).unwrap();
    }

    /// Follows the links `who` sees, breadth first, one page per type.
    async fn crawl(&mut self, who: &str) {
        let mut queue: VecDeque<String> = TYPED.iter().map(|p| (*p).to_owned()).collect();
        let mut seen: BTreeSet<String> = queue.iter().map(|p| page_type(p)).collect();
        while let Some(path) = queue.pop_front() {
            for link in self.check(who, &path).await {
                if is_page(&link) && seen.insert(page_type(&link)) {
                    queue.push_back(link);
                }
            }
        }
        eprintln!("{who}: {} page types", seen.len());
    }
}

/// The folded header menu opens without script, fits, and holds every section and sign-out.
async fn open_menu(sweep: &mut Sweep<'_>) {
    let b = sweep.browser;
    b.goto("/").await;
    let header = b
        .script("return document.querySelector('header').offsetHeight")
        .await;
    assert!(
        header.as_u64().unwrap() <= 80,
        "the header takes {header} px of a phone's height"
    );
    b.find(".phone-menu summary").await.click().await.unwrap();
    let links = b
        .script("return [...document.querySelectorAll('.phone-menu nav a')].filter((a) => a.checkVisibility()).length")
        .await;
    assert!(
        links.as_u64().unwrap() >= 8,
        "the open menu shows {links} sections"
    );
    assert!(
        b.find(".phone-menu form[action='/logout'] button")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    let measured = b.script(MEASURE).await;
    assert_eq!(
        measured["over"],
        Value::Bool(false),
        "the open menu: {}",
        measured["widest"]
    );
    sweep.screenshot("menu-open").await;
}

/// The check itself can fail: a wide box and a long unbroken word are caught and named.
async fn detector_finds_what_sticks_out(b: &Browser) {
    for (planted, name) in [
        (
            "<div id='planted' style='width:900px'>wide</div>",
            "div#planted",
        ),
        (
            "<p id='planted'>https://example.com/anaddressfartoolongtofitonaphonescreenwithoutbreaks</p>",
            "p#planted",
        ),
    ] {
        b.goto("/login").await;
        b.client
            .execute(
                "document.querySelector('main').insertAdjacentHTML('beforeend', arguments[0]);
                 // The page's CSP ignores style attributes; the CSSOM is allowed.
                 const div = document.querySelector('div#planted'); if (div) div.style.width = '900px';
                 const p = document.querySelector('p#planted'); if (p) p.style.overflowWrap = 'normal';",
                vec![json!(planted)],
            )
            .await
            .unwrap();
        let measured = b.script(MEASURE).await;
        assert_eq!(measured["over"], Value::Bool(true), "{planted} not caught");
        let widest = measured["widest"].as_str().unwrap();
        assert!(widest.contains(name), "{planted} named as {widest}");
    }
}

async fn sign_in(browser: &Browser, email: &str) {
    browser.client.delete_all_cookies().await.unwrap();
    browser.goto("/login").await;
    browser.fill("#f-email", email).await;
    browser.fill("#f-password", DEMO_PASSWORD).await;
    browser
        .click("form[action='/login'] button[type=submit]")
        .await;
    assert!(
        !browser.path().await.starts_with("/login"),
        "{email} could not sign in"
    );
}

/// Makes the emails that carry one-time links: a referee asked for a reference, an offer sent
/// for approval and then to the candidate. (An application through the job page, for the
/// candidate's own data page, is made in the browser.)
async fn send_link_emails(app: &TestApp) {
    let admin = app.token_for("admin").await;
    let (_, list) = call(
        app,
        Method::GET,
        "/applications?stage=references",
        &admin,
        json!({}),
    )
    .await;
    let application = &list["items"][0];
    let (id, candidate) = (&application["id"], &application["candidate_id"]);
    let steps = [
        (
            Method::PATCH,
            format!("/candidates/{candidate}"),
            json!({"reference_consent": true}),
        ),
        (
            Method::POST,
            format!("/applications/{id}/references"),
            json!({"name": "Павел Орлов", "company": "Медиа Плюс", "relation": "руководитель",
                   "email": "p.orlov@example.com"}),
        ),
    ];
    let mut reference = Value::Null;
    for (method, path, body) in steps {
        let (status, answer) = call(app, method, &path, &admin, body).await;
        assert!(status < 300, "{path}: {status} {answer}");
        reference = answer;
    }
    let path = format!("/references/{}/request", reference["id"]);
    let (status, answer) = call(app, Method::POST, &path, &admin, json!({})).await;
    assert!(status < 300, "{path}: {status} {answer}");

    // An interview for the demo interviewer, so their pages have something in them.
    let (_, list) = call(
        app,
        Method::GET,
        "/applications?stage=short_list",
        &admin,
        json!({}),
    )
    .await;
    let interviewer = crate::helpers::user_id(&app.db, ROLES[4].1).await;
    let at = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let interview = json!({"application_id": list["items"][0]["id"], "kind": "competency",
        "scheduled_at": at, "interviewer_ids": [interviewer],
        "place": "https://meet.example.com/very-long-room-name-that-keeps-going-account-manager-interview"});
    let (status, answer) = call(app, Method::POST, "/interviews", &admin, interview).await;
    assert_eq!(status, 201, "/interviews: {answer}");

    let (_, list) = call(
        app,
        Method::GET,
        "/applications?stage=ceo_interview",
        &admin,
        json!({}),
    )
    .await;
    let id = &list["items"][0]["id"];
    let path = format!("/applications/{id}/move");
    let (status, answer) = call(
        app,
        Method::POST,
        &path,
        &admin,
        json!({"to": "offer", "via": "move"}),
    )
    .await;
    assert_eq!(status, 200, "{path}: {answer}");
    let (_, grades) = call(app, Method::GET, "/grades", &admin, json!({})).await;
    let salary = grades[0]["salary_min"].clone();
    let path = format!("/applications/{id}/offers");
    let offer = json!({"salary": salary, "start_date": crate::helpers::today(),
        "band_exception_reason": "Сильный кандидат, согласовано с директором"});
    let (status, offer) = call(app, Method::POST, &path, &admin, offer).await;
    assert_eq!(status, 201, "{path}: {offer}");
    let manager = app.token_for("hiring_manager").await;
    let ceo = app.token_for("ceo").await;
    for (token, step) in [
        (&admin, "submit"),
        (&manager, "approve"),
        (&ceo, "approve"),
        (&admin, "send"),
    ] {
        let path = format!("/offers/{}/{step}", offer["id"]);
        let (status, answer) = call(app, Method::POST, &path, token, json!({})).await;
        assert_eq!(status, 200, "{path}: {answer}");
    }
}

/// Applies through the public job page, as a visitor would; the thanks page is checked too.
async fn apply(sweep: &mut Sweep<'_>) {
    let b = sweep.browser;
    b.goto("/jobs/account-manager-middle").await;
    b.fill(
        "#f-full_name",
        "Вероника Александровна Длиннофамильная-Константинопольская",
    )
    .await;
    b.fill(
        "#f-email",
        "veronika.konstantinopolskaya.long.address@example-agency-mail.com",
    )
    .await;
    b.fill("#f-phone", "+7 916 555-44-33").await;
    b.find("input[name=consent]").await.click().await.unwrap();
    b.click("form[action^='/jobs/'] button[type=submit]").await;
    let landed = b.path().await;
    sweep.check("visitor", &landed).await;
    b.goto("/password/forgot").await;
    b.fill("#f-email", "recruiter@demo.hireloop.local").await;
    b.click("form[action='/password/forgot'] button[type=submit]")
        .await;
}

/// The one-time links the demo company's emails carry, one per kind of link page.
async fn links_in_outbox(app: &TestApp) -> Vec<String> {
    use hireloop::entities::outbox_message;
    let prefixes = [
        "/o/",
        "/r/",
        "/my-data/",
        "/offers/decide/",
        "/password/reset/",
    ];
    let messages = outbox_message::Entity::find().all(&app.db).await.unwrap();
    let mut found = Vec::new();
    for prefix in prefixes {
        let link = messages.iter().find_map(|m| {
            let start = m.body_text.find(prefix)?;
            Some(
                m.body_text[start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '>')
                    .collect::<String>()
                    .trim_end_matches(['.', ','])
                    .to_owned(),
            )
        });
        match link {
            Some(link) => found.push(link),
            None => panic!("no {prefix} link in the outbox"),
        }
    }
    found
}

#[tokio::test]
async fn every_page_type_fits_a_390_px_phone_for_every_role() {
    let app = spawn_app_with_demo().await;
    let Some(browser) = Browser::start(&app.address).await else {
        return;
    };
    browser.resize(PHONE).await;
    let mut sweep = Sweep {
        browser: &browser,
        failures: Vec::new(),
        shot: HashSet::new(),
        visited: 0,
    };
    send_link_emails(&app).await;
    let width = browser.script("return window.innerWidth").await;
    assert_eq!(width, PHONE.0, "the window is not phone-wide");

    detector_finds_what_sticks_out(&browser).await;
    for path in [
        "/login",
        "/password/forgot",
        "/careers",
        "/jobs/account-manager-middle",
    ] {
        for link in sweep.check("visitor", path).await {
            if link.starts_with("/consents/") || link.starts_with("/jobs/") {
                sweep.check("visitor", &link).await;
            }
        }
    }
    apply(&mut sweep).await;
    for (role, email) in ROLES {
        sign_in(&browser, email).await;
        if role == "admin" {
            open_menu(&mut sweep).await;
        }
        sweep.crawl(role).await;
    }
    browser.client.delete_all_cookies().await.unwrap();
    for link in links_in_outbox(&app).await {
        sweep.check("visitor", &link).await;
    }
    eprintln!(
        "{} pages visited, {} page types",
        sweep.visited,
        sweep.shot.len()
    );
    let failures = std::mem::take(&mut sweep.failures);
    browser.close().await;
    assert!(
        failures.is_empty(),
        "{} page(s) scroll sideways on a 390-px phone:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
