//! Runs the whole corpus (../shared/corpus) through `normalized_json` and compares each feed
//! field by field with the oracle's expectation, with compare.py's normalization
//! (Unicode whitespace runs collapsed, NBSP included; "" is null). Fails below 97%.

use std::fs;
use std::path::Path;

use rillet::normalize::normalized_json;
use rillet::parse::{parse_feed, ParseOptions};
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn norm_str(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

fn norm_list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(norm_str).collect())
        .unwrap_or_default()
}

fn norm_encs(v: &Value) -> Vec<(Option<String>, Option<String>)> {
    let list = v.as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|e| (norm_str(&e["url"]), norm_str(&e["type"])))
        .collect()
}

/// The differences between an expectation and an output, as readable lines.
fn diff(exp: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for f in ["format", "title", "link"] {
        if norm_str(&exp[f]) != norm_str(&got[f]) {
            out.push(format!("{f}: expected {:?}, got {:?}", exp[f], got[f]));
        }
    }
    let (ei, gi) = (
        exp["items"].as_array().cloned().unwrap_or_default(),
        got["items"].as_array().cloned().unwrap_or_default(),
    );
    if ei.len() != gi.len() {
        out.push(format!(
            "item count: expected {}, got {}",
            ei.len(),
            gi.len()
        ));
    }
    for (i, (a, b)) in ei.iter().zip(&gi).enumerate() {
        for f in ["id", "title", "link", "published", "updated"] {
            if norm_str(&a[f]) != norm_str(&b[f]) {
                out.push(format!(
                    "items[{i}].{f}: expected {:?}, got {:?}",
                    a[f], b[f]
                ));
            }
        }
        for f in ["authors", "categories"] {
            if norm_list(&a[f]) != norm_list(&b[f]) {
                out.push(format!("items[{i}].{f}: expected {}, got {}", a[f], b[f]));
            }
        }
        if norm_encs(&a["enclosures"]) != norm_encs(&b["enclosures"]) {
            out.push(format!("items[{i}].enclosures differ"));
        }
    }
    out
}

// Why: the corpus is the judge of the parser (issue 3 asks for at least 97% agreement).
#[test]
fn corpus_agrees_with_the_oracle() {
    let feeds = Path::new(CORPUS).join("feeds");
    let mut names: Vec<_> = fs::read_dir(&feeds)
        .expect("corpus feeds")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    let mut passed = 0;
    let mut failing = Vec::new();
    for name in &names {
        let name = name.to_string_lossy();
        let bytes = fs::read(feeds.join(&*name)).expect("feed");
        let exp_path = Path::new(CORPUS)
            .join("expected")
            .join(format!("{name}.json"));
        let exp: Value =
            serde_json::from_slice(&fs::read(exp_path).expect("expectation")).expect("json");
        let got = normalized_json(&parse_feed(&bytes, &ParseOptions::default()));
        let d = diff(&exp, &got);
        if d.is_empty() {
            passed += 1;
        } else {
            failing.push(format!(
                "{name}:\n    {}",
                d.iter().take(4).cloned().collect::<Vec<_>>().join("\n    ")
            ));
        }
    }
    let total = names.len();
    println!("corpus: {passed} of {total} feeds agree");
    for f in &failing {
        println!("FAIL {f}");
    }
    assert_eq!(total, 245, "the corpus has 245 feeds");
    assert!(
        passed * 100 >= total * 97,
        "only {passed}/{total} feeds agree"
    );
}
