//! The HTTP API. Every refusal is a 4xx (or a 503 when storage fails) with a JSON body naming
//! the reason, and is counted under that reason in `/metrics`.
//!
//! | route | answer |
//! |---|---|
//! | `GET /v1/challenge/{device_key}` | a one-time nonce, the current epoch and slot |
//! | `POST /v1/heartbeat` | body: borsh `SignedHeartbeat`; 200 once stored |
//! | `GET /v1/devices/{device_key}/uptime` | slots earned and attestation, per recent epoch |
//! | `GET /v1/observations/{epoch}`, `/v1/roots/{epoch}`, `/v1/proofs/{device}` | see [`crate::roots`] |
//! | `GET /healthz` | liveness and what the service knows |
//! | `GET /metrics` | Prometheus text |

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anchor_lang::prelude::Pubkey;
use axum::body::{to_bytes, Body};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::json;
use tokio::sync::Semaphore;

use super::admission::{Challenge, ChallengeRefused, Refused};
use super::Service;
use crate::verifier::{decode_heartbeat, Rejection};
pub use io_heartbeat::hex_string;

/// Epochs of history the uptime route shows at most.
const UPTIME_EPOCHS: usize = 48;

/// Load shedding in front of every route.
#[derive(Clone, Copy, Debug)]
pub struct HttpLimits {
    /// Requests handled at once; more are answered 503 `overloaded` at once rather than queued.
    pub max_in_flight: usize,
    /// A request (reading its body included) that takes longer is answered 408.
    pub request_timeout: Duration,
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            max_in_flight: 4_096,
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// The API with the default [`HttpLimits`].
/// The routes under the service's configured [`HttpLimits`].
pub fn router(service: Arc<Service>) -> Router {
    let limits = service.config.http;
    router_with_limits(service, limits)
}

pub fn router_with_limits(service: Arc<Service>, limits: HttpLimits) -> Router {
    router_with(service, limits, Router::new())
}

/// The service's routes and `extra` (the indexer's API, the web app), all under the same
/// load shedding and request timeout.
pub fn router_with(service: Arc<Service>, limits: HttpLimits, extra: Router) -> Router {
    let guard = Guard {
        service: service.clone(),
        in_flight: Arc::new(Semaphore::new(limits.max_in_flight)),
        timeout: limits.request_timeout,
    };
    Router::new()
        .route("/v1/challenge/{device_key}", get(challenge))
        .route("/v1/heartbeat", post(heartbeat))
        .route("/v1/devices/{device_key}/uptime", get(uptime))
        .route("/v1/observations/{epoch}", get(crate::roots::observation))
        .route("/v1/roots/{epoch}", get(crate::roots::root))
        .route("/v1/proofs/{device}", get(crate::roots::proof))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(service)
        .merge(extra)
        // The heartbeat route enforces its own limit, with its own reason and metric.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(guard, shed_load))
}

#[derive(Clone)]
struct Guard {
    service: Arc<Service>,
    in_flight: Arc<Semaphore>,
    timeout: Duration,
}

async fn shed_load(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let Ok(_permit) = guard.in_flight.try_acquire() else {
        return refuse(
            &guard.service,
            "any",
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "too many requests in flight; retry shortly",
        );
    };
    match tokio::time::timeout(guard.timeout, next.run(request)).await {
        Ok(response) => response,
        // A heartbeat whose store was under way may still be counted: a retry then finds its
        // slot taken, which the probe treats as delivered.
        Err(_) => refuse(
            &guard.service,
            "any",
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!(
                "the request took longer than {} s",
                guard.timeout.as_secs_f64()
            ),
        ),
    }
}

#[derive(Serialize)]
struct HeartbeatAccepted {
    status: &'static str,
    epoch: u32,
    slot: u32,
    heartbeats_in_epoch: u32,
    heartbeats_needed: u32,
}

#[derive(Serialize)]
struct Refusal {
    error: &'static str,
    message: String,
}

pub(crate) fn refuse(
    service: &Service,
    route: &'static str,
    status: StatusCode,
    reason: &'static str,
    message: impl Into<String>,
) -> Response {
    service.metrics.reject(reason);
    service.metrics.respond(route, status.as_u16());
    let body = Refusal {
        error: reason,
        message: message.into(),
    };
    (status, Json(body)).into_response()
}

fn status_of(rejection: Rejection) -> StatusCode {
    match rejection {
        Rejection::UnknownDevice => StatusCode::NOT_FOUND,
        Rejection::BadSignature => StatusCode::UNAUTHORIZED,
        Rejection::HardwareMismatch => StatusCode::FORBIDDEN,
        Rejection::UnknownNonce | Rejection::StaleNonce | Rejection::DuplicateSlot => {
            StatusCode::CONFLICT
        }
        Rejection::WrongEpoch => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn refuse_heartbeat(service: &Service, rejection: Rejection) -> Response {
    refuse(
        service,
        "heartbeat",
        status_of(rejection),
        rejection.reason(),
        rejection.explanation(),
    )
}

/// The device key in a route's path, or the 400 that says it is not one.
fn parse_device_key(
    service: &Service,
    route: &'static str,
    text: &str,
) -> Result<Pubkey, Box<Response>> {
    Pubkey::from_str(text).map_err(|_| {
        Box::new(refuse(
            service,
            route,
            StatusCode::BAD_REQUEST,
            "bad_device_key",
            "the device key is not a base58 public key",
        ))
    })
}

fn rate_limited(service: &Service, route: &'static str, retry_after: u64) -> Response {
    let mut response = refuse(
        service,
        route,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!(
            "more than {} requests a minute for this device; retry in {retry_after} s",
            service.config.rate_limit_per_minute
        ),
    );
    if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

async fn challenge(State(service): State<Arc<Service>>, Path(device): Path<String>) -> Response {
    const ROUTE: &str = "challenge";
    let device_key = match parse_device_key(&service, ROUTE, &device) {
        Ok(key) => key,
        Err(refusal) => return *refusal,
    };
    let Challenge {
        nonce,
        epoch,
        slot,
        now,
    } = match service.challenge(&device_key) {
        Ok(challenge) => challenge,
        Err(ChallengeRefused::UnknownDevice) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::NOT_FOUND,
                Rejection::UnknownDevice.reason(),
                Rejection::UnknownDevice.explanation(),
            )
        }
        Err(ChallengeRefused::OutsideSchedule) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::CONFLICT,
                "outside_schedule",
                "the emission schedule has not started or has ended; no heartbeats are counted",
            )
        }
    };
    let policy = service.config.policy;
    service.metrics.respond(ROUTE, 200);
    Json(json!({
        "device_key": device_key.to_string(),
        "nonce": hex_string(&nonce),
        "epoch": epoch,
        "slot": slot,
        "heartbeats_per_epoch": policy.heartbeats_per_epoch,
        "slot_seconds": policy.slot_seconds(),
        "next_slot_at": next_slot_start(&policy, epoch, slot),
        "server_time": now,
        "expires_at": now + policy.nonce_ttl_seconds,
        "clock_rate": service.clock_rate(),
    }))
    .into_response()
}

