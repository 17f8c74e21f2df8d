//! The photo pipeline, through the library: photos are made in the tests themselves.
//!
//! `bench_photos` (ignored) is the benchmark that `benches/photos.sh` runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use canting::config::ImageSettings;
use canting::diagnostic::Diagnostic;
use canting::images::{self, Job, Outcome};
use canting::output::Staging;
use fast_image_resize as fr;
use rayon::prelude::*;

use crate::support;

// ---------------------------------------------------------------------------------------------
// Making photos

/// A photo-like RGB picture: a sky-to-ground gradient, soft blobs, a batik-like pattern with sharp
/// edges, and mild noise, so that it compresses like a photo and not like a flat test card.
fn synthetic(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let mut out = vec![0u8; w * h * 3];
    let s = seed as f32;
    let blobs: Vec<(f32, f32, f32, [f32; 3])> = (0..6)
        .map(|i| {
            let r = hash(seed * 31 + i);
            (
                (r % 1000) as f32 / 1000.0 * width as f32,
                (r / 1000 % 1000) as f32 / 1000.0 * height as f32,
                (0.08 + (r / 1_000_000 % 100) as f32 / 400.0) * width as f32,
                [
                    (r >> 20 & 0xFF) as f32,
                    (r >> 28 & 0xFF) as f32,
                    (r >> 36 & 0xFF) as f32,
                ],
            )
        })
        .collect();
    out.par_chunks_mut(w * 3).enumerate().for_each(|(y, row)| {
        let mut rng = hash(seed ^ (y as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let fy = y as f32 / height as f32;
        for x in 0..w {
            let fx = x as f32 / width as f32;
            let mut c = [
                90.0 + 120.0 * fy + 20.0 * (fx * 3.0 + s).sin(),
                120.0 + 60.0 * fy,
                200.0 - 120.0 * fy,
            ];
            for &(bx, by, br, col) in &blobs {
                let d = ((x as f32 - bx).powi(2) + (y as f32 - by).powi(2)).sqrt() / br;
                if d < 1.5 {
                    let a = (1.5 - d).min(1.0) * 0.8;
                    for k in 0..3 {
                        c[k] = c[k] * (1.0 - a) + col[k] * a;
                    }
                }
            }
            // A cloth with a kawung-like pattern in the lower third.
            if fy > 0.62 {
                let u = x as f32 / 23.0 + (fy * 9.0).sin() * 2.0;
                let v = y as f32 / 23.0;
                let p = (u.sin() * v.cos()).abs();
                let ink = if p > 0.55 {
                    0.25
                } else if p > 0.35 {
                    0.7
                } else {
                    1.0
                };
                c = [c[0] * ink + 30.0, c[1] * ink * 0.8, c[2] * ink * 0.5];
            }
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let noise = (rng % 9) as f32 - 4.0;
            for k in 0..3 {
                row[x * 3 + k] = (c[k] + noise).clamp(0.0, 255.0) as u8;
            }
        }
    });
    out
}

fn hash(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn jpeg(rgb: &[u8], width: u32, height: u32, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode(rgb, width, height, image::ExtendedColorType::Rgb8)
        .expect("encode JPEG");
    out
}

/// A JPEG as a phone saves it: EXIF right after the start marker.
fn phone_jpeg(rgb: &[u8], width: u32, height: u32, orientation: u16, quality: u8) -> Vec<u8> {
    let plain = jpeg(rgb, width, height, quality);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&support::exif_app1(orientation));
    out.extend_from_slice(&plain[2..]);
    out
}

/// A photo stored sideways, `width`×`height` as stored, with a red square in its stored top left
/// corner and GPS tags.
fn sideways_photo(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    let mut rgb = synthetic(width, height, 7);
    for y in 0..height / 8 {
        for x in 0..width / 8 {
            let i = ((y * width + x) * 3) as usize;
            rgb[i..i + 3].copy_from_slice(&[230, 10, 10]);
        }
    }
    phone_jpeg(&rgb, width, height, orientation, 85)
}

fn png(rgba: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        rgba,
        width,
        height,
        image::ExtendedColorType::Rgba8,
    )
    .expect("encode PNG");
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

// ---------------------------------------------------------------------------------------------
// Running the pipeline

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join(".canting-cache/images")
    }

    fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    fn put(&self, path: &str, bytes: &[u8]) -> Job {
        let source = self.content().join(path);
        std::fs::create_dir_all(source.parent().expect("parent")).expect("mkdir");
        std::fs::write(&source, bytes).expect("write photo");
        self.job(path)
    }

    fn job(&self, path: &str) -> Job {
        Job {
            source: self.content().join(path),
            path: path.into(),
            focus: None,
            share: true,
        }
    }

    /// Runs the pipeline into a fresh output folder and commits it.
    fn run(&self, jobs: &[Job], settings: &ImageSettings) -> Outcome {
        let staging = Staging::create(&self.public()).expect("staging");
        let outcome = images::run(jobs, settings, &self.cache(), &staging, &|_, _| {});
        staging.commit().expect("commit");
        outcome
    }

    fn output(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn cache_entries(&self) -> usize {
        std::fs::read_dir(self.cache()).expect("cache").count()
    }
}

fn rgb_at(img: &image::RgbImage, x: u32, y: u32) -> [u8; 3] {
    img.get_pixel(x, y).0
}

fn is_red(p: [u8; 3]) -> bool {
    p[0] > 170 && p[1] < 90 && p[2] < 90
}

/// Every file the pipeline says it made.
fn all_files(p: &images::Processed) -> Vec<String> {
    let mut out = vec![
        p.fallback.path.clone(),
        p.thumb.path.clone(),
        p.thumb_fallback.path.clone(),
    ];
    out.extend(p.original.iter().cloned());
    out.extend(p.share.iter().cloned());
    out.extend(p.variants.iter().map(|v| v.path.clone()));
    out
}

/// The settings of a site that publishes its photos themselves, up to `side` pixels.
fn with_originals(side: u32) -> ImageSettings {
    ImageSettings {
        originals: Some(side),
        ..ImageSettings::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn sideways_photos_come_out_upright() {
    let site = Site::new();
    // Stored 800 wide, 600 high, to be turned a quarter clockwise (orientation 6).
    let job = site.put("workshops/sekar/cover.jpg", &sideways_photo(800, 600, 6));
    let out = site.run(&[job], &with_originals(2400));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let p = &out.processed["workshops/sekar/cover.jpg"];
    assert_eq!((p.width, p.height), (600, 800));
    assert_eq!(p.original.as_deref(), Some("workshops/sekar/cover.jpg"));
    let original = image::load_from_memory(&site.output(p.full()))
        .expect("decode")
        .to_rgb8();
    assert_eq!(original.dimensions(), (600, 800));
    // The stored top left corner is now the top right one.
    assert!(is_red(rgb_at(&original, 600 - 20, 20)), "top right is red");
    assert!(!is_red(rgb_at(&original, 20, 20)), "top left is not");
    assert!(!is_red(rgb_at(&original, 600 - 20, 800 - 20)));
    // And so are the variants.
    let v = &p.variants[0];
    let small = image::load_from_memory(&site.output(&v.path))
        .expect("decode")
        .to_rgb8();
    assert_eq!(small.dimensions(), (v.width, v.height));
    assert!(v.height > v.width);
    assert!(is_red(rgb_at(&small, v.width - 10, 10)));
}

#[test]
fn no_published_file_keeps_exif_or_the_gps_position() {
    let site = Site::new();
    let photo = sideways_photo(1000, 700, 1);
    assert!(
        exif::Reader::new()
            .read_from_container(&mut std::io::Cursor::new(&photo))
            .expect("the test photo has EXIF")
            .get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    );
    let job = site.put("workshops/sekar/cover.jpg", &photo);
    let out = site.run(&[job], &with_originals(2400));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let p = &out.processed["workshops/sekar/cover.jpg"];
    let files = all_files(p);
    // Three WebP widths, one fallback, two thumbnails, the share picture and the original.
    assert_eq!(files.len(), 3 + 1 + 2 + 1 + 1, "{files:?}");
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() && entry.file_name() != ".canting-output" {
            let bytes = std::fs::read(entry.path()).expect("read");
            assert!(
                !support::has_exif(&bytes),
                "{} has EXIF",
                entry.path().display()
            );
            seen += 1;
        }
    }
    assert_eq!(seen, files.len());
}

#[test]
fn widths_and_formats_are_as_configured_and_never_wider_than_the_photo() {
    let site = Site::new();
    let rgb = synthetic(1200, 800, 3);
    let big = site.put("motifs/kawung/a.jpg", &jpeg(&rgb, 1200, 800, 85));
    let small = site.put(
        "motifs/kawung/small.jpeg",
        &jpeg(&rgb[..300 * 200 * 3], 300, 200, 85),
    );
    let settings = ImageSettings {
        widths: vec![960, 480, 1600],
        ..ImageSettings::default()
    };
    let out = site.run(&[big, small], &settings);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);

    let p = &out.processed["motifs/kawung/a.jpg"];
    let widths: Vec<u32> = p.variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 960, 1200]);
    assert_eq!(p.variants[1].path, "motifs/kawung/a-960.webp");
    assert_eq!(p.variants[2].path, "motifs/kawung/a-1200.webp");
    assert_eq!(p.share.as_deref(), Some("motifs/kawung/a-share.jpg"));
    for v in &p.variants {
        let webp = site.output(&v.path);
        assert_eq!(&webp[..4], b"RIFF");
        assert_eq!(&webp[8..12], b"WEBP");
        assert_eq!(
            image::image_dimensions(site.public().join(&v.path)).expect("size"),
            (v.width, v.height)
        );
        assert_eq!(v.height, v.width * 2 / 3);
    }
    // One JPEG for browsers without WebP, at the size a page's `src` shows; none at the others,
    // and no original: the widest variant stands for the photo.
    assert_eq!(p.fallback.path, "motifs/kawung/a-960.jpg");
    assert_eq!(&site.output(&p.fallback.path)[..2], [0xFF, 0xD8]);
    assert_eq!(
        image::image_dimensions(site.public().join(&p.fallback.path)).expect("size"),
        (960, 640)
    );
    for absent in ["a-480.jpg", "a-1200.jpg", "a.jpg"] {
        assert!(
            !site.public().join("motifs/kawung").join(absent).exists(),
            "{absent} published"
        );
    }
    assert_eq!(p.original, None);
    assert_eq!(p.full(), "motifs/kawung/a-1200.webp");
    let share = image::image_dimensions(site.public().join(p.share.as_ref().expect("share")))
        .expect("size");
    assert_eq!(share, (1200, 630));
    assert_eq!((p.thumb.width, p.thumb.height), (480, 360));
    assert_eq!(
        image::image_dimensions(site.public().join(&p.thumb.path)).expect("size"),
        (480, 360)
    );

    let s = &out.processed["motifs/kawung/small.jpeg"];
    assert_eq!(s.variants.len(), 1, "{:?}", s.variants);
    assert_eq!((s.variants[0].width, s.variants[0].height), (300, 200));
    assert_eq!(s.variants[0].path, "motifs/kawung/small-300.webp");
    assert_eq!(s.fallback.path, "motifs/kawung/small-300.jpg");
    assert_eq!(s.original, None);
    assert!(!site.public().join("motifs/kawung/small.jpeg").exists());
    assert_eq!((s.thumb.width, s.thumb.height), (266, 200));
    let share = image::image_dimensions(site.public().join(s.share.as_ref().expect("share")))
        .expect("size");
    assert_eq!(share, (300, 158));
}

