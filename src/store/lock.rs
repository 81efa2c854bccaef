//! The store's write lock: `<store>/LOCK`, held exclusively (an OS file lock) by the one import
//! that may write the store, from before it loads the store until after it has switched `CURRENT`.

use crate::error::{RecurError, Result};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;

/// The name of the lock file inside the store directory.
pub const LOCK_FILE: &str = "LOCK";

/// What to do when another process holds the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wait {
    /// Wait for it (saying so on stderr once).
    #[default]
    Block,
    /// Fail at once with an error saying the store is busy.
    Fail,
}

/// An exclusive hold on a store; released when dropped (or when the process dies, whatever the
/// way: the OS drops the lock with the file descriptor).
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Takes the exclusive lock of the store at `dir` (created when missing). `waiting` is called
/// once when the lock is held by another process and `wait` is [`Wait::Block`].
pub fn acquire(dir: &Path, wait: Wait, waiting: &mut dyn FnMut()) -> Result<StoreLock> {
    fs::create_dir_all(dir).map_err(|e| RecurError::io(dir, e))?;
    let path = dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| RecurError::io(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) if wait == Wait::Block => {
            waiting();
            file.lock().map_err(|e| RecurError::io(&path, e))?;
        }
        Err(TryLockError::WouldBlock) => {
            return Err(RecurError::Store {
                dir: dir.display().to_string(),
                reason: format!(
                    "another import holds the lock ({}); retry when it has finished, or leave out --no-wait to wait for it",
                    path.display()
                ),
            });
        }
        Err(TryLockError::Error(e)) => return Err(RecurError::io(&path, e)),
    }
    // The holder's pid, for people looking at a busy store; the lock itself is the OS lock.
    let _ = file.set_len(0);
    let _ = writeln!(file, "{}", std::process::id());
    Ok(StoreLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_with_no_wait_and_succeeds_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), Wait::Fail, &mut || {}).unwrap();
        let err = acquire(dir.path(), Wait::Fail, &mut || {}).unwrap_err();
        assert!(
            err.to_string().contains("another import holds the lock"),
            "{err}"
        );
        drop(first);
        acquire(dir.path(), Wait::Fail, &mut || {}).unwrap();
    }
}
