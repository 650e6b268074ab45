/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `idl/io_emission.json`.
 */
export type IoEmission = {
  "address": "8C9cMQUKVU7NUyDC4iXwkkp4Mmbxd93bSSvMUi583ESJ",
  "metadata": {
    "name": "ioEmission",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "IO token emission schedule: mints exactly the scheduled amount per hourly epoch, never more"
  },
  "instructions": [
    {
      "name": "acceptAdmin",
      "docs": [
        "The nominated admin accepts (step 2 of 2)."
      ],
      "discriminator": [
        112,
        42,
        45,
        90,
        116,
        181,
        13,
        170
      ],
      "accounts": [
        {
          "name": "newAdmin",
          "signer": true
        },
        {
          "name": "state",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  109,
                  105,
                  115,
                  115,
                  105,
                  111,
                  110,
                  95,
                  115,
                  116,
                  97,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "state.mint",
                "account": "emissionState"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "initialize",
      "docs": [
        "Takes over the mint authority and records the schedule's parameters."
      ],
      "discriminator": [
        175,
        175,
        109,
        31,
        13,
        152,
        155,
        237
      ],
      "accounts": [
        {
          "name": "payer",
          "writable": true,
          "signer": true
        },
        {
          "name": "mintAuthority",
          "docs": [
            "The mint's current mint authority; hands its power to the emission PDA here, for good."
          ],
          "signer": true
        },
        {
          "name": "mint",
          "writable": true
        },
        {
          "name": "state",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  109,
                  105,
                  115,
                  115,
                  105,
                  111,
                  110,
                  95,
                  115,
                  116,
                  97,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "initializeArgs"
            }
          }
        }
      ]
    },
    {
      "name": "mintEpoch",
      "docs": [
        "Mints the next ended epoch to the distributor. One epoch per call."
      ],
      "discriminator": [
        59,
        176,
        96,
        37,
        196,
        1,
        115,
        103
      ],
      "accounts": [
        {
          "name": "distributor",
          "signer": true,
          "relations": [
            "state"
          ]
        },
        {
          "name": "state",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  109,
                  105,
                  115,
                  115,
                  105,
                  111,
                  110,
                  95,
                  115,
                  116,
                  97,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "state.mint",
                "account": "emissionState"
              }
            ]
          }
        },
        {
          "name": "mint",
          "writable": true,
          "relations": [
            "state"
          ]
        },
        {
          "name": "destination",
          "writable": true
        },
        {
          "name": "tokenProgram",
          "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": []
    },
    {
      "name": "proposeAdmin",
      "docs": [
        "Admin: nominates a new admin (step 1 of 2); `Pubkey::default()` cancels a nomination."
      ],
      "discriminator": [
        121,
        214,
        199,
        212,
        87,
        39,
        117,
        234
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "state"
          ]
        },
        {
          "name": "state",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  109,
                  105,
                  115,
                  115,
                  105,
                  111,
                  110,
                  95,
                  115,
                  116,
                  97,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "state.mint",
                "account": "emissionState"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "newAdmin",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "setDistributor",
      "docs": [
        "Admin: replaces the key allowed to call `mint_epoch`."
      ],
      "discriminator": [
        24,
        223,
        158,
        22,
        43,
        22,
        192,
        4
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "state"
          ]
        },
        {
          "name": "state",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  109,
                  105,
                  115,
                  115,
                  105,
                  111,
                  110,
                  95,
                  115,
                  116,
                  97,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "state.mint",
                "account": "emissionState"
              }
            ]
          }
        },
        {
          "name": "eventAuthority"
        },
        {
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "newDistributor",
          "type": "pubkey"
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "emissionState",
      "discriminator": [
        66,
        195,
        131,
        67,
        137,
        213,
        182,
        209
      ]
    }
  ],
  "events": [
    {
      "name": "adminTransferProposed",
      "discriminator": [
        203,
        168,
        175,
        51,
        239,
        104,
        20,
        85
      ]
    },
    {
      "name": "adminTransferred",
      "discriminator": [
        255,
        147,
        182,
        5,
        199,
        217,
        38,
        179
      ]
    },
    {
      "name": "distributorChanged",
      "discriminator": [
        222,
        190,
        136,
        148,
        226,
        248,
        19,
        166
      ]
    },
    {
      "name": "emissionInitialized",
      "discriminator": [
        140,
        133,
        145,
        16,
        253,
        245,
        118,
        106
      ]
    },
    {
      "name": "epochMinted",
      "discriminator": [
        87,
        189,
        241,
        109,
        120,
        100,
        149,
        42
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "unauthorizedDistributor",
      "msg": "Signer is not the distributor recorded in the emission state"
    },
    {
      "code": 6001,
      "name": "unauthorizedAdmin",
      "msg": "Signer is not the admin of the emission state"
    },
    {
      "code": 6002,
      "name": "wrongMint",
      "msg": "Mint or token account does not belong to this emission schedule's mint"
    },
    {
      "code": 6003,
      "name": "destinationNotOwnedByDistributor",
      "msg": "Destination token account is not owned by the distributor"
    },
    {
      "code": 6004,
      "name": "epochNotEnded",
      "msg": "The next epoch has not ended yet"
    },
    {
      "code": 6005,
      "name": "scheduleComplete",
      "msg": "All 175,319 epochs have been minted"
    },
    {
      "code": 6006,
      "name": "unsupportedDecimals",
      "msg": "Mint decimals above 10 are not supported (800M IO must fit a u64 amount)"
    },
    {
      "code": 6007,
      "name": "genesisSupplyMismatch",
      "msg": "Mint supply is not the 500,000,000 IO genesis supply"
    },
    {
      "code": 6008,
      "name": "mintAuthorityMismatch",
      "msg": "Signer is not the mint's current mint authority"
    },
    {
      "code": 6009,
      "name": "invalidGenesisTimestamp",
      "msg": "Genesis timestamp must be positive and leave the whole schedule inside i64 time"
    },
    {
      "code": 6010,
      "name": "invalidAuthority",
      "msg": "A distributor or admin cannot be the default (all-zero) key"
    },
    {
      "code": 6011,
      "name": "noPendingAdmin",
      "msg": "There is no pending admin nomination"
    },
    {
      "code": 6012,
      "name": "notPendingAdmin",
      "msg": "Signer is not the pending admin"
    },
    {
      "code": 6013,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6014,
      "name": "capExceeded",
      "msg": "Minting would take cumulative emission past the 300,000,000 IO cap"
    },
    {
      "code": 6015,
      "name": "freezeAuthoritySet",
      "msg": "The mint has a freeze authority: whoever holds it could freeze the protocol's vaults"
    }
  ],
  "types": [
    {
      "name": "adminTransferProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "state",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "oldPendingAdmin",
            "docs": [
              "`Pubkey::default()` when a nomination is cancelled."
            ],
            "type": "pubkey"
          },
          {
            "name": "newPendingAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "adminTransferred",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "state",
            "type": "pubkey"
          },
          {
            "name": "oldAdmin",
            "type": "pubkey"
          },
          {
            "name": "newAdmin",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "distributorChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "state",
            "type": "pubkey"
          },
          {
            "name": "oldDistributor",
            "type": "pubkey"
          },
          {
            "name": "newDistributor",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "emissionInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "state",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "distributor",
            "type": "pubkey"
          },
          {
            "name": "genesisTimestamp",
            "type": "i64"
          },
          {
            "name": "decimals",
            "type": "u8"
          },
          {
            "name": "initialSupply",
            "docs": [
              "Base units."
            ],
            "type": "u64"
          },
          {
            "name": "maxSupply",
            "docs": [
              "Base units."
            ],
            "type": "u64"
          },
          {
            "name": "emissionCap",
            "docs": [
              "Base units the schedule may release in total."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "emissionState",
      "docs": [
        "One emission schedule for one mint. PDA `[seeds::EMISSION_STATE, mint]`; it is also the",
        "mint's only mint authority, so nothing but `mint_epoch` can create IO.",
        "",
        "Amounts are base units of the mint. Fixed layout (no `Option`s) so indexers can filter by",
        "offset; fields are only ever appended by taking bytes from `reserved`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "docs": [
              "Layout version, for future migrations."
            ],
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "decimals",
            "docs": [
              "Read from the mint at initialization; all base-unit figures depend on it."
            ],
            "type": "u8"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "docs": [
              "Governance key (can be a multisig): changes the distributor, hands over admin."
            ],
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "Nominated admin awaiting `accept_admin`; `Pubkey::default()` when none."
            ],
            "type": "pubkey"
          },
          {
            "name": "distributor",
            "docs": [
              "The only signer allowed to call `mint_epoch` (the staking program's PDA)."
            ],
            "type": "pubkey"
          },
          {
            "name": "genesisTimestamp",
            "docs": [
              "Start of epoch 1 (unix seconds)."
            ],
            "type": "i64"
          },
          {
            "name": "initialSupply",
            "docs": [
              "Mint supply at initialization: exactly 500M IO."
            ],
            "type": "u64"
          },
          {
            "name": "maxSupply",
            "docs": [
              "800M IO: `initial_supply + emission_cap`."
            ],
            "type": "u64"
          },
          {
            "name": "emissionCap",
            "docs": [
              "300M IO: the most the schedule may ever mint."
            ],
            "type": "u64"
          },
          {
            "name": "lastMintedEpoch",
            "docs": [
              "Epochs `1..=last_minted_epoch` are minted; 0 before the first mint."
            ],
            "type": "u32"
          },
          {
            "name": "cumulativeMinted",
            "docs": [
              "Sum of everything this program minted. Burns never reduce it: burned IO is not re-minted."
            ],
            "type": "u64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                128
              ]
            }
          }
        ]
      }
    },
    {
      "name": "epochMinted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "state",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "amount",
            "docs": [
              "Base units minted: the scheduled amount clamped to the remaining cap."
            ],
            "type": "u64"
          },
          {
            "name": "scheduled",
            "docs": [
              "Base units the schedule gives this epoch before the clamp."
            ],
            "type": "u64"
          },
          {
            "name": "cumulativeMinted",
            "type": "u64"
          },
          {
            "name": "capRemaining",
            "type": "u64"
          },
          {
            "name": "destination",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "initializeArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "genesisTimestamp",
            "docs": [
              "Start of epoch 1, unix seconds. May lie in the past: missed epochs are caught up in order."
            ],
            "type": "i64"
          },
          {
            "name": "distributor",
            "docs": [
              "The only key allowed to call `mint_epoch` (the staking program's PDA once it exists)."
            ],
            "type": "pubkey"
          },
          {
            "name": "admin",
            "docs": [
              "Governance key; may differ from the mint authority that runs this instruction."
            ],
            "type": "pubkey"
          }
        ]
      }
    }
  ]
};
