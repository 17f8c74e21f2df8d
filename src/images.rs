//! The photo pipeline: volunteers' phone photos become small, upright, metadata-free files.
//!
//! Every photo a page uses is read once with the `image` crate's pure-Rust decoders, under
//! explicit [`image::Limits`], turned upright by its EXIF orientation, and then published only as
//! pixels we encode ourselves: what visitors load and nothing more. That is WebP variants at the
//! configured widths, one JPEG (or, for photos with transparency, PNG) fallback for browsers
//! without WebP, a card thumbnail and a 1200×630 share picture; the photo itself only when the
//! site asks for it (`images.originals`), no larger than the size it names. Re-encoding from
//! pixels is what removes EXIF, and with it the GPS position of the volunteer's home; neither
//! encoder is ever handed any metadata. libwebp only ever encodes pixels we made; it never sees a
//! volunteer's file.
//!
//! Work is cached in `cache_dir`, one folder per photo named by a BLAKE3 hash of the photo's bytes,
//! the settings and [`VERSION`]: a photo that did not change is copied from there without being
//! decoded, and folders no job used are removed at the end of the run.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use fast_image_resize as fr;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use rust_i18n::t;
use serde::{Deserialize, Serialize};

use crate::config::ImageSettings;
use crate::diagnostic::{Diagnostic, io_reason};
use crate::output::Staging;

/// Bumped whenever the outputs for the same photo and settings change, so that old cache entries
/// are not reused.
pub const VERSION: u32 = 4;

/// The largest width or height canting decodes. A 200-megapixel phone photo is 16320 px wide, a
/// 12-megapixel one 4032.
pub const MAX_SIDE: u32 = 12_000;
/// The most memory one decode may allocate.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// The largest file canting reads at all.
pub const MAX_FILE: u64 = 100 * 1024 * 1024;

/// The share picture's size, which Facebook, WhatsApp and X all show uncropped.
pub const SHARE_SIZE: (u32, u32) = (1200, 630);
/// The card thumbnail's size (4:3).
pub const THUMB_SIZE: (u32, u32) = (480, 360);

/// The resampling filter for every downscale. CatmullRom (4 taps) rather than Lanczos3 (6): on
/// the benchmark's 3000×2000 photos it took about 5 % less CPU time for the whole pipeline, and
/// each step only halves or thirds the width, where the two look alike.
const FILTER: fr::FilterType = fr::FilterType::CatmullRom;
/// JPEGs up to this many pixels get averaged colour subsampling.
const AVERAGE_CHROMA_UP_TO: u64 = 2_000_000;
/// libwebp's effort, 0 (fast) to 6 (small). Measured by `benches/photos.sh` at quality 75 (12
/// photos, SSIM against the source): at 1600 px, method 2 gives 63.7 KB at 0.9681 in 56 ms,
/// method 4 (libwebp's default) 62.4 KB in 149 ms, while methods 1 and 0, at 44 and 38 ms, give
/// 92.2 and 129.3 KB at 0.9669: the time they save is not worth half as many bytes again.
const WEBP_METHOD: i32 = 2;
/// Variants up to this width (the 480 one, the thumbnail) are encoded with libwebp's default
/// effort, 4, which costs little at that size. Measured by `benches/photos.sh` (SSIM against the
/// source downscaled with Lanczos3, 12 photos): at 480 px, method 2 gives 13.9 KB at SSIM 0.9889,
/// method 4 13.5 KB at 0.9900, and Hugo's defaults (box filter, quality 75, method 4) 13.5 KB at
/// 0.9893; at 960 px method 2 already beats Hugo (32.6 KB at 0.9808 against 32.7 KB at 0.9804).
const SMALL_WEBP_UP_TO: u32 = 480;
/// libwebp's effort for the small variants.
const SMALL_WEBP_METHOD: i32 = 4;

/// The widest the one fallback for browsers without WebP is: the size a page's `src` shows,
/// sharp on phones and light on mobile data.
pub const FALLBACK_WIDTH: u32 = 960;

/// What a published photo became: its upright size and the files made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// Width in pixels, after turning the photo upright.
    pub width: u32,
    /// Height in pixels, after turning the photo upright.
    pub height: u32,
    /// The WebP variants the theme lists in `srcset`, narrowest first; never wider than the photo.
    pub variants: Vec<Picture>,
    /// The one JPEG (or PNG, for a photo with transparency) for browsers without WebP: the widest
    /// variant up to [`FALLBACK_WIDTH`], else the narrowest.
    pub fallback: Picture,
    /// A 480×360 crop for cards, as WebP.
    pub thumb: Picture,
    /// The same crop as JPEG (or PNG) for browsers without WebP.
    pub thumb_fallback: Picture,
    /// The 1200×630 JPEG for previews on social media, when the job asked for one.
    pub share: Option<String>,
    /// The photo itself, without metadata and no larger than `images.originals`, when the site
    /// publishes originals: the photo's own path when it is a JPEG or PNG, else the same name
    /// ending in `.jpg` (or `.png`).
    pub original: Option<String>,
}

impl Processed {
    /// Every file published for the photo.
    pub fn files(&self) -> Vec<&str> {
        let pictures =
            self.variants
                .iter()
                .chain([&self.fallback, &self.thumb, &self.thumb_fallback]);
        pictures
            .map(|p| p.path.as_str())
            .chain(self.share.as_deref())
            .chain(self.original.as_deref())
            .collect()
    }

