//! A webhook receiver for tests: a small axum server on loopback that records every request
//! and answers with the status it is told to (503 to play a receiver that is down).

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// One request as it arrived.
#[derive(Clone, Debug)]
pub struct Received {
    pub event_id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

#[derive(Clone, Default)]
struct Shared {
    received: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
}

pub struct Receiver {
    pub url: String,
    shared: Shared,
    _stop: oneshot::Sender<()>,
}

async fn record(State(shared): State<Shared>, headers: HeaderMap, body: String) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    shared.received.lock().unwrap().push(Received {
        event_id: header("x-hireloop-event-id"),
        timestamp: header("x-hireloop-timestamp"),
        signature: header("x-hireloop-signature"),
        body,
    });
    StatusCode::from_u16(shared.status.load(Ordering::SeqCst)).unwrap()
}

impl Receiver {
    /// A receiver on a new port, answering 200.
    pub async fn start() -> Self {
        Self::on(TcpListener::bind("127.0.0.1:0").await.unwrap())
    }

    /// A receiver on `port` (one reserved earlier, while nothing listened there).
    pub async fn start_on(port: u16) -> Self {
        Self::on(
            TcpListener::bind(("127.0.0.1", port))
                .await
                .expect("the reserved port is free again"),
        )
    }

    fn on(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let shared = Shared::default();
        shared.status.store(200, Ordering::SeqCst);
        let app = Router::new()
            .route("/hook", post(record))
            .with_state(shared.clone());
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        Self {
            url: format!("http://127.0.0.1:{port}/hook"),
            shared,
            _stop: tx,
        }
    }

    /// Answers `status` from now on.
    pub fn answer(&self, status: u16) {
        self.shared.status.store(status, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits (up to 15 s) until `n` requests arrived; all of them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        for _ in 0..300 {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} requests, got {:?}", self.received());
    }
}

/// A loopback port nothing listens on (bound, then let go).
pub async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}