#[test]
fn transparent_pngs_keep_png_fallbacks_and_share_pictures_follow_the_focus() {
    let site = Site::new();
    let (w, h) = (300u32, 200u32);
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let opaque = x > w / 2;
            rgba.extend_from_slice(&[
                (x % 256) as u8,
                (y % 256) as u8,
                90,
                if opaque { 255 } else { 0 },
            ]);
        }
    }
    let logo = site.put("pages/logo.png", &png(&rgba, w, h));
    // A wide photo whose right edge is red: a focus on the right keeps it in the share picture.
    let mut rgb = synthetic(1400, 500, 5);
    for y in 0..500 {
        for x in 1300..1400 {
            let i = (y * 1400 + x) * 3;
            rgb[i..i + 3].copy_from_slice(&[230, 10, 10]);
        }
    }
    let mut wide = site.put("news/pasar/wide.jpg", &jpeg(&rgb, 1400, 500, 90));
    wide.focus = Some((1.0, 0.5));
    let mut centre = site.put("news/pasar/centre.jpg", &jpeg(&rgb, 1400, 500, 90));
    centre.share = true;
    let mut no_share = site.put(
        "news/pasar/plain.png",
        &png(
            &image::DynamicImage::ImageRgb8(
                image::RgbImage::from_raw(1400, 500, rgb.clone()).expect("raw"),
            )
            .to_rgba8(),
            1400,
            500,
        ),
    );
    no_share.share = false;
    let settings = ImageSettings {
        widths: vec![480],
        ..ImageSettings::default()
    };
    let out = site.run(
        &[logo, wide, centre, no_share],
        &ImageSettings {
            originals: Some(8192),
            ..settings
        },
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);

    let logo = &out.processed["pages/logo.png"];
    assert_eq!(logo.original.as_deref(), Some("pages/logo.png"));
    assert!(logo.fallback.path.ends_with(".png"));
    assert!(logo.thumb_fallback.path.ends_with(".png"));
    let webp = image::load_from_memory(&site.output(&logo.variants[0].path)).expect("decode");
    assert!(webp.color().has_alpha());
    assert_eq!(webp.to_rgba8().get_pixel(5, 5).0[3], 0);

    let share = |name: &str| {
        let p = &out.processed[name];
        image::load_from_memory(&site.output(p.share.as_ref().expect("share")))
            .expect("decode")
            .to_rgb8()
    };
    let right = share("news/pasar/wide.jpg");
    // 1400×500 is too small for 1200×630: the largest crop of that shape, not upscaled.
    assert_eq!(right.dimensions(), (952, 500));
    assert!(is_red(rgb_at(&right, 947, 250)));
    let middle = share("news/pasar/centre.jpg");
    assert!(!is_red(rgb_at(&middle, 947, 250)));

    // An opaque PNG stays PNG at full size, with JPEG fallbacks, and no share picture was asked.
    let plain = &out.processed["news/pasar/plain.png"];
    assert_eq!(plain.original.as_deref(), Some("news/pasar/plain.png"));
    assert_eq!(&site.output(plain.full())[1..4], b"PNG");
    assert!(plain.fallback.path.ends_with(".jpg"));
    assert_eq!(plain.share, None);
}