fn next_slot_start(policy: &crate::verifier::HeartbeatPolicy, epoch: u32, slot: u32) -> i64 {
    if slot + 1 < policy.heartbeats_per_epoch {
        policy.slot_start(epoch, slot + 1)
    } else {
        policy.slot_start(epoch + 1, 0)
    }
    .unwrap_or(i64::MAX)
}

async fn heartbeat(
    State(service): State<Arc<Service>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    const ROUTE: &str = "heartbeat";
    let started = Instant::now();
    let limit = service.config.max_body_bytes;
    let too_large = || {
        refuse(
            &service,
            ROUTE,
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("a heartbeat body is at most {limit} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large();
    }
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(error) if is_length_limit(&error) => return too_large(),
        Err(error) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                format!("the body could not be read: {error}"),
            )
        }
    };
    let heartbeat = match decode_heartbeat(&bytes) {
        Ok(heartbeat) => heartbeat,
        Err(error) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::BAD_REQUEST,
                "malformed_body",
                error.to_string(),
            )
        }
    };
    let accepted = match service.admit(&heartbeat).await {
        Ok(accepted) => accepted,
        Err(Refused::Heartbeat(rejection)) => return refuse_heartbeat(&service, rejection),
        Err(Refused::EpochAttested) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::UNPROCESSABLE_ENTITY,
                Rejection::WrongEpoch.reason(),
                "this epoch is already attested; heartbeats for it no longer count",
            )
        }
        Err(Refused::RateLimited { retry_after }) => {
            return rate_limited(&service, ROUTE, retry_after)
        }
        Err(Refused::StoreUnavailable) => {
            return refuse(
                &service,
                ROUTE,
                StatusCode::SERVICE_UNAVAILABLE,
                "store_unavailable",
                "the heartbeat could not be stored; retry with a new challenge",
            )
        }
    };
    service
        .metrics
        .observe_heartbeat_latency(started.elapsed().as_secs_f64());
    service.metrics.respond(ROUTE, 200);
    let policy = service.config.policy;
    Json(HeartbeatAccepted {
        status: "accepted",
        epoch: accepted.epoch,
        slot: accepted.slot,
        heartbeats_in_epoch: service
            .verifier
            .heartbeats(accepted.epoch, &accepted.device_key),
        heartbeats_needed: policy.needed(service.config.uptime_threshold_percent),
    })
    .into_response()
}

