//! A real IMAP server for the tests: Debian's dovecot (package dovecot-imapd; .ci/run installs
//! it), configured in a temporary folder — plaintext login on a loopback port, one user in a
//! passwd-file, a Maildir beside it — run in the foreground and stopped on drop. Mail is
//! delivered into it by IMAP APPEND, as another mail client would file it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::smtp::free_port;

pub const USER: &str = "jobs@agency.test";
pub const PASSWORD: &str = "mailbox-Secret-31";

pub struct Dovecot {
    pub port: u16,
    /// The implicit-TLS port, when started with a (self-signed) certificate.
    pub tls_port: Option<u16>,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

fn id(args: &[&str]) -> String {
    let out = Command::new("id").args(args).output().expect("id runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// As root, dovecot's own users run its processes (its login process refuses root); as anyone
/// else, that user runs them all.
fn accounts() -> (String, String, String, String) {
    if id(&["-u"]) == "0" {
        (
            "dovecot".into(),
            "dovenull".into(),
            id(&["-u", "dovecot"]),
            id(&["-g", "dovecot"]),
        )
    } else {
        let me = id(&["-un"]);
        (me.clone(), me, id(&["-u"]), id(&["-g"]))
    }
}

fn config(dir: &Path, port: u16, tls_port: Option<u16>) -> String {
    let (internal, login, _, _) = accounts();
    let d = dir.display();
    let (ssl, imaps) = match tls_port {
        Some(port) => (
            format!("yes\nssl_cert = <{d}/cert.pem\nssl_key = <{d}/key.pem"),
            port,
        ),
        None => ("no".to_owned(), 0),
    };
    format!(
        "protocols = imap\nlisten = 127.0.0.1\nbase_dir = {d}/run\nstate_dir = {d}/state\n\
         log_path = {d}/dovecot.log\nssl = {ssl}\ndisable_plaintext_auth = no\n\
         auth_mechanisms = plain login\ndefault_internal_user = {internal}\n\
         default_internal_group = {internal}\ndefault_login_user = {login}\n\
         first_valid_uid = 1\nfirst_valid_gid = 1\nmail_location = maildir:{d}/mail/%u\n\
         passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/users\n}}\n\
         userdb {{\n  driver = passwd-file\n  args = username_format=%u {d}/users\n}}\n\
         service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n\
           inet_listener imaps {{\n    address = 127.0.0.1\n    port = {imaps}\n  }}\n}}\n"
    )
}

fn chmod(path: &Path, mode: &str) {
    Command::new("chmod").arg(mode).arg(path).status().unwrap();
}

impl Dovecot {
    pub async fn start() -> Self {
        Self::start_with(false).await
    }

    /// With TLS on a second port and STARTTLS on the first, under a self-signed certificate
    /// that no client should trust.
    pub async fn start_with_tls() -> Self {
        Self::start_with(true).await
    }

    async fn start_with(tls: bool) -> Self {
        let dir = tempfile::tempdir().unwrap();
        // Dovecot's unprivileged processes walk into this folder.
        chmod(dir.path(), "755");
        let (_, _, uid, gid) = accounts();
        std::fs::create_dir_all(dir.path().join("mail")).unwrap();
        chmod(&dir.path().join("mail"), "777");
        std::fs::write(
            dir.path().join("users"),
            format!(
                "{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{}::\n",
                dir.path().join("mail").display()
            ),
        )
        .unwrap();
        if tls {
            let made = Command::new("openssl")
                .args([
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                ])
                .args(["-subj", "/CN=127.0.0.1", "-keyout"])
                .arg(dir.path().join("key.pem"))
                .arg("-out")
                .arg(dir.path().join("cert.pem"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("openssl makes a certificate");
            assert!(made.success());
        }
        let mut server = Self {
            port: free_port(),
            tls_port: tls.then(free_port),
            dir,
            child: None,
        };
        server.up().await;
        server
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    /// Starts (or starts again) on the same port, with the same mail.
    pub async fn up(&mut self) {
        for sub in ["run", "state"] {
            let _ = std::fs::remove_dir_all(self.dir.path().join(sub));
            std::fs::create_dir_all(self.dir.path().join(sub)).unwrap();
        }
        std::fs::write(
            self.conf(),
            config(self.dir.path(), self.port, self.tls_port),
        )
        .unwrap();
        let child = Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(self.conf())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dovecot starts (apt-get install dovecot-imapd)");
        self.child = Some(child);
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("dovecot did not listen: {}", self.log());
    }

    /// Stops the server and waits until its port is closed.
    pub async fn down(&mut self) {
        self.stop();
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_err()
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("dovecot kept listening");
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SIGTERM: the master stops its login and mail processes before it exits.
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(child.id().to_string())
                .status();
            let _ = child.wait();
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    /// Files `raw` into the INBOX over IMAP.
    pub async fn deliver(&self, raw: &str) {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .unwrap();
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.unwrap().unwrap();
        let mut session = client
            .login(USER, PASSWORD)
            .await
            .map_err(|(e, _)| e)
            .unwrap();
        session
            .append("INBOX", None, None, raw.replace('\n', "\r\n").as_bytes())
            .await
            .unwrap();
        session.logout().await.unwrap();
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A plain reply from `from` that answers the message `in_reply_to` (with angle brackets).
pub fn reply(
    from: &str,
    message_id: &str,
    in_reply_to: Option<&str>,
    subject: &str,
    text: &str,
) -> String {
    let thread = in_reply_to
        .map(|id| format!("In-Reply-To: {id}\nReferences: {id}\n"))
        .unwrap_or_default();
    format!(
        "From: Анна <{from}>\nTo: {USER}\nSubject: {subject}\nMessage-ID: {message_id}\n{thread}\
         Date: Mon, 7 Dec 2026 10:00:00 +0300\nMIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n"
    )
}