    /// The file that stands for the photo itself, for links in the text, search engines and the
    /// open data: the original when it is published, else the widest variant.
    pub fn full(&self) -> &str {
        match (&self.original, self.variants.last()) {
            (Some(original), _) => original,
            (None, Some(widest)) => &widest.path,
            (None, None) => &self.fallback.path,
        }
    }
}

/// One published file of a photo; its path is relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file, such as `workshops/sekar/cover-960.webp`.
    pub path: String,
}

/// One photo to publish, as the build asks for it.
#[derive(Debug, Clone)]
pub struct Job {
    /// The file to read.
    pub source: PathBuf,
    /// Its path under `content/`, such as `workshops/sekar/cover.jpg`.
    pub path: String,
    /// The point to keep in view when cropping, from (0, 0) top left to (1, 1) bottom right.
    pub focus: Option<(f32, f32)>,
    /// Whether to make the share picture.
    pub share: bool,
}

/// What a run did, for tests and for the command line's summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Photos decoded and encoded anew.
    pub decoded: usize,
    /// Photos copied from the cache without decoding.
    pub cached: usize,
    /// Cache entries removed because no job used them.
    pub removed: usize,
}

/// What [`run`] did: each photo's result, its messages and its statistics.
pub struct Outcome {
    /// By the job's `path`.
    pub processed: HashMap<String, Processed>,
    /// A photo that could not be read is an error here; a cache that cannot be used is a warning.
    pub diagnostics: Vec<Diagnostic>,
    /// How many photos were decoded, taken from the cache or dropped from it.
    pub stats: Stats,
}

/// Processes every job in parallel; see [`run`] for the statistics too.
pub fn process(
    jobs: &[Job],
    settings: &ImageSettings,
    cache_dir: &Path,
    staging: &Staging,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (HashMap<String, Processed>, Vec<Diagnostic>) {
    let outcome = run(jobs, settings, cache_dir, staging, progress);
    (outcome.processed, outcome.diagnostics)
}

/// Processes every job in parallel into `staging`, reusing what `cache_dir` holds from earlier
/// builds and removing the cache entries no job used; `progress` is told after each photo.
pub fn run(
    jobs: &[Job],
    settings: &ImageSettings,
    cache_dir: &Path,
    staging: &Staging,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Outcome {
    run_pruning(jobs, settings, cache_dir, staging, progress, true)
}

/// Processes one photo after it changed (`canting serve`), keeping every other photo's cache
/// entries: the jobs of the rest of the site are not known here.
pub fn update(
    job: &Job,
    settings: &ImageSettings,
    cache_dir: &Path,
    staging: &Staging,
) -> (HashMap<String, Processed>, Vec<Diagnostic>) {
    let outcome = run_pruning(
        std::slice::from_ref(job),
        settings,
        cache_dir,
        staging,
        &|_, _| {},
        false,
    );
    (outcome.processed, outcome.diagnostics)
}

fn run_pruning(
    jobs: &[Job],
    settings: &ImageSettings,
    cache_dir: &Path,
    staging: &Staging,
    progress: &(dyn Fn(usize, usize) + Sync),
    prune: bool,
) -> Outcome {
    let mut diagnostics = Vec::new();
    let jobs = unique_jobs(jobs, &mut diagnostics);
    let settings = ImageSettings {
        widths: clean_widths(&settings.widths),
        quality: settings.quality.min(100),
        jpeg_quality: settings.jpeg_quality.clamp(1, 100),
        originals: settings.originals.map(|side| side.max(1)),
    };
    let cache_ok = std::fs::create_dir_all(cache_dir).is_ok();
    if !cache_ok {
        diagnostics.push(
            Diagnostic::warning(t!("photos.cache_unusable", dir = cache_dir.display()))
                .hint(t!("photos.cache_unusable_hint")),
        );
    }
    let cache = Cache {
        dir: cache_dir,
        enabled: cache_ok,
        write_failed: AtomicUsize::new(0),
    };
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let decoded = AtomicUsize::new(0);
    let used = Mutex::new(HashSet::new());
    let results: Vec<(String, Result<Processed, Diagnostic>)> = jobs
        .par_iter()
        .map(|job| {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                one(job, &settings, &cache, staging, &decoded, &used)
            }))
            .unwrap_or_else(|_| {
                Err(photo_error(
                    &job.path,
                    |file| t!("photos.crashed", file = file),
                    t!("photos.crashed_hint"),
                ))
            });
            progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
            (job.path.clone(), result)
        })
        .collect();
    let mut processed = HashMap::new();
    for (path, result) in results {
        match result {
            Ok(p) => {
                processed.insert(path, p);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if cache.write_failed.load(Ordering::SeqCst) > 0 {
        diagnostics.push(
            Diagnostic::warning(t!("photos.cache_not_saved", dir = cache_dir.display()))
                .hint(t!("photos.cache_not_saved_hint")),
        );
    }
    let used = used.into_inner().unwrap_or_default();
    let removed = if cache_ok && prune {
        remove_unused(cache_dir, &used)
    } else {
        0
    };
    let decoded = decoded.load(Ordering::SeqCst);
    Outcome {
        stats: Stats {
            decoded,
            cached: processed.len().saturating_sub(decoded),
            removed,
        },
        processed,
        diagnostics,
    }
}

/// The jobs to do, once each; two photos of a folder that differ only in their extension
/// (`cover.jpg`, `cover.PNG`) would be published under the same names and are refused.
pub fn unique_jobs<'a>(jobs: &'a [Job], diagnostics: &mut Vec<Diagnostic>) -> Vec<&'a Job> {
    let mut seen_paths = HashSet::new();
    let mut stems: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for job in jobs {
        if !seen_paths.insert(job.path.as_str()) {
            continue;
        }
        let (dir, stem, _) = split_path(&job.path);
        let key = format!("{dir}{stem}").to_lowercase();
        if let Some(first) = stems.get(&key) {
            diagnostics.push(photo_error(
                &job.path,
                |file| t!("photos.same_names", file = file, first = first),
                t!("photos.same_names_hint"),
            ));
            continue;
        }
        stems.insert(key, &job.path);
        out.push(job);
    }
    out
}

