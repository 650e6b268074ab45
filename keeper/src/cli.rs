use clap::{Args, Parser, Subcommand, ValueEnum};

/// Operator tooling for the IO network: emission schedule, epoch crank, uptime attestation by
/// the bonded keeper quorum.
#[derive(Debug, Parser)]
#[command(name = "io-keeper", version, about)]
pub struct Cli {
    /// Log lines on stderr: `pretty` for people, `json` (one object per line) for log
    /// collectors. `RUST_LOG` sets the level; the daemons default to `info`, the rest to `warn`.
    #[arg(long, env = "IO_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

pub use io_runtime::LogFormat;

impl Command {
    /// Long-running commands an operator watches through their logs.
    pub fn is_daemon(&self) -> bool {
        matches!(self, Command::Crank(_) | Command::Serve(_))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the emission schedule (per epoch, or a summary) from the same math the program runs.
    Schedule(ScheduleArgs),
    /// Print the protocol's state on a cluster.
    Status(ClusterArgs),
    /// Close every ended epoch on a cluster, then keep doing so until SIGINT/SIGTERM.
    Crank(CrankArgs),
    /// Supplier: claim the rewards of every device of a wallet, in as few transactions as fit.
    ClaimAll(ClaimAllArgs),
    /// Sell IO to the buy-back: quote from the oracle and the fee vault, then (with --execute)
    /// deliver the IO, which is burned, for USDC within a slippage bound.
    Buyback(BuybackArgs),
    /// Bootstrap the protocol on a cluster (idempotent: a second run changes nothing).
    Init(InitArgs),
    /// Create the IO mint on a cluster: 8 decimals, 500,000,000 IO to a new treasury account.
    CreateMint(CreateMintArgs),
    /// Keeper operator: bond IO and name the vote key and URL, ask to unbond, or withdraw the
    /// bond once its cooldown is over (the bonded quorum, docs/design.md section 14).
    Keeper(KeeperArgs),
    /// Keeper side: the attestation service. Collects heartbeats over HTTP, stores the tally in
    /// an embedded database, and after each epoch votes for the root of its uptime tree as a
    /// bonded keeper and settles every device from it once final.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Address to listen on (port 0 picks a free port; the chosen address is printed).
    #[arg(long, env = "IO_SERVE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The embedded database holding the tally and the epochs settled.
    #[arg(long, env = "IO_SERVE_DB", default_value = "io-keeper-tally.redb")]
    pub db: std::path::PathBuf,
    /// Slots per epoch: the heartbeats a fully-up device sends per hour.
    #[arg(long, env = "IO_HEARTBEATS_PER_EPOCH", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub heartbeats_per_epoch: u32,
    /// Share of an epoch's slots a device needs to be up in it.
    #[arg(long, env = "IO_UPTIME_THRESHOLD_PERCENT", default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub uptime_threshold_percent: u32,
    /// How long a challenge nonce stays valid.
    #[arg(long, env = "IO_NONCE_TTL_SECONDS", default_value_t = 120, value_parser = clap::value_parser!(i64).range(5..=3_600))]
    pub nonce_ttl_seconds: i64,
    /// How far a heartbeat's timestamp may be from the service's clock.
    #[arg(long, env = "IO_CLOCK_TOLERANCE_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(i64).range(1..=600))]
    pub clock_tolerance_seconds: i64,
    /// Larger heartbeat bodies are refused with 413.
    #[arg(long, env = "IO_MAX_BODY_BYTES", default_value_t = 32_768, value_parser = clap::value_parser!(u64).range(256..=1_048_576))]
    pub max_body_bytes: u64,
    /// Requests a minute per device key (burst of the same size).
    #[arg(long, env = "IO_RATE_LIMIT_PER_MINUTE", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub rate_limit_per_minute: u32,
    /// Seconds between vote-and-settle passes.
    #[arg(long, env = "IO_ATTEST_POLL_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub poll_seconds: u64,
    /// Seconds between device registry refreshes from chain.
    #[arg(long, env = "IO_REGISTRY_REFRESH_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub registry_refresh_seconds: u64,
    /// Also run the indexer: follow both programs' transactions into this database and serve
    /// `/v1/epochs` and `/v1/devices/{key}/history` (JSON, or CSV with `?format=csv`).
    #[arg(long, env = "IO_INDEX_DB")]
    pub index_db: Option<std::path::PathBuf>,
    /// Also close ended epochs (one keeper process doing the whole job).
    #[arg(long, env = "IO_SERVE_CRANK")]
    pub crank: bool,
    /// This bonded keeper's vote keypair (the vote key its operator set with `keeper bond`):
    /// votes on each epoch's uptime root (docs/design.md section 14). Default: the fee payer's
    /// keypair. Until keepers merge each other's observations, roots finalize only while this
    /// keeper is the whole quorum.
    #[arg(long, env = "IO_SERVE_VOTE_KEYPAIR")]
    pub vote_keypair: Option<std::path::PathBuf>,
    /// Which devices to settle from each final root: `every` device (balances on chain always
    /// current), or `as-needed`: only those the root moves into or out of the active set and
    /// active ones near the end of the 720-epoch window; owners settle the rest when claiming.
    #[arg(long, env = "IO_SERVE_SETTLE", value_enum, default_value_t = SettleMode::Every)]
    pub settle: SettleMode,
    /// Requests handled at once; more are answered 503 at once (load shedding).
    #[arg(long, env = "IO_MAX_IN_FLIGHT", default_value_t = 4_096, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_in_flight: u32,
    /// A request (reading its body included) that takes longer is answered 408.
    #[arg(long, env = "IO_REQUEST_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub request_timeout_seconds: u64,
}

#[derive(Debug, Args)]
pub struct CreateMintArgs {
    /// RPC endpoint (default: the Solana CLI config's json_rpc_url).
    #[arg(long, env = "IO_RPC_URL")]
    pub rpc_url: Option<String>,
    /// Fee-payer keypair file (default: the Solana CLI config's keypair_path).
    #[arg(long, env = "IO_KEYPAIR")]
    pub keypair: Option<std::path::PathBuf>,
    /// Keypair file for the new mint's address (create one with `solana-keygen new`).
    #[arg(long, env = "IO_MINT_KEYPAIR")]
    pub mint_keypair: std::path::PathBuf,
    /// Keypair of the mint authority; `init` later hands its power to io-emission.
    #[arg(long, env = "IO_MINT_AUTHORITY_KEYPAIR")]
    pub mint_authority_keypair: std::path::PathBuf,
    /// Wallet that will own the treasury holding the genesis supply.
    #[arg(long, env = "IO_TREASURY_OWNER")]
    pub treasury_owner: String,
}

#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// RPC endpoint (default: the Solana CLI config's json_rpc_url).
    #[arg(long, env = "IO_RPC_URL")]
    pub rpc_url: Option<String>,
    /// Fee-payer keypair file (default: the Solana CLI config's keypair_path).
    #[arg(long, env = "IO_KEYPAIR")]
    pub keypair: Option<std::path::PathBuf>,
    /// The IO mint.
    #[arg(long, env = "IO_MINT")]
    pub mint: String,
    /// Attempts per RPC call before giving up (with jittered exponential backoff).
    #[arg(long, env = "IO_RPC_ATTEMPTS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub rpc_attempts: u32,
}

#[derive(Debug, Args)]
pub struct CrankArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Seconds between passes once caught up.
    #[arg(long, env = "IO_CRANK_INTERVAL_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub interval_seconds: u64,
    /// Run one pass and exit.
    #[arg(long, env = "IO_CRANK_ONCE")]
    pub once: bool,
}

