//! Every photo under `content/` decoded as the build would, without making anything of it.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::images;
use crate::site::Site;

/// Corrupt, truncated, oversized and unsupported photos, found in parallel: decoding a few hundred
/// phone photos one after the other would take minutes.
pub(crate) fn check(site: &Site, progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<Diagnostic> {
    let jobs = crate::build::photo_jobs(site);
    let mut out = Vec::new();
    let jobs = images::unique_jobs(&jobs, &mut out);
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    out.par_extend(jobs.par_iter().filter_map(|job| {
        let result = images::verify(job).err();
        progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
        result
    }));
    out
}
