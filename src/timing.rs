//! How long each step of a build, or of an update in `canting serve`, takes, written to standard
//! error when the environment variable `CANTING_TIMINGS` is set: for the benchmarks, and for a
//! developer who wants to know where the time goes.

use std::sync::OnceLock;
use std::time::Instant;

/// A clock for the steps of one piece of work.
pub struct Steps {
    started: Instant,
    last: Instant,
    on: bool,
}

impl Steps {
    /// Starts the clock; it writes nothing unless `CANTING_TIMINGS` is set.
    pub fn start() -> Steps {
        static ON: OnceLock<bool> = OnceLock::new();
        let now = Instant::now();
        Steps {
            started: now,
            last: now,
            on: *ON.get_or_init(|| std::env::var_os("CANTING_TIMINGS").is_some()),
        }
    }

    /// Writes how long the step `name` took since the last one, and since the start.
    pub fn step(&mut self, name: &str) {
        if self.on {
            let now = Instant::now();
            let ms = |since: Instant| now.duration_since(since).as_secs_f64() * 1000.0;
            eprintln!(
                "timing {name}: {:.1} ms (total {:.1} ms)",
                ms(self.last),
                ms(self.started)
            );
            self.last = now;
        }
    }
}
