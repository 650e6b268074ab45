//! The PubSub WebSocket: `signatureSubscribe` (notified when the transaction is processed, or
//! at once if it already was), `slotSubscribe`, `accountSubscribe` (after each transaction that
//! names the account), `logsSubscribe` (`"all"` or `{ "mentions": [address] }`), and their
//! unsubscribes. Bounded: connections, subscriptions per connection, message size.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use solana_account_decoder::UiAccountEncoding;
use solana_signature::Signature;
use tokio::sync::broadcast::error::RecvError;

use super::encode::{account_encoding, config, err_json, ui_account};
use super::{Node, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR};
use io_localchain::local::{ChainEvent, TxRecord};

enum Subscription {
    Signature(Signature),
    Slot,
    Account(Pubkey, UiAccountEncoding),
    Logs(Option<Pubkey>),
}

impl Subscription {
    fn kind(&self) -> &'static str {
        match self {
            Subscription::Signature(_) => "signature",
            Subscription::Slot => "slot",
            Subscription::Account(..) => "account",
            Subscription::Logs(_) => "logs",
        }
    }
}

pub async fn upgrade(State(node): State<Arc<Node>>, upgrade: WebSocketUpgrade) -> Response {
    let Some(slot) = ConnectionSlot::take(node.clone()) else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "too many WebSocket connections to the local node",
        )
            .into_response();
    };
    let max = node.limits.max_ws_message_bytes;
    // The slot is freed when the connection ends, or when the upgrade never completes and the
    // callback is dropped unrun.
    upgrade
        .max_message_size(max)
        .max_frame_size(max)
        .on_upgrade(move |socket| async move {
            Connection {
                node: slot.node.clone(),
                subscriptions: HashMap::new(),
                next_id: 0,
            }
            .serve(socket)
            .await;
            drop(slot);
        })
}

/// One of the node's bounded WebSocket connections, given back on drop.
struct ConnectionSlot {
    node: Arc<Node>,
}

impl ConnectionSlot {
    fn take(node: Arc<Node>) -> Option<Self> {
        let open = node.ws_connections.fetch_add(1, Ordering::SeqCst);
        let slot = Self { node };
        (open < slot.node.limits.max_ws_connections).then_some(slot)
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        self.node.ws_connections.fetch_sub(1, Ordering::SeqCst);
    }
}

struct Connection {
    node: Arc<Node>,
    subscriptions: HashMap<u64, Subscription>,
    next_id: u64,
}

