// The programs through the Anchor 1.x TS client, typed on the IDLs, and instruction builders
// for a supplier's journey.
import * as anchorModule from "@anchor-lang/core";
import type { AnchorProvider, Program as AnchorProgram } from "@anchor-lang/core";
import { getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  Ed25519Program,
  PublicKey,
  SystemProgram,
  SYSVAR_INSTRUCTIONS_PUBKEY,
  TransactionInstruction,
} from "@solana/web3.js";

import emissionIdl from "./idl/io_emission.json" with { type: "json" };
import stakingIdl from "./idl/io_staking.json" with { type: "json" };
import paymentsIdl from "./idl/io_payments.json" with { type: "json" };
import type { IoEmission } from "./idl/io_emission.js";
import type { IoStaking } from "./idl/io_staking.js";
import type { IoPayments } from "./idl/io_payments.js";
import { consentProblems, parseConsent, type Consent } from "./consent.js";
import { Addresses, eventAuthority, IO_STAKING_PROGRAM_ID } from "./pda.js";
import { fetchLeafProof, type FetchLeafOptions } from "./keeper.js";

// Node loads Anchor's CommonJS build (everything under `default`), bundlers its browser build
// (named exports only): take whichever this runtime gave.
const anchor = ((anchorModule as unknown as { default?: typeof anchorModule }).default ?? anchorModule) as typeof anchorModule;
const { Program, BN, BorshCoder } = anchor;

export type StakingProgram = AnchorProgram<IoStaking>;
export type EmissionProgram = AnchorProgram<IoEmission>;
export type PaymentsProgram = AnchorProgram<IoPayments>;

/** The programs on `provider` (any Anchor provider: a wallet adapter's, or a keypair's). */
export function programs(provider: AnchorProvider): {
  staking: StakingProgram;
  emission: EmissionProgram;
  payments: PaymentsProgram;
} {
  return {
    staking: new Program(stakingIdl as IoStaking, provider),
    emission: new Program(emissionIdl as IoEmission, provider),
    payments: new Program(paymentsIdl as IoPayments, provider),
  };
}

/** Decodes any io-staking account or event without a provider. */
export const stakingCoder = new BorshCoder(stakingIdl as IoStaking);
export const emissionCoder = new BorshCoder(emissionIdl as IoEmission);
export const paymentsCoder = new BorshCoder(paymentsIdl as IoPayments);


const bn = (value: bigint) => new BN(value.toString());

/** A device's leaf in a finalized uptime root and its path (`io_sdk::staking::LeafProof`). */
export interface LeafProof {
  /** The root's epoch. */
  epoch: number;
  /** 90 bytes: bit k of the leaf = up in epoch `epoch - k`. */
  uptime: Uint8Array;
  index: number;
  proof: Uint8Array[];
}

/**
 * Instruction builders for a supplier, on one deployment. Each returns a plain
 * `TransactionInstruction`, to send with any client or wallet.
 */
export class SupplierInstructions {
  readonly addresses: Addresses;

  constructor(
    readonly staking: StakingProgram,
    readonly mint: PublicKey,
  ) {
    this.addresses = new Addresses(mint);
  }

  private common() {
    return {
      config: this.addresses.config,
      rewardPool: this.addresses.rewardPool,
      eventAuthority: eventAuthority(IO_STAKING_PROGRAM_ID),
      program: IO_STAKING_PROGRAM_ID,
    };
  }

  /** What every owner instruction on one device names: the owner, the device, its tokens. */
  private ownerAccounts(owner: PublicKey, deviceKey: PublicKey, ownerToken: PublicKey) {
    return {
      ...this.common(),
      owner,
      device: this.addresses.device(deviceKey),
      ownerToken,
      tokenProgram: TOKEN_PROGRAM_ID,
    };
  }

  /** The owner's associated IO token account. */
  ownerToken(owner: PublicKey): PublicKey {
    return getAssociatedTokenAddressSync(this.mint, owner);
  }

  /**
   * Registers a device with its consent (what `io-worker register` prints, as text or parsed):
   * the Ed25519 instruction carrying the device key's signature, then `register_device`, in
   * that order and next to each other in one transaction. Only the owner signs; the device key
   * stays on the GPU machine. Throws if the consent is for another owner, deployment or program.
   */
  async registerDevice(owner: PublicKey, consent: Consent | string): Promise<TransactionInstruction[]> {
    const parsed = typeof consent === "string" ? parseConsent(consent) : consent;
    const problems = consentProblems(parsed, {
      programId: IO_STAKING_PROGRAM_ID,
      config: this.addresses.config,
      owner,
    });
    if (problems.length) throw new Error(problems.map((p) => p.message).join(" "));
    const verify = Ed25519Program.createInstructionWithPublicKey({
      publicKey: parsed.deviceKey.toBytes(),
      message: parsed.message,
      signature: parsed.signature,
    });
    const register = await this.staking.methods
      .registerDevice({
        deviceKey: parsed.deviceKey,
        gpuCount: parsed.gpuCount,
        hardwareHash: Array.from(parsed.hardwareHash),
      })
      .accountsPartial({
        ...this.common(),
        owner,
        gpuModel: this.addresses.gpuModel(parsed.modelId),
        device: this.addresses.device(parsed.deviceKey),
        hardwareMarker: this.addresses.hardwareMarker(parsed.hardwareHash),
        instructions: SYSVAR_INSTRUCTIONS_PUBKEY,
        systemProgram: SystemProgram.programId,
      })
      .instruction();
    return [verify, register];
  }

