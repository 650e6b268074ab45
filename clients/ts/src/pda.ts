// Every protocol address, derived from the IO mint with the programs' own seeds.
import { PublicKey } from "@solana/web3.js";

import emissionIdl from "./idl/io_emission.json" with { type: "json" };
import stakingIdl from "./idl/io_staking.json" with { type: "json" };

export const IO_EMISSION_PROGRAM_ID = new PublicKey(emissionIdl.address);
export const IO_STAKING_PROGRAM_ID = new PublicKey(stakingIdl.address);

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
  readonly rpwRing: PublicKey;
  readonly stakeVault: PublicKey;
  readonly rewardsVault: PublicKey;

  constructor(readonly mint: PublicKey) {
    this.emissionState = find([seed("emission_state"), mint.toBuffer()], IO_EMISSION_PROGRAM_ID);
    this.config = find([seed("staking_config"), mint.toBuffer()], IO_STAKING_PROGRAM_ID);
    const ofConfig = (name: string) =>
      find([seed(name), this.config.toBuffer()], IO_STAKING_PROGRAM_ID);
    this.rewardPool = ofConfig("reward_pool");
    this.rpwRing = ofConfig("rpw_ring");
    this.stakeVault = ofConfig("stake_vault");
    this.rewardsVault = ofConfig("rewards_vault");
  }

  device(deviceKey: PublicKey): PublicKey {
    return find([seed("device"), this.config.toBuffer(), deviceKey.toBuffer()], IO_STAKING_PROGRAM_ID);
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
}

/** Anchor's `#[event_cpi]` authority of a program. */
export function eventAuthority(program: PublicKey): PublicKey {
  return find([seed("__event_authority")], program);
}
