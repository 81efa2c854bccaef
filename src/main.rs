//! The `recur` binary: parse flags, run the library, print errors, choose the exit code
//! (0 ok, 1 error, 2 usage).

mod cli;

use clap::Parser;
use std::process::ExitCode;

// recur allocates millions of small strings (names, texts) and frees them in bulk: mimalloc is
// markedly faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse(); // exits with 2 on a usage error
    if let Some(printed) = cli.print_generated(&mut std::io::stdout().lock()) {
        return match printed {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let (command, global) = match cli.into_command() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    // stderr is not locked for the whole run: progress bars draw on it from worker threads,
    // and a lock held here would block them for good.
    match recur::run(
        &command,
        &global,
        &mut stdout.lock(),
        &mut std::io::stderr(),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        // `recur stats | head`: the reader left; that is not an error.
        Err(recur::RecurError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: {}",
                recur::output::sanitize::for_terminal(&e.to_string())
            );
            ExitCode::from(if matches!(e, recur::RecurError::Usage(_)) {
                2
            } else {
                1
            })
        }
    }
}