fn clean_widths(widths: &[u32]) -> Vec<u32> {
    let mut w: Vec<u32> = widths.iter().copied().filter(|w| *w > 0).collect();
    if w.is_empty() {
        w = ImageSettings::default().widths;
    }
    w.sort_unstable();
    w.dedup();
    w
}

/// `workshops/sekar/cover.jpg` → (`workshops/sekar/`, `cover`, `jpg`).
fn split_path(path: &str) -> (&str, &str, &str) {
    let (dir, file) = match path.rfind('/') {
        Some(i) => path.split_at(i + 1),
        None => ("", path),
    };
    match file.rfind('.') {
        Some(i) if i > 0 => (dir, &file[..i], &file[i + 1..]),
        _ => (dir, file, ""),
    }
}

/// An error about the photo at `path` under `content/`: `message` is given the photo's file as
/// the volunteer knows it (`content/workshops/sekar/cover.jpg`) and says the whole sentence.
fn photo_error<M: Into<String>>(
    path: &str,
    message: impl FnOnce(&str) -> M,
    hint: impl Into<String>,
) -> Diagnostic {
    let file = format!("content/{path}");
    Diagnostic::error(message(&file)).file(file).hint(hint)
}

// ---------------------------------------------------------------------------------------------
// One photo

fn one(
    job: &Job,
    settings: &ImageSettings,
    cache: &Cache,
    staging: &Staging,
    decoded: &AtomicUsize,
    used: &Mutex<HashSet<String>>,
) -> Result<Processed, Diagnostic> {
    let bytes = read(job)?;
    let key = cache_key(&bytes, settings, job);
    if let Ok(mut used) = used.lock() {
        used.insert(key.clone());
    }
    if let Some(hit) = cache.load(&key, job, staging) {
        return Ok(hit);
    }
    let pixels = decode(job, &bytes)?;
    // An upright JPEG that fits the size asked for is published as it came, minus its metadata:
    // re-encoding 12 megapixels costs a third of a photo's work and loses quality.
    let original = match settings.originals {
        Some(side) if pixels.upright_jpeg && pixels.width.max(pixels.height) <= side => {
            strip_jpeg(&bytes)
        }
        _ => None,
    };
    drop(bytes);
    decoded.fetch_add(1, Ordering::SeqCst);
    let made = make(&pixels, original, job, settings).map_err(|why| {
        photo_error(
            &job.path,
            |file| t!("photos.not_converted", file = file, why = why),
            t!("photos.not_converted_hint"),
        )
    })?;
    let files = made.files;
    for (suffix, bytes) in &files {
        let rel = out_path(&job.path, suffix, &made.meta);
        staging.write(&rel, bytes).map_err(|e| {
            Diagnostic::error(t!("photos.cannot_write", path = rel, why = io_reason(&e)))
                .file(format!("content/{}", job.path))
                .hint(t!("photos.cannot_write_hint"))
        })?;
    }
    cache.store(&key, &made.meta, &files);
    Ok(made.meta.processed(&job.path))
}

/// Reads and decodes a photo the way a build does, without publishing it: for `canting check`.
pub fn verify(job: &Job) -> Result<(u32, u32), Diagnostic> {
    let pixels = decode(job, &read(job)?)?;
    Ok((pixels.width, pixels.height))
}

fn read(job: &Job) -> Result<Vec<u8>, Diagnostic> {
    let meta = std::fs::metadata(&job.source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => photo_error(
            &job.path,
            |file| t!("photos.missing", file = file),
            t!("photos.missing_hint"),
        ),
        _ => cannot_read(job, &e),
    })?;
    if !meta.is_file() {
        return Err(photo_error(
            &job.path,
            |file| t!("photos.is_folder", file = file),
            t!("photos.is_folder_hint"),
        ));
    }
    if meta.len() > MAX_FILE {
        return Err(photo_error(
            &job.path,
            |file| {
                t!(
                    "photos.file_too_big",
                    file = file,
                    size = meta.len() / 1_000_000,
                    max = MAX_FILE / 1_000_000
                )
            },
            t!("photos.smaller_copy_hint"),
        ));
    }
    std::fs::read(&job.source).map_err(|e| cannot_read(job, &e))
}

fn cannot_read(job: &Job, e: &std::io::Error) -> Diagnostic {
    photo_error(
        &job.path,
        |file| t!("photos.cannot_read", file = file, why = io_reason(e)),
        t!("photos.cannot_read_hint"),
    )
}

