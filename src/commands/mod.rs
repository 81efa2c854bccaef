//! One file per subcommand: each reads what it needs from the store (or the input files),
//! calls the stages, and returns a [`crate::output::View`] or prints its summary.

pub mod clusters;
pub mod context;
pub mod eval;
pub mod gaps;
pub mod hotspots;
pub mod import;
pub mod owners;
pub mod rejected;
pub mod similar;
pub mod stats;
pub mod suggest;
pub mod why;
