//! The uptime trees this keeper built, and what it serves from them (docs/design.md section 14):
//! its observation of an epoch (the bitmap it committed the hash of), the roots it saw final,
//! and each device's leaf and proof, which anyone can turn into a `settle` transaction.
//!
//! | route | answer |
//! |---|---|
//! | `GET /v1/observations/{epoch}` | this keeper's observation of the epoch: its hash, bitmap and leaf count |
//! | `GET /v1/roots/{epoch or latest}` | a root this keeper saw final: epoch, root, leaf count |
//! | `GET /v1/proofs/{device}?epoch=N` | the device's leaf in the latest final root (or epoch N's): uptime, index, siblings |
//!
//! Hashes and bytes are lowercase hex; device addresses base58. The trees are written to the
//! store before their observation is committed on chain, so a restarted keeper serves and votes
//! for the same tree it committed to.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use io_sdk::uptime::UptimeTree;
use serde::Deserialize;
use serde_json::json;

use super::http::refuse;
use super::Service;
use crate::store::KEPT_TREES;
use io_heartbeat::hex_string;

/// The trees built for recent epochs, and which of them the chain finalized.
#[derive(Default)]
pub struct TreeBook {
    built: BTreeMap<u32, Arc<UptimeTree>>,
    finalized: BTreeSet<u32>,
}

impl TreeBook {
    /// The trees a store kept, with the epochs this keeper saw finalize.
    pub fn restore(trees: Vec<UptimeTree>, finalized: impl IntoIterator<Item = u32>) -> Self {
        let mut book = Self::default();
        for tree in trees {
            book.built.insert(tree.epoch, Arc::new(tree));
        }
        book.finalized = finalized
            .into_iter()
            .filter(|epoch| book.built.contains_key(epoch))
            .collect();
        book
    }

    /// Keeps `tree` as this keeper's for its epoch (replacing one built before), and forgets
    /// all but the newest few.
    pub fn keep(&mut self, tree: Arc<UptimeTree>) {
        self.built.insert(tree.epoch, tree);
        while self.built.len() > KEPT_TREES {
            if let Some((old, _)) = self.built.pop_first() {
                self.finalized.remove(&old);
            }
        }
    }

    pub fn built(&self, epoch: u32) -> Option<Arc<UptimeTree>> {
        self.built.get(&epoch).cloned()
    }

    /// Records that the tree of `epoch` is the chain's finalized root.
    pub fn mark_final(&mut self, epoch: u32) {
        if self.built.contains_key(&epoch) {
            self.finalized.insert(epoch);
        }
    }

    /// The final tree of `epoch`, or the newest final one.
    pub fn final_tree(&self, epoch: Option<u32>) -> Option<Arc<UptimeTree>> {
        let epoch = match epoch {
            Some(epoch) => self.finalized.get(&epoch).copied()?,
            None => self.finalized.last().copied()?,
        };
        self.built(epoch)
    }
}

/// `latest`, or an epoch number.
fn parse_epoch(
    service: &Service,
    route: &'static str,
    text: &str,
) -> Result<Option<u32>, Box<Response>> {
    if text == "latest" {
        return Ok(None);
    }
    text.parse::<u32>().map(Some).map_err(|_| {
        Box::new(refuse(
            service,
            route,
            StatusCode::BAD_REQUEST,
            "bad_epoch",
            format!("{text:?} is not an epoch number (or `latest`)"),
        ))
    })
}

fn unknown_epoch(service: &Service, route: &'static str, what: &str) -> Response {
    refuse(
        service,
        route,
        StatusCode::NOT_FOUND,
        "unknown_epoch",
        format!("this keeper has no {what}"),
    )
}

