//! The local chain's standard face (docs/design.md section 12): Solana's JSON-RPC over HTTP and its
//! WebSocket, in front of the embedded chain, so that @solana/web3.js, @solana/kit, the Anchor
//! TS client, `solana-client` and wallets work against `io-localnet --serve` as they do
//! against `solana-test-validator`.
//!
//! - HTTP (`POST /`): single and batch JSON-RPC requests; CORS open to any origin (a local
//!   node, for pages served from another port). Methods: see [`methods::dispatch`].
//! - WebSocket (its own port, the RPC port + 1 by convention): `signatureSubscribe`,
//!   `slotSubscribe`, `accountSubscribe`, `logsSubscribe` and their unsubscribes.
//! - Cheatcodes (local only, named as Surfpool names them): `surfnet_timeTravel` and
//!   `surfnet_setTokenAccount`.
//!
//! Everything is bounded: body size, batch length, accounts per call, history kept,
//! connections and subscriptions per connection. Bad input is answered with a JSON-RPC error,
//! never a crash.

mod cheats;
mod encode;
mod methods;
mod program_errors;
mod transactions;
mod ws;

use std::net::SocketAddr;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::serve::ListenerExt;
use axum::Router;
use serde_json::{json, Value};
use tower_http::cors::{Any, CorsLayer};

use io_localchain::clock::LocalClock;
use io_localchain::local::LocalChain;
pub use program_errors::ProgramErrors;

/// A slot's length, as on a cluster (and as the patched solana-program-test's bank runs).
pub const SLOT_DURATION: std::time::Duration = std::time::Duration::from_millis(400);

/// The version the node reports (`getVersion`): the Agave release its runtime comes from.
pub const AGAVE_VERSION: &str = "3.1.12";

/// Bounds on what one client can ask of the node.
#[derive(Clone, Copy, Debug)]
pub struct NodeLimits {
    /// Larger request bodies are refused with 413 before being read.
    pub max_body_bytes: usize,
    /// Requests in one JSON-RPC batch.
    pub max_batch: usize,
    /// Addresses in one `getMultipleAccounts` (a validator's limit too).
    pub max_accounts: usize,
    /// Signatures in one `getSignatureStatuses` (a validator's limit too).
    pub max_signatures: usize,
    /// Open WebSocket connections.
    pub max_ws_connections: usize,
    /// Subscriptions on one WebSocket connection.
    pub max_subscriptions: usize,
    /// Largest WebSocket message accepted.
    pub max_ws_message_bytes: usize,
    /// SOL one `requestAirdrop` may ask for, in lamports.
    pub max_airdrop_lamports: u64,
    /// SOL all airdrops together may give, in lamports: the payer also pays the keeper's
    /// cranks and attestations.
    pub max_airdrop_total_lamports: u64,
}

impl Default for NodeLimits {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            max_batch: 100,
            max_accounts: 100,
            max_signatures: 256,
            max_ws_connections: 256,
            max_subscriptions: 256,
            max_ws_message_bytes: 64 * 1024,
            max_airdrop_lamports: 1_000 * 1_000_000_000,
            max_airdrop_total_lamports: 500_000 * 1_000_000_000,
        }
    }
}

/// The node's state, shared by the HTTP and WebSocket faces.
pub struct Node {
    pub chain: Arc<LocalChain>,
    pub clock: Arc<LocalClock>,
    /// Start of epoch 1 of the deployment on this chain (for the epoch a cheatcode reports).
    pub genesis: i64,
    pub limits: NodeLimits,
    errors: ProgramErrors,
    ws_connections: AtomicUsize,
    /// Lamports given by `requestAirdrop` so far.
    airdropped: std::sync::atomic::AtomicU64,
}

impl Node {
    pub fn new(
        chain: Arc<LocalChain>,
        clock: Arc<LocalClock>,
        genesis: i64,
        limits: NodeLimits,
    ) -> Arc<Self> {
        chain.record_balances();
        Arc::new(Self {
            chain,
            clock,
            genesis,
            limits,
            errors: ProgramErrors::published(),
            ws_connections: AtomicUsize::new(0),
            airdropped: std::sync::atomic::AtomicU64::new(0),
        })
    }
}

/// The JSON-RPC face: `POST /` (and `POST` to any path, as validators accept).
pub fn rpc_router(node: Arc<Node>) -> Router {
    let limit = node.limits.max_body_bytes;
    Router::new()
        .route("/", post(handle_http))
        .fallback(post(handle_http))
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors())
        .with_state(node)
}

/// The WebSocket face, on its own port.
pub fn ws_router(node: Arc<Node>) -> Router {
    Router::new()
        .route("/", any(ws::upgrade))
        .fallback(any(ws::upgrade))
        .with_state(node)
}

/// Any origin may call a local node (a page on another port, a test runner); preflights allow
/// the headers web3.js and Kit send.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers(Any)
        .max_age(std::time::Duration::from_secs(86_400))
}