#[derive(Debug, Args)]
pub struct KeeperArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The keeper's operator (admitted by governance; signs every action here).
    #[arg(long, env = "IO_OPERATOR_KEYPAIR")]
    pub operator_keypair: std::path::PathBuf,
    #[command(subcommand)]
    pub action: KeeperAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum KeeperAction {
    /// Bond IO from the operator's token account and name the vote key and URL.
    Bond {
        /// IO to bond, in whole or decimal IO (for example 10000 or 0.5).
        #[arg(long, env = "IO_KEEPER_BOND")]
        amount: String,
        /// The operator's IO token account the bond comes from.
        #[arg(long, env = "IO_OPERATOR_TOKEN_ACCOUNT")]
        token_account: String,
        /// The hot key that signs ballot transactions (`serve --vote-keypair`).
        #[arg(long, env = "IO_KEEPER_VOTE_KEY")]
        vote_key: String,
        /// Where this keeper serves observations and proofs (at most 128 bytes).
        #[arg(long, env = "IO_KEEPER_URL")]
        url: String,
    },
    /// Start unbonding: irreversible; the keeper stops voting at once.
    Unbond,
    /// Withdraw the whole bond once the cooldown since unbonding is over.
    Withdraw {
        #[arg(long, env = "IO_OPERATOR_TOKEN_ACCOUNT")]
        token_account: String,
    },
}

