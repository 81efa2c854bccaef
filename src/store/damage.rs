//! Turning a panic of the Parquet reader on a damaged file into an error. polars checks a file's
//! structure but, when a garbled page decodes to columns of unequal length, panics (on a worker
//! thread) instead of returning an error; recur cannot check the pages before polars decodes
//! them, so the read is run under `catch_unwind`, and the panic message is not printed while a
//! store table is being read: the error naming the file says what happened.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many reads are under [`catch`] now; while any is, panics print nothing.
static READS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

/// Runs `read`; `Err(())` if it panicked.
pub fn catch<T>(read: impl FnOnce() -> T) -> Result<T, ()> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if READS.load(Ordering::SeqCst) == 0 {
                previous(info);
            }
        }));
    });
    READS.fetch_add(1, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    READS.fetch_sub(1, Ordering::SeqCst);
    result.map_err(|_| ())
}
