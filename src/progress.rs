//! Progress bars for long stages: shown on a terminal, hidden when stderr is not one or with
//! `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Makes progress bars, or hidden ones.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    visible: bool,
}

impl Progress {
    /// Visible when stderr is a terminal and `quiet` is false.
    pub fn new(quiet: bool) -> Self {
        Self {
            visible: !quiet && std::io::stderr().is_terminal(),
        }
    }

    /// Never visible (for tests and library callers).
    pub fn hidden() -> Self {
        Self { visible: false }
    }

    /// A bar over `len` items with counts and rate.
    pub fn bar(&self, stage: &str, len: u64) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{prefix:>14} [{bar:30}] {human_pos}/{human_len} {per_sec} {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(stage.to_string());
        bar
    }

    /// A spinner for a stage of unknown length.
    pub fn spinner(&self, stage: &str) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner();
        bar.set_message(stage.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }
}

/// Wall-clock time per stage, printed on stderr at the end with `--timings`.
#[derive(Debug, Default)]
pub struct Timings {
    enabled: bool,
    stages: std::sync::Mutex<Vec<(String, std::time::Duration)>>,
}

impl Timings {
    /// Records only when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            stages: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` as stage `name`.
    pub fn stage<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        if !self.enabled {
            return f();
        }
        let start = std::time::Instant::now();
        let out = f();
        if let Ok(mut stages) = self.stages.lock() {
            stages.push((name.to_string(), start.elapsed()));
        }
        out
    }

    /// The stages recorded, as `stage  seconds` lines. A stage named `outer / part` is a part of
    /// stage `outer` (recorded before it ends): shown, but not counted again in the total.
    pub fn report(&self) -> Vec<String> {
        let Ok(stages) = self.stages.lock() else {
            return Vec::new();
        };
        let total: f64 = stages
            .iter()
            .filter(|(n, _)| !n.contains(" / "))
            .map(|(_, d)| d.as_secs_f64())
            .sum();
        let mut lines: Vec<String> = stages
            .iter()
            .map(|(n, d)| format!("timing: {n:<30} {:>8.3} s", d.as_secs_f64()))
            .collect();
        if !lines.is_empty() {
            lines.push(format!("timing: {:<30} {total:>8.3} s", "total (stages)"));
        }
        lines
    }
}
