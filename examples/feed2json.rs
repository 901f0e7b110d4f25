//! `feed2json FILE`: prints the normalized JSON of a feed file (the corpus oracle's schema),
//! using the same library code as the app. A document that is not a feed prints the empty
//! form and still exits 0.

use std::process::ExitCode;

use rillet::normalize::normalized_json;
use rillet::parse::{parse_feed, ParseOptions};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: feed2json FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(err) => {
            eprintln!("feed2json: cannot read {}: {err}", path.to_string_lossy());
            return ExitCode::from(1);
        }
    };
    let result = parse_feed(&bytes, &ParseOptions::default());
    let json = normalized_json(&result);
    println!(
        "{}",
        serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".into())
    );
    ExitCode::SUCCESS
}