pub(crate) async fn observation(
    State(service): State<Arc<Service>>,
    Path(epoch): Path<String>,
) -> Response {
    const ROUTE: &str = "observation";
    let epoch = match parse_epoch(&service, ROUTE, &epoch) {
        Ok(Some(epoch)) => epoch,
        Ok(None) => match service.trees().built.last_key_value() {
            Some((epoch, _)) => *epoch,
            None => return unknown_epoch(&service, ROUTE, "observation yet"),
        },
        Err(refusal) => return *refusal,
    };
    let Some(tree) = service.trees().built(epoch) else {
        return unknown_epoch(&service, ROUTE, &format!("observation of epoch {epoch}"));
    };
    let (bitmap, hash) = tree.observation();
    service.metrics.respond(ROUTE, 200);
    Json(json!({
        "epoch": epoch,
        "hash": hex_string(&hash),
        "leaf_count": tree.leaf_count(),
        "bitmap": hex_string(&bitmap),
    }))
    .into_response()
}

pub(crate) async fn root(
    State(service): State<Arc<Service>>,
    Path(epoch): Path<String>,
) -> Response {
    const ROUTE: &str = "root";
    let epoch = match parse_epoch(&service, ROUTE, &epoch) {
        Ok(epoch) => epoch,
        Err(refusal) => return *refusal,
    };
    let Some(tree) = service.trees().final_tree(epoch) else {
        return unknown_epoch(&service, ROUTE, "final root of that epoch");
    };
    service.metrics.respond(ROUTE, 200);
    Json(json!({
        "epoch": tree.epoch,
        "root": hex_string(&tree.root()),
        "leaf_count": tree.leaf_count(),
    }))
    .into_response()
}

#[derive(Deserialize)]
pub(crate) struct ProofQuery {
    epoch: Option<u32>,
}

pub(crate) async fn proof(
    State(service): State<Arc<Service>>,
    Path(device): Path<String>,
    Query(query): Query<ProofQuery>,
) -> Response {
    const ROUTE: &str = "proof";
    let Ok(device) = Pubkey::from_str(&device) else {
        return refuse(
            &service,
            ROUTE,
            StatusCode::BAD_REQUEST,
            "bad_device",
            format!("{device:?} is not a base58 device address"),
        );
    };
    let Some(tree) = service.trees().final_tree(query.epoch) else {
        return unknown_epoch(&service, ROUTE, "final root of that epoch");
    };
    let Some(leaf) = tree.proof_for(&device) else {
        return refuse(
            &service,
            ROUTE,
            StatusCode::NOT_FOUND,
            "not_a_leaf",
            format!("{device} is not a leaf of the root of epoch {}", tree.epoch),
        );
    };
    service.metrics.respond(ROUTE, 200);
    Json(json!({
        "device": device.to_string(),
        "epoch": leaf.epoch,
        "root": hex_string(&tree.root()),
        "leaf_count": tree.leaf_count(),
        "index": leaf.index,
        "uptime": hex_string(&leaf.uptime),
        "proof": leaf.proof.iter().map(|node| hex_string(node)).collect::<Vec<_>>(),
    }))
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use io_sdk::uptime::uptime_bits;

    fn tree(epoch: u32, devices: &[Pubkey]) -> Arc<UptimeTree> {
        let leaves = devices
            .iter()
            .map(|d| (*d, uptime_bits(epoch, [epoch])))
            .collect();
        Arc::new(UptimeTree::build(epoch, leaves).unwrap())
    }

    #[test]
    fn only_finalized_trees_are_served_and_old_ones_are_forgotten() {
        let devices = [Pubkey::new_unique(), Pubkey::new_unique()];
        let mut book = TreeBook::default();
        book.keep(tree(5, &devices));
        assert!(book.final_tree(None).is_none(), "built, not final");
        book.mark_final(5);
        book.mark_final(9); // never built here: ignored
        assert_eq!(book.final_tree(None).unwrap().epoch, 5);
        for epoch in 6..=8 {
            book.keep(tree(epoch, &devices));
        }
        // Three kept: 6, 7, 8; epoch 5 went with its final mark.
        assert!(book.built(5).is_none() && book.final_tree(Some(5)).is_none());
        book.mark_final(8);
        assert_eq!(book.final_tree(None).unwrap().epoch, 8);
        assert!(book.final_tree(Some(7)).is_none());
        let restored = TreeBook::restore(vec![(*book.built(8).unwrap()).clone()], [7, 8]);
        assert_eq!(
            restored.final_tree(None).unwrap().root(),
            book.built(8).unwrap().root()
        );
    }
}