  stake(owner: PublicKey, deviceKey: PublicKey, amount: bigint, ownerToken = this.ownerToken(owner)) {
    return this.staking.methods
      .stake(bn(amount))
      .accountsPartial({
        ...this.ownerAccounts(owner, deviceKey, ownerToken),
        stakeVault: this.addresses.stakeVault,
      })
      .instruction();
  }

  /**
   * `settle` for the device of `deviceKey` from its latest leaf, fetched from the first of
   * `keepers` that serves it (`fetchLeafProof`), with the config's ring: put it in front of a
   * claim so the claim pays everything the device was up for.
   */
  async settleFromKeepers(deviceKey: PublicKey, keepers: readonly string[], options: FetchLeafOptions = {}) {
    const device = this.addresses.device(deviceKey);
    const [leaf, config] = await Promise.all([
      fetchLeafProof(keepers, device, options),
      this.staking.account.stakingConfig.fetch(this.addresses.config),
    ]);
    return this.settle(device, config.rpwRing, leaf);
  }

  /**
   * Settles a device from its leaf in a finalized root (anyone may send it): put it in front of
   * a claim or an unstake so nothing the device was up for is forfeited. `rpwRing` is the
   * config's `rpwRing`; the leaf (epoch, 90-byte uptime, index, proof) comes from a keeper.
   */
  settle(device: PublicKey, rpwRing: PublicKey, leaf: LeafProof) {
    return this.staking.methods
      .settle(leaf.epoch, Array.from(leaf.uptime), leaf.index, leaf.proof.map((node) => Array.from(node)))
      .accountsPartial({
        config: this.addresses.config,
        rewardPool: this.addresses.rewardPool,
        rpwRing,
        keeperSet: this.addresses.keeperSet,
        device,
        eventAuthority: eventAuthority(IO_STAKING_PROGRAM_ID),
        program: IO_STAKING_PROGRAM_ID,
      })
      .instruction();
  }

  claimRewards(owner: PublicKey, deviceKey: PublicKey, ownerToken = this.ownerToken(owner)) {
    return this.staking.methods
      .claimRewards()
      .accountsPartial({
        ...this.ownerAccounts(owner, deviceKey, ownerToken),
        rewardsVault: this.addresses.rewardsVault,
      })
      .instruction();
  }

  requestUnstake(owner: PublicKey, deviceKey: PublicKey, ownerToken = this.ownerToken(owner)) {
    return this.staking.methods
      .requestUnstake()
      .accountsPartial({
        ...this.ownerAccounts(owner, deviceKey, ownerToken),
        // No co-staker: the optional account is left out.
        coStakerToken: null,
        rewardsVault: this.addresses.rewardsVault,
      })
      .instruction();
  }

  /** Takes back stake above the requirement, without a cooldown. */
  withdrawOverflow(owner: PublicKey, deviceKey: PublicKey, amount: bigint, ownerToken = this.ownerToken(owner)) {
    return this.staking.methods
      .withdrawOverflow(bn(amount))
      .accountsPartial({
        ...this.ownerAccounts(owner, deviceKey, ownerToken),
        stakeVault: this.addresses.stakeVault,
      })
      .instruction();
  }

  /**
   * Claims several devices' rewards in one transfer. `devices` are device accounts (not keys),
   * at most `MAX_CLAIM_ALL_DEVICES`; split larger sets with `claimAllBatches`.
   */
  claimAll(owner: PublicKey, devices: PublicKey[], ownerToken = this.ownerToken(owner)) {
    const { device: _device, ...accounts } = this.ownerAccounts(owner, PublicKey.default, ownerToken);
    return this.staking.methods
      .claimAll()
      .accountsPartial({ ...accounts, rewardsVault: this.addresses.rewardsVault })
      .remainingAccounts(devices.map((pubkey) => ({ pubkey, isWritable: true, isSigner: false })))
      .instruction();
  }