/// Binds the RPC and WebSocket addresses and serves both until `shutdown` turns true. Returns
/// the bound addresses once listening.
pub async fn spawn(
    node: Arc<Node>,
    rpc: SocketAddr,
    ws: SocketAddr,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<(SocketAddr, SocketAddr)> {
    let rpc_listener = tokio::net::TcpListener::bind(rpc).await?;
    let ws_listener = tokio::net::TcpListener::bind(ws).await?;
    let bound = (rpc_listener.local_addr()?, ws_listener.local_addr()?);
    // A new slot every 400 ms, as the bank makes them (and as a validator makes blocks): what
    // `slotSubscribe` hears and what `lastValidBlockHeight` counts.
    let mut stop = shutdown.clone();
    let chain = node.chain.clone();
    tokio::spawn(async move {
        let mut slots = tokio::time::interval(SLOT_DURATION);
        let mut stoppable = true;
        loop {
            tokio::select! {
                _ = slots.tick() => { chain.tick(); }
                changed = stop.changed(), if stoppable => {
                    // A dropped sender means nobody can stop it: keep ticking.
                    stoppable = changed.is_ok();
                    if stoppable && *stop.borrow() {
                        break;
                    }
                }
            }
        }
    });
    for (listener, app) in [
        (rpc_listener, rpc_router(node.clone())),
        (ws_listener, ws_router(node.clone())),
    ] {
        let mut stop = shutdown.clone();
        tokio::spawn(async move {
            // Small JSON-RPC answers and notifications must not wait on Nagle's algorithm.
            let listener = listener.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            });
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    if stop.wait_for(|stop| *stop).await.is_err() {
                        std::future::pending::<()>().await;
                    }
                })
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "local RPC node stopped");
            }
        });
    }
    Ok(bound)
}

/// Binds an ephemeral RPC port (and one for the WebSocket) on loopback, on a chain whose clock
/// only moves when told to: for tests and for `serve` against a chain hosted by this process.
pub async fn spawn_local(chain: Arc<LocalChain>) -> std::io::Result<(SocketAddr, SocketAddr)> {
    let clock = LocalClock::manual(chain.clone()).await;
    let node = Node::new(
        chain,
        clock,
        io_localchain::DEFAULT_GENESIS_TIMESTAMP,
        NodeLimits::default(),
    );
    let loopback: SocketAddr = ([127, 0, 0, 1], 0).into();
    let (_, never) = tokio::sync::watch::channel(false);
    spawn(node, loopback, loopback, never).await
}

async fn handle_http(State(node): State<Arc<Node>>, body: Bytes) -> Response {
    let answer = match serde_json::from_slice::<Value>(&body) {
        Err(error) => error_response(Value::Null, PARSE_ERROR, format!("parse error: {error}")),
        Ok(Value::Array(batch)) if batch.is_empty() => {
            error_response(Value::Null, INVALID_REQUEST, "empty batch")
        }
        Ok(Value::Array(batch)) if batch.len() > node.limits.max_batch => error_response(
            Value::Null,
            INVALID_REQUEST,
            format!("a batch holds at most {} requests", node.limits.max_batch),
        ),
        Ok(Value::Array(batch)) => {
            let mut answers = Vec::with_capacity(batch.len());
            for request in batch {
                answers.push(answer(&node, request).await);
            }
            Value::Array(answers)
        }
        Ok(request) => answer(&node, request).await,
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        answer.to_string(),
    )
        .into_response()
}

pub(crate) const PARSE_ERROR: i64 = -32700;
pub(crate) const INVALID_REQUEST: i64 = -32600;
pub(crate) const METHOD_NOT_FOUND: i64 = -32601;
pub(crate) const INVALID_PARAMS: i64 = -32602;
pub(crate) const INTERNAL_ERROR: i64 = -32603;

/// A JSON-RPC error object.
#[derive(Debug)]
pub(crate) struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: INVALID_PARAMS,
            message: message.into(),
            data: None,
        }
    }

    fn to_json(&self) -> Value {
        let mut error = json!({ "code": self.code, "message": self.message });
        if let Some(data) = &self.data {
            error["data"] = data.clone();
        }
        error
    }
}

fn error_response(id: Value, code: i64, message: impl Into<String>) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message.into() },
    })
}

/// Answers one request object.
async fn answer(node: &Node, request: Value) -> Value {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        return error_response(id, INVALID_REQUEST, "a request needs a string `method`");
    };
    let params = match request.get("params") {
        None | Some(Value::Null) => Value::Array(Vec::new()),
        Some(params @ Value::Array(_)) => params.clone(),
        Some(_) => return error_response(id, INVALID_PARAMS, "`params` must be an array"),
    };
    match methods::dispatch(node, method, &params).await {
        Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
        Err(error) => json!({ "jsonrpc": "2.0", "id": id, "error": error.to_json() }),
    }
}
