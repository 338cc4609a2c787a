use clap::Parser;

// malloc-heavy work (Tera values, page buffers) on several threads: mimalloc's
// per-thread heaps cost less than glibc's arenas (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = broadsheet::cli::Cli::parse();
    if !matches!(cli.command, broadsheet::cli::Command::Serve(_)) {
        keep_freed_memory();
    }
    std::process::exit(broadsheet::cli::run(cli));
}

/// mimalloc 3's `mi_option_purge_delay` (libmimalloc-sys names only some options):
/// how many milliseconds freed memory waits before it is given back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long memory freed during a batch command stays with the process before it is
/// given back to the system: 10 s instead of mimalloc's 1 s.
const PURGE_DELAY_MS: std::os::raw::c_long = 10_000;

/// Keeps memory freed during a build for the build's own later allocations for
/// [`PURGE_DELAY_MS`] instead of giving it back to the system after a second. A build
/// frees and allocates again all the time (each stage's scratch, each page's values);
/// memory given back has to be faulted in and zeroed again by the kernel when reused,
/// which at 100k articles was 25,000 page faults and a tenth of the CPU time (3,600
/// faults with 10 s). What stays unused longer (a stage's leftovers on a large site)
/// is still given back, so the peak does not grow by it. `serve` keeps the default.
fn keep_freed_memory() {
    // SAFETY: called on the main thread before any other thread exists;
    // `mi_option_set` only stores the value, which mimalloc reads when it purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3's default `purge_delay` is 1000 (ms, options.c); a renumbered
        // option list would read another option here.
        let read = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(read(), 1000);
        }
        keep_freed_memory();
        assert_eq!(read(), PURGE_DELAY_MS);
    }
}
