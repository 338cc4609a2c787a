//! The floor under a no-change rebuild with photos: the time to `stat` every photo
//! (what any tool that notices an edited photo pays), on one thread and on every core.
//! `cargo run --release --example stat_floor -- <folder>` stats every `.jpg` and
//! `.png` under the folder (listed first, not timed), three times each way.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: stat_floor <folder>");
    let photos: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == "jpg" || x == "png"))
        .collect();
    // The photos' total size, and how long it took to `stat` them all.
    let timed = |sizes: &dyn Fn() -> u64| {
        let started = Instant::now();
        (sizes(), started.elapsed().as_secs_f64() * 1000.0)
    };
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    for _ in 0..3 {
        let (one, single) = timed(&|| photos.iter().map(size).sum());
        let (all, parallel) = timed(&|| photos.par_iter().map(size).sum());
        assert_eq!(one, all);
        println!(
            "{} photos: stat on one thread {single:.1} ms, on {} threads {parallel:.1} ms",
            photos.len(),
            rayon::current_num_threads(),
        );
    }
}