#[test]
fn originals_are_published_only_when_asked_and_no_larger_than_asked() {
    let site = Site::new();
    let rgb = synthetic(1200, 800, 7);
    let big = site.put("workshops/a/cover.jpg", &jpeg(&rgb, 1200, 800, 85));
    let small_bytes = jpeg(&rgb[..300 * 200 * 3], 300, 200, 85);
    let small = site.put("workshops/a/small.jpg", &small_bytes);
    let tall = site.put("workshops/a/tall.jpg", &sideways_photo(800, 600, 6));
    let out = site.run(&[big, small, tall], &with_originals(600));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let original = |name: &str| {
        let p = &out.processed[name];
        let file = p.original.clone().expect("an original");
        assert_eq!(p.full(), file);
        assert_eq!(file, name, "published under the photo's own name");
        image::image_dimensions(site.public().join(&file)).expect("size")
    };
    // Capped on its longest side, wide or tall.
    assert_eq!(original("workshops/a/cover.jpg"), (600, 400));
    assert_eq!(original("workshops/a/tall.jpg"), (450, 600));
    // A photo within the cap is published as it came (minus its metadata), not re-encoded.
    assert_eq!(original("workshops/a/small.jpg"), (300, 200));
    assert_eq!(site.output("workshops/a/small.jpg"), small_bytes);
}

