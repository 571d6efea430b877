//! Opening the review from a kept run ([`super::super::kept`]) rather than
//! clustering everything again: the kept clusters, carried over to the
//! cards as they are now, are listed at once; the cards added or changed
//! since, and the clusters that lost cards, are clustered again with their
//! neighbours once the cards are analysed ([`prepare`], [`settle`]), as
//! [`super::regroup`] does after a decision.

use std::collections::HashMap;
use std::sync::Arc;

use super::super::kept::{Kept, Stamp};
use super::super::{Clustering, Member, Progress, Thesaurus};
use super::{Basis, BasisData, Grouping, Request, list};
use crate::core::model::Session;

/// Up to this many cards added, changed or deleted since the kept run
/// (and no more than [`RESUME_SHARE`] of the cards), the review starts
/// from it; beyond, a whole run is cheaper to trust.
pub const RESUME_CARDS: usize = 256;
/// See [`RESUME_CARDS`]: the share of the cards, in per mille (but a few
/// cards of a small session, [`RESUME_FEW`], always).
pub const RESUME_SHARE: usize = 20;
pub const RESUME_FEW: usize = 8;

impl Request {
    /// What a run of this request is made from, apart from the decisions.
    pub fn stamp(&self, thesaurus: &Thesaurus) -> Stamp {
        Stamp::of(&self.cards, &self.options, thesaurus, &self.learned)
    }
}

/// What a listing started from a kept run still has to cluster again once
/// the cards are analysed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    /// Cards added or changed since the kept run.
    pub(super) dirty: Vec<usize>,
    /// One card of each kept cluster that lost cards.
    pub(super) shrunk: Vec<usize>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.dirty.is_empty() && self.shrunk.is_empty()
    }

    /// How many cards differ from the kept run.
    pub fn changed_cards(&self) -> usize {
        self.dirty.len()
    }
}

/// The kept run of a listing: its clusters and what they were made from
/// (`stamp`, of the request it was made for).
pub fn keep(grouping: &Grouping, stamp: Stamp) -> Kept {
    Kept {
        stamp,
        themes: grouping.basis.themes.clone(),
        refused: grouping.basis.refused.clone(),
        clustering: grouping.clustering.clone(),
    }
}

/// A listing of the session from a kept run, for a request with `stamp`:
/// `None` when the kept run was made with other options, thesaurus or
/// engine, or too many cards changed since. The cards as they are now take
/// the places of the kept ones; added and changed cards start alone and
/// are placed by [`settle`]. Lists it at once, with the decisions of the
/// kept run (decisions made since are clustered in by [`settle`]).
pub fn resume(
    kept: Kept,
    request: Request,
    stamp: &Stamp,
    session: &Session,
    dismissed: &[String],
) -> Option<(Grouping, Pending)> {
    let Kept {
        stamp: kept_stamp,
        themes,
        refused,
        clustering,
    } = kept;
    if kept_stamp.options != stamp.options {
        return None;
    }
    let (clusters, pending) = if kept_stamp.cards == stamp.cards {
        (clustering, Pending::default())
    } else {
        carry_over(&kept_stamp, clustering, stamp)?
    };
    let mut grouping = Grouping {
        cards: request.cards,
        clustering: clusters,
        basis: Basis {
            data: None,
            themes,
            refused,
        },
        ..Grouping::default()
    };
    list(&mut grouping, session, dismissed, None);
    Some((grouping, pending))
}

/// The kept clusters with the cards as they are now: a card kept where its
/// stamp is the same, an added or changed card alone, a deleted one gone.
fn carry_over(
    before: &Stamp,
    clustering: Clustering,
    now: &Stamp,
) -> Option<(Clustering, Pending)> {
    let index: HashMap<&str, usize> = now
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    let mut new_of: Vec<Option<usize>> = Vec::with_capacity(before.cards.len());
    let mut placed = vec![false; now.cards.len()];
    let mut gone = 0;
    for c in &before.cards {
        let to = index
            .get(c.key.as_str())
            .copied()
            .filter(|&j| now.cards[j].hash == c.hash && !placed[j]);
        match to {
            Some(j) => placed[j] = true,
            None => gone += 1,
        }
        new_of.push(to);
    }
    let dirty: Vec<usize> = (0..now.cards.len()).filter(|&j| !placed[j]).collect();
    let changed = gone.max(dirty.len());
    let share = (now.cards.len() * RESUME_SHARE / 1000).max(RESUME_FEW);
    if changed > RESUME_CARDS.min(share) {
        return None;
    }
    let mut clusters = Vec::with_capacity(clustering.clusters.len() + dirty.len());
    let mut shrunk = Vec::new();
    for mut c in clustering.clusters {
        let before = c.members.len();
        c.members
            .retain_mut(|m| match new_of.get(m.card).copied().flatten() {
                Some(j) => {
                    m.card = j;
                    true
                }
                None => false,
            });
        if c.members.is_empty() {
            continue;
        }
        if c.members.len() < before {
            shrunk.push(c.members[0].card);
        }
        c.members.sort_by_key(|m| m.card);
        clusters.push(c);
    }
    for &j in &dirty {
        clusters.push(super::super::Cluster {
            label: String::new(),
            theme: None,
            members: vec![Member {
                card: j,
                new: false,
                reasons: Arc::default(),
            }],
        });
    }
    clusters.sort_by(super::super::cluster_order);
    Some((Clustering { clusters }, Pending { dirty, shrunk }))
}

/// The cards analysed for a request, on any thread: what [`settle`] needs.
/// `None` when cancelled.
pub fn prepare(request: Request, thesaurus: &Thesaurus, progress: &Progress) -> Option<Prepared> {
    let data = super::analysed(request, thesaurus, progress)?;
    Some(Prepared(Arc::new(data)))
}

/// The analysed cards of a request ([`prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared(Arc<BasisData>);

/// Takes in the analysed cards and clusters again what changed since the
/// kept run: the `pending` cards and clusters and the decisions made since.
/// False when the cards changed since the request (then only a new run
/// will do).
pub fn settle(
    grouping: &mut Grouping,
    prepared: Prepared,
    pending: &Pending,
    session: &Session,
    dismissed: &[String],
) -> bool {
    grouping.basis.data = Some(prepared.0);
    super::regroup::regroup_with(grouping, session, dismissed, pending)
}

#[cfg(test)]
mod tests;