#[derive(Debug, Args)]
pub struct ClaimAllArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The devices' owner (signs every claim).
    #[arg(long, env = "IO_OWNER_KEYPAIR")]
    pub owner_keypair: std::path::PathBuf,
    /// The owner's IO token account that receives the rewards.
    #[arg(long, env = "IO_OWNER_TOKEN_ACCOUNT")]
    pub token_account: String,
    /// Keepers to ask for each device's latest proof (repeat, or comma-separated; each tried
    /// in turn): every device is settled from it first, so the claim pays every epoch it was
    /// up. Without one, the claim pays what is settled already.
    #[arg(long, env = "IO_KEEPER_URLS", value_delimiter = ',')]
    pub keeper_url: Vec<String>,
}

#[derive(Debug, Args)]
pub struct BuybackArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// The USDC mint io-payments was initialized with.
    #[arg(long, env = "IO_USDC_MINT")]
    pub usdc_mint: String,
    /// The Pyth `PriceUpdateV2` account of the IO/USD feed.
    #[arg(long, env = "IO_PRICE_UPDATE")]
    pub price_update: String,
    /// IO to deliver, in IO (e.g. 12.5).
    #[arg(long, env = "IO_BUYBACK_IO")]
    pub io: String,
    /// Asked USDC is the program's quote less this much (basis points), so a price moving by
    /// up to this before the transaction lands still passes.
    #[arg(long, env = "IO_BUYBACK_SLIPPAGE_BPS", default_value_t = 50, value_parser = clap::value_parser!(u16).range(0..=1_000))]
    pub slippage_bps: u16,
    /// The seller (signs, delivers the IO). Defaults to the fee payer.
    #[arg(long, env = "IO_SELLER_KEYPAIR")]
    pub seller_keypair: Option<std::path::PathBuf>,
    /// The seller's IO token account.
    #[arg(long, env = "IO_SELLER_IO_ACCOUNT")]
    pub seller_io: String,
    /// The seller's USDC token account.
    #[arg(long, env = "IO_SELLER_USDC_ACCOUNT")]
    pub seller_usdc: String,
    /// Send it; without this flag the command only prints the quote.
    #[arg(long, env = "IO_BUYBACK_EXECUTE", default_value_t = false)]
    pub execute: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub cluster: ClusterArgs,
    /// Keypair of both programs' admin (use a multisig-held key in production).
    #[arg(long, env = "IO_ADMIN_KEYPAIR")]
    pub admin_keypair: std::path::PathBuf,
    /// Keypair of the mint's current mint authority (needed the first time only).
    #[arg(long, env = "IO_MINT_AUTHORITY_KEYPAIR")]
    pub mint_authority_keypair: std::path::PathBuf,
    /// Start of epoch 1, unix seconds.
    #[arg(long, env = "IO_GENESIS_TIMESTAMP")]
    pub genesis_timestamp: i64,
    /// Keeper operators to admit to the bonded quorum; repeat the flag for several. Each then
    /// bonds and names its vote key with `io-keeper keeper bond`.
    #[arg(long = "keeper", env = "IO_KEEPERS", value_delimiter = ',')]
    pub keepers: Vec<String>,
    #[arg(long, env = "IO_SLASHER")]
    pub slasher: String,
    #[arg(long, env = "IO_ARBITER")]
    pub arbiter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SettleMode {
    Every,
    AsNeeded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// First epoch to print (1-based).
    #[arg(long, env = "IO_SCHEDULE_FROM", default_value_t = 1)]
    pub from: u32,
    /// Last epoch to print, inclusive (default: 23 epochs after --from, one day).
    #[arg(long, env = "IO_SCHEDULE_TO")]
    pub to: Option<u32>,
    /// Print totals, first/last epoch and emission per year instead of epoch rows.
    #[arg(long, env = "IO_SCHEDULE_SUMMARY", conflicts_with_all = ["from", "to"])]
    pub summary: bool,
    /// Output format; `--summary` supports table and json.
    #[arg(long, env = "IO_OUTPUT_FORMAT", value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Decimals of the IO mint (base units per IO = 10^decimals), 0 to 10.
    #[arg(long, env = "IO_DECIMALS", default_value_t = 8)]
    pub decimals: u8,
}