impl Connection {
    async fn serve(mut self, mut socket: WebSocket) {
        let mut events = self.node.chain.subscribe();
        loop {
            tokio::select! {
                message = socket.recv() => {
                    let text = match message {
                        Some(Ok(Message::Text(text))) => text.to_string(),
                        Some(Ok(Message::Binary(bytes))) => String::from_utf8_lossy(&bytes).into_owned(),
                        Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                        Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                    };
                    for reply in self.handle(&text).await {
                        if socket.send(Message::Text(reply.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                }
                event = events.recv() => {
                    let event = match event {
                        Ok(event) => event,
                        // A slow reader misses notifications rather than stalling the chain.
                        Err(RecvError::Lagged(_)) => continue,
                        Err(RecvError::Closed) => return,
                    };
                    for notification in self.notifications(&event).await {
                        if socket.send(Message::Text(notification.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// The replies to one message (and, for a signature already processed, its notification).
    async fn handle(&mut self, text: &str) -> Vec<Value> {
        let request: Value = match serde_json::from_str(text) {
            Ok(request) => request,
            Err(error) => {
                return vec![error_reply(
                    Value::Null,
                    PARSE_ERROR,
                    &format!("parse error: {error}"),
                )]
            }
        };
        let id = request.get("id").cloned().unwrap_or(Value::Null);
        let Some(method) = request.get("method").and_then(Value::as_str) else {
            return vec![error_reply(
                id,
                INVALID_REQUEST,
                "a request needs a string `method`",
            )];
        };
        let params = request.get("params").cloned().unwrap_or(json!([]));
        if let Some(kind) = method.strip_suffix("Unsubscribe") {
            let removed = params
                .get(0)
                .and_then(Value::as_u64)
                .and_then(|sub| match self.subscriptions.get(&sub) {
                    Some(s) if s.kind() == kind => self.subscriptions.remove(&sub),
                    _ => None,
                })
                .is_some();
            if !removed {
                return vec![error_reply(id, INVALID_PARAMS, "Invalid subscription id.")];
            }
            return vec![json!({ "jsonrpc": "2.0", "result": true, "id": id })];
        }
        let subscription = match parse_subscription(method, &params) {
            Ok(subscription) => subscription,
            Err((code, message)) => return vec![error_reply(id, code, &message)],
        };
        if self.subscriptions.len() >= self.node.limits.max_subscriptions {
            return vec![error_reply(
                id,
                INVALID_REQUEST,
                &format!(
                    "at most {} subscriptions per connection",
                    self.node.limits.max_subscriptions
                ),
            )];
        }
        self.next_id += 1;
        let sub = self.next_id;
        let mut replies = vec![json!({ "jsonrpc": "2.0", "result": sub, "id": id })];
        // Transactions are processed when sent: the signature may be known already.
        if let Subscription::Signature(signature) = &subscription {
            if let Some(record) = self.node.chain.transaction(signature) {
                replies.push(signature_notification(sub, &record));
                return replies;
            }
        }
        self.subscriptions.insert(sub, subscription);
        replies
    }

    async fn notifications(&mut self, event: &ChainEvent) -> Vec<Value> {
        let mut out = Vec::new();
        let mut done = Vec::new();
        for (sub, subscription) in &self.subscriptions {
            match (subscription, event) {
                (Subscription::Slot, ChainEvent::Slot(slot)) => out.push(notification(
                    "slotNotification",
                    *sub,
                    json!({ "parent": slot.saturating_sub(1), "root": slot, "slot": slot }),
                )),
                (Subscription::Signature(signature), ChainEvent::Transaction(record))
                    if record.signature == *signature =>
                {
                    out.push(signature_notification(*sub, record));
                    done.push(*sub);
                }
                (Subscription::Logs(mentions), ChainEvent::Transaction(record))
                    if mentions.is_none_or(|address| names(record, &address)) =>
                {
                    let logs = self.node.errors.annotate(&record.logs, record.err.as_ref());
                    out.push(notification(
                        "logsNotification",
                        *sub,
                        json!({
                            "context": { "slot": record.slot },
                            "value": {
                                "signature": record.signature.to_string(),
                                "err": err_json(record.err.as_ref()),
                                "logs": logs,
                            },
                        }),
                    ));
                }
                (Subscription::Account(address, encoding), ChainEvent::Transaction(record))
                    if record.err.is_none() && names(record, address) =>
                {
                    // A closed account is notified as a validator does: no lamports, no data,
                    // owned by the System Program.
                    let account = self.node.chain.account(address).await.unwrap_or_default();
                    let value = ui_account(&self.node, address, &account, *encoding, None).await;
                    out.push(notification(
                        "accountNotification",
                        *sub,
                        json!({ "context": { "slot": record.slot }, "value": value }),
                    ));
                }
                _ => {}
            }
        }
        for sub in done {
            self.subscriptions.remove(&sub);
        }
        out
    }
}

fn names(record: &TxRecord, address: &Pubkey) -> bool {
    record
        .transaction
        .message
        .static_account_keys()
        .contains(address)
}

fn parse_subscription(method: &str, params: &Value) -> Result<Subscription, (i64, String)> {
    let invalid = |message: &str| (INVALID_PARAMS, message.to_string());
    let address = |value: &Value| {
        value
            .as_str()
            .and_then(|text| Pubkey::from_str(text).ok())
            .ok_or_else(|| invalid("Invalid param: expected a base58 public key"))
    };
    match method {
        "signatureSubscribe" => params
            .get(0)
            .and_then(Value::as_str)
            .and_then(|text| Signature::from_str(text).ok())
            .map(Subscription::Signature)
            .ok_or_else(|| invalid("Invalid param: expected a base58 signature")),
        "slotSubscribe" => Ok(Subscription::Slot),
        "accountSubscribe" => {
            let account = address(params.get(0).unwrap_or(&Value::Null))?;
            let config = config(params, 1).map_err(|e| invalid(&e.message))?;
            let encoding = account_encoding(config).map_err(|e| invalid(&e.message))?;
            Ok(Subscription::Account(account, encoding))
        }
        "logsSubscribe" => match params.get(0) {
            Some(Value::String(filter)) if filter == "all" || filter == "allWithVotes" => {
                Ok(Subscription::Logs(None))
            }
            Some(Value::Object(filter)) => match filter.get("mentions").and_then(Value::as_array) {
                Some(mentions) if mentions.len() == 1 => {
                    Ok(Subscription::Logs(Some(address(&mentions[0])?)))
                }
                _ => Err(invalid(
                    "Invalid Request: Only 1 address supported in `mentions`",
                )),
            },
            _ => Err(invalid(
                "Invalid param: expected \"all\" or { \"mentions\": [address] }",
            )),
        },
        other => Err((
            METHOD_NOT_FOUND,
            format!("Method not found: the local node has no subscription {other:?}"),
        )),
    }
}

fn notification(method: &str, subscription: u64, result: Value) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": method,
        "params": { "result": result, "subscription": subscription },
    })
}

fn signature_notification(subscription: u64, record: &TxRecord) -> Value {
    notification(
        "signatureNotification",
        subscription,
        json!({
            "context": { "slot": record.slot },
            "value": { "err": err_json(record.err.as_ref()) },
        }),
    )
}

fn error_reply(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}
