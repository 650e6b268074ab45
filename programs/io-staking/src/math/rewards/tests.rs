use super::*;

const E1: u64 = 456_621_004_566;

fn active(acc: &mut Accumulator, weight: u64) -> Position {
    let mut pos = Position {
        weight,
        ..Position::default()
    };
    activate(acc, &mut pos).unwrap();
    pos
}

#[test]
fn two_devices_share_an_epoch_in_proportion_to_weight() {
    // An H100 (M = 10.00) and an RTX 4090 (M = 1.25), one GPU each: weights 1000 and 125.
    let mut acc = Accumulator::default();
    let mut h100 = active(&mut acc, 1_000);
    let mut rtx = active(&mut acc, 125);
    let before = acc.reward_per_weight;
    let after = close_epoch(&mut acc, E1).unwrap();
    let a = settle_attested(&mut acc, &mut h100, before, after).unwrap();
    let b = settle_attested(&mut acc, &mut rtx, before, after).unwrap();
    assert_eq!(a.credited, 405_885_337_392);
    assert_eq!(b.credited, 50_735_667_174);
    assert_eq!(
        a.credited + b.credited,
        E1,
        "this split happens to be exact"
    );
    assert_eq!(a.credited, 8 * b.credited);
    assert_eq!((a.forfeited, b.forfeited), (0, 0));
}

#[test]
fn nobody_active_carries_the_whole_emission() {
    let mut acc = Accumulator::default();
    close_epoch(&mut acc, E1).unwrap();
    assert_eq!(acc.reward_per_weight, 0);
    assert_eq!(acc.carry_scaled, E1 as u128 * RPW_SCALE);
    // The next close pays both epochs to whoever is active then.
    let mut pos = active(&mut acc, 500);
    let before = acc.reward_per_weight;
    let after = close_epoch(&mut acc, E1).unwrap();
    let s = settle_attested(&mut acc, &mut pos, before, after).unwrap();
    assert_eq!(s.credited, 2 * E1);
}

#[test]
fn a_close_with_no_emission_releases_the_whole_carry() {
    // A class whose share is 0: its own forfeits are still paid out, at its next close.
    let mut acc = Accumulator {
        carry_scaled: 500 * RPW_SCALE,
        ..Accumulator::default()
    };
    let mut pos = active(&mut acc, 100);
    let before = acc.reward_per_weight;
    let after = close_epoch(&mut acc, 0).unwrap();
    let s = settle_attested(&mut acc, &mut pos, before, after).unwrap();
    assert_eq!(s.credited, 500);
    assert_eq!(acc.carry_scaled, 0);
}

#[test]
fn an_outage_carry_is_released_at_most_a_day_per_close_and_in_full() {
    // A week with nobody active, then one device back: it gets this epoch's emission and at
    // most 24 epochs' worth of the week per close, never the whole week at once.
    let mut acc = Accumulator::default();
    for _ in 0..168 {
        close_epoch(&mut acc, E1).unwrap();
    }
    assert_eq!(acc.carry_scaled, 168 * E1 as u128 * RPW_SCALE);
    let mut pos = active(&mut acc, 1_000);
    let mut rpw = acc.reward_per_weight;
    let mut paid = Vec::new();
    for _ in 0..8 {
        let after = close_epoch(&mut acc, E1).unwrap();
        paid.push(
            settle_attested(&mut acc, &mut pos, rpw, after)
                .unwrap()
                .credited,
        );
        rpw = after;
    }
    // Seven closes release the week 24 epochs at a time; the eighth pays its own only.
    assert!(paid[..7].iter().all(|&p| p == 25 * E1), "{paid:?}");
    assert_eq!(paid[7], E1);
    assert_eq!(acc.carry_scaled, 0);
    assert_eq!(paid.iter().sum::<u64>(), (168 + 8) * E1);
}

