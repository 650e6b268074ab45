//! The indexer's HTTP API: epochs and per-device history as JSON, or CSV with `?format=csv`.
//! Bad input is answered 400 with a reason; the server keeps serving.

use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::store::{EpochRow, HistoryRow, IndexStore};

/// Most rows one request returns.
pub const MAX_ROWS: usize = 5_000;
const DEFAULT_ROWS: usize = 100;

#[derive(Clone)]
pub struct ApiState {
    pub store: IndexStore,
    /// What a web app needs to find the chain (`/v1/config`), when this keeper knows it.
    pub client_config: Option<serde_json::Value>,
}

pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/v1/epochs", get(epochs))
        .route("/v1/devices/{key}/history", get(history))
        .route("/v1/index", get(totals))
        .route("/v1/config", get(client_config))
        .with_state(state)
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    limit: Option<String>,
    before: Option<String>,
    format: Option<String>,
}

#[derive(Serialize)]
struct ApiError {
    error: &'static str,
    message: String,
}

/// A 400 with its reason, still to be turned into a response (small, so results stay small).
struct BadRequest(&'static str, String);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let body = ApiError {
            error: self.0,
            message: self.1,
        };
        (StatusCode::BAD_REQUEST, Json(body)).into_response()
    }
}

fn bad_request(error: &'static str, message: impl Into<String>) -> BadRequest {
    BadRequest(error, message.into())
}

fn internal(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "index read failed");
    let body = ApiError {
        error: "index_unavailable",
        message: "the index could not be read; retry shortly".into(),
    };
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}

enum Format {
    Json,
    Csv,
}

struct Parsed {
    limit: usize,
    /// An epoch (`/v1/epochs`) or a history row's `seq` (device history), exclusive.
    before: Option<u64>,
    format: Format,
}

fn parse(query: &ListQuery) -> Result<Parsed, BadRequest> {
    let limit = match &query.limit {
        None => DEFAULT_ROWS,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=MAX_ROWS).contains(&n) => n,
            _ => {
                return Err(bad_request(
                    "bad_limit",
                    format!("limit must be a whole number from 1 to {MAX_ROWS}"),
                ))
            }
        },
    };
    let before = match &query.before {
        None => None,
        Some(text) => Some(text.parse::<u64>().map_err(|_| {
            bad_request(
                "bad_before",
                "before must be a whole number: an epoch for /v1/epochs, a row's seq for a history",
            )
        })?),
    };
    let format = match query.format.as_deref() {
        None | Some("json") => Format::Json,
        Some("csv") => Format::Csv,
        Some(other) => {
            return Err(bad_request(
                "bad_format",
                format!("format must be json or csv, not {other:?}"),
            ))
        }
    };
    Ok(Parsed {
        limit,
        before,
        format,
    })
}

fn csv_response(file_name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn text<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Every field is a number, a base58 key or a fixed word, so no CSV quoting is ever needed.
fn epochs_csv(rows: &[EpochRow]) -> String {
    let mut out = String::from(
        "epoch,minted,scheduled,cumulative_minted,cap_remaining,emission,active_devices,\
         enterprise_emission,community_emission,attested_devices,credited,forfeited,closed_at\n",
    );
    for row in rows {
        let class = |c: &Option<super::store::ClassRow>| {
            c.as_ref().map(|c| c.emission.clone()).unwrap_or_default()
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            row.epoch,
            text(&row.minted),
            text(&row.scheduled),
            text(&row.cumulative_minted),
            text(&row.cap_remaining),
            text(&row.emission),
            text(&row.active_devices),
            class(&row.enterprise),
            class(&row.community),
            row.attested_devices,
            row.credited,
            row.forfeited,
            text(&row.closed_at),
        ));
    }
    out
}

fn history_csv(rows: &[HistoryRow]) -> String {
    let mut out =
        String::from("seq,kind,epoch,time,slot,signature,amount,forfeited,streak,active,stake\n");
    for row in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            row.seq,
            row.kind,
            text(&row.epoch),
            row.time,
            row.slot,
            row.signature,
            row.amount,
            row.forfeited,
            text(&row.streak),
            text(&row.active),
            text(&row.stake),
        ));
    }
    out
}

async fn epochs(State(state): State<ApiState>, Query(query): Query<ListQuery>) -> Response {
    let parsed = match parse(&query) {
        Ok(parsed) => parsed,
        Err(refusal) => return refusal.into_response(),
    };
    let before = match parsed.before.map(u32::try_from).transpose() {
        Ok(before) => before,
        Err(_) => {
            return bad_request("bad_before", "before must be an epoch number (1 to 175319)")
                .into_response()
        }
    };
    let store = state.store.clone();
    let rows = tokio::task::spawn_blocking(move || store.epochs(before, parsed.limit)).await;
    match rows {
        Ok(Ok(rows)) => match parsed.format {
            Format::Json => Json(rows).into_response(),
            Format::Csv => csv_response("io-epochs.csv", epochs_csv(&rows)),
        },
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error),
    }
}

/// `key` is a device key (the worker's) or a device account; history is kept by account and
/// served newest first (`before` a row's `seq` pages back).
async fn history(
    State(state): State<ApiState>,
    Path(key): Path<String>,
    Query(query): Query<ListQuery>,
) -> Response {
    let parsed = match parse(&query) {
        Ok(parsed) => parsed,
        Err(refusal) => return refusal.into_response(),
    };
    let Ok(key) = Pubkey::from_str(&key) else {
        return bad_request("bad_key", "the device must be a base58 public key").into_response();
    };
    let store = state.store.clone();
    let account = store.addresses().device(&key);
    let rows = tokio::task::spawn_blocking(move || {
        let by_device_key = store.history(&account, parsed.before, parsed.limit)?;
        if by_device_key.is_empty() {
            store.history(&key, parsed.before, parsed.limit)
        } else {
            Ok(by_device_key)
        }
    })
    .await;
    match rows {
        Ok(Ok(rows)) => match parsed.format {
            Format::Json => Json(rows).into_response(),
            Format::Csv => csv_response(&format!("io-device-{key}.csv"), history_csv(&rows)),
        },
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error),
    }
}

async fn totals(State(state): State<ApiState>) -> Response {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || store.totals()).await {
        Ok(Ok(totals)) => Json(totals).into_response(),
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error),
    }
}

async fn client_config(State(state): State<ApiState>) -> Response {
    match state.client_config {
        Some(config) => Json(config).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(ApiError {
                error: "no_config",
                message: "this keeper does not publish a client configuration".into(),
            }),
        )
            .into_response(),
    }
}
