/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `idl/io_payments.json`.
 */
export type IoPayments = {
  "address": "Em7SFJpSWVff25B1Lt3t1tW5z8YH2HRWVAMbrJ4qLpEh",
  "metadata": {
    "name": "ioPayments",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "IO compute payments: hourly reservations in USDC or IO with the published 0.25% and 2% fees, and fee revenue that buys IO back and burns it"
  },
  "instructions": [
    {
      "name": "buyBack",
      "docs": [
        "Anyone: sells IO (burned) for USDC from the fee vault at the oracle price."
      ],
      "discriminator": [
        26,
        152,
        25,
        55,
        152,
        21,
        45,
        30
      ],
      "accounts": [
        {
          "name": "seller",
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
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  115,
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
                "path": "config.staking_config",
                "account": "paymentsConfig"
              }
            ]
          }
        },
        {
          "name": "stakingConfig",
          "docs": [
            "Named (read-only) so that one account's signatures list every transaction of the",
            "deployment in order: an indexer follows the staking config alone."
          ]
        },
        {
          "name": "ioMint",
          "writable": true
        },
        {
          "name": "sellerIo",
          "writable": true
        },
        {
          "name": "sellerUsdc",
          "writable": true
        },
        {
          "name": "usdcFeeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  102,
                  101,
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
              },
              {
                "kind": "account",
                "path": "config.usdc_mint",
                "account": "paymentsConfig"
              }
            ]
          }
        },
        {
          "name": "priceUpdate",
          "docs": [
            "A `PriceUpdateV2` of the configured feed, owned by Pyth's receiver program.",
            "`validate` (math::price)."
          ]
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
          "name": "args",
          "type": {
            "defined": {
              "name": "buyBackArgs"
            }
          }
        }
      ]
    },
    {
      "name": "cancel",
      "docs": [
        "Renter: pays the hours begun, takes back the rest, closes the reservation."
      ],
      "discriminator": [
        232,
        219,
        223,
        41,
        219,
        236,
        220,
        190
      ],
      "accounts": [
        {
          "name": "pay",
          "accounts": [
            {
              "name": "config",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      97,
                      121,
                      109,
                      101,
                      110,
                      116,
                      115,
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
                    "path": "config.staking_config",
                    "account": "paymentsConfig"
                  }
                ]
              },
              "relations": [
                "reservation"
              ]
            },
            {
              "name": "stakingConfig",
              "docs": [
                "Named (read-only) so that one account's signatures list every transaction of the",
                "deployment in order: an indexer follows the staking config alone."
              ]
            },
            {
              "name": "reservation",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      101,
                      115,
                      101,
                      114,
                      118,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "config"
                  },
                  {
                    "kind": "account",
                    "path": "reservation.renter",
                    "account": "reservation"
                  },
                  {
                    "kind": "account",
                    "path": "reservation.nonce",
                    "account": "reservation"
                  }
                ]
              }
            },
            {
              "name": "escrow",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      101,
                      115,
                      99,
                      114,
                      111,
                      119
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "reservation"
                  }
                ]
              }
            },
            {
              "name": "supplierToken",
              "docs": [
                "Only the device owner's token account for the reservation's mint can be paid."
              ],
              "writable": true
            },
            {
              "name": "feeVault",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      102,
                      101,
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
                  },
                  {
                    "kind": "account",
                    "path": "reservation.mint",
                    "account": "reservation"
                  }
                ]
              }
            },
            {
              "name": "renter",
              "docs": [
                "Receives the reservation's and the escrow's rent when they close."
              ],
              "writable": true
            },
            {
              "name": "tokenProgram",
              "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
            }
          ]
        },
        {
          "name": "renterToken",
          "writable": true
        },
        {
          "name": "device",
          "docs": [
            "The reservation's device: its paid hours now end with the hour begun."
          ],
          "writable": true
        },
        {
          "name": "stakingProgram",
          "address": "2d4G8UhPHjhwPf4QEpibZ1zKGuRW9KDWsHRYgkVLUUw6"
        },
        {
          "name": "stakingEventAuthority"
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
        "io-staking's admin: creates the config and a fee vault per mint (USDC, IO)."
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
          "name": "admin",
          "docs": [
            "io-staking's admin: the same governance decides the buy-back."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "ioMint"
        },
        {
          "name": "usdcMint"
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  115,
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
                "path": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "usdcFeeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  102,
                  101,
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
              },
              {
                "kind": "account",
                "path": "usdcMint"
              }
            ]
          }
        },
        {
          "name": "ioFeeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  102,
                  101,
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
              },
              {
                "kind": "account",
                "path": "ioMint"
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
              "name": "buybackParams"
            }
          }
        }
      ]
    },
    {
      "name": "reserve",
      "docs": [
        "Renter: reserves a staked device for whole hours, escrowing price and fees."
      ],
      "discriminator": [
        92,
        99,
        244,
        209,
        28,
        65,
        213,
        157
      ],
      "accounts": [
        {
          "name": "renter",
          "writable": true,
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
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  115,
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
                "path": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "device",
          "docs": [
            "Owner-checked by Anchor (io-staking's account type); must be of this deployment.",
            "Writable: io-staking records the end of the paid hours on it (no unstake before)."
          ],
          "writable": true
        },
        {
          "name": "mint"
        },
        {
          "name": "renterToken",
          "writable": true
        },
        {
          "name": "reservation",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  115,
                  101,
                  114,
                  118,
                  97,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "config"
              },
              {
                "kind": "account",
                "path": "renter"
              },
              {
                "kind": "arg",
                "path": "args.nonce"
              }
            ]
          }
        },
        {
          "name": "escrow",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119
                ]
              },
              {
                "kind": "account",
                "path": "reservation"
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
          "name": "stakingProgram",
          "address": "2d4G8UhPHjhwPf4QEpibZ1zKGuRW9KDWsHRYgkVLUUw6"
        },
        {
          "name": "stakingEventAuthority"
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
              "name": "reserveArgs"
            }
          }
        }
      ]
    },
    {
      "name": "settle",
      "docs": [
        "Anyone: pays the supplier for the whole hours ended."
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
          "name": "pay",
          "accounts": [
            {
              "name": "config",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      112,
                      97,
                      121,
                      109,
                      101,
                      110,
                      116,
                      115,
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
                    "path": "config.staking_config",
                    "account": "paymentsConfig"
                  }
                ]
              },
              "relations": [
                "reservation"
              ]
            },
            {
              "name": "stakingConfig",
              "docs": [
                "Named (read-only) so that one account's signatures list every transaction of the",
                "deployment in order: an indexer follows the staking config alone."
              ]
            },
            {
              "name": "reservation",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      114,
                      101,
                      115,
                      101,
                      114,
                      118,
                      97,
                      116,
                      105,
                      111,
                      110
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "config"
                  },
                  {
                    "kind": "account",
                    "path": "reservation.renter",
                    "account": "reservation"
                  },
                  {
                    "kind": "account",
                    "path": "reservation.nonce",
                    "account": "reservation"
                  }
                ]
              }
            },
            {
              "name": "escrow",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      101,
                      115,
                      99,
                      114,
                      111,
                      119
                    ]
                  },
                  {
                    "kind": "account",
                    "path": "reservation"
                  }
                ]
              }
            },
            {
              "name": "supplierToken",
              "docs": [
                "Only the device owner's token account for the reservation's mint can be paid."
              ],
              "writable": true
            },
            {
              "name": "feeVault",
              "writable": true,
              "pda": {
                "seeds": [
                  {
                    "kind": "const",
                    "value": [
                      102,
                      101,
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
                  },
                  {
                    "kind": "account",
                    "path": "reservation.mint",
                    "account": "reservation"
                  }
                ]
              }
            },
            {
              "name": "renter",
              "docs": [
                "Receives the reservation's and the escrow's rent when they close."
              ],
              "writable": true
            },
            {
              "name": "tokenProgram",
              "address": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
            }
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
        "io-staking's admin: stages the price feed, its bounds, the discount and the share curve,",
        "in force after io-staking's governance delay."
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
          "signer": true
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  115,
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
                "path": "stakingConfig"
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
              "name": "buybackParams"
            }
          }
        }
      ]
    },
    {
      "name": "withdrawFees",
      "docs": [
        "io-staking's admin: takes to the treasury the fees the buy-back share at the current",
        "price does not reserve (USDC), or anything in the IO fee vault."
      ],
      "discriminator": [
        198,
        212,
        171,
        109,
        144,
        215,
        174,
        89
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  97,
                  121,
                  109,
                  101,
                  110,
                  116,
                  115,
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
                "path": "stakingConfig"
              }
            ]
          }
        },
        {
          "name": "mint"
        },
        {
          "name": "feeVault",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  102,
                  101,
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
              },
              {
                "kind": "account",
                "path": "mint"
              }
            ]
          }
        },
        {
          "name": "to",
          "writable": true
        },
        {
          "name": "priceUpdate",
          "docs": [
            "The IO/USD price, for a USDC withdrawal."
          ]
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
      "name": "paymentsConfig",
      "discriminator": [
        158,
        118,
        49,
        80,
        209,
        146,
        69,
        65
      ]
    },
    {
      "name": "reservation",
      "discriminator": [
        188,
        235,
        0,
        111,
        208,
        253,
        247,
        212
      ]
    }
  ],
  "events": [
    {
      "name": "boughtBack",
      "discriminator": [
        188,
        156,
        61,
        154,
        116,
        184,
        186,
        21
      ]
    },
    {
      "name": "buybackParamsUpdated",
      "discriminator": [
        154,
        47,
        190,
        198,
        121,
        196,
        39,
        143
      ]
    },
    {
      "name": "feesWithdrawn",
      "discriminator": [
        234,
        15,
        0,
        119,
        148,
        241,
        40,
        21
      ]
    },
    {
      "name": "paymentsInitialized",
      "discriminator": [
        216,
        90,
        241,
        145,
        147,
        136,
        112,
        172
      ]
    },
    {
      "name": "reservationCancelled",
      "discriminator": [
        30,
        219,
        160,
        193,
        236,
        170,
        17,
        95
      ]
    },
    {
      "name": "reservationSettled",
      "discriminator": [
        169,
        24,
        22,
        134,
        192,
        248,
        24,
        66
      ]
    },
    {
      "name": "reserved",
      "discriminator": [
        113,
        14,
        94,
        126,
        13,
        203,
        14,
        65
      ]
    }
  ],
  "errors": [
    {
      "code": 6500,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6501,
      "name": "unauthorizedAdmin",
      "msg": "Signer is not the staking admin"
    },
    {
      "code": 6502,
      "name": "invalidParams",
      "msg": "Invalid parameters"
    },
    {
      "code": 6503,
      "name": "wrongDecimals",
      "msg": "The payment mint must have 6 decimals (USDC)"
    },
    {
      "code": 6504,
      "name": "wrongMint",
      "msg": "The mint is neither this deployment's USDC nor its IO"
    },
    {
      "code": 6505,
      "name": "accountMismatch",
      "msg": "An account does not belong to this deployment"
    },
    {
      "code": 6506,
      "name": "invalidHours",
      "msg": "A reservation is 1 to 720 whole hours"
    },
    {
      "code": 6507,
      "name": "invalidPrice",
      "msg": "The price per hour must be more than zero"
    },
    {
      "code": 6508,
      "name": "deviceNotStaking",
      "msg": "The device is not staking (it is unstaking or withdrawn)"
    },
    {
      "code": 6509,
      "name": "deviceSlashed",
      "msg": "The device has an open slash case"
    },
    {
      "code": 6510,
      "name": "deviceUnderStaked",
      "msg": "The device's stake does not cover its requirement"
    },
    {
      "code": 6511,
      "name": "nothingToSettle",
      "msg": "No whole hour is due yet"
    },
    {
      "code": 6512,
      "name": "wrongPayee",
      "msg": "Payments go only to the device owner's token account for this mint"
    },
    {
      "code": 6513,
      "name": "notRenter",
      "msg": "Signer is not the renter"
    },
    {
      "code": 6514,
      "name": "foreignPriceAccount",
      "msg": "The price account is not owned by the Pyth receiver program"
    },
    {
      "code": 6515,
      "name": "invalidPriceAccount",
      "msg": "The price account is not a PriceUpdateV2"
    },
    {
      "code": 6516,
      "name": "priceNotVerified",
      "msg": "The price update is not fully verified"
    },
    {
      "code": 6517,
      "name": "wrongPriceFeed",
      "msg": "The price account is for another feed"
    },
    {
      "code": 6518,
      "name": "stalePrice",
      "msg": "The price is older than the maximum age"
    },
    {
      "code": 6519,
      "name": "priceConfidenceTooWide",
      "msg": "The price's confidence interval is too wide"
    },
    {
      "code": 6520,
      "name": "nonPositivePrice",
      "msg": "The price is not positive"
    },
    {
      "code": 6521,
      "name": "aboveDiscountBound",
      "msg": "That is more USDC than the oracle price less the discount allows"
    },
    {
      "code": 6522,
      "name": "buybackBudgetExceeded",
      "msg": "That is more USDC than the buy-back share of the fees leaves"
    },
    {
      "code": 6523,
      "name": "zeroAmount",
      "msg": "The amount must be more than zero"
    },
    {
      "code": 6524,
      "name": "feedIdFixed",
      "msg": "The price feed is fixed at initialize"
    },
    {
      "code": 6525,
      "name": "aboveWithdrawable",
      "msg": "That is more than the fees the buy-back share leaves to withdraw"
    },
    {
      "code": 6526,
      "name": "deviceAlreadyRented",
      "msg": "The device is rented until its current reservation ends"
    },
    {
      "code": 6527,
      "name": "notForRent",
      "msg": "The device's owner does not rent it out in this mint"
    },
    {
      "code": 6528,
      "name": "belowRentalTerms",
      "msg": "The price per hour is below the device owner's rental terms"
    }
  ],
  "types": [
    {
      "name": "boughtBack",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "seller",
            "type": "pubkey"
          },
          {
            "name": "ioBurned",
            "type": "u64"
          },
          {
            "name": "usdcPaid",
            "type": "u64"
          },
          {
            "name": "price",
            "docs": [
              "The oracle price used: `price × 10^exponent` USD per IO."
            ],
            "type": "i64"
          },
          {
            "name": "exponent",
            "type": "i32"
          },
          {
            "name": "shareBps",
            "type": "u16"
          },
          {
            "name": "budgetLeft",
            "docs": [
              "USDC the buy-back may still spend after this one."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "buyBackArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "ioAmount",
            "docs": [
              "IO base units delivered and burned."
            ],
            "type": "u64"
          },
          {
            "name": "usdcOut",
            "docs": [
              "USDC base units asked for: at most the oracle value less the discount, and at most what",
              "the buy-back share of the fees leaves. A seller quotes off chain and asks a little less",
              "to allow for the price moving (the keeper's `buyback --slippage-bps`)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "buybackParams",
      "docs": [
        "What governance sets for the buy-back."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "feedId",
            "docs": [
              "The Pyth feed id of IO/USD."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "maxPriceAgeSecs",
            "docs": [
              "A price older than this is refused."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "A confidence interval wider than this share of the price is refused."
            ],
            "type": "u16"
          },
          {
            "name": "discountBps",
            "docs": [
              "Sellers receive the oracle value less at most this (bounded by `MAX_DISCOUNT_BPS`)."
            ],
            "type": "u16"
          },
          {
            "name": "curveLen",
            "docs": [
              "The first `curve_len` points are the share curve, prices increasing."
            ],
            "type": "u8"
          },
          {
            "name": "curve",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "curvePoint"
                  }
                },
                4
              ]
            }
          }
        ]
      }
    },
    {
      "name": "buybackParamsUpdated",
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
              "The parameters in force when the change was staged."
            ],
            "type": {
              "defined": {
                "name": "buybackParams"
              }
            }
          },
          {
            "name": "new",
            "type": {
              "defined": {
                "name": "buybackParams"
              }
            }
          },
          {
            "name": "effectiveAt",
            "docs": [
              "When `new` takes effect (io-staking's governance delay from now)."
            ],
            "type": "i64"
          },
          {
            "name": "replaced",
            "docs": [
              "A staged change this one replaced before it took effect."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "buybackParams"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "curvePoint",
      "docs": [
        "A point of the buy-back share curve: at `price_e8` (USD per IO, 8 decimals), `share_bps` of",
        "the USDC fees buy IO back."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "priceE8",
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
      "name": "feesWithdrawn",
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
            "name": "to",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "reserved",
            "docs": [
              "What stays reserved for the buy-back (USDC), at the price used."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "mintTotals",
      "docs": [
        "Running totals per mint, in base units, for explorers and the conservation checks."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "deposited",
            "docs": [
              "Escrowed by renters."
            ],
            "type": "u64"
          },
          {
            "name": "paid",
            "docs": [
              "Paid to suppliers."
            ],
            "type": "u64"
          },
          {
            "name": "fees",
            "docs": [
              "Collected into the fee vault."
            ],
            "type": "u64"
          },
          {
            "name": "refunded",
            "docs": [
              "Returned to renters on cancellation."
            ],
            "type": "u64"
          },
          {
            "name": "swept",
            "docs": [
              "Sent into an escrow by someone else and moved to the fee vault when it closed (an",
              "escrow with a balance cannot be closed, so a stray transfer must not block the renter)."
            ],
            "type": "u64"
          },
          {
            "name": "withdrawn",
            "docs": [
              "Taken from the fee vault to the treasury by governance."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "paymentsConfig",
      "docs": [
        "PDA `[seeds::PAYMENTS_CONFIG, staking_config]`."
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
            "name": "stakingConfig",
            "docs": [
              "io-staking's config: the devices that may be reserved, and the admin that governs here."
            ],
            "type": "pubkey"
          },
          {
            "name": "ioMint",
            "type": "pubkey"
          },
          {
            "name": "usdcMint",
            "type": "pubkey"
          },
          {
            "name": "ioDecimals",
            "type": "u8"
          },
          {
            "name": "params",
            "docs": [
              "In force until `params_effective_at` (then `pending_params` are)."
            ],
            "type": {
              "defined": {
                "name": "buybackParams"
              }
            }
          },
          {
            "name": "pendingParams",
            "docs": [
              "A staged change; meaningful only while `params_effective_at != 0`."
            ],
            "type": {
              "defined": {
                "name": "buybackParams"
              }
            }
          },
          {
            "name": "paramsEffectiveAt",
            "docs": [
              "When `pending_params` take over; 0 when nothing is staged."
            ],
            "type": "i64"
          },
          {
            "name": "nextReservationId",
            "type": "u64"
          },
          {
            "name": "usdc",
            "type": {
              "defined": {
                "name": "mintTotals"
              }
            }
          },
          {
            "name": "io",
            "type": {
              "defined": {
                "name": "mintTotals"
              }
            }
          },
          {
            "name": "usdcBoughtBack",
            "docs": [
              "USDC paid out of the fee vault by buy-backs."
            ],
            "type": "u64"
          },
          {
            "name": "ioBurned",
            "docs": [
              "IO delivered by buy-backs and burned."
            ],
            "type": "u64"
          },
          {
            "name": "buybacks",
            "type": "u64"
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
      "name": "paymentsInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "stakingConfig",
            "type": "pubkey"
          },
          {
            "name": "usdcMint",
            "type": "pubkey"
          },
          {
            "name": "ioMint",
            "type": "pubkey"
          },
          {
            "name": "params",
            "type": {
              "defined": {
                "name": "buybackParams"
              }
            }
          }
        ]
      }
    },
    {
      "name": "reservation",
      "docs": [
        "PDA `[seeds::RESERVATION, config, renter, nonce]`: whole hours of one device, prepaid into",
        "its escrow. The renter picks the nonce, so a prepared transaction never races other",
        "renters for a shared counter; `id` is the config's running count, for explorers.",
        "Closed (rent to the renter) once every hour is settled or it is cancelled."
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
            "name": "escrowBump",
            "type": "u8"
          },
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "id",
            "type": "u64"
          },
          {
            "name": "renter",
            "type": "pubkey"
          },
          {
            "name": "nonce",
            "type": "u64"
          },
          {
            "name": "device",
            "docs": [
              "io-staking's device account."
            ],
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "docs": [
              "The device's owner when reserved: settlements pay this wallet's token account."
            ],
            "type": "pubkey"
          },
          {
            "name": "mint",
            "docs": [
              "USDC or IO."
            ],
            "type": "pubkey"
          },
          {
            "name": "pricePerHour",
            "type": "u64"
          },
          {
            "name": "hours",
            "type": "u32"
          },
          {
            "name": "startsAt",
            "type": "i64"
          },
          {
            "name": "hoursSettled",
            "type": "u32"
          },
          {
            "name": "renterPerHour",
            "docs": [
              "One hour's split (math::fees::hourly_split), fixed at reservation."
            ],
            "type": "u64"
          },
          {
            "name": "supplierPerHour",
            "type": "u64"
          },
          {
            "name": "feePerHour",
            "type": "u64"
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
      "name": "reservationCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "reservation",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "hoursPaid",
            "docs": [
              "Hours begun and not settled before, paid now."
            ],
            "type": "u32"
          },
          {
            "name": "paid",
            "type": "u64"
          },
          {
            "name": "fees",
            "type": "u64"
          },
          {
            "name": "hoursRefunded",
            "type": "u32"
          },
          {
            "name": "refunded",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "reservationSettled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "reservation",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "hours",
            "docs": [
              "Hours paid by this settlement."
            ],
            "type": "u32"
          },
          {
            "name": "paid",
            "type": "u64"
          },
          {
            "name": "fees",
            "type": "u64"
          },
          {
            "name": "hoursSettled",
            "type": "u32"
          },
          {
            "name": "completed",
            "docs": [
              "Every hour paid: the reservation and its escrow are closed."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "reserveArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "nonce",
            "docs": [
              "Any number the renter has not used for a reservation still open (e.g. a timestamp)."
            ],
            "type": "u64"
          },
          {
            "name": "hours",
            "docs": [
              "Whole hours, 1 to 720, starting now."
            ],
            "type": "u32"
          },
          {
            "name": "pricePerHour",
            "docs": [
              "Base units of `mint` per hour, before fees."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "reserved",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "config",
            "type": "pubkey"
          },
          {
            "name": "reservation",
            "type": "pubkey"
          },
          {
            "name": "id",
            "type": "u64"
          },
          {
            "name": "renter",
            "type": "pubkey"
          },
          {
            "name": "device",
            "type": "pubkey"
          },
          {
            "name": "supplier",
            "type": "pubkey"
          },
          {
            "name": "mint",
            "type": "pubkey"
          },
          {
            "name": "hours",
            "type": "u32"
          },
          {
            "name": "pricePerHour",
            "type": "u64"
          },
          {
            "name": "renterPerHour",
            "type": "u64"
          },
          {
            "name": "supplierPerHour",
            "type": "u64"
          },
          {
            "name": "feePerHour",
            "type": "u64"
          },
          {
            "name": "deposited",
            "docs": [
              "`renter_per_hour × hours`, moved into the escrow."
            ],
            "type": "u64"
          },
          {
            "name": "startsAt",
            "type": "i64"
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
    }
  ]
};
