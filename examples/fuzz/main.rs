//! A mutation fuzzer that runs on stable Rust: `cargo run --example fuzz -- TARGET SECONDS [SEED]`.
//!
//! Each target feeds mutated copies of its seed files (from tests/fixtures and the built-in
//! taxonomy) to one reader of recur: the importers (through `ingest::read_paths`, as `import`
//! does, and checking that the counts reconcile), the mapping, aliases and taxonomy parsers, and
//! the store reader (a real store with one file damaged). A panic or a broken invariant is a
//! finding: its input is saved under `target/fuzz-findings/TARGET/`. An input that uses more than
//! `HANG_SECONDS` of CPU time, or waits `WAIT_SECONDS` of wall time, is a hang: it is saved and
//! the run stops. (CPU time, so that a busy machine starving the fuzzer is no hang; wall time, so
//! that an input blocking on a read is one.) With `FUZZ_KEEP_LAST` set, each input is written to
//! `last.input` before it runs, for crashes that cannot be caught (a stack overflow aborts). `scripts/fuzz.sh` runs every
//! target for a fixed time and prints the figures.

mod mutate;
mod targets;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An input using more CPU time than this is reported as a hang (a dev build).
const HANG_SECONDS: u64 = 20;
/// An input taking longer than this in wall time is reported as a hang, CPU time or not.
const WAIT_SECONDS: u64 = 180;
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

    let keep_last = std::env::var_os("FUZZ_KEEP_LAST").is_some();
    let clock = Instant::now();
    let mut rng = mutate::Rng::new(seed);
    let (mut runs, mut panics, mut broken, mut saved) = (0u64, 0u64, 0u64, 0usize);
    while clock.elapsed() < Duration::from_secs(seconds) {
        let picked = target.pick(&mut rng);
        let input = mutate::mutate(&target.seeds()[picked], target.seeds(), &mut rng);
        if let Ok(mut c) = current.lock() {
            c.clone_from(&input);
        }
        if keep_last {
            // A stack overflow aborts without unwinding: the input is on disk beforehand.
            let _ = std::fs::write(findings.join("last.input"), &input);
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
        // The input being watched (its start) and the process's CPU time when it started.
        let mut watched = (0u64, 0u64);
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let started = started_ms.load(Ordering::SeqCst);
            if started == 0 {
                continue;
            }
            let cpu = cpu_ms();
            if watched.0 != started {
                watched = (started, cpu);
                continue;
            }
            let wall = (clock.elapsed().as_millis() as u64).saturating_sub(started);
            let used = cpu.saturating_sub(watched.1);
            if used > HANG_SECONDS * 1000 || wall > WAIT_SECONDS * 1000 {
                let input = current.lock().map(|c| c.clone()).unwrap_or_default();
                let what = format!("hang: {used} ms of CPU, {wall} ms of wall time");
                save(&findings, "hang", &input, &what);
                println!(
                    "target={name} hangs=1 ({what}; input saved as {}/hang.input)",
                    findings.display()
                );
                std::process::exit(3);
            }
        }
    });
}

/// This process's CPU time (user and system) in milliseconds, from `/proc/self/stat` (Linux; 0
/// elsewhere, where only the wall-time limit applies).
fn cpu_ms() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // Fields after the command name (which may hold spaces) start at its closing parenthesis;
    // utime and stime are fields 14 and 15, in clock ticks of 1/100 s.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (ticks(11) + ticks(12)) * 10
}
