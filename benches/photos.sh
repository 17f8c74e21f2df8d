#!/usr/bin/env bash
# Benchmark the photo pipeline (src/images.rs) on synthetic phone photos.
#
#   bash benches/photos.sh [COUNT]
#
# 1. Builds the integration test binary (`it`) in release mode.
# 2. Generates COUNT (default 200) 3000×2000 JPEGs, quality 92, one per workshop, into
#    DIR/site/content/workshops/batik-NNN/cover.jpg: smooth shapes, a batik-like pattern and mild
#    noise, so that they compress like photos; a third are stored sideways (EXIF orientation 6) and
#    all carry GPS tags. The generator is the ignored test `images::bench_photos` (CANTING_BENCH_STEP=gen),
#    in Rust, because the Python standard library cannot write JPEG. Generating is not timed.
# 3. Runs the pipeline twice, each in a fresh process: cold (no cache) and warm (cache kept,
#    no photo changed), at BENCH_WIDTHS, WebP quality 75, with a share picture per photo.
#    Wall and CPU (user+sys) time are measured around the whole process by GNU time; when the
#    machine is busy with other work, wall time grows while CPU time stays.
#
# 5. Prints the published bytes of the whole build by kind of file: WebP variants, JPEG/PNG
#    fallbacks, thumbnails, share pictures, originals, and everything else (pages, feeds, ...).
#
# Environment: BENCH_DIR (default /dev/shm/canting-photos, else target/bench-photos),
#              BENCH_WIDTHS (480,960,1600: the site default), BENCH_QUALITY (75),
#              BENCH_RUNS (3: cold and warm whole builds, each; quote the median),
#              IT_BIN (the integration test binary to use; skips building it),
#              CANTING_BIN (the canting binary for step 4; skips `cargo build --release`),
#              CANTING_BIN_BEFORE (a second binary, say of an older commit: step 4 then runs the
#              two alternately, run by run, so that a busy machine weighs on both alike).
set -euo pipefail
# Needs bash, bc, GNU time (Debian's `time` package) and cargo.

