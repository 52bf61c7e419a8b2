//! The command line: create-user reads the password from standard input; create-token prints a
//! token the API accepts.

use std::io::Write;
use std::process::{Command, Stdio};

fn hireloop(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hireloop"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn create_user_takes_the_password_from_stdin_and_create_token_prints_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());

    let created = hireloop(
        &url,
        &[
            "create-user",
            "--email",
            "Ops@Agency.test",
            "--name",
            "Ops",
            "--role",
            "admin",
        ],
        "a long enough password\n",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("ops@agency.test"));

    let token = hireloop(&url, &["create-token", "--email", "ops@agency.test"], "");
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let printed = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    assert!(
        printed.starts_with("hl_") && printed.len() > 40,
        "{printed}"
    );

    let refused = hireloop(
        &url,
        &[
            "create-user",
            "--email",
            "x@agency.test",
            "--name",
            "X",
            "--role",
            "boss",
        ],
        "short\n",
    );
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("role") && stderr.contains("password"),
        "{stderr}"
    );
}
