//! The verification-code corpus (`tests/data/otp_corpus.tsv`) run through the default
//! rules' scanner: prints precision and recall per kind and overall, and fails below
//! the thresholds.
//!
//! A found code counts as a true positive only when it is the expected code; a wrong
//! code on a text with a code is both a false positive and a miss.

use shareguard::Rules;
use std::collections::BTreeMap;

/// Fewest texts the corpus must hold.
const MIN_TEXTS: usize = 300;
/// Smallest share of negatives (texts without a code).
const MIN_NEGATIVE_SHARE: f64 = 0.40;
/// Fewest texts of each negative kind.
const MIN_PER_NEGATIVE_KIND: usize = 12;
/// Negative kinds the corpus must cover.
const NEGATIVE_KINDS: [&str; 9] = [
    "neg-card-tail",
    "neg-amount",
    "neg-datetime",
    "neg-phone",
    "neg-order",
    "neg-pickup",
    "neg-countdown",
    "neg-talk",
    "neg-other",
];
/// Thresholds: true positives over everything found, and over every text with a code.
const MIN_PRECISION: f64 = 0.98;
const MIN_RECALL: f64 = 0.95;

struct Row {
    line: usize,
    kind: String,
    expected: Option<String>,
    text: String,
}

fn corpus() -> Vec<Row> {
    let data = include_str!("data/otp_corpus.tsv");
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let fields: Vec<&str> = l.split('\t').collect();
            assert_eq!(fields.len(), 3, "line {}: want kind, expected, text", i + 1);
            let expected = (fields[1] != "-").then(|| fields[1].to_owned());
            assert_eq!(
                fields[0].starts_with("pos-"),
                expected.is_some(),
                "line {}: pos- kinds have a code, neg- kinds none",
                i + 1
            );
            Row {
                line: i + 1,
                kind: fields[0].to_owned(),
                expected,
                text: fields[2].replace("\\n", "\n"),
            }
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    texts: usize,
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
}

#[test]
fn corpus_precision_and_recall() {
    let rows = corpus();
    let negatives = rows.iter().filter(|r| r.expected.is_none()).count();
    assert!(
        rows.len() >= MIN_TEXTS,
        "corpus has {} texts, want {MIN_TEXTS}",
        rows.len()
    );
    assert!(
        negatives as f64 >= MIN_NEGATIVE_SHARE * rows.len() as f64,
        "corpus has {negatives} negatives of {}",
        rows.len()
    );
    for kind in NEGATIVE_KINDS {
        let n = rows.iter().filter(|r| r.kind == kind).count();
        assert!(
            n >= MIN_PER_NEGATIVE_KIND,
            "{kind}: {n} texts, want {MIN_PER_NEGATIVE_KIND}"
        );
    }

    let rules = Rules::default_rules();
    let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for row in &rows {
        let found = rules.otp.find(&row.text).map(|m| m.code);
        let tally = by_kind.entry(row.kind.as_str()).or_default();
        tally.texts += 1;
        total.texts += 1;
        let verdict = match (&row.expected, &found) {
            (Some(want), Some(got)) if want == got => {
                tally.true_pos += 1;
                total.true_pos += 1;
                None
            }
            (Some(_), Some(_)) => {
                tally.false_pos += 1;
                tally.false_neg += 1;
                total.false_pos += 1;
                total.false_neg += 1;
                Some("WRONG")
            }
            (Some(_), None) => {
                tally.false_neg += 1;
                total.false_neg += 1;
                Some("MISSED")
            }
            (None, Some(_)) => {
                tally.false_pos += 1;
                total.false_pos += 1;
                Some("FALSE")
            }
            (None, None) => None,
        };
        if let Some(verdict) = verdict {
            println!(
                "{verdict} line {}: want {:?} got {:?}: {}",
                row.line, row.expected, found, row.text
            );
        }
    }

    println!(
        "{:<16} {:>5} {:>4} {:>4} {:>4}",
        "kind", "texts", "tp", "fp", "fn"
    );
    for (kind, t) in &by_kind {
        println!(
            "{kind:<16} {:>5} {:>4} {:>4} {:>4}",
            t.texts, t.true_pos, t.false_pos, t.false_neg
        );
    }
    let found = total.true_pos + total.false_pos;
    let precision = if found == 0 {
        0.0
    } else {
        total.true_pos as f64 / found as f64
    };
    let recall = total.true_pos as f64 / (total.true_pos + total.false_neg) as f64;
    println!(
        "otp corpus: {} texts ({negatives} negatives), precision {precision:.4} (min {MIN_PRECISION}), recall {recall:.4} (min {MIN_RECALL})",
        total.texts
    );
    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.4} < {MIN_PRECISION}"
    );
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
}