#[test]
fn the_cache_skips_unchanged_photos_redoes_changed_ones_and_forgets_unused_ones() {
    let site = Site::new();
    let a = site.put(
        "workshops/a/cover.jpg",
        &jpeg(&synthetic(600, 400, 1), 600, 400, 85),
    );
    let b = site.put(
        "workshops/b/cover.jpg",
        &jpeg(&synthetic(600, 400, 2), 600, 400, 85),
    );
    let settings = ImageSettings::default();

    let first = site.run(&[a.clone(), b.clone()], &settings);
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    assert_eq!((first.stats.decoded, first.stats.cached), (2, 0));
    assert_eq!(site.cache_entries(), 2);
    let before = site.output("workshops/a/cover-480.webp");

    let second = site.run(&[a.clone(), b.clone()], &settings);
    assert_eq!(
        (
            second.stats.decoded,
            second.stats.cached,
            second.stats.removed
        ),
        (0, 2, 0)
    );
    assert_eq!(second.processed, first.processed);
    assert_eq!(site.output("workshops/a/cover-480.webp"), before);
    for file in all_files(&second.processed["workshops/b/cover.jpg"]) {
        assert!(site.public().join(&file).is_file(), "{file}");
    }

    // A changed photo is made again, alone, and its old entry goes.
    site.put(
        "workshops/a/cover.jpg",
        &jpeg(&synthetic(600, 400, 9), 600, 400, 85),
    );
    let third = site.run(&[a.clone(), b.clone()], &settings);
    assert_eq!(
        (third.stats.decoded, third.stats.cached, third.stats.removed),
        (1, 1, 1)
    );
    assert_ne!(site.output("workshops/a/cover-480.webp"), before);
    assert_eq!(site.cache_entries(), 2);

    // Other settings are another entry.
    let other = ImageSettings {
        quality: 60,
        ..ImageSettings::default()
    };
    let fourth = site.run(std::slice::from_ref(&b), &other);
    assert_eq!((fourth.stats.decoded, fourth.stats.removed), (1, 2));
    assert_eq!(site.cache_entries(), 1);

    // Files in the cache folder that are not entries are left alone.
    std::fs::write(site.cache().join("README"), "x").expect("write");
    let fifth = site.run(&[], &other);
    assert_eq!(fifth.stats.removed, 1);
    assert!(site.cache().join("README").exists());
}