#[test]
fn a_missed_attestation_is_forfeited_and_paid_out_next_epoch() {
    let mut acc = Accumulator::default();
    let mut steady = active(&mut acc, 100);
    let mut flaky = active(&mut acc, 100);
    let r0 = acc.reward_per_weight;
    let r1 = close_epoch(&mut acc, 1_000).unwrap();
    // Epoch 1: only `steady` is attested.
    assert_eq!(
        settle_attested(&mut acc, &mut steady, r0, r1)
            .unwrap()
            .credited,
        500
    );
    let r2 = close_epoch(&mut acc, 1_000).unwrap();
    // Epoch 2: both attested; `flaky` forfeits epoch 1 (500), which joins carry.
    let s = settle_attested(&mut acc, &mut flaky, r1, r2).unwrap();
    assert_eq!(
        s,
        Settlement {
            credited: 500,
            forfeited: 500
        }
    );
    assert_eq!(
        settle_attested(&mut acc, &mut steady, r1, r2)
            .unwrap()
            .credited,
        500
    );
    // Epoch 3 distributes 1,000 emission + the 500 forfeit.
    let r3 = close_epoch(&mut acc, 1_000).unwrap();
    assert_eq!(
        settle_attested(&mut acc, &mut steady, r2, r3)
            .unwrap()
            .credited,
        750
    );
    assert_eq!(
        settle_attested(&mut acc, &mut flaky, r2, r3)
            .unwrap()
            .credited,
        750
    );
    assert_eq!(acc.carry_scaled, 0);
}

#[test]
fn a_device_earns_only_from_the_close_after_it_joins() {
    let mut acc = Accumulator::default();
    let mut early = active(&mut acc, 100);
    let r0 = acc.reward_per_weight;
    let r1 = close_epoch(&mut acc, 1_000).unwrap();
    let mut late = active(&mut acc, 100);
    // Attesting the late device for epoch 1 credits nothing: it joined after that close.
    let s = settle_attested(&mut acc, &mut late, r0, r1).unwrap();
    assert_eq!(s, Settlement::default());
    assert_eq!(
        settle_attested(&mut acc, &mut early, r0, r1)
            .unwrap()
            .credited,
        1_000
    );
}

#[test]
fn deactivation_forfeits_what_was_not_attested() {
    let mut acc = Accumulator::default();
    let mut pos = active(&mut acc, 100);
    close_epoch(&mut acc, 1_000).unwrap();
    close_epoch(&mut acc, 1_000).unwrap();
    assert_eq!(outstanding(&acc, &pos).unwrap(), 2_000);
    let s = deactivate(&mut acc, &mut pos).unwrap();
    assert_eq!(
        s,
        Settlement {
            credited: 0,
            forfeited: 2_000
        }
    );
    assert!(!pos.active);
    assert_eq!(acc.total_weight, 0);
    assert_eq!(outstanding(&acc, &pos).unwrap(), 0);
    // Inactive: idempotent.
    assert_eq!(
        deactivate(&mut acc, &mut pos).unwrap(),
        Settlement::default()
    );
}

#[test]
fn remainders_stay_scaled_so_late_settlement_never_overpays() {
    // Three devices of weight 3 and a prime emission: every close leaves a remainder.
    let mut acc = Accumulator::default();
    let mut devices = [
        active(&mut acc, 3),
        active(&mut acc, 3),
        active(&mut acc, 3),
    ];
    let mut emitted = 0u64;
    let mut paid = 0u64;
    let r0 = acc.reward_per_weight;
    for _ in 0..50 {
        close_epoch(&mut acc, 1_000_003).unwrap();
        emitted += 1_000_003;
    }
    // Settled all at once at the end (via deactivation: it is all forfeited back to carry).
    for d in devices.iter_mut() {
        paid += deactivate(&mut acc, d).unwrap().forfeited;
    }
    assert!(paid <= emitted);
    assert!(
        emitted - paid < 3,
        "dust is below one base unit per settlement"
    );
    let _ = r0;
}

#[test]
fn overflow_is_an_error_not_a_panic() {
    let mut acc = Accumulator {
        carry_scaled: u128::MAX,
        ..Accumulator::default()
    };
    assert_eq!(close_epoch(&mut acc, 1), Err(RewardMathError::Overflow));
    assert_eq!(owed(u64::MAX, u128::MAX), Err(RewardMathError::Overflow));
}