fn cache_key(bytes: &[u8], settings: &ImageSettings, job: &Job) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"canting images\0");
    h.update(&VERSION.to_le_bytes());
    h.update(&(settings.widths.len() as u32).to_le_bytes());
    for w in &settings.widths {
        h.update(&w.to_le_bytes());
    }
    h.update(&[settings.quality, settings.jpeg_quality, u8::from(job.share)]);
    h.update(&settings.originals.unwrap_or(0).to_le_bytes());
    match job.focus {
        Some((x, y)) => {
            h.update(&[1]);
            h.update(&x.to_le_bytes());
            h.update(&y.to_le_bytes());
        }
        None => {
            h.update(&[0]);
        }
    }
    h.update(&(bytes.len() as u64).to_le_bytes());
    h.update(bytes);
    h.finalize().to_hex().to_string()
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Upright pixels, 3 or 4 bytes each.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    /// From a PNG or GIF, whose full-size copy stays lossless.
    lossless: bool,
    /// Decoded from a JPEG that needed no turning, whose bytes can be published stripped.
    upright_jpeg: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn pixel_type(&self) -> fr::PixelType {
        if self.alpha {
            fr::PixelType::U8x4
        } else {
            fr::PixelType::U8x3
        }
    }
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn decode(job: &Job, bytes: &[u8]) -> Result<Pixels, Diagnostic> {
    let path = &job.path;
    let format = image::guess_format(bytes).ok().filter(|f| {
        matches!(
            f,
            ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
        )
    });
    let Some(format) = format else {
        return Err(if is_heic(bytes) {
            photo_error(
                path,
                |file| t!("photos.heic", file = file),
                t!("photos.heic_hint"),
            )
        } else if bytes.is_empty() {
            photo_error(
                path,
                |file| t!("photos.empty", file = file),
                t!("photos.empty_hint"),
            )
        } else {
            photo_error(
                path,
                |file| t!("photos.not_a_photo", file = file),
                t!("photos.formats_hint"),
            )
        });
    };
    let damaged = |e: &dyn std::fmt::Display| {
        photo_error(
            path,
            |file| t!("photos.damaged", file = file, why = e),
            t!("photos.damaged_hint"),
        )
    };
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(damaged(&t!("photos.ends_early")));
    }
    let too_large = || {
        photo_error(
            path,
            |file| {
                t!(
                    "photos.too_many_pixels",
                    file = file,
                    side = MAX_SIDE,
                    mib = MAX_ALLOC / (1024 * 1024)
                )
            },
            t!("photos.smaller_copy_hint"),
        )
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => too_large(),
        image::ImageError::Unsupported(_) => photo_error(
            path,
            |file| {
                t!(
                    "photos.unsupported_kind",
                    file = file,
                    format = format!("{format:?}"),
                    why = e
                )
            },
            t!("photos.formats_hint"),
        ),
        other => damaged(&other),
    })?;
    let orientation = decoder
        .orientation()
        .map(image::metadata::Orientation::to_exif)
        .unwrap_or(1);
    let image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => too_large(),
        other => damaged(&other),
    })?;
    let (stored_w, stored_h) = (image.width(), image.height());
    if stored_w == 0 || stored_h == 0 {
        return Err(photo_error(
            path,
            |file| t!("photos.no_pixels", file = file),
            t!("photos.formats_hint"),
        ));
    }
    let alpha = image.color().has_alpha() && {
        let rgba = image.to_rgba8();
        rgba.pixels().any(|p| p.0[3] != 255)
    };
    let stored = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    let channels = if alpha { 4 } else { 3 };
    let (data, width, height) = orient(stored, stored_w, stored_h, channels, orientation);
    Ok(Pixels {
        width,
        height,
        alpha,
        lossless: matches!(format, ImageFormat::Png | ImageFormat::Gif),
        upright_jpeg: format == ImageFormat::Jpeg && orientation <= 1,
        data,
    })
}

/// Turns stored pixels upright by an EXIF orientation (1–8), in tiles so that a quarter turn reads
/// the source from the cache: 16 pixels square, which turned a 3000×2000 photo in 22 ms, against
/// 38 ms with tiles of 64.
fn orient(
    data: Vec<u8>,
    width: u32,
    height: u32,
    channels: usize,
    orientation: u8,
) -> (Vec<u8>, u32, u32) {
    if !(2..=8).contains(&orientation) {
        return (data, width, height);
    }
    // The pixel size is a constant in each copy of the loop, so that moving a pixel is a move of
    // three or four bytes, not a call to `memcpy` (which took 5 % of a cold photo build).
    if channels == 4 {
        orient_pixels::<4>(&data, width, height, orientation)
    } else {
        orient_pixels::<3>(&data, width, height, orientation)
    }
}

fn orient_pixels<const N: usize>(
    data: &[u8],
    width: u32,
    height: u32,
    orientation: u8,
) -> (Vec<u8>, u32, u32) {
    let (w, h) = (width as usize, height as usize);
    let transpose = orientation >= 5;
    let (flip_x, flip_y) = match orientation {
        2 | 8 => (true, false),
        3 | 7 => (true, true),
        4 | 6 => (false, true),
        _ => (false, false),
    };
    let (ow, oh) = if transpose { (h, w) } else { (w, h) };
    let source: &[[u8; N]] = data.as_chunks().0;
    let mut out = vec![[0u8; N]; ow * oh];
    const TILE: usize = 16;
    for ty in (0..oh).step_by(TILE) {
        for tx in (0..ow).step_by(TILE) {
            for y in ty..(ty + TILE).min(oh) {
                for x in tx..(tx + TILE).min(ow) {
                    let (a, b) = if transpose { (y, x) } else { (x, y) };
                    let sx = if flip_x { w - 1 - a } else { a };
                    let sy = if flip_y { h - 1 - b } else { b };
                    out[y * ow + x] = source[sy * w + sx];
                }
            }
        }
    }
    (out.into_flattened(), ow as u32, oh as u32)
}

