//! Fault injection for the store's write protocol: `RECUR_FAULT_AT=STEP` makes a write stop at
//! that step, either as a crash (`STEP`, or `crash:STEP`: the process aborts, as with kill -9 or a
//! power cut) or as a failed system call (`error:STEP`: the step returns an I/O error, as on a
//! full disk). Tests use it to check that every crash point leaves a store the next write
//! repairs; it costs one environment lookup per step otherwise.

use crate::error::{RecurError, Result};
use std::path::Path;

/// The steps of [`super::Store::save`], in order (see docs/store.md).
pub const STEPS: [&str; 9] = [
    "locked",
    "repaired",
    "staging-created",
    "tables-written",
    "staged",
    "renamed",
    "pointer-written",
    "switched",
    "cleaned",
];

/// The variable naming the step to stop at.
pub const VARIABLE: &str = "RECUR_FAULT_AT";

/// Stops here if `RECUR_FAULT_AT` names this step.
pub fn point(step: &str, dir: &Path) -> Result<()> {
    debug_assert!(STEPS.contains(&step), "unknown fault step {step}");
    let Ok(wanted) = std::env::var(VARIABLE) else {
        return Ok(());
    };
    let (mode, at) = wanted.split_once(':').unwrap_or(("crash", wanted.as_str()));
    if at != step {
        return Ok(());
    }
    if mode == "error" {
        return Err(RecurError::io(
            dir,
            std::io::Error::other(format!("injected failure at step {step}")),
        ));
    }
    eprintln!("{VARIABLE}: stopping at step {step}");
    std::process::abort();
}