#[test]
fn progress_is_reported_as_photos_finish() {
    let site = Site::new();
    let jobs: Vec<Job> = (0..4)
        .map(|i| {
            site.put(
                &format!("news/n{i}/p.jpg"),
                &jpeg(&synthetic(300, 200, i), 300, 200, 80),
            )
        })
        .collect();
    let calls = Mutex::new(Vec::new());
    let staging = Staging::create(&site.public()).expect("staging");
    let (done, diagnostics) = images::process(
        &jobs,
        &ImageSettings::default(),
        &site.cache(),
        &staging,
        &|d, t| {
            calls.lock().expect("lock").push((d, t));
        },
    );
    assert!(diagnostics.is_empty());
    assert_eq!(done.len(), 4);
    let mut calls = calls.into_inner().expect("lock");
    calls.sort_unstable();
    assert_eq!(calls, [(1, 4), (2, 4), (3, 4), (4, 4)]);
}

fn only_error<'a>(out: &'a Outcome, path: &str) -> &'a Diagnostic {
    let file = Path::new("content").join(path);
    let errors: Vec<&Diagnostic> = out
        .diagnostics
        .iter()
        .filter(|d| d.file.as_deref() == Some(file.as_path()))
        .collect();
    assert_eq!(errors.len(), 1, "{path}: {:?}", out.diagnostics);
    assert!(errors[0].is_error());
    assert!(
        errors[0].message.contains(&format!("content/{path}")),
        "{}",
        errors[0]
    );
    assert!(errors[0].hint.is_some());
    assert!(!out.processed.contains_key(path));
    errors[0]
}