/// iPhones' default format, which none of our decoders reads: `ftyp` with a HEIF brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && [b"heic", b"heix", b"mif1", b"msf1", b"hevc", b"avif"]
            .iter()
            .any(|b| &bytes[8..12] == *b)
}

/// Whether a JPEG's picture data reaches its end marker. The decoder fills a cut-short file with
/// grey rather than failing; a photo copied half-way should be refused, not published half grey.
/// Data after the end (Samsung's motion photos append a video) is allowed.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut i = 2;
    // Walk the segments before the first scan by their lengths: APP1 may hold a thumbnail with
    // an end marker of its own.
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if marker == 0xDA {
            let data = &bytes[(i + 2 + len).min(bytes.len())..];
            // Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart
            // marker, so the first FF D9 is the end of the image.
            return data.windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        i += 2 + len;
    }
    false
}

/// A JPEG with every metadata segment removed, its compressed picture data untouched: only the
/// segments a decoder needs are kept (tables, frame, scans, restart intervals), plus JFIF's APP0
/// and Adobe's APP14, which say how to read the colours and hold nothing about the photo. EXIF
/// (GPS, camera, thumbnail), XMP, colour profiles, comments and anything after the end of the
/// image (motion-photo videos) are dropped. `None` when the file is not laid out as expected; the
/// caller then re-encodes from pixels.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut i = 2;
    loop {
        // Fill bytes may pad markers.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if bytes.get(i) != Some(&0xFF) {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let end = i + 2 + len;
        let segment = bytes.get(i..end)?;
        let payload = &segment[4..];
        let keep = match marker {
            0xE0 => payload.starts_with(b"JFIF\0"),
            0xEE => payload.starts_with(b"Adobe"),
            0xE1..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(segment);
        }
        i = end;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF 0x00 nor
            // a restart marker.
            let start = i;
            loop {
                let at = i + bytes.get(i..)?.iter().position(|&b| b == 0xFF)?;
                match *bytes.get(at + 1)? {
                    0x00 | 0xD0..=0xD7 | 0xFF => i = at + 1,
                    _ => {
                        i = at;
                        break;
                    }
                }
            }
            out.extend_from_slice(&bytes[start..i]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Making the outputs

/// What a cache entry remembers; file names are suffixes of the photo's stem.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    width: u32,
    height: u32,
    /// `png` or `jpg`, when the original is published.
    original: Option<String>,
    /// `jpg` or `png`.
    fallback: String,
    /// The size of the one fallback.
    fallback_size: (u32, u32),
    variants: Vec<(u32, u32)>,
    thumb: (u32, u32),
    share: bool,
}

impl Meta {
    fn processed(&self, path: &str) -> Processed {
        let picture = |(width, height): (u32, u32), suffix: &str| Picture {
            width,
            height,
            path: out_path(path, suffix, self),
        };
        Processed {
            width: self.width,
            height: self.height,
            variants: self
                .variants
                .iter()
                .map(|&(w, h)| picture((w, h), &format!("-{w}.webp")))
                .collect(),
            fallback: picture(self.fallback_size, &self.fallback_suffix()),
            thumb: picture(self.thumb, "-thumb.webp"),
            thumb_fallback: picture(self.thumb, &format!("-thumb.{}", self.fallback)),
            share: self.share.then(|| out_path(path, "-share.jpg", self)),
            original: self
                .original
                .is_some()
                .then(|| out_path(path, ORIGINAL, self)),
        }
    }

    fn fallback_suffix(&self) -> String {
        format!("-{}.{}", self.fallback_size.0, self.fallback)
    }

    /// Every file of the entry, by suffix.
    fn suffixes(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .variants
            .iter()
            .map(|(w, _)| format!("-{w}.webp"))
            .collect();
        out.push(self.fallback_suffix());
        out.push("-thumb.webp".into());
        out.push(format!("-thumb.{}", self.fallback));
        if self.share {
            out.push("-share.jpg".into());
        }
        if self.original.is_some() {
            out.push(ORIGINAL.into());
        }
        out
    }
}

/// The suffix that stands for the published original.
const ORIGINAL: &str = "=original";

/// Where a file of the photo at `path` goes in the output.
fn out_path(path: &str, suffix: &str, meta: &Meta) -> String {
    let (dir, stem, ext) = split_path(path);
    if suffix == ORIGINAL {
        let ext_lower = ext.to_ascii_lowercase();
        let original = meta.original.as_deref().unwrap_or("jpg");
        let same = match original {
            "jpg" => ext_lower == "jpg" || ext_lower == "jpeg",
            other => ext_lower == other,
        };
        if same {
            path.to_string()
        } else {
            format!("{dir}{stem}.{original}")
        }
    } else {
        format!("{dir}{stem}{suffix}")
    }
}

struct Made {
    meta: Meta,
    files: Vec<(String, Vec<u8>)>,
}

enum Encode<'a> {
    Webp(&'a Pixels),
    Jpeg(&'a Pixels),
    Png(&'a Pixels),
}

/// `original_bytes`: the photo's own bytes, already stripped, to publish as the original instead of
/// re-encoding it (only when the site publishes originals and the photo fits their size).
fn make(
    full: &Pixels,
    original_bytes: Option<Vec<u8>>,
    job: &Job,
    settings: &ImageSettings,
) -> Result<Made, String> {
    // Widths never above the photo's own: a narrower photo is its own largest variant.
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .map(|w| (*w).min(full.width))
        .collect();
    widths.sort_unstable();
    widths.dedup();
    // Widest first, each from the one before it.
    let mut levels: Vec<Pixels> = Vec::with_capacity(widths.len());
    for &w in widths.iter().rev() {
        let from = levels.last().unwrap_or(full);
        if w == full.width {
            levels.push(copy(full));
            continue;
        }
        let h = scaled_height(full.width, full.height, w);
        levels.push(resize(from, w, h, None)?);
    }
    levels.reverse();
    let focus = job
        .focus
        .map(|(x, y)| (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0)))
        .unwrap_or((0.5, 0.5));
    let thumb = cropped(full, &levels, THUMB_SIZE, focus)?;
    let share = if job.share {
        Some(cropped(full, &levels, SHARE_SIZE, focus)?)
    } else {
        None
    };
    let fallback = if full.alpha { "png" } else { "jpg" };
    let original = settings.originals.map(|_| {
        if full.alpha || full.lossless {
            "png"
        } else {
            "jpg"
        }
    });
    let as_fallback = |p| {
        if full.alpha {
            Encode::Png(p)
        } else {
            Encode::Jpeg(p)
        }
    };
    // One fallback: old browsers get the size a page's `src` shows, not every width.
    let fallback_level = levels
        .iter()
        .rev()
        .find(|p| p.width <= FALLBACK_WIDTH)
        .or(levels.first())
        .ok_or_else(|| "no width".to_string())?;
    let meta = Meta {
        width: full.width,
        height: full.height,
        original: original.map(Into::into),
        fallback: fallback.into(),
        fallback_size: (fallback_level.width, fallback_level.height),
        variants: levels.iter().map(|p| (p.width, p.height)).collect(),
        thumb: (thumb.width, thumb.height),
        share: share.is_some(),
    };
    let mut tasks: Vec<(String, Encode)> = Vec::new();
    for level in &levels {
        tasks.push((format!("-{}.webp", level.width), Encode::Webp(level)));
    }
    tasks.push((meta.fallback_suffix(), as_fallback(fallback_level)));
    tasks.push(("-thumb.webp".into(), Encode::Webp(&thumb)));
    tasks.push((format!("-thumb.{fallback}"), as_fallback(&thumb)));
    if let Some(share) = &share {
        tasks.push(("-share.jpg".into(), Encode::Jpeg(share)));
    }
    let capped;
    if let (Some(side), Some(kind), None) = (settings.originals, original, &original_bytes) {
        let source = if full.width.max(full.height) <= side {
            full
        } else {
            let (w, h) = if full.width >= full.height {
                (side, scaled_height(full.width, full.height, side))
            } else {
                (scaled_height(full.height, full.width, side), side)
            };
            capped = resize(full, w, h, None)?;
            &capped
        };
        tasks.push((
            ORIGINAL.into(),
            if kind == "png" {
                Encode::Png(source)
            } else {
                Encode::Jpeg(source)
            },
        ));
    }
    let mut files = tasks
        .into_par_iter()
        .map(|(suffix, task)| {
            let bytes = match task {
                Encode::Webp(p) => webp(p, settings.quality),
                Encode::Jpeg(p) => jpeg(p, settings.jpeg_quality),
                Encode::Png(p) => png(p),
            }?;
            Ok((suffix, bytes))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if let Some(bytes) = original_bytes {
        files.push((ORIGINAL.into(), bytes));
    }
    Ok(Made { meta, files })
}

fn copy(p: &Pixels) -> Pixels {
    Pixels {
        width: p.width,
        height: p.height,
        alpha: p.alpha,
        lossless: p.lossless,
        upright_jpeg: false,
        data: p.data.clone(),
    }
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width)).max(1) as u32
}

/// A `size` crop around `focus`, from the smallest of `levels` (or `full`) that holds it without
/// upscaling. A photo smaller than `size` gives a smaller crop of the same shape.
fn cropped(
    full: &Pixels,
    levels: &[Pixels],
    size: (u32, u32),
    focus: (f32, f32),
) -> Result<Pixels, String> {
    let aspect = f64::from(size.0) / f64::from(size.1);
    let crop_in = |p: &Pixels| {
        let (w, h) = (f64::from(p.width), f64::from(p.height));
        let cw = w.min(h * aspect);
        let ch = cw / aspect;
        (cw, ch)
    };
    let (full_cw, _) = crop_in(full);
    let out_w = (f64::from(size.0).min(full_cw.floor()) as u32).max(1);
    let out_h = ((f64::from(out_w) / aspect).round() as u32).max(1);
    let source = levels
        .iter()
        .find(|p| crop_in(p).0 >= f64::from(out_w))
        .unwrap_or(full);
    let (cw, ch) = crop_in(source);
    let (w, h) = (f64::from(source.width), f64::from(source.height));
    let left = (f64::from(focus.0) * w - cw / 2.0).clamp(0.0, w - cw);
    let top = (f64::from(focus.1) * h - ch / 2.0).clamp(0.0, h - ch);
    resize(source, out_w, out_h, Some((left, top, cw, ch)))
}

fn resize(
    src: &Pixels,
    width: u32,
    height: u32,
    crop: Option<(f64, f64, f64, f64)>,
) -> Result<Pixels, String> {
    let view = fr::images::ImageRef::new(src.width, src.height, &src.data, src.pixel_type())
        .map_err(|e| e.to_string())?;
    let mut dst = fr::images::Image::new(width, height, src.pixel_type());
    let mut options = fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(FILTER));
    if let Some((left, top, w, h)) = crop {
        options = options.crop(left, top, w, h);
    }
    fr::Resizer::new()
        .resize(&view, &mut dst, &options)
        .map_err(|e| e.to_string())?;
    Ok(Pixels {
        width,
        height,
        alpha: src.alpha,
        lossless: src.lossless,
        upright_jpeg: false,
        data: dst.into_vec(),
    })
}

fn webp(p: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let encoder = if p.alpha {
        webp::Encoder::from_rgba(&p.data, p.width, p.height)
    } else {
        webp::Encoder::from_rgb(&p.data, p.width, p.height)
    };
    let mut config = webp::WebPConfig::new().map_err(|()| t!("photos.webp_setup").into_owned())?;
    config.quality = f32::from(quality);
    config.method = if p.width <= SMALL_WEBP_UP_TO {
        SMALL_WEBP_METHOD
    } else {
        WEBP_METHOD
    };
    config.alpha_compression = 1;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| format!("WebP: {e:?}"))
}

