// io-payments instruction builders: a renter reserves a device by the hour, anyone settles the
// hours ended, the renter cancels. Amounts are bigint base units of the paying mint.
import * as anchorModule from "@anchor-lang/core";
import { getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SystemProgram, TransactionInstruction } from "@solana/web3.js";

import type { PaymentsProgram } from "./client.js";
import { Addresses, eventAuthority, IO_PAYMENTS_PROGRAM_ID, IO_STAKING_PROGRAM_ID } from "./pda.js";

const anchor = ((anchorModule as unknown as { default?: typeof anchorModule }).default ?? anchorModule) as typeof anchorModule;
const { BN } = anchor;
const bn = (value: bigint) => new BN(value.toString());

import { BPS_DENOMINATOR, FACILITATION_FEE_BPS, RESERVATION_FEE_BPS } from "./rules.generated.js";

/** One hour at `pricePerHour` in USDC (`inUsdc`) or IO, split as the program splits it. */
export function hourlySplit(pricePerHour: bigint, inUsdc: boolean) {
  if (!inUsdc) return { renterPays: pricePerHour, supplierGets: pricePerHour, fees: 0n };
  const fee = (bps: bigint) => (pricePerHour * bps + BPS_DENOMINATOR - 1n) / BPS_DENOMINATOR;
  const reservation = fee(RESERVATION_FEE_BPS);
  const renterPays = pricePerHour + reservation;
  const supplierGets = pricePerHour - reservation - fee(FACILITATION_FEE_BPS);
  if (supplierGets <= 0n) return undefined;
  return { renterPays, supplierGets, fees: renterPays - supplierGets };
}

export class PaymentsInstructions {
  readonly addresses: Addresses;

  /** `mint` is the IO mint (it names the deployment); reservations may pay in USDC or IO. */
  constructor(
    readonly payments: PaymentsProgram,
    readonly mint: PublicKey,
  ) {
    this.addresses = new Addresses(mint);
  }

  private events() {
    return { eventAuthority: eventAuthority(IO_PAYMENTS_PROGRAM_ID), program: IO_PAYMENTS_PROGRAM_ID };
  }

  /** io-staking, which io-payments calls to record the end of a device's paid hours. */
  private staking() {
    return { stakingProgram: IO_STAKING_PROGRAM_ID, stakingEventAuthority: eventAuthority(IO_STAKING_PROGRAM_ID) };
  }

  /**
   * Reserves `device` (its account) for `hours` whole hours from now at `pricePerHour`, paid in
   * `payMint`. The device must not be rented already (`DeviceAlreadyRented`), and its owner's
   * terms must take `payMint` (`NotForRent`) at no more than `pricePerHour`
   * (`BelowRentalTerms`); until the hours end its owner cannot unstake it (`DeviceRented`).
   */
  reserve(
    renter: PublicKey,
    nonce: bigint,
    device: PublicKey,
    payMint: PublicKey,
    hours: number,
    pricePerHour: bigint,
    renterToken = getAssociatedTokenAddressSync(payMint, renter),
  ): Promise<TransactionInstruction> {
    const reservation = this.addresses.reservation(renter, nonce);
    return this.payments.methods
      .reserve({ nonce: bn(nonce), hours, pricePerHour: bn(pricePerHour) })
      .accountsStrict({
        renter,
        config: this.addresses.paymentsConfig,
        stakingConfig: this.addresses.config,
        device,
        mint: payMint,
        renterToken,
        reservation,
        escrow: this.addresses.escrow(reservation),
        tokenProgram: TOKEN_PROGRAM_ID,
        systemProgram: SystemProgram.programId,
        ...this.staking(),
        ...this.events(),
      })
      .instruction();
  }

  private pay(reservation: PublicKey, payMint: PublicKey, supplierToken: PublicKey, renter: PublicKey) {
    return {
      config: this.addresses.paymentsConfig,
      stakingConfig: this.addresses.config,
      reservation,
      escrow: this.addresses.escrow(reservation),
      supplierToken,
      feeVault: this.addresses.feeVault(payMint),
      renter,
      tokenProgram: TOKEN_PROGRAM_ID,
    };
  }

  /** Anyone: pays the whole hours ended to the device owner's `supplierToken` and the fee vault. */
  settle(reservation: PublicKey, payMint: PublicKey, supplierToken: PublicKey, renter: PublicKey) {
    return this.payments.methods
      .settle()
      .accountsStrict({ pay: this.pay(reservation, payMint, supplierToken, renter), ...this.events() })
      .instruction();
  }

  /**
   * The renter: pays the hours begun, refunds the rest to `renterToken`, closes it. `device` is
   * the reservation's device (its account): its rental ends with the hour begun.
   */
  async cancel(
    reservation: PublicKey,
    device: PublicKey,
    payMint: PublicKey,
    supplierToken: PublicKey,
    renter: PublicKey,
    renterToken = getAssociatedTokenAddressSync(payMint, renter),
  ) {
    const ix = await this.payments.methods
      .cancel()
      .accountsStrict({
        pay: this.pay(reservation, payMint, supplierToken, renter),
        renterToken,
        device,
        ...this.staking(),
        ...this.events(),
      })
      .instruction();
    // The renter's account sits in the shared account set, which does not mark it a signer.
    for (const key of ix.keys) if (key.pubkey.equals(renter)) key.isSigner = true;
    return ix;
  }
}
