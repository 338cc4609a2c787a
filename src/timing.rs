//! The stage clock of every build ([`Clock`]: `build --timings`, `serve`'s log) and
//! thread-time counters: parallel stages add up how long their threads spent on each
//! kind of work, so a stage's wall time can be split by cause.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Time summed over threads, safe to add to from any of them.
#[derive(Debug, Default)]
pub struct Counter(AtomicU64);

impl Counter {
    pub fn add(&self, d: Duration) {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
    }

    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

/// The process's resident memory now, where the system tells (Linux), in bytes.
pub fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split(' ').nth(1)?.parse().ok()?;
    Some(pages * rustix::param::page_size() as u64)
}

/// One stage of a build: its wall time and the memory resident at its end.
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
    pub resident: Option<u64>,
}

/// The one stage clock of `build`, `check` and `serve`: wall time per stage, and the time threads spent on each kind of work inside the
/// parallel stages (summed over threads, so it can exceed the stage's wall time).
pub struct Clock {
    pub start: Instant,
    pub last: Instant,
    pub timings: Vec<Stage>,
    pub work: Vec<(&'static str, Duration)>,
    /// Articles taken from the parse cache rather than parsed.
    pub from_cache: usize,
    /// Related lists taken from the last build rather than ranked.
    pub related_kept: bool,
}

impl Clock {
    pub fn new() -> Self {
        let now = Instant::now();
        Clock {
            start: now,
            last: now,
            timings: Vec::new(),
            work: Vec::new(),
            from_cache: 0,
            related_kept: false,
        }
    }
    /// Ends the stage that ran since the last lap (or the start).
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.push(Stage {
            name: stage,
            wall: now - self.last,
            resident: resident_bytes(),
        });
        self.last = now;
    }

    /// The stage times so far, in milliseconds (the preview's log line).
    pub fn laps_ms(&self) -> Vec<(&'static str, f64)> {
        self.timings
            .iter()
            .map(|s| (s.name, s.wall.as_secs_f64() * 1000.0))
            .collect()
    }
    /// Adds thread time spent on one kind of work.
    pub fn work(&mut self, kind: &'static str, time: Duration) {
        self.work.push((kind, time));
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_across_threads() {
        let c = Counter::default();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| c.add(Duration::from_millis(3)));
            }
        });
        assert_eq!(c.total(), Duration::from_millis(12));
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn resident_memory_grows_with_what_is_held() {
        let before = resident_bytes().unwrap();
        // black_box: an optimized build would otherwise never make the vector.
        let held = std::hint::black_box(vec![1u8; 64 << 20]);
        let after = resident_bytes().unwrap();
        assert!(after >= before + (60 << 20), "{before} -> {after}");
        drop(held);
    }
}