/// A baseline JPEG with a JFIF header and nothing else: no EXIF, no ICC profile, no comment.
/// Transparent pixels are put on white.
fn jpeg(p: &Pixels, quality: u8) -> Result<Vec<u8>, String> {
    let flat;
    let rgb = if p.alpha {
        flat = p
            .data
            .chunks_exact(4)
            .flat_map(|px| {
                let a = u16::from(px[3]);
                let on_white = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
                [on_white(px[0]), on_white(px[1]), on_white(px[2])]
            })
            .collect::<Vec<u8>>();
        &flat
    } else {
        &p.data
    };
    let (Ok(w), Ok(h)) = (u16::try_from(p.width), u16::try_from(p.height)) else {
        return Err(t!("photos.too_large_for_jpeg").into_owned());
    };
    let mut out = Vec::with_capacity(rgb.len() / 10);
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    // Averaged colour subsampling is sharper at colour edges, but has no SIMD path: the full-size
    // copy, whose pixels are too small for the difference to show, takes the nearest instead
    // (about 6 % of the whole pipeline's CPU time).
    if u64::from(p.width) * u64::from(p.height) <= AVERAGE_CHROMA_UP_TO {
        encoder.set_chroma_subsampling_method(jpeg_encoder::ChromaSubsamplingMethod::Average);
    }
    // Not `set_optimized_huffman_tables`: with it, jpeg-encoder 0.7.1 writes files that decode
    // with wrong colours.
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| format!("JPEG: {e}"))?;
    Ok(out)
}

