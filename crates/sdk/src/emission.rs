//! `io-emission` instruction builders.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use anchor_spl::token::spl_token;
use io_emission::InitializeArgs;

use crate::{event_authority, Addresses};

fn instruction(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: io_emission::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

impl Addresses {
    /// `initialize`, signed by the mint's current mint authority (and the payer).
    pub fn emission_initialize(
        &self,
        payer: Pubkey,
        mint_authority: Pubkey,
        args: InitializeArgs,
    ) -> Instruction {
        instruction(
            io_emission::accounts::Initialize {
                payer,
                mint_authority,
                mint: self.mint,
                state: self.emission_state,
                token_program: spl_token::ID,
                system_program: system_program::ID,
                event_authority: event_authority(&io_emission::ID),
                program: io_emission::ID,
            },
            io_emission::instruction::Initialize { args },
        )
    }

    /// `mint_epoch`, signed by the distributor, minting into `destination`.
    pub fn mint_epoch(&self, distributor: Pubkey, destination: Pubkey) -> Instruction {
        instruction(
            io_emission::accounts::MintEpoch {
                distributor,
                state: self.emission_state,
                mint: self.mint,
                destination,
                token_program: spl_token::ID,
                event_authority: event_authority(&io_emission::ID),
                program: io_emission::ID,
            },
            io_emission::instruction::MintEpoch {},
        )
    }

    pub fn set_distributor(&self, admin: Pubkey, new_distributor: Pubkey) -> Instruction {
        instruction(
            io_emission::accounts::SetDistributor {
                admin,
                state: self.emission_state,
                event_authority: event_authority(&io_emission::ID),
                program: io_emission::ID,
            },
            io_emission::instruction::SetDistributor { new_distributor },
        )
    }

    pub fn emission_propose_admin(&self, admin: Pubkey, new_admin: Pubkey) -> Instruction {
        instruction(
            io_emission::accounts::ProposeAdmin {
                admin,
                state: self.emission_state,
                event_authority: event_authority(&io_emission::ID),
                program: io_emission::ID,
            },
            io_emission::instruction::ProposeAdmin { new_admin },
        )
    }

    pub fn emission_accept_admin(&self, new_admin: Pubkey) -> Instruction {
        instruction(
            io_emission::accounts::AcceptAdmin {
                new_admin,
                state: self.emission_state,
                event_authority: event_authority(&io_emission::ID),
                program: io_emission::ID,
            },
            io_emission::instruction::AcceptAdmin {},
        )
    }
}
