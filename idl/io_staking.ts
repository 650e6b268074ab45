/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `idl/io_staking.json`.
 */
export type IoStaking = {
  "address": "2d4G8UhPHjhwPf4QEpibZ1zKGuRW9KDWsHRYgkVLUUw6",
  "metadata": {
    "name": "ioStaking",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "IO device staking: GPU multipliers, stake and cooldown, uptime-gated epoch rewards"
  },
  "instructions": [
    {
      "name": "acceptAdmin",
      "docs": [
        "The nominee accepts."
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
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
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
      "name": "acceptCoStakeOffer",
      "docs": [
        "Any wallet but the owner: deposits exactly the offered co-stake (the terms it read)."
      ],
      "discriminator": [
        113,
        137,
        114,
        149,
        116,
        220,
        20,
        205
      ],
      "accounts": [
        {
          "name": "coStaker",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "offer",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "device"
              }
            ]
          }
        },
        {
          "name": "coStakerAccount",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "coStaker"
              }
            ]
          }
        },
        {
          "name": "coStakerToken",
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true
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
          "name": "terms",
          "type": {
            "defined": {
              "name": "coStakeTerms"
            }
          }
        }
      ]
    },
    {
      "name": "addGpuModel",
      "docs": [
        "Admin: adds a GPU model with its multiplier (hundredths) and its reward class."
      ],
      "discriminator": [
        104,
        196,
        77,
        87,
        136,
        254,
        133,
        81
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "gpuModel",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  103,
                  112,
                  117,
                  95,
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "modelId"
              }
            ]
          }
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
          "name": "modelId",
          "type": "u16"
        },
        {
          "name": "name",
          "type": "string"
        },
        {
          "name": "multiplierCenti",
          "type": "u32"
        },
        {
          "name": "rewardClass",
          "type": {
            "defined": {
              "name": "rewardClass"
            }
          }
        }
      ]
    },
    {
      "name": "admitKeeper",
      "docs": [
        "Admin: admits an operator as a keeper (at most 16)."
      ],
      "discriminator": [
        225,
        251,
        205,
        67,
        79,
        175,
        135,
        198
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
          "name": "operator",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "appealCase",
      "docs": [
        "Owner: appeals within the 30-day reconsideration period."
      ],
      "discriminator": [
        64,
        200,
        43,
        255,
        105,
        97,
        99,
        9
      ],
      "accounts": [
        {
          "name": "appellant",
          "docs": [
            "The device owner, or the co-staker the case took from (co-stakers are slashed too, so",
            "they may contest it)."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device",
            "case"
          ]
        },
        {
          "name": "device",
          "relations": [
            "case"
          ]
        },
        {
          "name": "case",
          "writable": true
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
          "name": "statementHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "appealKeeperCase",
      "docs": [
        "The keeper's operator appeals its case."
      ],
      "discriminator": [
        210,
        33,
        249,
        174,
        246,
        148,
        54,
        216
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "case"
          ]
        },
        {
          "name": "case",
          "writable": true
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
          "name": "statementHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "bondKeeper",
      "docs": [
        "Keeper operator: bonds IO into the keeper vault."
      ],
      "discriminator": [
        167,
        101,
        132,
        208,
        178,
        36,
        89,
        88
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "operatorToken",
          "writable": true
        },
        {
          "name": "keeperVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
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
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "cancelCoStakeOffer",
      "docs": [
        "Owner: cancels an offer nobody accepted."
      ],
      "discriminator": [
        214,
        254,
        100,
        224,
        171,
        54,
        64,
        179
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "offer",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "device"
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
      "name": "castVote",
      "docs": [
        "Keeper: votes (or changes its vote) for a root; the quorum's vote finalizes it."
      ],
      "discriminator": [
        20,
        212,
        15,
        189,
        69,
        180,
        69,
        151
      ],
      "accounts": [
        {
          "name": "voteKey",
          "docs": [
            "A keeper's vote key."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "ballot",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  108,
                  108,
                  111,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "epoch"
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
          "name": "epoch",
          "type": "u32"
        },
        {
          "name": "root",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        },
        {
          "name": "leafCount",
          "type": "u32"
        },
        {
          "name": "observations",
          "type": "u16"
        }
      ]
    },
    {
      "name": "claimAll",
      "docs": [
        "Owner: claims many devices (remaining accounts, writable) in one transfer."
      ],
      "discriminator": [
        194,
        194,
        80,
        194,
        234,
        210,
        217,
        90
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "ownerToken",
          "writable": true
        },
        {
          "name": "rewardsVault",
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
      "name": "claimCoStakeRewards",
      "docs": [
        "Co-staker: claims its share of the device's credited rewards."
      ],
      "discriminator": [
        169,
        3,
        108,
        154,
        184,
        67,
        166,
        231
      ],
      "accounts": [
        {
          "name": "coStaker",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "coStakerToken",
          "writable": true
        },
        {
          "name": "rewardsVault",
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
      "name": "claimRewards",
      "docs": [
        "Owner: pays credited rewards to the owner's token account."
      ],
      "discriminator": [
        4,
        144,
        132,
        71,
        116,
        23,
        151,
        80
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "ownerToken",
          "writable": true
        },
        {
          "name": "rewardsVault",
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
      "name": "closeBallot",
      "docs": [
        "Anyone: closes a finished ballot, returning its rent to whoever opened it."
      ],
      "discriminator": [
        243,
        82,
        194,
        215,
        41,
        255,
        65,
        98
      ],
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "ballot",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  108,
                  108,
                  111,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "epoch"
              }
            ]
          }
        },
        {
          "name": "opener",
          "docs": [
            "Receives the rent: must be the key that opened the ballot."
          ],
          "writable": true
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
          "name": "epoch",
          "type": "u32"
        }
      ]
    },
    {
      "name": "closeDevice",
      "docs": [
        "Owner: closes an empty device and recovers its rent."
      ],
      "discriminator": [
        156,
        69,
        71,
        242,
        206,
        207,
        38,
        134
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "hardwareMarker",
          "docs": [
            "Closed with the device, so the same GPUs may register again."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  97,
                  114,
                  100,
                  119,
                  97,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "device.hardware_hash",
                "account": "device"
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
      "name": "closeEpoch",
      "docs": [
        "Anyone: mints the next ended epoch and distributes it (or steps over epochs io-emission",
        "minted to another distributor)."
      ],
      "discriminator": [
        13,
        87,
        7,
        133,
        109,
        14,
        83,
        25
      ],
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "rpwRing",
          "writable": true
        },
        {
          "name": "emissionState",
          "writable": true
        },
        {
          "name": "mint",
          "writable": true
        },
        {
          "name": "rewardsVault",
          "writable": true
        },
        {
          "name": "emissionEventAuthority",
          "docs": [
            "the CPI with Anchor's `ConstraintSeeds`)."
          ]
        },
        {
          "name": "emissionProgram",
          "address": "8C9cMQUKVU7NUyDC4iXwkkp4Mmbxd93bSSvMUi583ESJ"
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
      "name": "commitObservation",
      "docs": [
        "Keeper: commits the sha256 of its observation of the epoch."
      ],
      "discriminator": [
        91,
        42,
        192,
        237,
        175,
        58,
        1,
        220
      ],
      "accounts": [
        {
          "name": "voteKey",
          "docs": [
            "A keeper's vote key."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "ballot",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  108,
                  108,
                  111,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "epoch"
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
          "name": "epoch",
          "type": "u32"
        },
        {
          "name": "observationHash",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        }
      ]
    },
    {
      "name": "createCoStakeOffer",
      "docs": [
        "Owner: offers a co-stake on a device (amount wanted, co-staker's share in bps)."
      ],
      "discriminator": [
        80,
        207,
        74,
        65,
        172,
        132,
        147,
        99
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "offer",
          "docs": [
            "`init_if_needed` so that an existing offer reaches `validate` and is refused with",
            "`CoStakeOfferExists` (the device's `has_co_stake_offer` is true exactly while this",
            "account exists), instead of failing inside the system program."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "device"
              }
            ]
          }
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
          "name": "terms",
          "type": {
            "defined": {
              "name": "coStakeTerms"
            }
          }
        }
      ]
    },
    {
      "name": "executeCase",
      "docs": [
        "Anyone: burns the escrow of a case not appealed by its deadline."
      ],
      "discriminator": [
        193,
        137,
        28,
        13,
        205,
        236,
        73,
        9
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The arbiter for `rule_case`; anyone for `execute_case` and `lapse_case`."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device",
            "case"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true,
          "relations": [
            "case"
          ]
        },
        {
          "name": "case",
          "writable": true
        },
        {
          "name": "mint",
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true
        },
        {
          "name": "rewardsVault",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Needed only to return escrow to a device that was withdrawn meanwhile: the owner's IO",
            "token account."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "coStakerToken",
          "docs": [
            "Needed only to return a co-staker's part after it left the device: its IO token account."
          ],
          "writable": true,
          "optional": true
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
      "name": "finalizeStalled",
      "docs": [
        "Admin: finalizes a voted root of a stalled ballot."
      ],
      "discriminator": [
        254,
        101,
        32,
        163,
        54,
        93,
        46,
        176
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool"
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "ballot",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  108,
                  108,
                  111,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "epoch"
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
          "name": "epoch",
          "type": "u32"
        },
        {
          "name": "root",
          "type": {
            "array": [
              "u8",
              32
            ]
          }
        },
        {
          "name": "leafCount",
          "type": "u32"
        },
        {
          "name": "observations",
          "type": "u16"
        }
      ]
    },
    {
      "name": "initialize",
      "docs": [
        "Creates the config, reward pool and vaults; signed by io-emission's admin."
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
          "name": "emissionAdmin",
          "docs": [
            "The emission program's admin: only the governance that controls emission may stand up",
            "the protocol that receives it (nobody can squat the config PDA for this mint)."
          ],
          "signer": true
        },
        {
          "name": "mint"
        },
        {
          "name": "emissionState"
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
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
          "name": "rewardPool",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  95,
                  112,
                  111,
                  111,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "rpwRing",
          "docs": [
            "Created by a system `create_account` earlier in this transaction (owner io-staking,",
            "`RpwRing::SIZE` bytes): over 10,240 bytes, it cannot be created through a CPI."
          ],
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  101,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "rewardsVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  119,
                  97,
                  114,
                  100,
                  115,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
      "name": "initializeKeeperSet",
      "docs": [
        "Admin: stands up the bonded quorum (keeper set and keeper vault) with its parameters."
      ],
      "discriminator": [
        105,
        227,
        12,
        95,
        10,
        117,
        76,
        240
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "mint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "keeperVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
          "name": "params",
          "type": {
            "defined": {
              "name": "quorumParams"
            }
          }
        }
      ]
    },
    {
      "name": "lapseCase",
      "docs": [
        "Anyone: returns the escrow of an appealed case not ruled on in time."
      ],
      "discriminator": [
        201,
        132,
        229,
        49,
        106,
        1,
        59,
        201
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The arbiter for `rule_case`; anyone for `execute_case` and `lapse_case`."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device",
            "case"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true,
          "relations": [
            "case"
          ]
        },
        {
          "name": "case",
          "writable": true
        },
        {
          "name": "mint",
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true
        },
        {
          "name": "rewardsVault",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Needed only to return escrow to a device that was withdrawn meanwhile: the owner's IO",
            "token account."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "coStakerToken",
          "docs": [
            "Needed only to return a co-staker's part after it left the device: its IO token account."
          ],
          "writable": true,
          "optional": true
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
      "name": "openBallot",
      "docs": [
        "Anyone: opens the ballot on a closed epoch's uptime root."
      ],
      "discriminator": [
        249,
        246,
        83,
        251,
        62,
        2,
        15,
        156
      ],
      "accounts": [
        {
          "name": "payer",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool"
        },
        {
          "name": "keeperSet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "ballot",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  98,
                  97,
                  108,
                  108,
                  111,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "epoch"
              }
            ]
          }
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
          "name": "epoch",
          "type": "u32"
        }
      ]
    },
    {
      "name": "openCase",
      "docs": [
        "Slasher: opens a case; the amount moves from stake (then unclaimed rewards) to escrow."
      ],
      "discriminator": [
        249,
        236,
        95,
        19,
        245,
        178,
        92,
        13
      ],
      "accounts": [
        {
          "name": "slasher",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "case",
          "docs": [
            "Seeded by the config-wide case counter: never the address of an earlier case, whatever",
            "happened to the device key before."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  108,
                  97,
                  115,
                  104,
                  95,
                  99,
                  97,
                  115,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "reward_pool.cases_opened",
                "account": "rewardPool"
              }
            ]
          }
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
              "name": "openCaseArgs"
            }
          }
        }
      ]
    },
    {
      "name": "openKeeperCase",
      "docs": [
        "Slasher: opens a slash case against a keeper's bond."
      ],
      "discriminator": [
        122,
        159,
        221,
        145,
        75,
        138,
        235,
        218
      ],
      "accounts": [
        {
          "name": "slasher",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "case",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  99,
                  97,
                  115,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "args.case_id"
              }
            ]
          }
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
              "name": "openKeeperCaseArgs"
            }
          }
        }
      ]
    },
    {
      "name": "proposeAdmin",
      "docs": [
        "Admin: nominates a new admin; `Pubkey::default()` cancels."
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
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
      "name": "recordRental",
      "docs": [
        "io-payments (CPI): records the end of a device's paid hours; no unstake before it."
      ],
      "discriminator": [
        94,
        233,
        65,
        132,
        160,
        123,
        24,
        219
      ],
      "accounts": [
        {
          "name": "paymentsAuthority",
          "docs": [
            "io-payments' config PDA, signing through `invoke_signed`."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "device",
          "writable": true
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
          "name": "rentedUntil",
          "type": "i64"
        }
      ]
    },
    {
      "name": "registerDevice",
      "docs": [
        "Owner: registers a device, with the device key's consent in the Ed25519 instruction",
        "just before."
      ],
      "discriminator": [
        210,
        151,
        56,
        68,
        22,
        158,
        90,
        193
      ],
      "accounts": [
        {
          "name": "owner",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "gpuModel",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  103,
                  112,
                  117,
                  95,
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "gpu_model.model_id",
                "account": "gpuModel"
              }
            ]
          }
        },
        {
          "name": "device",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  101,
                  118,
                  105,
                  99,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "args.device_key"
              }
            ]
          }
        },
        {
          "name": "hardwareMarker",
          "docs": [
            "Created here, so a second registration of the same GPUs fails with",
            "`HardwareAlreadyRegistered` rather than the system program's \"already in use\"."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  104,
                  97,
                  114,
                  100,
                  119,
                  97,
                  114,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "arg",
                "path": "args.hardware_hash"
              }
            ]
          }
        },
        {
          "name": "instructions",
          "address": "Sysvar1nstructions1111111111111111111111111"
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
              "name": "registerDeviceArgs"
            }
          }
        }
      ]
    },
    {
      "name": "requestCoStakeExit",
      "docs": [
        "Co-staker: asks to leave (7 days' wait, then the cooldown)."
      ],
      "discriminator": [
        219,
        84,
        115,
        100,
        226,
        192,
        192,
        13
      ],
      "accounts": [
        {
          "name": "coStaker",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "offer",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "device"
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
      "name": "requestKeeperUnbond",
      "docs": [
        "Keeper operator: starts unbonding (irreversible; stops voting at once)."
      ],
      "discriminator": [
        206,
        160,
        237,
        25,
        189,
        79,
        115,
        220
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
      "name": "requestUnstake",
      "docs": [
        "Owner: starts the 14-day cooldown for the whole stake; pays pending rewards."
      ],
      "discriminator": [
        44,
        154,
        110,
        253,
        160,
        202,
        54,
        34
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Receives the pending rewards, paid out automatically."
          ],
          "writable": true
        },
        {
          "name": "coStakerToken",
          "docs": [
            "The co-staker's IO token account, to pay its pending rewards out too; without it, the",
            "co-staker claims them itself."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "rewardsVault",
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
      "name": "resolveKeeperCase",
      "docs": [
        "Ends a keeper case: the arbiter upholds or overturns, anyone executes or lapses."
      ],
      "discriminator": [
        203,
        211,
        211,
        142,
        31,
        202,
        251,
        69
      ],
      "accounts": [
        {
          "name": "resolver",
          "docs": [
            "The case's arbiter for a ruling; anyone to execute or lapse."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "case"
          ]
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "case",
          "writable": true
        },
        {
          "name": "mint",
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "keeperVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
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
      "args": [
        {
          "name": "ruling",
          "type": {
            "defined": {
              "name": "keeperRuling"
            }
          }
        }
      ]
    },
    {
      "name": "ruleCase",
      "docs": [
        "Arbiter: upholds (burn) or overturns (return) an appealed case."
      ],
      "discriminator": [
        162,
        243,
        148,
        73,
        16,
        135,
        217,
        131
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The arbiter for `rule_case`; anyone for `execute_case` and `lapse_case`."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device",
            "case"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true,
          "relations": [
            "case"
          ]
        },
        {
          "name": "case",
          "writable": true
        },
        {
          "name": "mint",
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true
        },
        {
          "name": "rewardsVault",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Needed only to return escrow to a device that was withdrawn meanwhile: the owner's IO",
            "token account."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "coStakerToken",
          "docs": [
            "Needed only to return a co-staker's part after it left the device: its IO token account."
          ],
          "writable": true,
          "optional": true
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
      "args": [
        {
          "name": "uphold",
          "type": "bool"
        }
      ]
    },
    {
      "name": "scheduleClassShares",
      "docs": [
        "Admin: schedules new class shares (basis points adding up to 10,000), in force after",
        "the grace period (or the cooldown plus a week, if longer)."
      ],
      "discriminator": [
        198,
        236,
        251,
        23,
        46,
        37,
        104,
        12
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
          "name": "sharesBps",
          "type": {
            "array": [
              "u16",
              2
            ]
          }
        }
      ]
    },
    {
      "name": "scheduleMultiplierChange",
      "docs": [
        "Admin: changes a model's multiplier after the grace period."
      ],
      "discriminator": [
        193,
        188,
        70,
        8,
        19,
        197,
        103,
        113
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "gpuModel",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  103,
                  112,
                  117,
                  95,
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "gpu_model.model_id",
                "account": "gpuModel"
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
          "name": "newMultiplierCenti",
          "type": "u32"
        }
      ]
    },
    {
      "name": "setKeeperInfo",
      "docs": [
        "Keeper operator: sets its vote key and the URL where it serves observations and proofs."
      ],
      "discriminator": [
        238,
        213,
        76,
        57,
        230,
        85,
        230,
        184
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
          "name": "voteKey",
          "type": "pubkey"
        },
        {
          "name": "url",
          "type": "string"
        }
      ]
    },
    {
      "name": "setPaused",
      "docs": [
        "Admin: pauses or resumes entries (exits are never paused)."
      ],
      "discriminator": [
        91,
        60,
        125,
        192,
        176,
        225,
        166,
        218
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "setPaymentsAuthority",
      "docs": [
        "Admin: names io-payments' config PDA, the signer that records rentals (staged like the",
        "other changes once a device is registered)."
      ],
      "discriminator": [
        46,
        205,
        136,
        96,
        98,
        178,
        21,
        109
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
          "name": "authority",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "setRentalTerms",
      "docs": [
        "Owner: the least a renter pays per hour in USDC and in IO (0 refuses rentals in it)."
      ],
      "discriminator": [
        248,
        210,
        223,
        204,
        18,
        152,
        118,
        33
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "device",
          "writable": true
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
          "name": "terms",
          "type": {
            "defined": {
              "name": "rentalTerms"
            }
          }
        }
      ]
    },
    {
      "name": "setSlashingConfig",
      "docs": [
        "Admin: stages the slasher and arbiter (different keys) and the slashing periods, in",
        "force after the cooldown (at once before any device registers)."
      ],
      "discriminator": [
        207,
        168,
        109,
        132,
        198,
        241,
        1,
        214
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
          "name": "setup",
          "type": {
            "defined": {
              "name": "slashingSetup"
            }
          }
        }
      ]
    },
    {
      "name": "settle",
      "docs": [
        "Anyone: settles a device from its leaf in a finalized root."
      ],
      "discriminator": [
        175,
        42,
        185,
        87,
        144,
        131,
        102,
        212
      ],
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "rpwRing"
        },
        {
          "name": "keeperSet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "device",
          "writable": true
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
          "name": "epoch",
          "type": "u32"
        },
        {
          "name": "uptime",
          "type": {
            "array": [
              "u8",
              90
            ]
          }
        },
        {
          "name": "index",
          "type": "u32"
        },
        {
          "name": "proof",
          "type": {
            "vec": {
              "array": [
                "u8",
                32
              ]
            }
          }
        }
      ]
    },
    {
      "name": "stake",
      "docs": [
        "Owner: stakes or tops up."
      ],
      "discriminator": [
        206,
        176,
        202,
        18,
        200,
        209,
        179,
        108
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "ownerToken",
          "writable": true
        },
        {
          "name": "stakeVault",
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
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "syncDeviceMultiplier",
      "docs": [
        "Anyone: applies a due GPU model multiplier change to a device."
      ],
      "discriminator": [
        152,
        183,
        228,
        188,
        153,
        160,
        130,
        67
      ],
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "gpuModel",
          "relations": [
            "device"
          ]
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
      "name": "updateParams",
      "docs": [
        "Admin: stages new parameters, in force after the cooldown (at once before any device",
        "registers); the event carries old, new and the effective time."
      ],
      "discriminator": [
        108,
        178,
        190,
        95,
        94,
        203,
        116,
        20
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
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
          "name": "params",
          "type": {
            "defined": {
              "name": "stakingParams"
            }
          }
        }
      ]
    },
    {
      "name": "updateQuorumParams",
      "docs": [
        "Admin: stages new quorum parameters behind the governance delay."
      ],
      "discriminator": [
        181,
        138,
        151,
        104,
        199,
        248,
        122,
        34
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "rewardPool",
          "docs": [
            "Read for the number of registered devices, which decides the governance delay."
          ]
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
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
          "name": "params",
          "type": {
            "defined": {
              "name": "quorumParams"
            }
          }
        }
      ]
    },
    {
      "name": "withdraw",
      "docs": [
        "Owner: takes the stake back after the cooldown."
      ],
      "discriminator": [
        183,
        18,
        70,
        156,
        148,
        109,
        161,
        34
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Only the wallet that staked receives the stake (published)."
          ],
          "writable": true
        },
        {
          "name": "stakeVault",
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
      "name": "withdrawCoStake",
      "docs": [
        "Co-staker: takes its co-stake and pending rewards back after its exit."
      ],
      "discriminator": [
        153,
        77,
        145,
        23,
        69,
        12,
        247,
        93
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The co-staker, or the device owner (so an absent co-staker cannot keep the device from",
            "closing); either way the co-stake goes to the co-staker's own token account."
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "offer",
          "docs": [
            "Closed: its rent goes back to the owner who paid it."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "device"
              }
            ]
          }
        },
        {
          "name": "owner",
          "writable": true,
          "relations": [
            "offer"
          ]
        },
        {
          "name": "coStakerAccount",
          "docs": [
            "The device's co-staker's account (a signer who is not the co-staker is refused by",
            "`validate` with `NotCoStaker`)."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  95,
                  115,
                  116,
                  97,
                  107,
                  101,
                  114
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "device.co_staker",
                "account": "device"
              }
            ]
          }
        },
        {
          "name": "coStakerToken",
          "docs": [
            "Only the co-staker receives the co-stake (published)."
          ],
          "writable": true
        },
        {
          "name": "stakeVault",
          "writable": true
        },
        {
          "name": "rewardsVault",
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
      "name": "withdrawKeeperBond",
      "docs": [
        "Keeper operator: withdraws its whole bond once its unbonding cooldown is over."
      ],
      "discriminator": [
        117,
        2,
        165,
        103,
        250,
        85,
        209,
        234
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "keeperSet",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  115,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
        },
        {
          "name": "operatorToken",
          "writable": true
        },
        {
          "name": "keeperVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  107,
                  101,
                  101,
                  112,
                  101,
                  114,
                  95,
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "config"
              }
            ]
          }
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
      "name": "withdrawOverflow",
      "docs": [
        "Owner: takes back stake above the requirement, without a cooldown."
      ],
      "discriminator": [
        98,
        70,
        196,
        111,
        8,
        163,
        196,
        65
      ],
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "relations": [
            "device"
          ]
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  116,
                  97,
                  107,
                  105,
                  110,
                  103,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              },
              {
                "kind": "account",
                "path": "config.mint",
                "account": "stakingConfig"
              }
            ]
          },
          "relations": [
            "device"
          ]
        },
        {
          "name": "rewardPool",
          "writable": true
        },
        {
          "name": "device",
          "writable": true
        },
        {
          "name": "ownerToken",
          "docs": [
            "Only the wallet that staked receives the stake (published)."
          ],
          "writable": true
        },
        {
          "name": "stakeVault",
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
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "coStakeOffer",
      "discriminator": [
        60,
        119,
        93,
        181,
        209,
        200,
        210,
        164
      ]
    },
    {
      "name": "coStakerAccount",
      "discriminator": [
        41,
        210,
        163,
        105,
        236,
        212,
        61,
        164
      ]
    },
    {
      "name": "device",
      "discriminator": [
        153,
        248,
        23,
        39,
        83,
        45,
        68,
        128
      ]
    },
    {
      "name": "epochBallot",
      "discriminator": [
        138,
        171,
        120,
        161,
        174,
        10,
        70,
        139
      ]
    },
    {
      "name": "gpuModel",
      "discriminator": [
        198,
        137,
        193,
        129,
        243,
        29,
        17,
        96
      ]
    },
    {
      "name": "hardwareMarker",
      "discriminator": [
        71,
        104,
        82,
        6,
        135,
        60,
        35,
        68
      ]
    },
    {
      "name": "keeperCase",
      "discriminator": [
        134,
        75,
        186,
        234,
        24,
        16,
        47,
        127
      ]
    },
    {
      "name": "keeperSet",
      "discriminator": [
        128,
        74,
        91,
        225,
        246,
        113,
        55,
        177
      ]
    },
    {
      "name": "rewardPool",
      "discriminator": [
        134,
        121,
        197,
        211,
        133,
        154,
        82,
        32
      ]
    },
    {
      "name": "rpwRing",
      "discriminator": [
        45,
        54,
        148,
        154,
        93,
        145,
        139,
        31
      ]
    },
    {
      "name": "slashCase",
      "discriminator": [
        208,
        69,
        223,
        189,
        133,
        168,
        35,
        50
      ]
    },
    {
      "name": "stakingConfig",
      "discriminator": [
        45,
        134,
        252,
        82,
        37,
        57,
        84,
        25
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
      "name": "ballotClosed",
      "discriminator": [
        107,
        216,
        180,
        104,
        51,
        179,
        205,
        107
      ]
    },
    {
      "name": "ballotOpened",
      "discriminator": [
        141,
        82,
        183,
        187,
        156,
        207,
        205,
        205
      ]
    },
    {
      "name": "classSharesScheduled",
      "discriminator": [
        103,
        90,
        65,
        234,
        89,
        130,
        47,
        83
      ]
    },
    {
      "name": "coStakeAccepted",
      "discriminator": [
        69,
        116,
        8,
        223,
        232,
        222,
        77,
        229
      ]
    },
    {
      "name": "coStakeExitRequested",
      "discriminator": [
        188,
        7,
        36,
        35,
        169,
        83,
        78,
        20
      ]
    },
    {
      "name": "coStakeOfferCancelled",
      "discriminator": [
        194,
        185,
        38,
        85,
        110,
        176,
        39,
        31
      ]
    },
    {
      "name": "coStakeOffered",
      "discriminator": [
        0,
        211,
        51,
        233,
        27,
        34,
        202,
        56
      ]
    },
    {
      "name": "coStakeRewardsClaimed",
      "discriminator": [
        103,
        178,
        143,
        90,
        66,
        28,
        135,
        94
      ]
    },
    {
      "name": "coStakeWithdrawn",
      "discriminator": [
        169,
        223,
        120,
        185,
        48,
        222,
        183,
        203
      ]
    },
    {
      "name": "deviceClosed",
      "discriminator": [
        47,
        29,
        126,
        132,
        37,
        146,
        29,
        62
      ]
    },
    {
      "name": "deviceDeactivated",
      "discriminator": [
        163,
        88,
        2,
        143,
        177,
        193,
        107,
        180
      ]
    },
    {
      "name": "deviceMultiplierSynced",
      "discriminator": [
        210,
        248,
        75,
        136,
        111,
        218,
        141,
        228
      ]
    },
    {
      "name": "deviceRegistered",
      "discriminator": [
        221,
        90,
        2,
        153,
        72,
        98,
        71,
        181
      ]
    },
    {
      "name": "deviceSettled",
      "discriminator": [
        211,
        157,
        142,
        122,
        231,
        122,
        104,
        83
      ]
    },
    {
      "name": "epochClosed",
      "discriminator": [
        21,
        4,
        48,
        56,
        29,
        169,
        77,
        42
      ]
    },
    {
      "name": "epochsSkipped",
      "discriminator": [
        4,
        23,
        12,
        183,
        119,
        46,
        209,
        90
      ]
    },
    {
      "name": "gpuModelChangeScheduled",
      "discriminator": [
        100,
        106,
        195,
        34,
        3,
        102,
        212,
        172
      ]
    },
    {
      "name": "gpuModelCreated",
      "discriminator": [
        175,
        214,
        149,
        82,
        255,
        33,
        205,
        246
      ]
    },
    {
      "name": "keeperAdmitted",
      "discriminator": [
        168,
        209,
        134,
        230,
        93,
        31,
        169,
        5
      ]
    },
    {
      "name": "keeperBondWithdrawn",
      "discriminator": [
        62,
        31,
        203,
        193,
        215,
        150,
        1,
        173
      ]
    },
    {
      "name": "keeperBonded",
      "discriminator": [
        253,
        175,
        66,
        79,
        226,
        84,
        206,
        204
      ]
    },
    {
      "name": "keeperCaseAppealed",
      "discriminator": [
        191,
        226,
        24,
        120,
        86,
        114,
        235,
        158
      ]
    },
    {
      "name": "keeperCaseOpened",
      "discriminator": [
        182,
        211,
        186,
        108,
        28,
        202,
        103,
        72
      ]
    },
    {
      "name": "keeperCaseResolved",
      "discriminator": [
        224,
        90,
        188,
        75,
        253,
        213,
        208,
        29
      ]
    },
    {
      "name": "keeperInfoSet",
      "discriminator": [
        149,
        196,
        145,
        113,
        121,
        2,
        17,
        130
      ]
    },
    {
      "name": "keeperSetInitialized",
      "discriminator": [
        188,
        236,
        137,
        124,
        133,
        37,
        10,
        131
      ]
    },
    {
      "name": "keeperUnbondRequested",
      "discriminator": [
        247,
        221,
        55,
        45,
        157,
        215,
        148,
        5
      ]
    },
    {
      "name": "observationCommitted",
      "discriminator": [
        5,
        103,
        236,
        103,
        94,
        192,
        132,
        156
      ]
    },
    {
      "name": "overflowWithdrawn",
      "discriminator": [
        206,
        161,
        76,
        208,
        46,
        76,
        74,
        176
      ]
    },
    {
      "name": "paramsUpdated",
      "discriminator": [
        2,
        163,
        138,
        99,
        135,
        11,
        136,
        169
      ]
    },
    {
      "name": "pausedChanged",
      "discriminator": [
        12,
        10,
        153,
        247,
        60,
        115,
        137,
        69
      ]
    },
    {
      "name": "paymentsAuthorityUpdated",
      "discriminator": [
        239,
        89,
        63,
        250,
        143,
        152,
        17,
        230
      ]
    },
    {
      "name": "quorumParamsUpdated",
      "discriminator": [
        19,
        234,
        85,
        65,
        84,
        215,
        107,
        217
      ]
    },
    {
      "name": "rentalRecorded",
      "discriminator": [
        96,
        151,
        137,
        37,
        239,
        156,
        240,
        32
      ]
    },
    {
      "name": "rentalTermsSet",
      "discriminator": [
        36,
        33,
        24,
        143,
        120,
        198,
        133,
        88
      ]
    },
    {
      "name": "rewardsClaimed",
      "discriminator": [
        75,
        98,
        88,
        18,
        219,
        112,
        88,
        121
      ]
    },
    {
      "name": "rewardsClaimedAll",
      "discriminator": [
        214,
        164,
        255,
        50,
        218,
        2,
        105,
        199
      ]
    },
    {
      "name": "rootFinalized",
      "discriminator": [
        241,
        1,
        127,
        133,
        180,
        171,
        191,
        127
      ]
    },
    {
      "name": "slashCaseAppealed",
      "discriminator": [
        220,
        128,
        190,
        246,
        80,
        46,
        75,
        200
      ]
    },
    {
      "name": "slashCaseOpened",
      "discriminator": [
        15,
        225,
        161,
        102,
        122,
        166,
        127,
        207
      ]
    },
    {
      "name": "slashCaseResolved",
      "discriminator": [
        139,
        217,
        253,
        122,
        126,
        226,
        66,
        64
      ]
    },
    {
      "name": "slashingConfigUpdated",
      "discriminator": [
        38,
        74,
        255,
        248,
        207,
        120,
        153,
        144
      ]
    },
    {
      "name": "staked",
      "discriminator": [
        11,
        146,
        45,
        205,
        230,
        58,
        213,
        240
      ]
    },
    {
      "name": "stakingInitialized",
      "discriminator": [
        22,
        155,
        230,
        163,
        100,
        9,
        62,
        165
      ]
    },
    {
      "name": "unstakeRequested",
      "discriminator": [
        21,
        253,
        177,
        85,
        129,
        206,
        42,
        152
      ]
    },
    {
      "name": "voteCast",
      "discriminator": [
        39,
        53,
        195,
        104,
        188,
        17,
        225,
        213
      ]
    },
    {
      "name": "withdrawn",
      "discriminator": [
        20,
        89,
        223,
        198,
        194,
        124,
        219,
        13
      ]
    }
  ],
  "errors": [
    {
      "code": 6100,
      "name": "unauthorizedAdmin",
      "msg": "Signer is not the staking admin"
    },
    {
      "code": 6101,
      "name": "unauthorizedAttester",
      "msg": "Retired: attesters were replaced by the keeper quorum"
    },
    {
      "code": 6102,
      "name": "paused",
      "msg": "The protocol is paused"
    },
    {
      "code": 6103,
      "name": "invalidParams",
      "msg": "Invalid parameters"
    },
    {
      "code": 6104,
      "name": "tooManyAttesters",
      "msg": "Retired: attesters were replaced by the keeper quorum"
    },
    {
      "code": 6105,
      "name": "attesterExists",
      "msg": "Retired: attesters were replaced by the keeper quorum"
    },
    {
      "code": 6106,
      "name": "attesterNotFound",
      "msg": "Retired: attesters were replaced by the keeper quorum"
    },
    {
      "code": 6107,
      "name": "noPendingAdmin",
      "msg": "There is no pending admin nomination"
    },
    {
      "code": 6108,
      "name": "notPendingAdmin",
      "msg": "Signer is not the pending admin"
    },
    {
      "code": 6109,
      "name": "invalidAuthority",
      "msg": "A role cannot be the default (all-zero) key"
    },
    {
      "code": 6110,
      "name": "wrongMint",
      "msg": "Mint or token account does not belong to this protocol's IO mint"
    },
    {
      "code": 6111,
      "name": "wrongVault",
      "msg": "Token account is not this protocol's vault"
    },
    {
      "code": 6112,
      "name": "invalidGpuCount",
      "msg": "GPU count must be between 1 and 1024"
    },
    {
      "code": 6113,
      "name": "invalidMultiplier",
      "msg": "Multiplier must be at most 100.00x (10000 hundredths)"
    },
    {
      "code": 6114,
      "name": "invalidModelName",
      "msg": "GPU model name must be 1 to 32 bytes of UTF-8"
    },
    {
      "code": 6115,
      "name": "notDeviceOwner",
      "msg": "Signer is not the device's owner"
    },
    {
      "code": 6116,
      "name": "zeroAmount",
      "msg": "Amount must be greater than zero"
    },
    {
      "code": 6117,
      "name": "stakeDuringCooldown",
      "msg": "Stake cannot be added while the device is unstaking"
    },
    {
      "code": 6118,
      "name": "alreadyUnstaking",
      "msg": "The device has already requested unstake"
    },
    {
      "code": 6119,
      "name": "nothingStaked",
      "msg": "The device has no stake"
    },
    {
      "code": 6120,
      "name": "notUnstaking",
      "msg": "The device has not requested unstake"
    },
    {
      "code": 6121,
      "name": "cooldownNotOver",
      "msg": "The unstake cooldown has not ended"
    },
    {
      "code": 6122,
      "name": "notOwnersTokenAccount",
      "msg": "Withdrawals and rewards go only to a token account owned by the device owner"
    },
    {
      "code": 6123,
      "name": "nothingToClaim",
      "msg": "No rewards to claim"
    },
    {
      "code": 6124,
      "name": "deviceNotEmpty",
      "msg": "The device still holds stake or rewards, or is active"
    },
    {
      "code": 6125,
      "name": "deviceWithdrawn",
      "msg": "The device has been withdrawn; register it again to rejoin"
    },
    {
      "code": 6126,
      "name": "epochNotClosed",
      "msg": "That epoch has not been closed yet"
    },
    {
      "code": 6127,
      "name": "epochOutsideWindow",
      "msg": "That epoch is outside the settlement window"
    },
    {
      "code": 6128,
      "name": "alreadyAttested",
      "msg": "Retired: settling against an old root is a no-op"
    },
    {
      "code": 6129,
      "name": "epochBeforeRegistration",
      "msg": "The epoch is not after the device's registration"
    },
    {
      "code": 6130,
      "name": "invalidDeviceAccount",
      "msg": "That account is not a device of this protocol"
    },
    {
      "code": 6131,
      "name": "emptyBatch",
      "msg": "Retired: there are no attestation batches"
    },
    {
      "code": 6132,
      "name": "notStale",
      "msg": "Retired: staleness is applied by settle"
    },
    {
      "code": 6133,
      "name": "deviceNotSettled",
      "msg": "The device must be settled up to the latest finalized root before its weight changes"
    },
    {
      "code": 6134,
      "name": "multiplierUnchanged",
      "msg": "The device's multiplier is already the model's current one"
    },
    {
      "code": 6135,
      "name": "emissionOutOfSync",
      "msg": "The emission program's epoch is not in step with the reward pool"
    },
    {
      "code": 6136,
      "name": "wrongEmissionState",
      "msg": "Emission state does not belong to this protocol's mint"
    },
    {
      "code": 6137,
      "name": "accountMismatch",
      "msg": "Account does not match the one recorded in state"
    },
    {
      "code": 6138,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6139,
      "name": "accountingInvariant",
      "msg": "Accounting invariant violated"
    },
    {
      "code": 6140,
      "name": "epochNotEnded",
      "msg": "The next epoch has not ended yet"
    },
    {
      "code": 6141,
      "name": "scheduleComplete",
      "msg": "Every epoch of the emission schedule has been closed"
    },
    {
      "code": 6142,
      "name": "unauthorizedSlasher",
      "msg": "Signer is not the slasher"
    },
    {
      "code": 6143,
      "name": "unauthorizedArbiter",
      "msg": "Signer is not the arbiter"
    },
    {
      "code": 6144,
      "name": "slasherIsArbiter",
      "msg": "The slasher and the arbiter must be different keys"
    },
    {
      "code": 6145,
      "name": "slashExceedsBalance",
      "msg": "Slash amount exceeds the device's stake plus unclaimed rewards"
    },
    {
      "code": 6146,
      "name": "slashAboveCap",
      "msg": "Slash amount exceeds the per-case cap"
    },
    {
      "code": 6147,
      "name": "appealPeriodOver",
      "msg": "The appeal period is over"
    },
    {
      "code": 6148,
      "name": "alreadyAppealed",
      "msg": "The case has already been appealed"
    },
    {
      "code": 6149,
      "name": "caseNotAppealed",
      "msg": "The case has not been appealed"
    },
    {
      "code": 6150,
      "name": "caseResolved",
      "msg": "The case is already resolved"
    },
    {
      "code": 6151,
      "name": "appealPeriodNotOver",
      "msg": "The appeal period has not ended"
    },
    {
      "code": 6152,
      "name": "caseAppealed",
      "msg": "The case was appealed: only the arbiter can rule, or it lapses"
    },
    {
      "code": 6153,
      "name": "rulingWindowOver",
      "msg": "The arbiter's ruling window is over; the case can only lapse"
    },
    {
      "code": 6154,
      "name": "rulingWindowNotOver",
      "msg": "The arbiter's ruling window has not ended"
    },
    {
      "code": 6155,
      "name": "openCases",
      "msg": "The device has open slash cases"
    },
    {
      "code": 6156,
      "name": "notDistributor",
      "msg": "io-emission's distributor is not this staking config: hand minting to it first"
    },
    {
      "code": 6157,
      "name": "deviceNotActive",
      "msg": "The device is not in the active set"
    },
    {
      "code": 6158,
      "name": "baseStakeOutOfRange",
      "msg": "Base stake per GPU must be above 0 and at most 1,000,000 IO"
    },
    {
      "code": 6159,
      "name": "cooldownOutOfRange",
      "msg": "Cooldown must be 14 to 365 days"
    },
    {
      "code": 6160,
      "name": "gracePeriodOutOfRange",
      "msg": "Multiplier grace period must be 30 to 365 days"
    },
    {
      "code": 6161,
      "name": "epochParamsOutOfRange",
      "msg": "Streak must be 1 to 720 epochs; staleness 168 to 8,760"
    },
    {
      "code": 6162,
      "name": "slashCapOutOfRange",
      "msg": "Slash cap must be 1 to 10,000 basis points"
    },
    {
      "code": 6163,
      "name": "appealPeriodOutOfRange",
      "msg": "Appeal period must be 30 to 365 days"
    },
    {
      "code": 6164,
      "name": "rulingWindowOutOfRange",
      "msg": "Ruling window must be 1 to 365 days"
    },
    {
      "code": 6165,
      "name": "slashingOff",
      "msg": "Slashing is off: no slasher has been set"
    },
    {
      "code": 6166,
      "name": "aboveOverflow",
      "msg": "Amount exceeds the stake above the device's requirement"
    },
    {
      "code": 6167,
      "name": "tooManyDevices",
      "msg": "Too many devices in one instruction"
    },
    {
      "code": 6168,
      "name": "invalidClassShares",
      "msg": "Class shares must be basis points adding up to exactly 10,000"
    },
    {
      "code": 6169,
      "name": "coStakeOfferExists",
      "msg": "The device already has a co-staking offer"
    },
    {
      "code": 6170,
      "name": "coStakeAlreadyAccepted",
      "msg": "The co-staking offer was already accepted"
    },
    {
      "code": 6171,
      "name": "cannotAcceptOwnOffer",
      "msg": "A device owner cannot accept their own co-staking offer"
    },
    {
      "code": 6172,
      "name": "offerTermsChanged",
      "msg": "The offer's terms are not the ones the co-staker agreed to"
    },
    {
      "code": 6173,
      "name": "coStakeAboveHalf",
      "msg": "A co-stake may be at most half of the device's total stake"
    },
    {
      "code": 6174,
      "name": "tooManyCoStakes",
      "msg": "A wallet holds at most 2 accepted co-staking offers at a time"
    },
    {
      "code": 6175,
      "name": "notCoStaker",
      "msg": "Signer is not the device's co-staker"
    },
    {
      "code": 6176,
      "name": "alreadyExiting",
      "msg": "The co-staker has already asked to leave"
    },
    {
      "code": 6177,
      "name": "notExiting",
      "msg": "The co-staker has not asked to leave, and the device is not unstaking"
    },
    {
      "code": 6178,
      "name": "invalidShare",
      "msg": "A share must be at most 10,000 basis points"
    },
    {
      "code": 6179,
      "name": "coStakeOpen",
      "msg": "The device has a co-staking offer or a co-stake"
    },
    {
      "code": 6180,
      "name": "consentMissing",
      "msg": "The instruction before register_device is not the Ed25519 program's"
    },
    {
      "code": 6181,
      "name": "consentMalformed",
      "msg": "The Ed25519 instruction does not carry one device registration consent"
    },
    {
      "code": 6182,
      "name": "consentOutsideInstruction",
      "msg": "The Ed25519 instruction reads its key, signature or message from another instruction"
    },
    {
      "code": 6183,
      "name": "consentWrongSigner",
      "msg": "The consent is not signed by the device key being registered"
    },
    {
      "code": 6184,
      "name": "consentWrongOwner",
      "msg": "The consent is for another owner"
    },
    {
      "code": 6185,
      "name": "consentWrongConfig",
      "msg": "The consent is for another deployment (program or config)"
    },
    {
      "code": 6186,
      "name": "consentWrongModel",
      "msg": "The consent is for another GPU model"
    },
    {
      "code": 6187,
      "name": "consentWrongGpuCount",
      "msg": "The consent is for another GPU count"
    },
    {
      "code": 6188,
      "name": "consentWrongHardware",
      "msg": "The consent is for other hardware"
    },
    {
      "code": 6189,
      "name": "consentExpired",
      "msg": "The consent has expired"
    },
    {
      "code": 6190,
      "name": "hardwareAlreadyRegistered",
      "msg": "These GPUs (hardware hash) are registered as another device"
    },
    {
      "code": 6191,
      "name": "notPaymentsAuthority",
      "msg": "Signer is not the payments program's config named by this staking config"
    },
    {
      "code": 6192,
      "name": "rentalTooLong",
      "msg": "A rental may end at most 720 hours from now"
    },
    {
      "code": 6193,
      "name": "deviceRented",
      "msg": "The device is rented: it cannot leave before its paid hours end"
    },
    {
      "code": 6194,
      "name": "invalidPaymentsAuthority",
      "msg": "The payments authority must be io-payments' config of this deployment, or none"
    },
    {
      "code": 6195,
      "name": "quorumParamsOutOfRange",
      "msg": "Quorum parameters out of range"
    },
    {
      "code": 6196,
      "name": "notKeeper",
      "msg": "Signer is not a keeper of this deployment"
    },
    {
      "code": 6197,
      "name": "keeperUnbonding",
      "msg": "The keeper is unbonding: it neither commits nor votes"
    },
    {
      "code": 6198,
      "name": "keeperBondTooLow",
      "msg": "The keeper's bond is below the minimum"
    },
    {
      "code": 6199,
      "name": "keeperSetFull",
      "msg": "The keeper set is full (16 keepers)"
    },
    {
      "code": 6200,
      "name": "keeperExists",
      "msg": "This operator is already a keeper"
    },
    {
      "code": 6201,
      "name": "keeperUrlTooLong",
      "msg": "The keeper URL is too long (128 bytes at most)"
    },
    {
      "code": 6202,
      "name": "invalidVoteKey",
      "msg": "The vote key is missing or used by another keeper"
    },
    {
      "code": 6203,
      "name": "keeperNotUnbonding",
      "msg": "The keeper has not asked to unbond"
    },
    {
      "code": 6204,
      "name": "keeperBondLocked",
      "msg": "The keeper's bond is still in its cooldown"
    },
    {
      "code": 6205,
      "name": "observationAlreadyCommitted",
      "msg": "This keeper already committed its observation for this epoch"
    },
    {
      "code": 6206,
      "name": "observePhaseOver",
      "msg": "The observe phase of this ballot is over"
    },
    {
      "code": 6207,
      "name": "observePhaseOpen",
      "msg": "The observe phase of this ballot is not over yet"
    },
    {
      "code": 6208,
      "name": "ballotFinalized",
      "msg": "This ballot is already finalized"
    },
    {
      "code": 6209,
      "name": "ballotSuperseded",
      "msg": "A root for this or a later epoch is already finalized"
    },
    {
      "code": 6210,
      "name": "notInElectorate",
      "msg": "The keeper could not vote when this ballot opened"
    },
    {
      "code": 6211,
      "name": "notStalled",
      "msg": "The ballot is not stalled yet"
    },
    {
      "code": 6212,
      "name": "rootNotVoted",
      "msg": "Nobody voted for this root"
    },
    {
      "code": 6213,
      "name": "invalidLeafCount",
      "msg": "The tree must have between 1 and 1,048,576 leaves"
    },
    {
      "code": 6214,
      "name": "observationNotCommitted",
      "msg": "A vote may merge only committed observations, and at least one"
    },
    {
      "code": 6215,
      "name": "rootNotFinalized",
      "msg": "No root is finalized for this epoch yet"
    },
    {
      "code": 6216,
      "name": "rootTooOld",
      "msg": "The root is older than the previous finalized root"
    },
    {
      "code": 6217,
      "name": "invalidProof",
      "msg": "The proof does not lead from this device's leaf to the root"
    },
    {
      "code": 6218,
      "name": "emptyElectorate",
      "msg": "No keeper may vote: the ballot cannot open"
    },
    {
      "code": 6219,
      "name": "ballotStillOpen",
      "msg": "The ballot may still finalize: it closes once final or superseded"
    }
  ],
  "types": [
    {
      "name": "adminTransferProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "oldPendingAdmin",
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
            "name": "config",
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
      "name": "ballotClosed",
      "docs": [
        "A finished ballot's account was closed and its rent returned to whoever opened it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "opener",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "ballotOpened",
      "docs": [
        "Epoch `epoch`'s ballot opened: who may vote and how many votes finalize it."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "electorate",
            "type": "u16"
          },
          {
            "name": "quorum",
            "type": "u8"
          },
          {
            "name": "observeUntil",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "ballotVote",
      "docs": [
        "One keeper's vote: the root it computed, the tree's size and the observations it merged."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "leafCount",
            "type": "u32"
          },
          {
            "name": "observations",
            "docs": [
              "Bit `k`: keeper `k`'s committed observation was merged."
            ],
            "type": "u16"
          },
          {
            "name": "padding",
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          }
        ]
      }
    },
    {
      "name": "caseStatus",
      "docs": [
        "Where a case is. `Open` and `Appealed` hold escrow; the rest are final. Variants are only",
        "ever appended."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "name": "appealed"
          },
          {
            "name": "upheld"
          },
          {
            "name": "overturned"
          },
          {
            "name": "executed"
          },
          {
            "name": "lapsed"
          }
        ]
      }
    },
    {
      "name": "classClose",
      "docs": [
        "One reward class's part of an epoch close."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "emission",
            "docs": [
              "This class's part of the emission (base units)."
            ],
            "type": "u64"
          },
          {
            "name": "shareBps",
            "type": "u16"
          },
          {
            "name": "rewardPerWeight",
            "type": "u128"
          },
          {
            "name": "totalWeight",
            "type": "u128"
          },
          {
            "name": "carryScaled",
            "type": "u128"
          },
          {
            "name": "activeDevices",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "classPool",
      "docs": [
        "One reward class's side of the pool (docs/design.md section 10): its own accumulator, weight,",
        "carry and share of the emission."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rewardPerWeight",
            "docs": [
              "Scaled by `math::rewards::RPW_SCALE`."
            ],
            "type": "u128"
          },
          {
            "name": "totalWeight",
            "docs": [
              "Sum of this class's active devices' weights."
            ],
            "type": "u128"
          },
          {
            "name": "carryScaled",
            "docs": [
              "Undistributed value of this class (close remainders, forfeits, and its whole share while",
              "it has no weight), scaled."
            ],
            "type": "u128"
          },
          {
            "name": "activeDevices",
            "type": "u32"
          },
          {
            "name": "emitted",
            "docs": [
              "This class's share of every close, ever (base units)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "classSharesScheduled",
      "docs": [
        "A change of the class shares was scheduled (in force from `effective_at`)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "oldBps",
            "type": {
              "array": [
                "u16",
                2
              ]
            }
          },
          {
            "name": "newBps",
            "type": {
              "array": [
                "u16",
                2
              ]
            }
          },
          {
            "name": "effectiveAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "coStakeAccepted",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "offer",
            "type": "pubkey"
          },
          {
            "name": "coStaker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shareBps",
            "type": "u16"
          },
          {
            "name": "totalStake",
            "docs": [
              "Owner stake plus co-stake after the deposit."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "coStakeExitRequested",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "coStaker",
            "type": "pubkey"
          },
          {
            "name": "requestedAt",
            "type": "i64"
          },
          {
            "name": "countsUntil",
            "docs": [
              "The co-stake counts toward the requirement until then."
            ],
            "type": "i64"
          },
          {
            "name": "unlocksAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "coStakeOffer",
      "docs": [
        "PDA `[seeds::CO_STAKE, device]`: the device's one co-staking offer and, once accepted, the",
        "co-staker's terms. Closed (rent to the owner) when cancelled or when the co-staker has",
        "withdrawn, after which the owner may offer again."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "docs": [
              "The device owner who made the offer and paid its rent."
            ],
            "type": "pubkey"
          },
          {
            "name": "coStaker",
            "docs": [
              "`Pubkey::default()` until accepted."
            ],
            "type": "pubkey"
          },
          {
            "name": "amount",
            "docs": [
              "The co-stake wanted (base units): the exact amount a co-staker deposits."
            ],
            "type": "u64"
          },
          {
            "name": "shareBps",
            "docs": [
              "The co-staker's part of every settlement of the device, in basis points."
            ],
            "type": "u16"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "coStakeStatus"
              }
            }
          },
          {
            "name": "createdAt",
            "type": "i64"
          },
          {
            "name": "acceptedAt",
            "type": "i64"
          },
          {
            "name": "exitRequestedAt",
            "type": "i64"
          },
          {
            "name": "unlocksAt",
            "docs": [
              "When an exiting co-staker may withdraw: request + 7 days + the cooldown in force then."
            ],
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "coStakeOfferCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "offer",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "coStakeOffered",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "offer",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shareBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "coStakeRewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "coStaker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "coStakeStatus",
      "docs": [
        "Where a co-staking offer is (docs/design.md section 9). Variants are only ever appended."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "name": "accepted"
          },
          {
            "name": "exiting"
          }
        ]
      }
    },
    {
      "name": "coStakeTerms",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "amount",
            "docs": [
              "The co-stake wanted, base units: a co-staker deposits exactly this."
            ],
            "type": "u64"
          },
          {
            "name": "shareBps",
            "docs": [
              "The co-staker's part of every settlement of the device, in basis points."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "coStakeWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "coStaker",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "rewardsPaid",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "coStakerAccount",
      "docs": [
        "PDA `[seeds::CO_STAKER, config, wallet]`: how many accepted offers a co-staker wallet holds",
        "(published: at most 2 at a time)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "wallet",
            "type": "pubkey"
          },
          {
            "name": "acceptedOffers",
            "type": "u8"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "deactivationReason",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "unstaked"
          },
          {
            "name": "stale"
          },
          {
            "name": "noLongerEligible"
          }
        ]
      }
    },
    {
      "name": "device",
      "docs": [
        "PDA `[seeds::DEVICE, config, device_key]`. Owned by the supplier's wallet (self-custody)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "docs": [
              "The wallet that registered the device, staked, and alone can unstake, withdraw and claim."
            ],
            "type": "pubkey"
          },
          {
            "name": "deviceKey",
            "docs": [
              "The worker's ed25519 key that signs heartbeats."
            ],
            "type": "pubkey"
          },
          {
            "name": "gpuModel",
            "type": "pubkey"
          },
          {
            "name": "hardwareHash",
            "docs": [
              "Hash of the GPUs' UUIDs and serials; the keeper rejects heartbeats that do not match."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "multiplierCenti",
            "docs": [
              "The model multiplier in force for this device (hundredths); changed only by",
              "`sync_device_multiplier` once a model change is due."
            ],
            "type": "u32"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "deviceStatus"
              }
            }
          },
          {
            "name": "stake",
            "docs": [
              "Base units in the stake vault for this device."
            ],
            "type": "u64"
          },
          {
            "name": "active",
            "docs": [
              "In the active set (its weight counts in the pool's total weight)."
            ],
            "type": "bool"
          },
          {
            "name": "weight",
            "docs": [
              "Weight counted while active: `multiplier_centi x gpu_count`."
            ],
            "type": "u64"
          },
          {
            "name": "checkpointRpw",
            "docs": [
              "Pool `reward_per_weight` up to which this device is settled."
            ],
            "type": "u128"
          },
          {
            "name": "registeredAfterEpoch",
            "docs": [
              "Uptime counts only for epochs after this one (the last closed epoch at registration), so",
              "uptime cannot be claimed for hours before the device existed."
            ],
            "type": "u32"
          },
          {
            "name": "lastAttestedEpoch",
            "docs": [
              "The newest epoch a settled leaf says the device was up in (the quorum attested it)."
            ],
            "type": "u32"
          },
          {
            "name": "streak",
            "docs": [
              "Consecutive up epochs ending at `last_attested_epoch`."
            ],
            "type": "u32"
          },
          {
            "name": "pendingRewards",
            "docs": [
              "The owner's credited rewards, not yet claimed."
            ],
            "type": "u64"
          },
          {
            "name": "totalCredited",
            "docs": [
              "Everything settlements credited to the device: the owner's and every co-staker's part."
            ],
            "type": "u64"
          },
          {
            "name": "totalForfeited",
            "type": "u64"
          },
          {
            "name": "totalClaimed",
            "type": "u64"
          },
          {
            "name": "registeredAt",
            "type": "i64"
          },
          {
            "name": "escrowed",
            "docs": [
              "Held by this device's open slash cases (no longer stake)."
            ],
            "type": "u64"
          },
          {
            "name": "openCases",
            "type": "u32"
          },
          {
            "name": "casesOpened",
            "docs": [
              "Cases ever opened against this device: the next case's index."
            ],
            "type": "u32"
          },
          {
            "name": "rewardsSlashed",
            "docs": [
              "Unclaimed rewards ever moved into slash cases."
            ],
            "type": "u64"
          },
          {
            "name": "rewardClass",
            "docs": [
              "Its model's class, copied at registration: which accumulator it earns from."
            ],
            "type": {
              "defined": {
                "name": "rewardClass"
              }
            }
          },
          {
            "name": "coStaker",
            "docs": [
              "The accepted co-staker (docs/design.md section 9); `Pubkey::default()` when none."
            ],
            "type": "pubkey"
          },
          {
            "name": "coStake",
            "docs": [
              "The co-staker's stake in the stake vault (not counting what slash cases hold)."
            ],
            "type": "u64"
          },
          {
            "name": "coShareBps",
            "docs": [
              "The co-staker's part of each settlement, in basis points, fixed at acceptance."
            ],
            "type": "u16"
          },
          {
            "name": "coAcceptedAt",
            "type": "i64"
          },
          {
            "name": "coExitRequestedAt",
            "docs": [
              "When the co-staker asked to leave; 0 while it stays. From then on its share earns",
              "nothing; its stake counts toward the requirement for the 7-day wait, then not."
            ],
            "type": "i64"
          },
          {
            "name": "coPendingRewards",
            "docs": [
              "The co-staker's credited rewards, not yet claimed."
            ],
            "type": "u64"
          },
          {
            "name": "coTotalCredited",
            "docs": [
              "Every co-staker's part of `total_credited`, ever."
            ],
            "type": "u64"
          },
          {
            "name": "coTotalClaimed",
            "type": "u64"
          },
          {
            "name": "coRewardsSlashed",
            "docs": [
              "Co-stakers' unclaimed rewards ever moved into slash cases."
            ],
            "type": "u64"
          },
          {
            "name": "hasCoStakeOffer",
            "docs": [
              "A co-staking offer account exists for this device (open or accepted)."
            ],
            "type": "bool"
          },
          {
            "name": "rentedUntil",
            "docs": [
              "The end of the hours renters have paid for (io-payments records it); until then the",
              "owner cannot request unstake (published: rented devices cannot leave). 0 when never rented."
            ],
            "type": "i64"
          },
          {
            "name": "minUsdcPerHour",
            "docs": [
              "The owner's rental terms: the least a renter pays per hour, in USDC and in IO base units;",
              "0 refuses rentals in that mint (the default). A rental blocks unstake, so only the owner",
              "may decide what it is worth."
            ],
            "type": "u64"
          },
          {
            "name": "minIoPerHour",
            "type": "u64"
          },
          {
            "name": "settledEpoch",
            "docs": [
              "The epoch of the last root this device settled against (docs/design.md section 14):",
              "every epoch up to it is settled, and a settle against it or an older root is a no-op."
            ],
            "type": "u32"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "deviceClaim",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "deviceClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "deviceDeactivated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "deactivationReason"
              }
            }
          },
          {
            "name": "forfeited",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "deviceMultiplierSynced",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "oldMultiplierCenti",
            "type": "u32"
          },
          {
            "name": "newMultiplierCenti",
            "type": "u32"
          },
          {
            "name": "active",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "deviceRegistered",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "deviceKey",
            "type": "pubkey"
          },
          {
            "name": "gpuModel",
            "type": "pubkey"
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "multiplierCenti",
            "type": "u32"
          },
          {
            "name": "hardwareHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "requiredStake",
            "type": "u64"
          },
          {
            "name": "rewardClass",
            "type": {
              "defined": {
                "name": "rewardClass"
              }
            }
          }
        ]
      }
    },
    {
      "name": "deviceSettled",
      "docs": [
        "A device settled from its leaf: credits and forfeits over its unsettled epochs, its streak",
        "and whether it joined or left the active set."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "rootEpoch",
            "type": "u32"
          },
          {
            "name": "fromEpoch",
            "docs": [
              "The first epoch this settlement covered."
            ],
            "type": "u32"
          },
          {
            "name": "credited",
            "type": "u64"
          },
          {
            "name": "forfeited",
            "type": "u64"
          },
          {
            "name": "streak",
            "type": "u32"
          },
          {
            "name": "active",
            "type": "bool"
          },
          {
            "name": "activated",
            "type": "bool"
          },
          {
            "name": "deactivated",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "deviceStatus",
      "docs": [
        "Where a device is in its life. Variants are only ever appended."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "staking"
          },
          {
            "name": "unstaking",
            "fields": [
              {
                "name": "requestedAt",
                "type": "i64"
              },
              {
                "name": "unlocksAt",
                "type": "i64"
              }
            ]
          },
          {
            "name": "withdrawn"
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
      "name": "epochBallot",
      "docs": [
        "PDA `[seeds::BALLOT, config, epoch]`: the quorum's ballot on epoch `epoch`'s uptime root.",
        "Its electorate and quorum are fixed when it opens, so bonding or unbonding during a ballot",
        "never moves its threshold."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "opener",
            "docs": [
              "Who paid for the account when it opened; `close_ballot` returns the rent to it."
            ],
            "type": "pubkey"
          },
          {
            "name": "commits",
            "docs": [
              "sha256 of each keeper's observation (by slot); meaningful where `committed` has the bit."
            ],
            "type": {
              "array": [
                {
                  "array": [
                    "u8",
                    32
                  ]
                },
                16
              ]
            }
          },
          {
            "name": "votes",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "ballotVote"
                  }
                },
                16
              ]
            }
          },
          {
            "name": "winner",
            "docs": [
              "The finalized vote; meaningful once `status` is not open."
            ],
            "type": {
              "defined": {
                "name": "ballotVote"
              }
            }
          },
          {
            "name": "openedAt",
            "type": "i64"
          },
          {
            "name": "finalizedAt",
            "type": "i64"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "electorate",
            "docs": [
              "Keepers that could vote when the ballot opened."
            ],
            "type": "u16"
          },
          {
            "name": "committed",
            "type": "u16"
          },
          {
            "name": "voted",
            "type": "u16"
          },
          {
            "name": "quorum",
            "docs": [
              "Votes on one (root, leaf count, observations) that finalize it."
            ],
            "type": "u8"
          },
          {
            "name": "status",
            "type": "u8"
          },
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "padding",
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "epochClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "docs": [
              "The deployment (several may share the program): indexers keep only their own."
            ],
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "emission",
            "type": "u64"
          },
          {
            "name": "activeDevices",
            "type": "u32"
          },
          {
            "name": "classes",
            "docs": [
              "Indexed by `RewardClass::index()`: Enterprise, Community."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "classClose"
                  }
                },
                2
              ]
            }
          }
        ]
      }
    },
    {
      "name": "epochsSkipped",
      "docs": [
        "io-emission had minted `from_epoch..=to_epoch` to another distributor (its admin moved the",
        "distributor away and back): the pool steps over them, with nothing to distribute, so",
        "`close_epoch` never stalls."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "fromEpoch",
            "type": "u32"
          },
          {
            "name": "toEpoch",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "finalizedRoot",
      "docs": [
        "A root the quorum finalized: the epoch it covers, the tree's size and its root."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "epoch",
            "docs": [
              "0 with `leaf_count` 0: none yet."
            ],
            "type": "u32"
          },
          {
            "name": "leafCount",
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "gpuModel",
      "docs": [
        "PDA `[seeds::GPU_MODEL, config, model_id (LE)]`: one row of the GPU model table."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "modelId",
            "type": "u16"
          },
          {
            "name": "name",
            "docs": [
              "UTF-8, zero-padded."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "multiplierCenti",
            "docs": [
              "Earning multiplier in hundredths (H100 = 1000); 0 earns nothing."
            ],
            "type": "u32"
          },
          {
            "name": "hasPending",
            "docs": [
              "A scheduled change, in force from `pending_effective_at`."
            ],
            "type": "bool"
          },
          {
            "name": "pendingMultiplierCenti",
            "type": "u32"
          },
          {
            "name": "pendingEffectiveAt",
            "type": "i64"
          },
          {
            "name": "updatedAt",
            "type": "i64"
          },
          {
            "name": "rewardClass",
            "docs": [
              "Fixed at creation: moving a model to the other class is a new model id."
            ],
            "type": {
              "defined": {
                "name": "rewardClass"
              }
            }
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                63
              ]
            }
          }
        ]
      }
    },
    {
      "name": "gpuModelChangeScheduled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "gpuModel",
            "type": "pubkey"
          },
          {
            "name": "modelId",
            "type": "u16"
          },
          {
            "name": "oldMultiplierCenti",
            "type": "u32"
          },
          {
            "name": "newMultiplierCenti",
            "type": "u32"
          },
          {
            "name": "effectiveAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "gpuModelCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "gpuModel",
            "type": "pubkey"
          },
          {
            "name": "modelId",
            "type": "u16"
          },
          {
            "name": "name",
            "type": "string"
          },
          {
            "name": "multiplierCenti",
            "type": "u32"
          },
          {
            "name": "rewardClass",
            "type": {
              "defined": {
                "name": "rewardClass"
              }
            }
          }
        ]
      }
    },
    {
      "name": "hardwareMarker",
      "docs": [
        "PDA `[seeds::HARDWARE, config, hardware_hash]`: created when a device registers and closed with",
        "it (rent to the owner), so one set of GPUs is one device (docs/design.md section 16). Two",
        "device keys on the same GPUs would otherwise earn twice for one machine's uptime."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "hardwareHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "device",
            "docs": [
              "The device account registered with these GPUs; `Pubkey::default()` never appears in a",
              "created marker."
            ],
            "type": "pubkey"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
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
            "name": "admin",
            "docs": [
              "Governance key of the staking program (can be a multisig)."
            ],
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "keeperAdmitted",
      "docs": [
        "Governance admitted an operator as keeper `slot`; its vote key starts as the operator's."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "slot",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "keeperBond",
      "docs": [
        "One keeper: who runs it, the hot key that signs its ballot transactions, where it serves",
        "observations and proofs, and its bond."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "operator",
            "docs": [
              "`Pubkey::default()`: a free slot."
            ],
            "type": "pubkey"
          },
          {
            "name": "voteKey",
            "type": "pubkey"
          },
          {
            "name": "bonded",
            "docs": [
              "Base units in the keeper vault for this keeper."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingSince",
            "docs": [
              "When the operator asked to unbond; 0 while bonded. Irreversible; the bond stays."
            ],
            "type": "i64"
          },
          {
            "name": "unlocksAt",
            "docs": [
              "When the bond may be withdrawn (`unbonding_since` + the staking cooldown)."
            ],
            "type": "i64"
          },
          {
            "name": "casesOpened",
            "docs": [
              "Slash cases ever opened against this keeper."
            ],
            "type": "u64"
          },
          {
            "name": "escrowed",
            "docs": [
              "Held by this keeper's open slash cases (still in the keeper vault, no longer bond)."
            ],
            "type": "u64"
          },
          {
            "name": "url",
            "docs": [
              "UTF-8, zero-padded."
            ],
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
      "name": "keeperBondWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "keeperBonded",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "bonded",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "keeperCase",
      "docs": [
        "PDA `[seeds::KEEPER_CASE, config, case_id (u64 LE)]`: a slash case against a keeper's bond,",
        "through the same machinery as a device's (docs/design.md section 5): escrow at opening, the",
        "appeal period, the arbiter's ruling window, burn or return. Kept after resolution."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "docs": [
              "The keeper's operator and slot when the case opened: the operator appeals, and a return",
              "goes back to this slot's bond."
            ],
            "type": "pubkey"
          },
          {
            "name": "slot",
            "type": "u8"
          },
          {
            "name": "arbiter",
            "docs": [
              "The arbiter when the case opened: the only key that may rule on it."
            ],
            "type": "pubkey"
          },
          {
            "name": "caseId",
            "type": "u64"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "statementHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "openedAt",
            "type": "i64"
          },
          {
            "name": "appealDeadline",
            "type": "i64"
          },
          {
            "name": "rulingDeadline",
            "type": "i64"
          },
          {
            "name": "appealedAt",
            "type": "i64"
          },
          {
            "name": "resolvedAt",
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "keeperCaseAppealed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "statementHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "rulingDeadline",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "keeperCaseOpened",
      "docs": [
        "A slash case against a keeper's bond opened: `amount` moved from its bond into escrow."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "slot",
            "type": "u8"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "appealDeadline",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "keeperCaseResolved",
      "docs": [
        "A keeper case ended: burned (upheld, executed) or returned to the bond (overturned, lapsed)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "burned",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "keeperInfoSet",
      "docs": [
        "The operator set its hot vote key and the URL where it serves observations and proofs."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "voteKey",
            "type": "pubkey"
          },
          {
            "name": "url",
            "type": "string"
          }
        ]
      }
    },
    {
      "name": "keeperRuling",
      "docs": [
        "How a keeper case ends; the same four ways as a device's (`io_sdk::staking::Resolution`)."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "uphold"
          },
          {
            "name": "overturn"
          },
          {
            "name": "execute"
          },
          {
            "name": "lapse"
          }
        ]
      }
    },
    {
      "name": "keeperSet",
      "docs": [
        "PDA `[seeds::KEEPER_SET, config]`. Zero-copy (4 KB): one read gives the ballot its",
        "electorate, and there is no per-keeper account to keep in step with it."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "keeperVault",
            "type": "pubkey"
          },
          {
            "name": "keepers",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "keeperBond"
                  }
                },
                16
              ]
            }
          },
          {
            "name": "latestRoot",
            "docs": [
              "The newest finalized root and the one before it: `settle` accepts either, so a root",
              "finalizing while a settle is in flight does not fail it."
            ],
            "type": {
              "defined": {
                "name": "finalizedRoot"
              }
            }
          },
          {
            "name": "previousRoot",
            "type": {
              "defined": {
                "name": "finalizedRoot"
              }
            }
          },
          {
            "name": "params",
            "docs": [
              "In force until `params_effective_at` (then `pending_params` is)."
            ],
            "type": {
              "defined": {
                "name": "storedQuorumParams"
              }
            }
          },
          {
            "name": "pendingParams",
            "type": {
              "defined": {
                "name": "storedQuorumParams"
              }
            }
          },
          {
            "name": "paramsEffectiveAt",
            "type": "i64"
          },
          {
            "name": "totalBonded",
            "docs": [
              "Sum of every keeper's bond."
            ],
            "type": "u64"
          },
          {
            "name": "totalEscrowed",
            "docs": [
              "Sum of every keeper's escrow: the keeper vault holds `total_bonded + total_escrowed`."
            ],
            "type": "u64"
          },
          {
            "name": "casesOpened",
            "docs": [
              "Keeper slash cases ever opened: the next case's id and address seed."
            ],
            "type": "u64"
          },
          {
            "name": "totalBurned",
            "docs": [
              "Burned by upheld and executed keeper cases, ever."
            ],
            "type": "u64"
          },
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "name": "padding",
            "type": {
              "array": [
                "u8",
                5
              ]
            }
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
      "name": "keeperSetInitialized",
      "docs": [
        "Governance stood up the bonded quorum (docs/design.md section 14)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "keeperSet",
            "type": "pubkey"
          },
          {
            "name": "keeperVault",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "quorumParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "keeperUnbondRequested",
      "docs": [
        "Irreversible: the keeper stops voting at once; its bond unlocks after the cooldown and stays",
        "slashable until then."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "bonded",
            "type": "u64"
          },
          {
            "name": "unlocksAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "observationCommitted",
      "docs": [
        "A keeper committed the sha256 of its observation of the epoch (served at its URL)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "slot",
            "type": "u8"
          },
          {
            "name": "observationHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "openCaseArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "openKeeperCaseArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "caseId",
            "docs": [
              "`KeeperSet.cases_opened`: the new case's id and address seed."
            ],
            "type": "u64"
          },
          {
            "name": "slot",
            "type": "u8"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "overflowWithdrawn",
      "docs": [
        "Stake above the requirement taken back without a cooldown."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "stake",
            "docs": [
              "Stake left, still at or above `required_stake`."
            ],
            "type": "u64"
          },
          {
            "name": "requiredStake",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "paramsUpdated",
      "docs": [
        "A parameter change was staged (or applied at once while no device is registered)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "old",
            "docs": [
              "The parameters in force when the change was made."
            ],
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          },
          {
            "name": "new",
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          },
          {
            "name": "effectiveAt",
            "docs": [
              "When `new` takes effect: `now + the governance delay` (7 days to react, then a",
              "co-staker's whole exit) once any device is registered."
            ],
            "type": "i64"
          },
          {
            "name": "replaced",
            "docs": [
              "A staged change that this one replaced before it took effect."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "stakingParams"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "pausedChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "old",
            "type": "bool"
          },
          {
            "name": "new",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "paymentsAuthorityUpdated",
      "docs": [
        "Governance named (or staged) io-payments' config as the signer that records rentals."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "old",
            "type": "pubkey"
          },
          {
            "name": "new",
            "type": "pubkey"
          },
          {
            "name": "effectiveAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "quorumParams",
      "docs": [
        "The quorum's governance-tunable parameters; staged like the other supplier-affecting ones."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minKeeperBond",
            "docs": [
              "Bond (base units) below which a keeper neither commits nor votes."
            ],
            "type": "u64"
          },
          {
            "name": "quorumBps",
            "docs": [
              "`quorum_bps` of the ballot's electorate, rounded up, finalizes a root; at least a strict",
              "majority."
            ],
            "type": "u16"
          },
          {
            "name": "observeSeconds",
            "docs": [
              "How long after a ballot opens keepers may commit their observation."
            ],
            "type": "i64"
          },
          {
            "name": "stallEpochs",
            "docs": [
              "Closes without a finalized root after which the admin may finalize a voted root."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "quorumParamsUpdated",
      "docs": [
        "Governance staged (or, before any device registered, applied) new quorum parameters."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "old",
            "type": {
              "defined": {
                "name": "quorumParams"
              }
            }
          },
          {
            "name": "new",
            "type": {
              "defined": {
                "name": "quorumParams"
              }
            }
          },
          {
            "name": "effectiveAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "registerDeviceArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "deviceKey",
            "docs": [
              "The worker's heartbeat key. It does not sign the transaction: it signed the consent the",
              "Ed25519 instruction before this one carries (`io-worker register` prints it)."
            ],
            "type": "pubkey"
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "hardwareHash",
            "docs": [
              "Hash of the GPUs' UUIDs and serials (`io-worker probe --inspect` prints it)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "rentalRecorded",
      "docs": [
        "io-payments recorded the end of a device's paid hours: until then it cannot unstake."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "oldRentedUntil",
            "docs": [
              "The previous end (a cancel shortens it)."
            ],
            "type": "i64"
          },
          {
            "name": "rentedUntil",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "rentalTerms",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minUsdcPerHour",
            "docs": [
              "The least a renter pays per hour in USDC base units; 0 refuses USDC rentals."
            ],
            "type": "u64"
          },
          {
            "name": "minIoPerHour",
            "docs": [
              "The least a renter pays per hour in IO base units; 0 refuses IO rentals."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rentalTermsSet",
      "docs": [
        "The owner set the least a renter pays per hour (0: no rentals in that mint)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "minUsdcPerHour",
            "type": "u64"
          },
          {
            "name": "minIoPerHour",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rewardClass",
      "docs": [
        "Which share of each epoch's emission a GPU model earns from (docs/design.md section 10).",
        "Published: data-center GPUs are Enterprise (95%), consumer and workstation GPUs Community",
        "(5%). A model's class is fixed when it is created. Variants are only ever appended."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "enterprise"
          },
          {
            "name": "community"
          }
        ]
      }
    },
    {
      "name": "rewardPool",
      "docs": [
        "PDA `[seeds::REWARD_POOL, config]`: the reward accumulators, one per class, and lifetime",
        "totals (base units). Deserialized by value in most instructions, so it stays small: the",
        "rings of recent closes live in their own zero-copy account, [`RpwRing`]."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "classes",
            "docs": [
              "Indexed by `RewardClass::index()`."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "classPool"
                  }
                },
                2
              ]
            }
          },
          {
            "name": "firstEpoch",
            "docs": [
              "The emission epoch this pool started at (io-emission's last minted epoch at init)."
            ],
            "type": "u32"
          },
          {
            "name": "lastClosedEpoch",
            "type": "u32"
          },
          {
            "name": "activeDevices",
            "type": "u32"
          },
          {
            "name": "registeredDevices",
            "type": "u32"
          },
          {
            "name": "totalEmitted",
            "type": "u64"
          },
          {
            "name": "totalCredited",
            "type": "u64"
          },
          {
            "name": "totalForfeited",
            "type": "u64"
          },
          {
            "name": "totalClaimed",
            "type": "u64"
          },
          {
            "name": "totalStaked",
            "docs": [
              "Sum of all devices' stake (including cooldown, excluding withdrawn)."
            ],
            "type": "u64"
          },
          {
            "name": "totalBurned",
            "docs": [
              "Burned by upheld and executed slash cases, ever."
            ],
            "type": "u64"
          },
          {
            "name": "escrowedStake",
            "docs": [
              "Held by open cases, taken from stake (still in the stake vault)."
            ],
            "type": "u64"
          },
          {
            "name": "escrowedRewards",
            "docs": [
              "Held by open cases, taken from unclaimed rewards (still in the rewards vault)."
            ],
            "type": "u64"
          },
          {
            "name": "rewardsSlashedOut",
            "docs": [
              "Rewards-vault tokens that left through slashing (burned, or moved to the stake vault or",
              "the owner when a case returned them). Rewards vault == emitted - claimed - this."
            ],
            "type": "u64"
          },
          {
            "name": "openCases",
            "type": "u32"
          },
          {
            "name": "casesOpened",
            "docs": [
              "Slash cases ever opened under this config: the next case's id, and its address seed. It",
              "never repeats, so a device key closed and registered again gets fresh case addresses."
            ],
            "type": "u64"
          },
          {
            "name": "skippedEpochs",
            "docs": [
              "Epochs io-emission minted to another distributor, which this pool stepped over."
            ],
            "type": "u32"
          },
          {
            "name": "genesisTimestamp",
            "docs": [
              "io-emission's genesis, copied at initialization: when each epoch ended."
            ],
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "rewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rewardsClaimedAll",
      "docs": [
        "One `claim_all`: what each device paid, in one transfer to the owner."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "devices",
            "type": {
              "vec": {
                "defined": {
                  "name": "deviceClaim"
                }
              }
            }
          },
          {
            "name": "total",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rootFinalized",
      "docs": [
        "A root is final: devices settle from its leaves."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "leafCount",
            "type": "u32"
          },
          {
            "name": "observations",
            "type": "u16"
          },
          {
            "name": "votes",
            "type": "u8"
          },
          {
            "name": "byAdmin",
            "docs": [
              "The admin's stall rule, not the quorum, finalized it."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "rpwRing",
      "docs": [
        "Each class's `reward_per_weight` right after each of the last [`RPW_RING_LEN`] closes, so",
        "devices may settle up to 720 epochs late. Zero-copy (23 KB): read in place, never copied onto",
        "the 4 KB SBF stack. Values are little-endian byte arrays so the layout has alignment 1 on",
        "every target.",
        "",
        "Not a PDA: a program cannot create an account over 10,240 bytes through a CPI on a real",
        "cluster, so the deployer creates it with a top-level system `create_account` (owner",
        "io-staking, [`RpwRing::SIZE`] bytes) in the transaction that calls `initialize`, which takes",
        "it zeroed (`#[account(zero)]`) and records its address in the config."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "docs": [
              "0: the ring is not a PDA (kept for the layout)."
            ],
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "values",
            "type": {
              "array": [
                {
                  "array": [
                    {
                      "array": [
                        "u8",
                        16
                      ]
                    },
                    721
                  ]
                },
                2
              ]
            }
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "slashCase",
      "docs": [
        "PDA `[seeds::SLASH_CASE, config, case_id (u64 LE)]`. Kept after resolution as the record."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "docs": [
              "The device owner when the case opened; returns go to this wallet's token account if the",
              "device has been withdrawn meanwhile."
            ],
            "type": "pubkey"
          },
          {
            "name": "arbiter",
            "docs": [
              "The arbiter when the case opened: the only key that may rule on it, so rotating the",
              "arbiter never changes who judges a case already open."
            ],
            "type": "pubkey"
          },
          {
            "name": "caseId",
            "docs": [
              "Config-wide, never reused (`RewardPool.cases_opened` when it opened)."
            ],
            "type": "u64"
          },
          {
            "name": "deviceCaseIndex",
            "docs": [
              "The device's own count of cases when this one opened (its n-th case, from 0)."
            ],
            "type": "u32"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "statementHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "amount",
            "docs": [
              "Escrowed base units: `from_stake + from_rewards + from_co_stake + from_co_rewards`."
            ],
            "type": "u64"
          },
          {
            "name": "fromStake",
            "docs": [
              "Part taken from the owner's stake (stays in the stake vault while open)."
            ],
            "type": "u64"
          },
          {
            "name": "fromRewards",
            "docs": [
              "Part taken from the owner's unclaimed rewards (stays in the rewards vault while open)."
            ],
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "openedAt",
            "type": "i64"
          },
          {
            "name": "appealDeadline",
            "docs": [
              "The owner may appeal while `now < appeal_deadline`; after it an unappealed case can be",
              "executed by anyone."
            ],
            "type": "i64"
          },
          {
            "name": "rulingDeadline",
            "docs": [
              "After it an appealed case can be lapsed by anyone."
            ],
            "type": "i64"
          },
          {
            "name": "appealedAt",
            "type": "i64"
          },
          {
            "name": "resolvedAt",
            "type": "i64"
          },
          {
            "name": "coStaker",
            "docs": [
              "The co-staker when the case opened (`Pubkey::default()` when none): what was taken",
              "from it goes back to it alone."
            ],
            "type": "pubkey"
          },
          {
            "name": "fromCoStake",
            "docs": [
              "Part taken from the co-stake, pro rata to the two stakes."
            ],
            "type": "u64"
          },
          {
            "name": "fromCoRewards",
            "docs": [
              "Part taken from the co-staker's unclaimed rewards, pro rata to the two balances."
            ],
            "type": "u64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                16
              ]
            }
          }
        ]
      }
    },
    {
      "name": "slashCaseAppealed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "statementHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "rulingDeadline",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "slashCaseOpened",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "caseId",
            "docs": [
              "Config-wide id, the case address's seed."
            ],
            "type": "u64"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "fromStake",
            "type": "u64"
          },
          {
            "name": "fromRewards",
            "type": "u64"
          },
          {
            "name": "fromCoStake",
            "docs": [
              "Taken from the co-staker's stake and unclaimed rewards, pro rata."
            ],
            "type": "u64"
          },
          {
            "name": "fromCoRewards",
            "type": "u64"
          },
          {
            "name": "appealDeadline",
            "type": "i64"
          },
          {
            "name": "deactivated",
            "docs": [
              "The device left the active set because its stake fell below the requirement."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "slashCaseResolved",
      "docs": [
        "Every resolution: `status` says which (Upheld, Overturned, Executed, Lapsed)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "case",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "caseStatus"
              }
            }
          },
          {
            "name": "burned",
            "docs": [
              "Base units burned (Upheld, Executed) or 0."
            ],
            "type": "u64"
          },
          {
            "name": "returned",
            "docs": [
              "Base units returned to the device's stake or the owner (Overturned, Lapsed) or 0."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "slashReason",
      "docs": [
        "Why a case was opened. Variants are only ever appended."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "spoofing"
          },
          {
            "name": "compromisedData"
          },
          {
            "name": "inadequateService"
          },
          {
            "name": "other"
          }
        ]
      }
    },
    {
      "name": "slashingConfigUpdated",
      "docs": [
        "A slashing change was staged (or applied at once while no device is registered)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "old",
            "docs": [
              "The roles and periods in force when the change was made."
            ],
            "type": {
              "defined": {
                "name": "slashingSetup"
              }
            }
          },
          {
            "name": "new",
            "type": {
              "defined": {
                "name": "slashingSetup"
              }
            }
          },
          {
            "name": "effectiveAt",
            "docs": [
              "When `new` takes effect: `now + the governance delay` (7 days to react, then a",
              "co-staker's whole exit) once any device is registered."
            ],
            "type": "i64"
          },
          {
            "name": "replaced",
            "docs": [
              "A staged change that this one replaced before it took effect."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "slashingSetup"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "slashingParams",
      "docs": [
        "Slashing parameters (docs/design.md section 5)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxSlashBps",
            "docs": [
              "Largest case, in basis points of the device's stake plus unclaimed rewards at opening."
            ],
            "type": "u16"
          },
          {
            "name": "appealPeriodSeconds",
            "docs": [
              "How long the owner may appeal after a case opens (published: one month, 30 days)."
            ],
            "type": "i64"
          },
          {
            "name": "rulingWindowSeconds",
            "docs": [
              "How long after the appeal deadline the arbiter has to rule; after it an appealed case",
              "lapses in the owner's favour."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "slashingSetup",
      "docs": [
        "Who slashes, who rules, and the rules they follow."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "slasher",
            "docs": [
              "Opens slash cases. `Pubkey::default()` while slashing is off."
            ],
            "type": "pubkey"
          },
          {
            "name": "arbiter",
            "docs": [
              "Rules on appealed cases; always a different key from the slasher."
            ],
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "slashingParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "staked",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "stake",
            "type": "u64"
          },
          {
            "name": "requiredStake",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "stakingConfig",
      "docs": [
        "PDA `[seeds::STAKING_CONFIG, mint]`."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "version",
            "type": "u8"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "stakeVaultBump",
            "type": "u8"
          },
          {
            "name": "rewardsVaultBump",
            "type": "u8"
          },
          {
            "name": "rewardPoolBump",
            "type": "u8"
          },
          {
            "name": "rpwRingBump",
            "docs": [
              "0: the ring is created by the deployer, not a PDA (kept for the layout)."
            ],
            "type": "u8"
          },
          {
            "name": "paused",
            "docs": [
              "Blocks registration, staking, settlement and epoch closes; never exits (unstake,",
              "withdraw, claim), so suppliers can always leave."
            ],
            "type": "bool"
          },
          {
            "name": "decimals",
            "type": "u8"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "emissionState",
            "docs": [
              "The io-emission state whose distributor is this config."
            ],
            "type": "pubkey"
          },
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "`Pubkey::default()` when none."
            ],
            "type": "pubkey"
          },
          {
            "name": "stakeVault",
            "type": "pubkey"
          },
          {
            "name": "rewardsVault",
            "type": "pubkey"
          },
          {
            "name": "rewardPool",
            "type": "pubkey"
          },
          {
            "name": "rpwRing",
            "docs": [
              "The zero-copy ring of recent accumulator values (`RpwRing`), created by the deployer."
            ],
            "type": "pubkey"
          },
          {
            "name": "params",
            "docs": [
              "In force until `params_effective_at` (then `pending_params` is)."
            ],
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          },
          {
            "name": "slashing",
            "docs": [
              "In force until `slashing_effective_at` (then `pending_slashing` is)."
            ],
            "type": {
              "defined": {
                "name": "slashingSetup"
              }
            }
          },
          {
            "name": "pendingParams",
            "docs": [
              "A staged parameter change; meaningful only while `params_effective_at != 0`."
            ],
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          },
          {
            "name": "paramsEffectiveAt",
            "docs": [
              "When `pending_params` takes over; 0 when nothing is staged."
            ],
            "type": "i64"
          },
          {
            "name": "pendingSlashing",
            "type": {
              "defined": {
                "name": "slashingSetup"
              }
            }
          },
          {
            "name": "slashingEffectiveAt",
            "type": "i64"
          },
          {
            "name": "classSharesBps",
            "docs": [
              "Each reward class's share of every epoch's emission, basis points summing to 10,000",
              "(published: Enterprise 9,500, Community 500). In force until `class_shares_effective_at`."
            ],
            "type": {
              "array": [
                "u16",
                2
              ]
            }
          },
          {
            "name": "pendingClassSharesBps",
            "type": {
              "array": [
                "u16",
                2
              ]
            }
          },
          {
            "name": "classSharesEffectiveAt",
            "docs": [
              "When `pending_class_shares_bps` takes over; 0 when nothing is staged."
            ],
            "type": "i64"
          },
          {
            "name": "paymentsAuthority",
            "docs": [
              "io-payments' config PDA for this deployment: the one signer that may record a device's",
              "paid hours (`record_rental`). `Pubkey::default()` until governance names it. In force",
              "until `payments_authority_effective_at` (then `pending_payments_authority` is)."
            ],
            "type": "pubkey"
          },
          {
            "name": "pendingPaymentsAuthority",
            "type": "pubkey"
          },
          {
            "name": "paymentsAuthorityEffectiveAt",
            "type": "i64"
          },
          {
            "name": "reserved",
            "type": {
              "array": [
                "u8",
                48
              ]
            }
          }
        ]
      }
    },
    {
      "name": "stakingInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
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
            "name": "emissionState",
            "type": "pubkey"
          },
          {
            "name": "firstEpoch",
            "type": "u32"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "stakingParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "stakingParams",
      "docs": [
        "Governance-tunable parameters. A change is staged and takes effect after the governance delay",
        "(see [`StakingConfig::change_delay`]); `ParamsUpdated` carries old, new and effective time."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "baseStakePerGpu",
            "docs": [
              "Stake per GPU before the multiplier, in base units (published: 200 IO)."
            ],
            "type": "u64"
          },
          {
            "name": "cooldownSeconds",
            "docs": [
              "Unstake cooldown (published: 14 days)."
            ],
            "type": "i64"
          },
          {
            "name": "stalenessEpochs",
            "docs": [
              "A settle deactivates an active device once its last up epoch is this many epochs older",
              "than the root it settles against (published: 168, one week; at least that)."
            ],
            "type": "u32"
          },
          {
            "name": "nominationStreak",
            "docs": [
              "Consecutive up epochs before a device joins the active set (published: 5)."
            ],
            "type": "u32"
          },
          {
            "name": "multiplierGraceSeconds",
            "docs": [
              "Delay before a GPU model's multiplier change takes effect (published: 30 days)."
            ],
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "storedQuorumParams",
      "docs": [
        "[`QuorumParams`] as stored in the zero-copy [`KeeperSet`]."
      ],
      "serialization": "bytemuck",
      "repr": {
        "kind": "c"
      },
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minKeeperBond",
            "type": "u64"
          },
          {
            "name": "observeSeconds",
            "type": "i64"
          },
          {
            "name": "stallEpochs",
            "type": "u32"
          },
          {
            "name": "quorumBps",
            "type": "u16"
          },
          {
            "name": "padding",
            "type": {
              "array": [
                "u8",
                2
              ]
            }
          }
        ]
      }
    },
    {
      "name": "unstakeRequested",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "stake",
            "type": "u64"
          },
          {
            "name": "unlocksAt",
            "type": "i64"
          },
          {
            "name": "forfeited",
            "docs": [
              "Unsettled share forfeited on leaving the active set."
            ],
            "type": "u64"
          },
          {
            "name": "rewardsPaid",
            "docs": [
              "Pending rewards paid out automatically."
            ],
            "type": "u64"
          },
          {
            "name": "coStake",
            "docs": [
              "The co-stake that went into the cooldown with it (0 without a co-staker)."
            ],
            "type": "u64"
          },
          {
            "name": "coRewardsPaid",
            "docs": [
              "The co-staker's pending rewards paid out with it."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "voteCast",
      "docs": [
        "A keeper voted (or changed its vote, `changed`) for a root."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u32"
          },
          {
            "name": "slot",
            "type": "u8"
          },
          {
            "name": "root",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "leafCount",
            "type": "u32"
          },
          {
            "name": "observations",
            "type": "u16"
          },
          {
            "name": "changed",
            "type": "bool"
          },
          {
            "name": "votes",
            "docs": [
              "Electors voting for this exact vote, after this one."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "withdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    }
  ]
};