fn png(p: &Pixels) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    );
    let color = if p.alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    image::ImageEncoder::write_image(encoder, &p.data, p.width, p.height, color)
        .map_err(|e| format!("PNG: {e}"))?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The cache

struct Cache<'a> {
    dir: &'a Path,
    enabled: bool,
    write_failed: AtomicUsize,
}

const META: &str = "meta.json";

/// The file of an entry holding the output with `suffix`.
fn cache_file(suffix: &str) -> String {
    format!("f{suffix}")
}

impl Cache<'_> {
    /// Copies a cached photo's files into the output; `None` when there is no usable entry.
    fn load(&self, key: &str, job: &Job, staging: &Staging) -> Option<Processed> {
        if !self.enabled {
            return None;
        }
        let entry = self.dir.join(key);
        let meta: Meta = serde_json::from_slice(&std::fs::read(entry.join(META)).ok()?).ok()?;
        for suffix in meta.suffixes() {
            let rel = out_path(&job.path, &suffix, &meta);
            if staging
                .copy(&rel, &entry.join(cache_file(&suffix)))
                .is_err()
            {
                // A damaged entry: made again, and the files it wrote are overwritten.
                let _ = std::fs::remove_dir_all(&entry);
                return None;
            }
        }
        Some(meta.processed(&job.path))
    }

    /// Saves a photo's files under `key`, all or nothing.
    fn store(&self, key: &str, meta: &Meta, files: &[(String, Vec<u8>)]) {
        if !self.enabled {
            return;
        }
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let tmp = self.dir.join(format!(
            "{key}.tmp-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&tmp)?;
            for (suffix, bytes) in files {
                std::fs::write(tmp.join(cache_file(suffix)), bytes)?;
            }
            let json = serde_json::to_vec(meta).map_err(std::io::Error::other)?;
            std::fs::write(tmp.join(META), json)?;
            let entry = self.dir.join(key);
            if entry.exists() {
                // The same photo twice in one build: the first one stays.
                std::fs::remove_dir_all(&tmp)
            } else {
                std::fs::rename(&tmp, entry)
            }
        };
        if write().is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
            self.write_failed.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// Removes the entries (and left-over temporary folders) no job of this run used; anything else
/// in the folder is left alone.
fn remove_unused(dir: &Path, used: &HashSet<String>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let key = name.split(".tmp-").next().unwrap_or(name);
        let ours = key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit());
        let stale = name.contains(".tmp-") || !used.contains(name);
        if ours && stale && std::fs::remove_dir_all(entry.path()).is_ok() && !name.contains(".tmp-")
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_folder_stem_and_extension() {
        assert_eq!(
            split_path("workshops/sekar/cover.jpg"),
            ("workshops/sekar/", "cover", "jpg")
        );
        assert_eq!(split_path("a.b.JPEG"), ("", "a.b", "JPEG"));
        assert_eq!(split_path("x/.hidden"), ("x/", ".hidden", ""));
    }

    #[test]
    fn crops_keep_the_shape_and_never_upscale() {
        assert_eq!(scaled_height(3000, 2000, 960), 640);
        assert_eq!(scaled_height(4000, 1, 480), 1);
        let small = Pixels {
            width: 600,
            height: 600,
            alpha: false,
            lossless: false,
            upright_jpeg: false,
            data: vec![0; 600 * 600 * 3],
        };
        let share = cropped(&small, &[], SHARE_SIZE, (0.5, 0.5)).expect("crop");
        assert_eq!((share.width, share.height), (600, 315));
    }

    #[test]
    fn orientations_match_the_image_crate() {
        // Wider and taller than one tile of `orient`, with and without transparency.
        let (w, h) = (70u32, 67u32);
        let rgba = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([x as u8, y as u8, 7, 200]));
        let rgb = DynamicImage::ImageRgba8(rgba.clone()).into_rgb8();
        for o in 1..=8u8 {
            let orientation = image::metadata::Orientation::from_exif(o).expect("orientation");
            for (pixels, channels) in [
                (DynamicImage::ImageRgb8(rgb.clone()), 3),
                (DynamicImage::ImageRgba8(rgba.clone()), 4),
            ] {
                let stored = pixels.as_bytes().to_vec();
                let mut expected = pixels;
                expected.apply_orientation(orientation);
                let (data, ow, oh) = orient(stored, w, h, channels, o);
                assert_eq!((ow, oh), (expected.width(), expected.height()), "{o}");
                assert_eq!(
                    data,
                    expected.as_bytes(),
                    "orientation {o}, {channels} bytes"
                );
            }
        }
    }

    #[test]
    fn cut_short_jpegs_are_noticed() {
        let mut out = Vec::new();
        let rgb = vec![128u8; 64 * 64 * 3];
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .encode(&rgb, 64, 64, image::ExtendedColorType::Rgb8)
            .expect("encode");
        assert!(jpeg_is_complete(&out));
        assert!(!jpeg_is_complete(&out[..out.len() - 2]));
        let mut with_video = out.clone();
        with_video.extend_from_slice(b"....ftypmp42 video follows");
        assert!(jpeg_is_complete(&with_video));
    }

    /// A phone JPEG, baseline or progressive, with EXIF (GPS), XMP, a colour profile, a comment
    /// and a video after its end.
    fn phone_jpeg(progressive: bool) -> (Vec<u8>, Vec<u8>) {
        let (w, h) = (48u16, 32u16);
        let rgb: Vec<u8> = (0..u32::from(w) * u32::from(h))
            .flat_map(|i| [(i % 251) as u8, (i / 7 % 256) as u8, 90])
            .collect();
        let mut plain = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut plain, 85);
        encoder.set_progressive(progressive);
        encoder
            .encode(&rgb, w, h, jpeg_encoder::ColorType::Rgb)
            .expect("encode");
        let segment = |marker: u8, payload: &[u8]| {
            let len = u16::try_from(payload.len() + 2).expect("short");
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&len.to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        let mut phone = plain[..2].to_vec();
        phone.extend(segment(0xE1, b"Exif\0\0MM\0*GPS -8.0983 112.1681"));
        phone.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        phone.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01Display P3"));
        phone.extend(segment(0xFE, b"Samsung SM-A146"));
        phone.extend_from_slice(&plain[2..]);
        phone.extend_from_slice(b"\0\0\0\x18ftypmp42 motion photo video");
        (plain, phone)
    }

    #[test]
    fn stripped_jpegs_keep_every_pixel_and_no_metadata() {
        for progressive in [false, true] {
            let (plain, phone) = phone_jpeg(progressive);
            let stripped = strip_jpeg(&phone).expect("a well-formed JPEG");
            for secret in [
                &b"Exif"[..],
                b"xmpmeta",
                b"ICC_PROFILE",
                b"Samsung",
                b"ftyp",
            ] {
                assert!(
                    !stripped.windows(secret.len()).any(|w| w == secret),
                    "{} left in (progressive: {progressive})",
                    String::from_utf8_lossy(secret)
                );
            }
            assert!(stripped.ends_with(&[0xFF, 0xD9]));
            let pixels = |b: &[u8]| image::load_from_memory(b).expect("decodes").into_rgb8();
            assert_eq!(
                pixels(&stripped),
                pixels(&plain),
                "progressive: {progressive}"
            );
        }
    }

    #[test]
    fn jpegs_laid_out_otherwise_are_not_stripped() {
        let (_, phone) = phone_jpeg(false);
        assert_eq!(strip_jpeg(b"GIF89a"), None);
        assert_eq!(strip_jpeg(&phone[..phone.len() / 2]), None);
    }
}
