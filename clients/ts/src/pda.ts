// Every protocol address, derived from the IO mint with the programs' own seeds.
import { PublicKey } from "@solana/web3.js";

import emissionIdl from "./idl/io_emission.json" with { type: "json" };
import stakingIdl from "./idl/io_staking.json" with { type: "json" };
import paymentsIdl from "./idl/io_payments.json" with { type: "json" };

export const IO_EMISSION_PROGRAM_ID = new PublicKey(emissionIdl.address);
export const IO_STAKING_PROGRAM_ID = new PublicKey(stakingIdl.address);
export const IO_PAYMENTS_PROGRAM_ID = new PublicKey(paymentsIdl.address);
/** Pyth's receiver program: the owner of every `PriceUpdateV2` account io-payments accepts. */
export const PYTH_RECEIVER_PROGRAM_ID = new PublicKey("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");

const seed = (text: string) => Buffer.from(text, "utf8");
const find = (seeds: Buffer[], program: PublicKey) =>
  PublicKey.findProgramAddressSync(seeds, program)[0];

function u16le(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
}

function u64le(value: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(value);
  return bytes;
}

/** The addresses of one deployment (one IO mint), as `io_sdk::Addresses` derives them. */
export class Addresses {
  readonly emissionState: PublicKey;
  readonly config: PublicKey;
  readonly rewardPool: PublicKey;
  readonly stakeVault: PublicKey;
  readonly rewardsVault: PublicKey;
  /** The bonded quorum's keepers, parameters and finalized roots (zero-copy). */
  readonly keeperSet: PublicKey;
  readonly keeperVault: PublicKey;

  constructor(readonly mint: PublicKey) {
    this.emissionState = find([seed("emission_state"), mint.toBuffer()], IO_EMISSION_PROGRAM_ID);
    this.config = find([seed("staking_config"), mint.toBuffer()], IO_STAKING_PROGRAM_ID);
    const ofConfig = (name: string) =>
      find([seed(name), this.config.toBuffer()], IO_STAKING_PROGRAM_ID);
    this.rewardPool = ofConfig("reward_pool");
    // The accumulator ring is not derived: the deployer created it, and the config's `rpwRing`
    // field records it.
    this.stakeVault = ofConfig("stake_vault");
    this.rewardsVault = ofConfig("rewards_vault");
    this.keeperSet = ofConfig("keeper_set");
    this.keeperVault = ofConfig("keeper_vault");
  }

  /** The quorum's ballot on epoch `epoch`'s uptime root. */
  ballot(epoch: number): PublicKey {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(epoch);
    return find([seed("ballot"), this.config.toBuffer(), bytes], IO_STAKING_PROGRAM_ID);
  }

  device(deviceKey: PublicKey): PublicKey {
    return find([seed("device"), this.config.toBuffer(), deviceKey.toBuffer()], IO_STAKING_PROGRAM_ID);
  }

  /** The marker that keeps one set of GPUs (its hardware hash) to one device at a time. */
  hardwareMarker(hardwareHash: Uint8Array): PublicKey {
    if (hardwareHash.length !== 32) throw new Error("a hardware hash is 32 bytes");
    return find([seed("hardware"), this.config.toBuffer(), Buffer.from(hardwareHash)], IO_STAKING_PROGRAM_ID);
  }

  gpuModel(modelId: number): PublicKey {
    return find([seed("gpu_model"), this.config.toBuffer(), u16le(modelId)], IO_STAKING_PROGRAM_ID);
  }

  slashCase(caseId: bigint): PublicKey {
    return find([seed("slash_case"), this.config.toBuffer(), u64le(caseId)], IO_STAKING_PROGRAM_ID);
  }

  coStakeOffer(device: PublicKey): PublicKey {
    return find([seed("co_stake"), device.toBuffer()], IO_STAKING_PROGRAM_ID);
  }

  coStaker(wallet: PublicKey): PublicKey {
    return find([seed("co_staker"), this.config.toBuffer(), wallet.toBuffer()], IO_STAKING_PROGRAM_ID);
  }

  /** io-payments' config for this deployment (`io_sdk::payments::PaymentsAddresses`). */
  get paymentsConfig(): PublicKey {
    return find([seed("payments_config"), this.config.toBuffer()], IO_PAYMENTS_PROGRAM_ID);
  }

  /** io-payments' fee vault for `mint` (USDC or IO). */
  feeVault(mint: PublicKey): PublicKey {
    return find([seed("fee_vault"), this.paymentsConfig.toBuffer(), mint.toBuffer()], IO_PAYMENTS_PROGRAM_ID);
  }

  /** The reservation `renter` made with `nonce`, and its escrow. */
  reservation(renter: PublicKey, nonce: bigint): PublicKey {
    return find(
      [seed("reservation"), this.paymentsConfig.toBuffer(), renter.toBuffer(), u64le(nonce)],
      IO_PAYMENTS_PROGRAM_ID,
    );
  }

  escrow(reservation: PublicKey): PublicKey {
    return find([seed("escrow"), reservation.toBuffer()], IO_PAYMENTS_PROGRAM_ID);
  }
}

/** Anchor's `#[event_cpi]` authority of a program. */
export function eventAuthority(program: PublicKey): PublicKey {
  return find([seed("__event_authority")], program);
}
