//! The IMAP client: connect (TLS, STARTTLS or plain), log in, select the folder and fetch the
//! messages after a UID — nothing about what the messages mean. TLS is rustls with the webpki
//! roots. Every step has a time limit, so a server that stops answering is an error, not a hang.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Client;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, pki_types::ServerName};

use super::settings::TlsMode;
use crate::secrets::Secret;

const CONNECT_WITHIN: Duration = Duration::from_secs(10);
const SESSION_WITHIN: Duration = Duration::from_secs(120);

/// Where and as whom to read.
#[derive(Clone, Debug)]
pub struct Account {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    pub user: String,
    pub password: Secret,
    pub folder: String,
}

/// One fetched message, as the server holds it.
#[derive(Clone, Debug)]
pub struct RawMessage {
    pub uid: u32,
    pub bytes: Vec<u8>,
    pub internal_date: Option<DateTime<Utc>>,
}

/// What a read found: the folder's UIDVALIDITY, the UIDs after the one asked for (oldest
/// first, at most the limit), and the messages of those UIDs the server still had.
#[derive(Debug, Default)]
pub struct FolderRead {
    pub uid_validity: u32,
    pub uids: Vec<u32>,
    pub messages: Vec<RawMessage>,
}

/// Why a read failed, in words an admin can act on. Never holds the password.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("cannot connect to {0}: {1}")]
    Connect(String, String),
    #[error("TLS with {0} failed: {1}")]
    Tls(String, String),
    #[error("the server refused the login for {0}: {1}")]
    Login(String, String),
    #[error("cannot open the folder {0}: {1}")]
    Folder(String, String),
    #[error("the server did not answer in time")]
    Timeout,
    #[error("IMAP error: {0}")]
    Protocol(String),
}

fn protocol(err: impl std::fmt::Display) -> MailboxError {
    MailboxError::Protocol(err.to_string())
}

/// Reads up to `limit` messages with a UID above `after` — all of them from the start when the
/// folder's UIDVALIDITY is not `known_validity`. Nothing is marked read or moved.
pub async fn read_after(
    account: &Account,
    known_validity: Option<u32>,
    after: u32,
    limit: usize,
) -> Result<FolderRead, MailboxError> {
    tokio::time::timeout(SESSION_WITHIN, read(account, known_validity, after, limit))
        .await
        .map_err(|_| MailboxError::Timeout)?
}

async fn read(
    account: &Account,
    known_validity: Option<u32>,
    after: u32,
    limit: usize,
) -> Result<FolderRead, MailboxError> {
    let address = format!("{}:{}", account.host, account.port);
    let tcp = tokio::time::timeout(
        CONNECT_WITHIN,
        TcpStream::connect((account.host.as_str(), account.port)),
    )
    .await
    .map_err(|_| MailboxError::Connect(address.clone(), "timed out".into()))?
    .map_err(|e| MailboxError::Connect(address.clone(), e.to_string()))?;
    match account.tls {
        TlsMode::None => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            on_session(client, account, known_validity, after, limit).await
        }
        TlsMode::Tls => {
            let tls = wrap(&account.host, tcp).await?;
            let mut client = Client::new(tls);
            greeting(&mut client).await?;
            on_session(client, account, known_validity, after, limit).await
        }
        TlsMode::Starttls => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            client
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|e| MailboxError::Tls(account.host.clone(), e.to_string()))?;
            let tls = wrap(&account.host, client.into_inner()).await?;
            // No greeting after STARTTLS.
            on_session(Client::new(tls), account, known_validity, after, limit).await
        }
    }
}

async fn greeting<T>(client: &mut Client<T>) -> Result<(), MailboxError>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    match client.read_response().await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(MailboxError::Protocol(
            "the server closed without a greeting".into(),
        )),
        Err(e) => Err(protocol(e)),
    }
}

async fn wrap(
    host: &str,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, MailboxError> {
    let tls_error = |e: String| MailboxError::Tls(host.to_owned(), e);
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| tls_error(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned()).map_err(|e| tls_error(e.to_string()))?;
    TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| tls_error(e.to_string()))
}

async fn on_session<T>(
    client: Client<T>,
    account: &Account,
    known_validity: Option<u32>,
    after: u32,
    limit: usize,
) -> Result<FolderRead, MailboxError>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let mut session = client
        .login(&account.user, account.password.expose())
        .await
        .map_err(|(e, _)| MailboxError::Login(account.user.clone(), e.to_string()))?;
    let folder = session
        .select(&account.folder)
        .await
        .map_err(|e| MailboxError::Folder(account.folder.clone(), e.to_string()))?;
    let uid_validity = folder.uid_validity.unwrap_or(0);
    let after = if known_validity == Some(uid_validity) {
        after
    } else {
        0
    };
    let mut read = FolderRead {
        uid_validity,
        ..FolderRead::default()
    };
    if folder.exists > 0 {
        // `n:*` names the last message even when its UID is below n: filter again.
        let found = session
            .uid_search(format!("UID {}:*", after.saturating_add(1)))
            .await
            .map_err(protocol)?;
        let mut uids: Vec<u32> = found.into_iter().filter(|uid| *uid > after).collect();
        uids.sort_unstable();
        uids.truncate(limit);
        read.uids = uids;
    }
    if !read.uids.is_empty() {
        let set = read
            .uids
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let fetched: Vec<_> = session
            .uid_fetch(set, "(UID INTERNALDATE BODY.PEEK[])")
            .await
            .map_err(protocol)?
            .try_collect()
            .await
            .map_err(protocol)?;
        for fetch in fetched {
            if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                read.messages.push(RawMessage {
                    uid,
                    bytes: body.to_vec(),
                    internal_date: fetch.internal_date().map(|d| d.with_timezone(&Utc)),
                });
            }
        }
        read.messages.sort_by_key(|m| m.uid);
    }
    // The read is complete; a failed goodbye changes nothing.
    let _ = session.logout().await;
    Ok(read)
}
