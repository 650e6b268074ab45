//! Connecting to a real cluster: RPC URL and keypair from flags, environment, or the Solana CLI
//! config (`~/.config/solana/cli/config.yml`), in that order.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};

/// `json_rpc_url` and `keypair_path` from a Solana CLI config file, if present.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SolanaCliConfig {
    pub json_rpc_url: Option<String>,
    pub keypair_path: Option<PathBuf>,
}

impl SolanaCliConfig {
    /// Parses the two keys this tool needs from the YAML file (flat `key: value` lines).
    pub fn parse(text: &str) -> Self {
        let mut config = Self::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_string();
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "json_rpc_url" => config.json_rpc_url = Some(value),
                "keypair_path" => config.keypair_path = Some(PathBuf::from(value)),
                _ => {}
            }
        }
        config
    }

    /// The default config of the Solana CLI, or an empty one.
    pub fn load_default() -> Self {
        std::env::var_os("HOME")
            .map(|home| Path::new(&home).join(".config/solana/cli/config.yml"))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .map(|text| Self::parse(&text))
            .unwrap_or_default()
    }
}

pub use io_runtime::read_keypair;

/// The RPC URL and payer keypair path to use.
pub fn resolve(
    rpc_url: Option<String>,
    keypair: Option<PathBuf>,
    cli_config: &SolanaCliConfig,
) -> Result<(String, PathBuf)> {
    let url = rpc_url
        .or_else(|| cli_config.json_rpc_url.clone())
        .ok_or_else(|| {
            anyhow!("no RPC URL: pass --rpc-url, set IO_RPC_URL, or configure the Solana CLI")
        })?;
    let keypair = keypair
        .or_else(|| cli_config.keypair_path.clone())
        .ok_or_else(|| {
            anyhow!("no keypair: pass --keypair, set IO_KEYPAIR, or configure the Solana CLI")
        })?;
    Ok((url, keypair))
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_keypair::Keypair;

    #[test]
    fn parses_the_solana_cli_config() {
        let text = "---\njson_rpc_url: \"https://api.devnet.solana.com\"\nwebsocket_url: \"\"\nkeypair_path: /home/op/.config/solana/id.json\naddress_labels:\n  \"11111111111111111111111111111111\": System Program\ncommitment: confirmed\n";
        let config = SolanaCliConfig::parse(text);
        assert_eq!(
            config.json_rpc_url.as_deref(),
            Some("https://api.devnet.solana.com")
        );
        assert_eq!(
            config.keypair_path,
            Some(PathBuf::from("/home/op/.config/solana/id.json"))
        );
    }

    #[test]
    fn flags_win_over_the_cli_config_and_missing_values_are_clear_errors() {
        let config = SolanaCliConfig {
            json_rpc_url: Some("http://config".into()),
            keypair_path: Some("config.json".into()),
        };
        assert_eq!(
            resolve(Some("http://flag".into()), None, &config).unwrap(),
            ("http://flag".to_string(), PathBuf::from("config.json"))
        );
        let error = resolve(None, None, &SolanaCliConfig::default()).unwrap_err();
        assert!(error.to_string().contains("--rpc-url"));
    }

    #[test]
    fn reads_a_keypair_file_and_explains_bad_ones() {
        let dir = std::env::temp_dir().join(format!("io-keeper-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("id.json");
        let keypair = Keypair::new();
        std::fs::write(
            &good,
            serde_json::to_string(&keypair.to_bytes().to_vec()).unwrap(),
        )
        .unwrap();
        use solana_signer::Signer;
        assert_eq!(read_keypair(&good).unwrap().pubkey(), keypair.pubkey());
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "not json").unwrap();
        assert!(read_keypair(&bad)
            .unwrap_err()
            .to_string()
            .contains("not a JSON array"));
        assert!(read_keypair(&dir.join("missing.json"))
            .unwrap_err()
            .to_string()
            .contains("cannot read"));
    }
}
