//! `cargo run -p io-idl`: writes `idl/<program>.json` (the Anchor IDL, built on the host by
//! compiling each program with its `idl-build` feature, as `anchor idl build` does) and
//! `idl/<program>.ts` (the same IDL camelCased as a TypeScript type, as `anchor build` writes
//! to `target/types`), and the TS client's `rules.generated.ts` from the programs' constants
//! and functions (see `rules`). `--check` writes nothing and fails when a committed file is stale.
//!
//! The SBF toolchain cannot be had here, so `anchor build` is not an option; anchor-lang-idl
//! 0.1.4 is the builder anchor-cli 1.2.2 itself uses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anchor_lang_idl::build::IdlBuilder;
use anchor_lang_idl::types::Idl;
use anyhow::{Context, Result};
use heck::{ToLowerCamelCase, ToUpperCamelCase};

mod rules;

/// The programs whose IDL is published, as (crate directory, IDL name).
const PROGRAMS: [(&str, &str); 3] = [
    ("programs/io-emission", "io_emission"),
    ("programs/io-staking", "io_staking"),
    ("programs/io-payments", "io_payments"),
];

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("usage: io-idl [--check]   (unknown argument {other:?})");
            return ExitCode::from(2);
        }
    };
    match run(check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("io-idl: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether every file is current (always true when writing).
fn run(check: bool) -> Result<bool> {
    // anchor-lang-idl 0.1.4 turns a set RUSTUP_TOOLCHAIN into the literal argument
    // `+{toolchain}`; `cargo run` sets it, so clear it (single-threaded here).
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let root = workspace_root();
    let target_dir = root.join("target/idl-build");
    let mut current = true;
    for (dir, name) in PROGRAMS {
        eprintln!("io-idl: building the IDL of {dir}");
        let idl = IdlBuilder::new()
            .program_path(root.join(dir))
            .cargo_args(vec![
                "--target-dir".into(),
                target_dir.display().to_string(),
            ])
            .build()
            .with_context(|| format!("building the IDL of {dir}"))?;
        let json = format!("{}\n", serde_json::to_string_pretty(&idl)?);
        let ts = typescript_types(&idl)?;
        for (path, contents) in [
            (root.join(format!("idl/{name}.json")), json),
            (root.join(format!("idl/{name}.ts")), ts),
        ] {
            current &= write_or_check(&path, &contents, check)?;
        }
    }
    current &= write_or_check(
        &root.join("clients/ts/src/rules.generated.ts"),
        &rules::typescript(),
        check,
    )?;
    if !current {
        eprintln!(
            "io-idl: a committed file is stale; run `cargo run -p io-idl` and commit idl/ and \
             clients/ts/src/rules.generated.ts"
        );
    }
    Ok(current)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tools/idl sits two levels below the workspace root")
        .to_path_buf()
}

fn write_or_check(path: &Path, contents: &str, check: bool) -> Result<bool> {
    let committed = std::fs::read_to_string(path).ok();
    if committed.as_deref() == Some(contents) {
        eprintln!("io-idl: {} is current", path.display());
        return Ok(true);
    }
    if check {
        eprintln!("io-idl: {} is stale", path.display());
        return Ok(false);
    }
    std::fs::create_dir_all(path.parent().expect("a file in idl/"))?;
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("io-idl: wrote {}", path.display());
    Ok(true)
}

/// The IDL as the TypeScript type anchor-cli writes to `target/types/<name>.ts`: every name
/// camelCased (addresses left alone), wrapped in `export type <ProgramName> = ...`. The Anchor
/// TS client takes it as `Program<IoStaking>` over the JSON IDL.
fn typescript_types(idl: &Idl) -> Result<String> {
    let name = &idl.metadata.name;
    let type_name = name.to_upper_camel_case();
    let compact = serde_json::to_string(idl)?;
    let quoted_name = regex::Regex::new(r#""\w+":"([\w\d]+)""#)?;
    let camel = quoted_name
        .captures_iter(&compact)
        .fold(compact.clone(), |acc, capture| {
            let value = &capture[1];
            if is_address(value) {
                return acc;
            }
            acc.replace(
                &format!(r#""{value}""#),
                &format!(r#""{}""#, value.to_lower_camel_case()),
            )
        });
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Idl>(&camel)?)?;
    Ok(format!(
        "/**\n * Program IDL in camelCase format in order to be used in JS/TS.\n *\n * Note that \
         this is only a type helper and is not the actual IDL. The original\n * IDL can be \
         found at `idl/{name}.json`.\n */\nexport type {type_name} = {pretty};\n"
    ))
}

fn is_address(value: &str) -> bool {
    bs58::decode(value)
        .into_vec()
        .is_ok_and(|bytes| bytes.len() == 32)
}
