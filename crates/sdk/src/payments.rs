//! `io-payments` instruction builders and addresses.

use anchor_lang::prelude::{AccountMeta, Pubkey};
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_payments::state::{PaymentsConfig, Reservation};
use io_payments::{BuyBackArgs, BuybackParams, CurvePoint, ReserveArgs};

use crate::{event_authority, Addresses};

fn instruction(accounts: Vec<AccountMeta>, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: io_payments::ID,
        accounts,
        data: data.data(),
    }
}

/// The published defaults (docs/programs.md, io-payments): a price at most 60 s old with a confidence
/// interval within 1%, a 2% discount, and the share curve 100% at ≤ 0.50 USD, 50% at 2.00 USD,
/// 20% at ≥ 5.00 USD.
pub fn default_buyback_params(feed_id: [u8; 32]) -> BuybackParams {
    const USD: u64 = 100_000_000;
    let mut curve = [CurvePoint::default(); 4];
    curve[0] = CurvePoint {
        price_e8: USD / 2,
        share_bps: 10_000,
    };
    curve[1] = CurvePoint {
        price_e8: 2 * USD,
        share_bps: 5_000,
    };
    curve[2] = CurvePoint {
        price_e8: 5 * USD,
        share_bps: 2_000,
    };
    BuybackParams {
        feed_id,
        max_price_age_secs: 60,
        max_confidence_bps: 100,
        discount_bps: 200,
        curve_len: 3,
        curve,
    }
}

/// Every io-payments address of one deployment (an io-staking config and a USDC mint).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentsAddresses {
    pub staking_config: Pubkey,
    pub io_mint: Pubkey,
    pub usdc_mint: Pubkey,
    pub config: Pubkey,
    pub usdc_fee_vault: Pubkey,
    pub io_fee_vault: Pubkey,
}

impl PaymentsAddresses {
    pub fn new(staking: &Addresses, usdc_mint: Pubkey) -> Self {
        let config = PaymentsConfig::find_address(&staking.config).0;
        Self {
            staking_config: staking.config,
            io_mint: staking.mint,
            usdc_mint,
            config,
            usdc_fee_vault: PaymentsConfig::fee_vault_address(&config, &usdc_mint),
            io_fee_vault: PaymentsConfig::fee_vault_address(&config, &staking.mint),
        }
    }

    pub fn fee_vault(&self, mint: &Pubkey) -> Pubkey {
        PaymentsConfig::fee_vault_address(&self.config, mint)
    }

    /// The reservation `renter` made with `nonce`.
    pub fn reservation(&self, renter: &Pubkey, nonce: u64) -> Pubkey {
        Reservation::find_address(&self.config, renter, nonce).0
    }

    pub fn escrow(&self, renter: &Pubkey, nonce: u64) -> Pubkey {
        Reservation::escrow_address(&self.reservation(renter, nonce))
    }