async fn uptime(State(service): State<Arc<Service>>, Path(device): Path<String>) -> Response {
    const ROUTE: &str = "uptime";
    let device_key = match parse_device_key(&service, ROUTE, &device) {
        Ok(key) => key,
        Err(refusal) => return *refusal,
    };
    let registered = service.verifier.registered(&device_key);
    let policy = service.config.policy;
    let needed = policy.needed(service.config.uptime_threshold_percent);
    let current = policy.position(service.now()).map(|(epoch, _)| epoch);
    let last = current.unwrap_or(0);
    let recent = (1..=last).rev().take(UPTIME_EPOCHS);
    let mut epochs = Vec::new();
    for epoch in recent {
        let slots = service.verifier.slots(epoch, &device_key);
        if slots == 0 {
            continue;
        }
        // Up in this keeper's tally, and a root covering the epoch is final.
        let attested = slots.count_ones() >= needed && service.epoch_done(epoch);
        epochs.push(json!({
            "epoch": epoch,
            "heartbeats": slots.count_ones(),
            "slots": format!("{slots:b}"),
            "up": slots.count_ones() >= needed,
            "attested": attested,
        }));
    }
    service.metrics.respond(ROUTE, 200);
    Json(json!({
        "device_key": device_key.to_string(),
        "registered": registered.is_some(),
        "device_account": registered.map(|d| d.account.to_string()),
        "current_epoch": current,
        "heartbeats_per_epoch": policy.heartbeats_per_epoch,
        "heartbeats_needed": needed,
        "epochs": epochs,
    }))
    .into_response()
}

async fn healthz(State(service): State<Arc<Service>>) -> Response {
    service.metrics.respond("healthz", 200);
    let metrics = &service.metrics;
    Json(json!({
        "status": "ok",
        "server_time": service.now(),
        "registered_devices": service.verifier.registered_count(),
        "last_closed_epoch": metrics.last_closed_epoch.get(),
        "last_attested_epoch": metrics.last_attested_epoch.get(),
        "heartbeats_accepted": metrics.heartbeats_accepted.get(),
    }))
    .into_response()
}

async fn metrics(State(service): State<Arc<Service>>) -> Response {
    service.metrics.respond("metrics", 200);
    let text = service
        .metrics
        .render(service.verifier.outstanding_challenges());
    ([(header::CONTENT_TYPE, super::metrics::CONTENT_TYPE)], text).into_response()
}

async fn method_not_allowed(State(service): State<Arc<Service>>) -> Response {
    refuse(
        &service,
        "other",
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "POST /v1/heartbeat; every other route is GET",
    )
}

async fn no_such_route(State(service): State<Arc<Service>>) -> Response {
    refuse(
        &service,
        "other",
        StatusCode::NOT_FOUND,
        "no_such_route",
        "routes: GET /v1/challenge/{device_key}, POST /v1/heartbeat, \
         GET /v1/devices/{device_key}/uptime, GET /v1/observations/{epoch}, \
         GET /v1/roots/{epoch}, GET /v1/proofs/{device}, GET /healthz, GET /metrics",
    )
}

/// Whether reading a body failed because it outgrew the limit (and not because the client
/// hung up or sent broken chunks).
fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if current.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = current.source();
    }
    false
}
