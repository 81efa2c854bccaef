//! One file per subcommand: each reads what it needs from the store (or the input files),
//! calls the stages, and returns a [`crate::output::View`] or prints its summary. Each has a
//! `command` function that `lib.rs`'s table of contents calls.

pub mod chart;
pub mod clusters;
pub mod context;
mod declared;
pub mod eval;
pub mod export;
pub mod gaps;
pub mod generate;
pub mod hotspots;
pub mod import;
pub mod owners;
pub mod rejected;
pub mod report;
pub mod similar;
pub mod stats;
pub mod suggest;
pub mod why;