    /// io-staking's admin creates the config and both fee vaults.
    pub fn initialize(&self, admin: Pubkey, params: BuybackParams) -> Instruction {
        instruction(
            io_payments::accounts::Initialize {
                admin,
                staking_config: self.staking_config,
                io_mint: self.io_mint,
                usdc_mint: self.usdc_mint,
                config: self.config,
                usdc_fee_vault: self.usdc_fee_vault,
                io_fee_vault: self.io_fee_vault,
                token_program: spl_token::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::Initialize { params },
        )
    }

    pub fn update_params(&self, admin: Pubkey, params: BuybackParams) -> Instruction {
        instruction(
            io_payments::accounts::UpdateParams {
                admin,
                staking_config: self.staking_config,
                config: self.config,
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::UpdateParams { params },
        )
    }

    /// Reserves `device` (at `reservation(renter, args.nonce)`), paying in `mint` from
    /// `renter_token`.
    pub fn reserve(
        &self,
        renter: Pubkey,
        device: Pubkey,
        mint: Pubkey,
        renter_token: Pubkey,
        args: ReserveArgs,
    ) -> Instruction {
        let reservation = self.reservation(&renter, args.nonce);
        instruction(
            io_payments::accounts::Reserve {
                renter,
                config: self.config,
                staking_config: self.staking_config,
                device,
                mint,
                renter_token,
                reservation,
                escrow: Reservation::escrow_address(&reservation),
                token_program: spl_token::ID,
                system_program: system_program::ID,
                staking_program: io_staking::ID,
                staking_event_authority: event_authority(&io_staking::ID),
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::Reserve { args },
        )
    }

    fn pay_accounts(
        &self,
        reservation: Pubkey,
        mint: Pubkey,
        supplier_token: Pubkey,
        renter: Pubkey,
    ) -> io_payments::accounts::PayReservation {
        io_payments::accounts::PayReservation {
            config: self.config,
            staking_config: self.staking_config,
            reservation,
            escrow: Reservation::escrow_address(&reservation),
            supplier_token,
            fee_vault: self.fee_vault(&mint),
            renter,
            token_program: spl_token::ID,
        }
    }

    /// Permissionless: pays the whole hours ended. `renter` receives the rents when the last
    /// hour closes the reservation.
    pub fn settle(
        &self,
        reservation: Pubkey,
        mint: Pubkey,
        supplier_token: Pubkey,
        renter: Pubkey,
    ) -> Instruction {
        instruction(
            io_payments::accounts::Settle {
                pay: self.pay_accounts(reservation, mint, supplier_token, renter),
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::Settle {},
        )
    }

    /// The renter (signer) cancels; the refund goes to `renter_token`.
    pub fn cancel(
        &self,
        reservation: Pubkey,
        device: Pubkey,
        mint: Pubkey,
        supplier_token: Pubkey,
        renter: Pubkey,
        renter_token: Pubkey,
    ) -> Instruction {
        let mut accounts = io_payments::accounts::Cancel {
            pay: self.pay_accounts(reservation, mint, supplier_token, renter),
            renter_token,
            device,
            staking_program: io_staking::ID,
            staking_event_authority: event_authority(&io_staking::ID),
            event_authority: event_authority(&io_payments::ID),
            program: io_payments::ID,
        }
        .to_account_metas(None);
        for meta in accounts.iter_mut().filter(|meta| meta.pubkey == renter) {
            meta.is_signer = true;
        }
        instruction(accounts, io_payments::instruction::Cancel {})
    }

    /// io-staking's admin moves `amount` of `mint`'s fee vault to `to` (USDC: only what the
    /// buy-back share at the price in `price_update` leaves).
    pub fn withdraw_fees(
        &self,
        admin: Pubkey,
        mint: Pubkey,
        to: Pubkey,
        price_update: Pubkey,
        amount: u64,
    ) -> Instruction {
        instruction(
            io_payments::accounts::WithdrawFees {
                admin,
                staking_config: self.staking_config,
                config: self.config,
                mint,
                fee_vault: self.fee_vault(&mint),
                to,
                price_update,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::WithdrawFees { amount },
        )
    }

    /// Delivers `args.io_amount` IO (burned) for `args.usdc_out` USDC from the fee vault.
    pub fn buy_back(
        &self,
        seller: Pubkey,
        seller_io: Pubkey,
        seller_usdc: Pubkey,
        price_update: Pubkey,
        args: BuyBackArgs,
    ) -> Instruction {
        instruction(
            io_payments::accounts::BuyBack {
                seller,
                config: self.config,
                staking_config: self.staking_config,
                io_mint: self.io_mint,
                seller_io,
                seller_usdc,
                usdc_fee_vault: self.usdc_fee_vault,
                price_update,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_payments::ID),
                program: io_payments::ID,
            }
            .to_account_metas(None),
            io_payments::instruction::BuyBack { args },
        )
    }
}