#[test]
fn bad_photos_end_in_errors_that_name_them() {
    let site = Site::new();
    let good = jpeg(&synthetic(400, 300, 4), 400, 300, 85);
    // A bomb: a tiny JPEG whose header declares 30000×30000 pixels.
    let mut bomb = good.clone();
    let sof = bomb
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("SOF0");
    bomb[sof + 5..sof + 7].copy_from_slice(&30000u16.to_be_bytes());
    bomb[sof + 7..sof + 9].copy_from_slice(&30000u16.to_be_bytes());
    // The same as a PNG: the header says 30000×30000, the data is a few bytes.
    let mut png_bomb = png(&[0, 0, 0, 255], 1, 1);
    png_bomb[16..20].copy_from_slice(&30000u32.to_be_bytes());
    png_bomb[20..24].copy_from_slice(&30000u32.to_be_bytes());
    let crc = crc32(&png_bomb[12..29]);
    png_bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let mut corrupt = good[..20].to_vec();
    corrupt.extend((0..5000u64).map(|i| hash(i) as u8));
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0; 100]);

    let jobs = vec![
        site.put("workshops/ok/cover.jpg", &good),
        site.put("workshops/bomb/cover.jpg", &bomb),
        site.put("workshops/bomb/logo.png", &png_bomb),
        site.put("workshops/cut/cover.jpg", &good[..good.len() / 2]),
        site.put("workshops/noise/cover.jpg", &corrupt),
        site.put(
            "workshops/text/cover.jpg",
            b"these are not the pixels you are looking for",
        ),
        site.put("workshops/iphone/cover.jpg", &heic),
        site.put("workshops/empty/cover.jpg", b""),
        site.job("workshops/gone/cover.jpg"),
    ];
    let started = std::time::Instant::now();
    let out = site.run(&jobs, &ImageSettings::default());
    assert!(
        started.elapsed().as_secs() < 20,
        "bombs are refused before decoding"
    );
    assert_eq!(out.processed.len(), 1);
    assert!(out.processed.contains_key("workshops/ok/cover.jpg"));
    assert_eq!(out.diagnostics.len(), 8, "{:#?}", out.diagnostics);

    let message = |path| only_error(&out, path).message.clone();
    assert!(message("workshops/bomb/cover.jpg").contains("larger than canting opens"));
    assert!(message("workshops/bomb/logo.png").contains("larger than canting opens"));
    assert!(message("workshops/cut/cover.jpg").contains("cut short"));
    assert!(message("workshops/noise/cover.jpg").contains("damaged"));
    assert!(message("workshops/text/cover.jpg").contains("not a JPEG, PNG, WebP or GIF"));
    assert!(message("workshops/iphone/cover.jpg").contains("HEIC"));
    assert!(message("workshops/empty/cover.jpg").contains("empty"));
    assert!(message("workshops/gone/cover.jpg").contains("missing"));
    let shown = only_error(&out, "workshops/bomb/cover.jpg").to_string();
    assert!(
        shown.starts_with("content/workshops/bomb/cover.jpg: error:"),
        "{shown}"
    );

    // Two photos that would publish under the same names.
    let twin = site.put("workshops/ok/cover.png", &png(&[0, 0, 0, 255], 1, 1));
    let out = site.run(
        &[site.job("workshops/ok/cover.jpg"), twin],
        &ImageSettings::default(),
    );
    assert!(
        only_error(&out, "workshops/ok/cover.png")
            .message
            .contains("same names")
    );
}

// ---------------------------------------------------------------------------------------------
// Benchmark (benches/photos.sh)

