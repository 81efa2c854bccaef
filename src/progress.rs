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

    /// A bar over `len` items with counts and rate (items per second, whole numbers).
    pub fn bar(&self, stage: &str, len: u64) -> ProgressBar {
        self.styled(
            stage,
            len,
            "{prefix:>12} [{bar:30}] {human_pos}/{human_len} {rate} {elapsed}",
        )
    }

    /// A bar over `len` bytes with amounts and rate (reading input files).
    pub fn bytes(&self, stage: &str, len: u64) -> ProgressBar {
        self.styled(
            stage,
            len,
            "{prefix:>12} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {elapsed}",
        )
    }

    /// A bar over the `len` parts of a stage, naming the part under way.
    pub fn parts(&self, stage: &str, len: u64) -> ProgressBar {
        self.styled(
            stage,
            len,
            "{prefix:>12} [{bar:30}] {pos}/{len} {msg} {elapsed}",
        )
    }

    fn styled(&self, stage: &str, len: u64, template: &str) -> ProgressBar {
        if !self.visible {
            return ProgressBar::hidden();
        }
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}/s", state.per_sec());
                },
            )
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr())
            .with_style(style)
            .with_prefix(stage.to_string());
        bar.tick();
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

/// One file's share of a byte progress bar: readers say how far they are, in any order, and
/// the file's remaining bytes are counted when it is done.
pub struct FileProgress {
    bar: ProgressBar,
    reported: std::sync::atomic::AtomicU64,
}

impl FileProgress {
    pub fn new(bar: &ProgressBar) -> Self {
        Self {
            bar: bar.clone(),
            reported: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Reading has reached byte `offset` of the file.
    pub fn reached(&self, offset: u64) {
        let before = self
            .reported
            .fetch_max(offset, std::sync::atomic::Ordering::Relaxed);
        if offset > before {
            self.bar.inc(offset - before);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_counts_each_byte_once_whatever_the_order_of_reports() {
        let bar = ProgressBar::hidden();
        bar.set_length(150);
        let a = FileProgress::new(&bar);
        a.reached(40);
        a.reached(25); // a late report of an earlier chunk
        a.reached(100);
        a.reached(100);
        assert_eq!(bar.position(), 100);
        let b = FileProgress::new(&bar);
        b.reached(50);
        assert_eq!(bar.position(), 150, "a second file adds its own bytes");
    }

    #[test]
    fn stage_parts_are_shown_but_not_counted_twice() {
        let t = Timings::new(true);
        let pause = || std::thread::sleep(std::time::Duration::from_millis(30));
        t.stage("report", || t.stage("report / tables", pause));
        let lines = t.report();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].contains("report / tables"));
        let total = |line: &str| -> f64 {
            line.split_whitespace()
                .rev()
                .nth(1)
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(total(&lines[1]) >= 0.03, "{lines:?}");
        assert!(total(&lines[2]) < 1.5 * total(&lines[1]), "{lines:?}");
    }
}
