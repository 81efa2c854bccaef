//! A mutation fuzzer that runs on stable Rust: `cargo run --example fuzz -- TARGET SECONDS [SEED]`.
//!
//! Each target feeds mutated copies of its seed files (from tests/fixtures and the built-in
//! taxonomy) to one reader of recur: the importers (through `ingest::read_paths`, as `import`
//! does, and checking that the counts reconcile), the mapping, aliases and taxonomy parsers, and
//! the store reader (a real store with one file damaged). A panic or a broken invariant is a
//! finding: its input is saved under `target/fuzz-findings/TARGET/`. An input that runs longer
//! than `HANG_SECONDS` is a hang: it is saved and the run stops. `scripts/fuzz.sh` runs every
//! target for a fixed time and prints the figures.

mod mutate;
mod targets;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An input running longer than this is reported as a hang (a dev build, on a busy machine).
const HANG_SECONDS: u64 = 20;
/// Findings saved per target, at most.
const MAX_SAVED: usize = 25;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: fuzz TARGET SECONDS [SEED]; targets: csv json jsonl yaml markdown codeowners catalog mapping aliases taxonomy store";
    let (Some(name), Some(seconds)) = (args.get(1), args.get(2)) else {
        return Err(usage.into());
    };
    let seconds: u64 = seconds.parse()?;
    let seed: u64 = args.get(3).map_or(Ok(1), |s| s.parse())?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir()?;
    let mut target = targets::Target::new(name, &root, work.path()).ok_or(usage)?;
    let findings = root.join("target/fuzz-findings").join(name);
    std::fs::create_dir_all(&findings)?;

    let last_message: Arc<Mutex<String>> = Arc::default();
    let hook_message = Arc::clone(&last_message);
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut m) = hook_message.lock() {
            *m = info.to_string();
        }
    }));
    let started_ms = Arc::new(AtomicU64::new(0));
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    spawn_watchdog(
        Arc::clone(&started_ms),
        Arc::clone(&current),
        findings.clone(),
        name.clone(),
    );

    let clock = Instant::now();
    let mut rng = mutate::Rng::new(seed);
    let (mut runs, mut panics, mut broken, mut saved) = (0u64, 0u64, 0u64, 0usize);
    while clock.elapsed() < Duration::from_secs(seconds) {
        let picked = target.pick(&mut rng);
        let input = mutate::mutate(&target.seeds()[picked], target.seeds(), &mut rng);
        if let Ok(mut c) = current.lock() {
            c.clone_from(&input);
        }
        started_ms.store(clock.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| target.run(&input)));
        started_ms.store(0, Ordering::SeqCst);
        runs += 1;
        let finding = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(invariant)) => {
                broken += 1;
                Some(format!("invariant: {invariant}"))
            }
            Err(_) => {
                panics += 1;
                Some(format!(
                    "panic: {}",
                    last_message.lock().map(|m| m.clone()).unwrap_or_default()
                ))
            }
        };
        if let Some(what) = finding
            && saved < MAX_SAVED
        {
            saved += 1;
            save(&findings, &format!("seed{seed}-{saved}"), &input, &what);
            eprintln!("{name}: {what}");
        }
    }
    println!(
        "target={name} seconds={} runs={runs} panics={panics} invariant_failures={broken} hangs=0",
        clock.elapsed().as_secs()
    );
    Ok(())
}

fn save(dir: &Path, stem: &str, input: &[u8], what: &str) {
    let _ = std::fs::write(dir.join(format!("{stem}.input")), input);
    let _ = std::fs::write(dir.join(format!("{stem}.txt")), what);
}

/// Saves the running input and stops the process when one input runs too long.
fn spawn_watchdog(
    started_ms: Arc<AtomicU64>,
    current: Arc<Mutex<Vec<u8>>>,
    findings: PathBuf,
    name: String,
) {
    let clock = Instant::now();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let started = started_ms.load(Ordering::SeqCst);
            let now = clock.elapsed().as_millis() as u64;
            if started > 0 && now.saturating_sub(started) > HANG_SECONDS * 1000 {
                let input = current.lock().map(|c| c.clone()).unwrap_or_default();
                save(&findings, "hang", &input, "hang");
                println!(
                    "target={name} hangs=1 (input saved as {}/hang.input)",
                    findings.display()
                );
                std::process::exit(3);
            }
        }
    });
}
