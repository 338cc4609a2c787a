use clap::Parser;

// malloc-heavy work (Tera values, page buffers) on several threads: mimalloc's
// per-thread heaps cost less than glibc's arenas (see docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = broadsheet::cli::Cli::parse();
    std::process::exit(broadsheet::cli::run(cli));
}
