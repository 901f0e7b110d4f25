//! `bench_native [--label NAME] [--write DIR]`: native parse speed against a bare quick-xml
//! loop (the ceiling in ../shared/PERF-ANCHORS.md), on the default feed and on a generated
//! 5 MB, 1 000-item feed made of its items.
//!
//! Owns: the generated feed (one deterministic generator, also written to `DIR` for the
//! browser bench with `--write`) and the native timing. Must not touch: the parser; this
//! only calls `parse_feed` as the app does. Run it through `make bench-parse`.
//!
//! Timing follows PERF-ANCHORS.md: 3 warm-up parses, then at least 10 timed ones, going on
//! until 2 s have passed or 30 are done; median, min and max. The two sides alternate rep by
//! rep, so a machine-wide slowdown hits both and the ratio stays honest.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use quick_xml::events::Event;
use quick_xml::Reader;
use rillet::parse::{parse_feed, ParseOptions};

const SEED: &[u8] = include_bytes!("../assets/forem_hadil_rss20.xml");

/// The goal of issue 3: `parse_feed` within this factor of the bare loop.
const GOAL_RATIO: f64 = 1.5;

/// The ceiling: quick-xml 0.42 tokenizes; every text is EOL-normalised, every reference
/// resolved, every attribute value normalised; only lengths are summed, nothing is built.
fn bare_quick_xml(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut total = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes().flatten() {
                    total += a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_or(0, |v| v.len());
                }
            }
            Ok(Event::Text(t)) => total += t.xml10_content().len(),
            Ok(Event::CData(t)) => total += t.xml10_content().len(),
            Ok(Event::GeneralRef(r)) => {
                total += match r.resolve_char_ref() {
                    Ok(Some(c)) => c.len_utf8(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map_or(0, str::len),
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    total
}

/// PERF-ANCHORS.md's `rss-5mb-short` shape: the seed's items repeated in turn, each with a
/// unique `[#n]` title prefix, `-n<i>` link and guid suffix and its own pubDate, each
/// description cut to at most `max_desc` bytes (only between references and characters).
fn generate(items: usize, max_desc: usize) -> Vec<u8> {
    let seed = std::str::from_utf8(SEED).expect("the seed is UTF-8");
    let head_end = seed.find("<item>").expect("the seed has items");
    let mut out = String::from(&seed[..head_end]);
    let bodies: Vec<&str> = seed
        .split("<item>")
        .skip(1)
        .map(|s| s.split("</item>").next().unwrap_or(s))
        .collect();
    // Tue, 14 Apr 2026 13:00:43 +0000, the seed's newest item; one hour apart going back.
    let newest = 1_776_171_643_i64;
    for (i, body) in bodies.iter().cycle().take(items).enumerate() {
        let d0 = body.find("<description>").expect("description") + "<description>".len();
        let d1 = body.find("</description>").expect("description end");
        let mut cut = d1.min(d0 + max_desc);
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        // Never cut inside a reference.
        if let Some(amp) = body[d0..cut].rfind('&') {
            if !body[d0 + amp..cut].contains(';') {
                cut = d0 + amp;
            }
        }
        let date = chrono::DateTime::from_timestamp(newest - 3600 * i as i64, 0)
            .expect("a date in range")
            .format("%a, %d %b %Y %H:%M:%S +0000");
        let head = &body[..d0];
        let p0 = head.find("<pubDate>").expect("pubDate") + "<pubDate>".len();
        let p1 = head.find("</pubDate>").expect("pubDate end");
        let head = format!("{}{date}{}", &head[..p0], &head[p1..])
            .replacen("<title>", &format!("<title>[#{i}] "), 1)
            .replacen("</link>", &format!("-n{i}</link>"), 1)
            .replacen("</guid>", &format!("-n{i}</guid>"), 1);
        out.push_str("<item>");
        out.push_str(&head);
        out.push_str(&body[d0..cut]);
        out.push_str(&body[d1..]);
        out.push_str("</item>");
    }
    out.push_str("\n  </channel>\n</rss>\n");
    out.into_bytes()
}

/// Median, min and max of a set of timings.
#[derive(Debug, Clone, Copy)]
struct Stats {
    median: Duration,
    min: Duration,
    max: Duration,
    reps: usize,
}

impl Stats {
    fn of(mut times: Vec<Duration>) -> Stats {
        times.sort();
        Stats {
            median: times[times.len() / 2],
            min: times[0],
            max: times[times.len() - 1],
            reps: times.len(),
        }
    }
}

/// Times `a` and `b` alternately: warm-up, then at least 10 reps each, until 2 s have
/// passed or 30 reps are done. Each result is dropped before the next timer starts (a reader
/// keeps its feed), as in PERF-ANCHORS.md.
fn time_pair<A, B>(mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> (Stats, Stats) {
    for _ in 0..3 {
        drop(a());
        drop(b());
    }
    let start = Instant::now();
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    while ta.len() < 10 || (start.elapsed() < Duration::from_secs(2) && ta.len() < 30) {
        let t = Instant::now();
        let kept = a();
        ta.push(t.elapsed());
        drop(kept);
        let t = Instant::now();
        let kept = b();
        tb.push(t.elapsed());
        drop(kept);
    }
    (Stats::of(ta), Stats::of(tb))
}

fn main() -> ExitCode {
    let mut label = String::from("?");
    let mut write_to: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--label" => label = args.next().unwrap_or_default(),
            "--write" => write_to = args.next().map(PathBuf::from),
            _ => {
                eprintln!("usage: bench_native [--label NAME] [--write DIR]");
                return ExitCode::from(2);
            }
        }
    }
    if cfg!(debug_assertions) {
        eprintln!(
            "bench_native: a debug build; numbers mean nothing (use --release or --profile bench)"
        );
    }
    let inputs = [
        ("forem_hadil_rss20.xml", SEED.to_vec()),
        ("rss-5mb-1000.xml", generate(1000, 4300)),
    ];
    if let Some(dir) = &write_to {
        if let Err(err) = std::fs::create_dir_all(dir) {
            eprintln!("bench_native: cannot create {}: {err}", dir.display());
            return ExitCode::from(1);
        }
        for (name, bytes) in &inputs {
            if let Err(err) = std::fs::write(dir.join(name), bytes) {
                eprintln!("bench_native: cannot write {name}: {err}");
                return ExitCode::from(1);
            }
        }
    }

    println!("native parse_feed against the bare quick-xml loop (profile: {label})");
    println!(
        "{:<22} {:>9} {:>7}  {:>30}  {:>30}  {:>6}",
        "input",
        "bytes",
        "entries",
        "bare quick-xml: MB/s (min–max ms)",
        "parse_feed: MB/s (min–max ms)",
        "ratio"
    );
    let mut all_met = true;
    for (name, bytes) in &inputs {
        let feed = match parse_feed(bytes, &ParseOptions::default()) {
            Ok(feed) => feed,
            Err(err) => {
                eprintln!("bench_native: {name} does not parse: {err}");
                return ExitCode::from(1);
            }
        };
        if bare_quick_xml(bytes) == 0 || feed.entries.is_empty() {
            eprintln!("bench_native: {name}: nothing was read");
            return ExitCode::from(1);
        }
        let (bare, parse) = time_pair(
            || std::hint::black_box(bare_quick_xml(std::hint::black_box(bytes))),
            || {
                std::hint::black_box(parse_feed(
                    std::hint::black_box(bytes),
                    &ParseOptions::default(),
                ))
            },
        );
        let mbs = |d: Duration| bytes.len() as f64 / 1e6 / d.as_secs_f64();
        let cell = |s: Stats| {
            format!(
                "{:>4.0} MB/s ({:.2}–{:.2} ms, n={})",
                mbs(s.median),
                s.min.as_secs_f64() * 1e3,
                s.max.as_secs_f64() * 1e3,
                s.reps
            )
        };
        let ratio = parse.median.as_secs_f64() / bare.median.as_secs_f64();
        let met = ratio <= GOAL_RATIO;
        all_met &= met;
        println!(
            "{name:<22} {:>9} {:>7}  {:>30}  {:>30}  {ratio:>5.2}× {}",
            bytes.len(),
            feed.entries.len(),
            cell(bare),
            cell(parse),
            if met { "met" } else { "MISSED" }
        );
    }
    println!(
        "goal: parse_feed within {GOAL_RATIO}× the bare loop: {}",
        if all_met { "met" } else { "MISSED" }
    );
    ExitCode::SUCCESS
}
