//! How people actually write causes: abbreviations, typos, the service name in the text, and
//! a sentence of context.

use super::classes::{ABBREVIATIONS, CONTEXT};
use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

/// Roughens a clean cause text.
pub fn roughen(text: &str, service: &str, rng: &mut StdRng) -> String {
    let mut t = text.to_string();
    if rng.random_bool(0.35) {
        for (long, short) in ABBREVIATIONS {
            if t.contains(long) {
                t = t.replace(long, short);
                break;
            }
        }
    }
    if rng.random_bool(0.15) {
        t = typo(&t, rng);
    }
    match rng.random_range(0..10) {
        0 | 1 => t = format!("{service}: {t}"),
        2 => t = format!("{t} in {service}"),
        _ => {}
    }
    if rng.random_bool(0.25) {
        t = format!("{t}. {}", CONTEXT.choose(rng).copied().unwrap_or(""));
    }
    if rng.random_bool(0.3) {
        let mut chars = t.chars();
        if let Some(first) = chars.next() {
            t = first.to_uppercase().chain(chars).collect();
        }
    }
    t
}

/// Swaps or drops a letter in one longer word.
fn typo(text: &str, rng: &mut StdRng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 6)
        .collect();
    let Some(&w) = long.choose(rng) else {
        return text.to_string();
    };
    let mut chars: Vec<char> = words[w].chars().collect();
    let at = rng.random_range(1..chars.len() - 2);
    if rng.random_bool(0.5) {
        chars.swap(at, at + 1);
    } else {
        chars.remove(at);
    }
    let changed: String = chars.into_iter().collect();
    words
        .iter()
        .enumerate()
        .map(|(i, word)| if i == w { changed.as_str() } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}