COUNT=${1:-200}
[[ "$COUNT" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash benches/photos.sh [COUNT]" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ -n "${BENCH_DIR:-}" ]; then DIR=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then DIR=/dev/shm/canting-photos
else DIR=$ROOT/target/bench-photos; fi
export CANTING_BENCH_DIR=$DIR CANTING_BENCH_COUNT=$COUNT
export CANTING_BENCH_WIDTHS=${BENCH_WIDTHS:-480,960,1600} CANTING_BENCH_QUALITY=${BENCH_QUALITY:-75}

if [ -n "${IT_BIN:-}" ]; then BIN=$IT_BIN
else
    echo "== building the test binary (release)"
    BIN=$(cargo test --release --test it --no-run --message-format=json 2>/dev/null \
        | grep '"name":"it"' | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
fi
[ -x "$BIN" ] || { echo "error: could not build the integration test binary" >&2; exit 1; }

bench() { CANTING_BENCH_STEP=$1 "$BIN" --ignored --exact images::bench_photos --nocapture --test-threads=1; }

echo "== generating $COUNT photos into $DIR/site"
rm -rf "$DIR"
mkdir -p "$DIR"
bench gen >/dev/null
echo "   $(find "$DIR/site/content" -name '*.jpg' | wc -l) photos, $(du -sm "$DIR/site/content" | cut -f1) MB"

run() {
    local label=$1 line cpu
    sync
    line=$(/usr/bin/time -f 'TIME %e %U %S' -o "$DIR/time" \
        env CANTING_BENCH_STEP=run "$BIN" --ignored --exact images::bench_photos --nocapture --test-threads=1 \
        | grep -o 'BENCH .*')
    read -r _ wall user sys < "$DIR/time"
    cpu=$(echo "$user + $sys" | bc)
    printf '%-5s wall %6.2f s  cpu %6.2f s   %s\n' "$label" "$wall" "$cpu" "${line#BENCH }"
}

echo "== widths $CANTING_BENCH_WIDTHS, WebP quality $CANTING_BENCH_QUALITY, nproc $(nproc)"
rm -rf "$DIR/site/.canting-cache" "$DIR/public"
run cold
run warm
echo "   webp_bytes: all WebP variants (thumbnails and share pictures not counted)"

# 4. The same photos in a whole build, pages included: the small generated catalogue (200
#    workshops), each workshop with one of the photos as its cover (in both languages), built
#    cold (no cache, no output) and warm (cache kept, nothing changed) by the canting binary.
SITE=$DIR/catalogue
echo "== whole build: the small catalogue with the $COUNT photos as workshop covers"
python3 "$ROOT/benches/gen_catalogue.py" "$SITE" --preset small --seed "${BENCH_SEED:-1}" --force >/dev/null
mkdir -p "$SITE/content/photos"
i=0
for photo in "$DIR"/site/content/workshops/*/cover.jpg; do
    cp "$photo" "$SITE/content/photos/$(printf '%03d' "$i").jpg"
    i=$((i + 1))
done
python3 - "$SITE" "$i" <<'PY'
import pathlib, sys
site, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
pages = sorted(p for p in (site / "content/workshops").glob("*.md") if not p.name.startswith("_"))
slugs = sorted({p.name.split(".")[0] for p in pages})
for n, slug in enumerate(slugs[:count]):
    for page in pages:
        if page.name.split(".")[0] == slug:
            text = page.read_text()
            page.write_text(text.replace("---\n", f"---\ncover: /photos/{n:03d}.jpg\n", 1))
PY
if [ -z "${CANTING_BIN:-}" ]; then
    cargo build --release --quiet
    CANTING_BIN=$ROOT/target/release/canting
fi
printf 'images:\n  widths: [%s]\n  quality: %s\n' "$CANTING_BENCH_WIDTHS" "$CANTING_BENCH_QUALITY" >> "$SITE/site.yaml"
whole() {
    local label=$1 bin=$2
    sync
    /usr/bin/time -f 'TIME %e %U %S %M' -o "$DIR/time" "$bin" --lang en build --root "$SITE" \
        | grep -o 'Built.*' > "$DIR/said"
    read -r _ wall user sys peak < "$DIR/time"
    printf '%-12s wall %6.2f s  cpu %6.2f s  peak %4d MiB   %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((peak / 1024))" "$(cat "$DIR/said")"
}
# Each binary gets its own cache and output: a warm run is warm with what that binary wrote.
binaries=("$CANTING_BIN")
[ -n "${CANTING_BIN_BEFORE:-}" ] && binaries+=("$CANTING_BIN_BEFORE")
name() { if [ "$1" = "$CANTING_BIN" ]; then echo after; else echo before; fi; }
for bin in "${binaries[@]}"; do rm -rf "$SITE/.canting-cache-$(name "$bin")"; done
swap_in() { rm -rf "$SITE/.canting-cache"; [ -d "$SITE/.canting-cache-$1" ] && mv "$SITE/.canting-cache-$1" "$SITE/.canting-cache"; true; }
swap_out() { rm -rf "$SITE/.canting-cache-$1"; [ -d "$SITE/.canting-cache" ] && mv "$SITE/.canting-cache" "$SITE/.canting-cache-$1"; true; }
for _ in $(seq "${BENCH_RUNS:-3}"); do
    for bin in "${binaries[@]}"; do
        rm -rf "$SITE/.canting-cache" "$SITE/public"
        whole "cold $(name "$bin")" "$bin"
        swap_out "$(name "$bin")"
    done
done
for _ in $(seq "${BENCH_RUNS:-3}"); do
    for bin in "${binaries[@]}"; do
        swap_in "$(name "$bin")"
        whole "warm $(name "$bin")" "$bin"
        swap_out "$(name "$bin")"
    done
done
# The published bytes below are those of the binary under test.
rm -rf "$SITE/public"
swap_in after
whole "again after" "$CANTING_BIN"
echo "== published bytes by kind (whole build)"
find "$SITE/public" -type f -printf '%P %s\n' | awk '
    {
        if ($1 ~ /^photos\/.*-thumb\./) k = "thumbnails"
        else if ($1 ~ /^photos\/.*-share\./) k = "share pictures"
        else if ($1 ~ /^photos\/.*-[0-9]+\.webp$/) k = "WebP variants"
        else if ($1 ~ /^photos\/.*-[0-9]+\./) k = "JPEG/PNG fallbacks"
        else if ($1 ~ /^photos\//) k = "originals"
        else k = "everything else"
        n[k]++; b[k] += $2; tn++; tb += $2
    }
    END {
        split("WebP variants,JPEG/PNG fallbacks,thumbnails,share pictures,originals,everything else", order, ",")
        for (i = 1; i <= 6; i++) printf "   %-20s %6d files %9.1f MB\n", order[i], n[order[i]], b[order[i]] / 1e6
        printf "   %-20s %6d files %9.1f MB\n", "total", tn, tb / 1e6
    }'

# 6. WebP bytes against perceived quality at the widths 480, 960 and 1600, on the first 12
#    photos: SSIM (luma, 8×8 windows) against the source downscaled with Lanczos3, for canting's
#    filter at several qualities and efforts (libwebp methods 0, 1, 2 and 4), and for Hugo's
#    defaults (box filter, quality 75, libwebp's default effort 4), with the mean time of one
#    encode (two at a time, on a 2-core machine).
echo "== WebP bytes and SSIM against the source (mean of 12 photos)"
"$BIN" --ignored --exact images::bench_quality --nocapture --test-threads=1 | grep -o 'QUALITY.*'
