//! Thread-time counters for `build --timings`: parallel stages add up how long their
//! threads spent on each kind of work, so a stage's wall time can be split by cause.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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
}
