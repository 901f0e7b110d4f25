//! Prints an HTML fragment exactly as the article view would render it (remote images on).
//!
//! Usage: `cargo run --release --example sanitize -- FILE [BASE_URL]`
//!
//! FILE is read as UTF-8 (invalid bytes become U+FFFD, as a browser decoding UTF-8 would do);
//! BASE_URL is what the app passes for the entry (its `xml:base` or link). The output is the
//! sanitized HTML byte for byte, with no newline added.

use std::io::Write;
use std::process::ExitCode;

use rillet::sanitize::sanitize_html;

const USAGE: &str = "usage: sanitize FILE [BASE_URL]\n\
                     prints the HTML fragment in FILE as Rillet renders it";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (file, base) = match args.as_slice() {
        [file] => (file, None),
        [file, base] => (file, Some(base.as_str())),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("sanitize: cannot read {file}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let html = sanitize_html(&String::from_utf8_lossy(&bytes), base);
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(html.as_str().as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("sanitize: cannot write the output: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