/// Port of the reference reward model's fuzzer (docs/design.md section 4): random closes, attestations (in order
/// and skipping ahead), deactivations and eligibility flips; after every step the value
/// accounted for never exceeds what was emitted and the dust is below one base unit per
/// settlement.
#[test]
fn conservation_fuzz_like_the_reference_model() {
    const RING: u32 = 168;
    const STREAK: u32 = 5;
    struct Dev {
        pos: Position,
        eligible: bool,
        last: u32,
        streak: u32,
    }
    let mut worst_dust = 0u128;
    for seed in 0..60u64 {
        let mut rng = SplitMix(seed);
        let mut acc = Accumulator::default();
        let mut ring: Vec<u128> = vec![0];
        let mut devs: Vec<Dev> = (0..8)
            .map(|_| {
                let m = [25u64, 50, 100, 125, 175, 275, 450, 1000, 3000][rng.below(9) as usize];
                Dev {
                    pos: Position {
                        weight: m * (1 + rng.below(8)),
                        ..Position::default()
                    },
                    eligible: true,
                    last: 0,
                    streak: 0,
                }
            })
            .collect();
        let (mut emitted, mut credited, mut settlements) = (0u128, 0u128, 0u128);
        for _ in 0..2_000 {
            let closed = ring.len() as u32 - 1;
            let op = rng.below(100);
            if op < 20 {
                let emission = 456_621_004_566 - u64::from(closed) * 6_341;
                ring.push(close_epoch(&mut acc, emission).unwrap());
                emitted += emission as u128;
            } else if op < 85 && closed > 0 {
                let d = &mut devs[rng.below(8) as usize];
                let lowest = d.last + 1;
                let oldest_in_ring = closed.saturating_sub(RING - 1).max(1);
                let first = lowest.max(oldest_in_ring);
                if first <= closed {
                    let n = if rng.below(5) > 0 {
                        first
                    } else {
                        first + rng.below(u64::from(closed - first + 1)) as u32
                    };
                    let s = settle_attested(
                        &mut acc,
                        &mut d.pos,
                        ring[n as usize - 1],
                        ring[n as usize],
                    )
                    .unwrap();
                    if d.pos.active {
                        settlements += 2;
                    }
                    credited += s.credited as u128;
                    d.streak = if d.last == n - 1 { d.streak + 1 } else { 1 };
                    d.last = n;
                    if !d.pos.active && d.eligible && d.streak >= STREAK {
                        activate(&mut acc, &mut d.pos).unwrap();
                    }
                }
            } else if op < 95 {
                let d = &mut devs[rng.below(8) as usize];
                if d.pos.active {
                    settlements += 1;
                }
                deactivate(&mut acc, &mut d.pos).unwrap();
            } else {
                let d = &mut devs[rng.below(8) as usize];
                d.eligible = !d.eligible;
                if !d.eligible {
                    if d.pos.active {
                        settlements += 1;
                    }
                    deactivate(&mut acc, &mut d.pos).unwrap();
                }
            }
            let outstanding_scaled: u128 = devs
                .iter()
                .filter(|d| d.pos.active)
                .map(|d| d.pos.weight as u128 * (acc.reward_per_weight - d.pos.checkpoint))
                .sum();
            let accounted = credited * RPW_SCALE + acc.carry_scaled + outstanding_scaled;
            let emitted_scaled = emitted * RPW_SCALE;
            assert!(accounted <= emitted_scaled, "seed {seed}: value created");
            let dust = (emitted_scaled - accounted) / RPW_SCALE;
            assert!(
                dust <= settlements,
                "seed {seed}: dust {dust} > {settlements}"
            );
            worst_dust = worst_dust.max(dust);
        }
    }
    assert!(worst_dust > 0, "the fuzzer should exercise rounding");
}

/// Small deterministic generator so the fuzz needs no dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn the_emission_splits_95_5_and_the_remainder_goes_to_the_first_class() {
    // Epoch 1 at 8 decimals: 456,621,004,566 base units.
    let emission = 456_621_004_566u64;
    let [enterprise, community] = split_emission(emission, &[9_500, 500]).unwrap();
    assert_eq!(community, emission * 500 / 10_000);
    assert_eq!(enterprise, emission - community);
    assert_eq!(enterprise + community, emission);
    // 7 units: 5% of 7 is 0.35 -> 0; the first class gets all 7.
    assert_eq!(split_emission(7, &[9_500, 500]).unwrap(), [7, 0]);
    assert_eq!(split_emission(0, &[9_500, 500]).unwrap(), [0, 0]);
    assert_eq!(
        split_emission(u64::MAX, &[5_000, 5_000]).unwrap()[1],
        u64::MAX / 2
    );
    for emission in [1u64, 99, 10_001, 123_456_789] {
        for shares in [[10_000, 0], [0, 10_000], [9_500, 500], [3_333, 6_667]] {
            let parts = split_emission(emission, &shares).unwrap();
            assert_eq!(parts.iter().sum::<u64>(), emission);
        }
    }
}