/// `CANTING_BENCH_STEP=gen|run`, `CANTING_BENCH_DIR=DIR` (`DIR/site/content/…`, `DIR/public`),
/// `CANTING_BENCH_COUNT` (200), `CANTING_BENCH_WIDTHS` (480,960), `CANTING_BENCH_QUALITY` (75).
#[test]
#[ignore = "benchmark: run by benches/photos.sh"]
fn bench_photos() {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let dir = PathBuf::from(var("CANTING_BENCH_DIR", "target/bench-photos"));
    let count: u64 = var("CANTING_BENCH_COUNT", "200").parse().expect("count");
    let content = dir.join("site/content");
    let path = |i: u64| format!("workshops/batik-{i:03}/cover.jpg");
    match var("CANTING_BENCH_STEP", "run").as_str() {
        "gen" => {
            let (w, h) = (3000, 2000);
            (0..count).into_par_iter().for_each(|i| {
                let rgb = synthetic(w, h, 1000 + i);
                // A third stored sideways, as phones do; all with GPS tags.
                let bytes = phone_jpeg(&rgb, w, h, if i % 3 == 0 { 6 } else { 1 }, 92);
                let file = content.join(path(i));
                std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
                std::fs::write(file, bytes).expect("write");
            });
        }
        "run" => {
            let settings = ImageSettings {
                widths: var("CANTING_BENCH_WIDTHS", "480,960")
                    .split(',')
                    .map(|w| w.trim().parse().expect("width"))
                    .collect(),
                quality: var("CANTING_BENCH_QUALITY", "75").parse().expect("quality"),
                ..ImageSettings::default()
            };
            let jobs: Vec<Job> = (0..count)
                .map(|i| Job {
                    source: content.join(path(i)),
                    path: path(i),
                    focus: None,
                    share: true,
                })
                .collect();
            let started = std::time::Instant::now();
            let staging = Staging::create(&dir.join("public")).expect("staging");
            let out = images::run(
                &jobs,
                &settings,
                &dir.join("site/.canting-cache/images"),
                &staging,
                &|_, _| {},
            );
            staging.commit().expect("commit");
            let elapsed = started.elapsed().as_secs_f64();
            assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
            let mut bytes: BTreeMap<&str, u64> = BTreeMap::new();
            let len = |rel: &str| file_len(&dir.join("public").join(rel));
            for p in out.processed.values() {
                for v in &p.variants {
                    *bytes.entry("webp").or_default() += len(&v.path);
                }
                *bytes.entry("fallback").or_default() += len(&p.fallback.path);
                *bytes.entry("original").or_default() += p.original.as_deref().map_or(0, len);
            }
            println!(
                "BENCH photos={} decoded={} cached={} removed={} seconds={elapsed:.2} webp_bytes={} fallback_bytes={} original_bytes={}",
                out.processed.len(),
                out.stats.decoded,
                out.stats.cached,
                out.stats.removed,
                bytes["webp"],
                bytes["fallback"],
                bytes["original"],
            );
        }
        other => panic!("unknown step {other}"),
    }
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Quality against bytes

/// The mean SSIM of two grey pictures of one size, over 8×8 windows every 4 pixels (constants
/// of Wang et al. 2004 for 8-bit values).
fn ssim(a: &[f32], b: &[f32], width: usize, height: usize) -> f64 {
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut total, mut windows) = (0.0, 0usize);
    for y in (0..height.saturating_sub(7)).step_by(4) {
        for x in (0..width.saturating_sub(7)).step_by(4) {
            let (mut sa, mut sb, mut saa, mut sbb, mut sab) = (0.0f64, 0.0, 0.0, 0.0, 0.0);
            for dy in 0..8 {
                for dx in 0..8 {
                    let i = (y + dy) * width + x + dx;
                    let (va, vb) = (f64::from(a[i]), f64::from(b[i]));
                    sa += va;
                    sb += vb;
                    saa += va * va;
                    sbb += vb * vb;
                    sab += va * vb;
                }
            }
            let n = 64.0;
            let (ma, mb) = (sa / n, sb / n);
            let (va, vb, cov) = (saa / n - ma * ma, sbb / n - mb * mb, sab / n - ma * mb);
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2))
                / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            windows += 1;
        }
    }
    total / windows.max(1) as f64
}

fn luma(rgb: &[u8]) -> Vec<f32> {
    rgb.chunks_exact(3)
        .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
        .collect()
}