  /**
   * Device owner: the least a renter pays per hour for the device, in USDC and in IO base
   * units. 0 in a mint refuses rentals paid in it (`NotForRent`); a lower price is refused
   * (`BelowRentalTerms`). A device is registered at 0 in both: not for rent until set.
   */
  setRentalTerms(owner: PublicKey, deviceKey: PublicKey, minUsdcPerHour: bigint, minIoPerHour: bigint) {
    return this.staking.methods
      .setRentalTerms({ minUsdcPerHour: bn(minUsdcPerHour), minIoPerHour: bn(minIoPerHour) })
      .accountsPartial({
        owner,
        config: this.addresses.config,
        device: this.addresses.device(deviceKey),
        eventAuthority: eventAuthority(IO_STAKING_PROGRAM_ID),
        program: IO_STAKING_PROGRAM_ID,
      })
      .instruction();
  }

  /** Device owner: offers a co-stake of exactly `amount` for `shareBps` of every settlement. */
  createCoStakeOffer(owner: PublicKey, deviceKey: PublicKey, amount: bigint, shareBps: number) {
    const device = this.addresses.device(deviceKey);
    return this.staking.methods
      .createCoStakeOffer({ amount: bn(amount), shareBps })
      .accountsPartial({
        ...this.common(),
        owner,
        device,
        offer: this.addresses.coStakeOffer(device),
        systemProgram: SystemProgram.programId,
      })
      .instruction();
  }

  cancelCoStakeOffer(owner: PublicKey, device: PublicKey) {
    return this.staking.methods
      .cancelCoStakeOffer()
      .accountsPartial({ ...this.common(), owner, device, offer: this.addresses.coStakeOffer(device) })
      .instruction();
  }

  /** Co-staker: accepts an offer on `device` (an account), restating its terms. */
  acceptCoStakeOffer(coStaker: PublicKey, device: PublicKey, amount: bigint, shareBps: number) {
    return this.staking.methods
      .acceptCoStakeOffer({ amount: bn(amount), shareBps })
      .accountsPartial({
        ...this.common(),
        coStaker,
        device,
        offer: this.addresses.coStakeOffer(device),
        coStakerAccount: this.addresses.coStaker(coStaker),
        coStakerToken: this.ownerToken(coStaker),
        stakeVault: this.addresses.stakeVault,
        tokenProgram: TOKEN_PROGRAM_ID,
        systemProgram: SystemProgram.programId,
      })
      .instruction();
  }

  requestCoStakeExit(coStaker: PublicKey, device: PublicKey) {
    return this.staking.methods
      .requestCoStakeExit()
      .accountsPartial({ ...this.common(), coStaker, device, offer: this.addresses.coStakeOffer(device) })
      .instruction();
  }

  /** Co-staker (or the owner for them) after the wait: the co-stake back to the co-staker. */
  withdrawCoStake(authority: PublicKey, device: PublicKey, owner: PublicKey, coStaker: PublicKey) {
    return this.staking.methods
      .withdrawCoStake()
      .accountsPartial({
        ...this.common(),
        authority,
        device,
        offer: this.addresses.coStakeOffer(device),
        owner,
        coStakerAccount: this.addresses.coStaker(coStaker),
        coStakerToken: this.ownerToken(coStaker),
        stakeVault: this.addresses.stakeVault,
        rewardsVault: this.addresses.rewardsVault,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .instruction();
  }

  claimCoStakeRewards(coStaker: PublicKey, device: PublicKey) {
    return this.staking.methods
      .claimCoStakeRewards()
      .accountsPartial({
        ...this.common(),
        coStaker,
        device,
        coStakerToken: this.ownerToken(coStaker),
        rewardsVault: this.addresses.rewardsVault,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .instruction();
  }

  /** Device owner: appeals an open slash case within its window, committing to a statement. */
  appealCase(appellant: PublicKey, device: PublicKey, slashCase: PublicKey, statementHash: Uint8Array) {
    return this.staking.methods
      .appealCase(Array.from(statementHash))
      .accountsPartial({ ...this.common(), appellant, device, case: slashCase })
      .instruction();
  }

  withdraw(owner: PublicKey, deviceKey: PublicKey, ownerToken = this.ownerToken(owner)) {
    return this.staking.methods
      .withdraw()
      .accountsPartial({
        ...this.ownerAccounts(owner, deviceKey, ownerToken),
        stakeVault: this.addresses.stakeVault,
      })
      .instruction();
  }
}

/** Most devices one `claim_all` takes (`io_staking::instructions::claim_all`). */
export const MAX_CLAIM_ALL_DEVICES = 24;

/** `devices` in groups `claimAll` accepts. */
export function claimAllBatches<T>(devices: T[], size = MAX_CLAIM_ALL_DEVICES): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < devices.length; i += size) batches.push(devices.slice(i, i + size));
  return batches;
}

/**
 * Stake a device needs (`eligibility::required_stake`): base stake per GPU x GPUs x the
 * multiplier (hundredths, at least 1.00), rounded up.
 */
export function requiredStake(baseStakePerGpu: bigint, gpuCount: number, multiplierCenti: number): bigint {
  const multiplier = BigInt(Math.max(multiplierCenti, 100));
  const product = baseStakePerGpu * multiplier * BigInt(gpuCount);
  return (product + 99n) / 100n;
}
