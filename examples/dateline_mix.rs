//! The dateline parser on a mix of 1,000 leads, as `dateline/mix_1000` in
//! benches/hot.rs builds it, timed with nothing but `std`: so the same harness runs
//! against any commit whose library has `parse::dateline::parse_dateline`
//! (scripts/bench-dateline.sh copies this file and benches/common/mix.rs into an old
//! checkout).
//!
//! ```text
//! cargo run --release --example dateline_mix -- benches/leads.txt [SAMPLES]
//! ```
//!
//! Prints the median time of one lead over `SAMPLES` (default 30) samples of the
//! whole mix, in nanoseconds, and how many of the 1,000 leads had a dateline. With
//! `PASSES=N` in the environment it runs N passes untimed (for callgrind).

use std::hint::black_box;
use std::time::{Duration, Instant};

use broadsheet::parse::dateline::parse_dateline;

#[path = "../benches/common/mix.rs"]
mod mix;

fn pass(mix: &[String]) -> usize {
    mix.iter()
        .filter(|lead| parse_dateline(black_box(lead)).is_some())
        .count()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "benches/leads.txt".to_owned());
    let samples: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(30);
    let file = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mix = mix::mixed_leads(&file);
    assert!(!mix.is_empty(), "{path} has no leads");
    // `PASSES=N`: exactly N passes and no timing, for instruction counts
    // (`valgrind --tool=callgrind`), which the machine's load does not change.
    if let Some(passes) = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse::<u32>().ok())
    {
        let found: usize = (0..passes).map(|_| pass(&mix)).sum();
        println!("{passes} passes, {found} datelines");
        return;
    }

    // Warm up for about 0.3 s, and size a sample to about 20 ms.
    let warm = Instant::now();
    let mut passes = 0u32;
    while warm.elapsed() < Duration::from_millis(300) {
        black_box(pass(&mix));
        passes += 1;
    }
    let per_pass = warm.elapsed() / passes.max(1);
    let iters = (Duration::from_millis(20).as_nanos() / per_pass.as_nanos().max(1)).max(1);

    let mut times: Vec<f64> = (0..samples.max(1))
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(pass(&mix));
            }
            start.elapsed().as_nanos() as f64 / iters as f64 / mix.len() as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{median:.1} ns/lead  (median of {} samples, {} datelines in {} leads)",
        times.len(),
        pass(&mix),
        mix.len()
    );
}