fn resized(rgb: &[u8], w: u32, h: u32, to_w: u32, to_h: u32, filter: fr::FilterType) -> Vec<u8> {
    let src = fr::images::ImageRef::new(w, h, rgb, fr::PixelType::U8x3).expect("view");
    let mut dst = fr::images::Image::new(to_w, to_h, fr::PixelType::U8x3);
    fr::Resizer::new()
        .resize(
            &src,
            &mut dst,
            &fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(filter)),
        )
        .expect("resize");
    dst.into_vec()
}

fn webp_bytes(rgb: &[u8], w: u32, h: u32, quality: f32, method: i32) -> Vec<u8> {
    let mut config = webp::WebPConfig::new().expect("config");
    config.quality = quality;
    config.method = method;
    webp::Encoder::from_rgb(rgb, w, h)
        .encode_advanced(&config)
        .expect("encode")
        .to_vec()
}

/// Not a test: WebP bytes, SSIM against the source (downscaled with Lanczos3, unencoded) and
/// time per encode at the variant widths 480, 960 and 1600, for canting's filter at several
/// qualities and efforts and for Hugo's defaults (box filter, WebP quality 75 at libwebp's
/// default effort). Run by `benches/photos.sh` on its photos.
#[test]
#[ignore = "benchmark: run by benches/photos.sh"]
fn bench_quality() {
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    let dir = PathBuf::from(var("CANTING_BENCH_DIR", "target/bench-photos"));
    let count: u64 = var("CANTING_BENCH_QUALITY_COUNT", "12")
        .parse()
        .expect("count");
    let photos: Vec<(Vec<u8>, u32, u32)> = (0..count)
        .map(|i| {
            let file = dir.join(format!("site/content/workshops/batik-{i:03}/cover.jpg"));
            let img = image::open(&file).expect("photo").to_rgb8();
            let (w, h) = img.dimensions();
            (img.into_raw(), w, h)
        })
        .collect();
    // (name, filter, WebP quality, WebP method)
    let mut settings: Vec<(String, fr::FilterType, f32, i32)> =
        vec![("hugo box q75 m4".into(), fr::FilterType::Box, 75.0, 4)];
    for q in [65.0, 70.0, 75.0, 80.0] {
        for m in [0, 1, 2, 4] {
            settings.push((
                format!("canting catmull-rom q{q} m{m}"),
                fr::FilterType::CatmullRom,
                q,
                m,
            ));
        }
    }
    for width in [480u32, 960, 1600] {
        let references: Vec<(Vec<f32>, u32)> = photos
            .par_iter()
            .map(|(rgb, w, h)| {
                let to_h = (u64::from(*h) * u64::from(width) / u64::from(*w)) as u32;
                let r = resized(rgb, *w, *h, width, to_h, fr::FilterType::Lanczos3);
                (luma(&r), to_h)
            })
            .collect();
        for (name, filter, quality, method) in &settings {
            let results: Vec<(usize, f64, f64)> = photos
                .par_iter()
                .zip(&references)
                .map(|((rgb, w, h), (reference, to_h))| {
                    let small = resized(rgb, *w, *h, width, *to_h, *filter);
                    let started = std::time::Instant::now();
                    let bytes = webp_bytes(&small, width, *to_h, *quality, *method);
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    let decoded = image::load_from_memory(&bytes).expect("decode").to_rgb8();
                    let s = ssim(
                        reference,
                        &luma(decoded.as_raw()),
                        width as usize,
                        *to_h as usize,
                    );
                    (bytes.len(), s, ms)
                })
                .collect();
            let n = results.len() as f64;
            let bytes: usize = results.iter().map(|r| r.0).sum();
            let mean = results.iter().map(|r| r.1).sum::<f64>() / n;
            let ms = results.iter().map(|r| r.2).sum::<f64>() / n;
            println!(
                "QUALITY width={width} {name:<28} {:>7.1} KB/photo  SSIM {mean:.4}  {ms:>5.1} ms/encode",
                bytes as f64 / n / 1000.0
            );
        }
    }
}
