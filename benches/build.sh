#!/usr/bin/env bash
# Benchmark `canting build` on a generated catalogue.
#
#   bash benches/build.sh [small|large] [RUNS]
#
# Environment:
#   CANTING_BIN   binary to benchmark; when set, `cargo build --release` is skipped
#                 (default: target/release/canting, built here with cargo)
#   BENCH_SEED    seed for the generator (default 1)
#   BENCH_THEME   a theme folder to copy into SITE/themes/batik (default: the repository's
#                 themes/batik if it holds any file; "none" = never copy, so canting must
#                 supply the batik theme itself)
set -euo pipefail

usage() { echo "usage: bash benches/build.sh [small|large] [RUNS]" >&2; exit 2; }
PRESET=${1:-small}
RUNS=${2:-5}
case "$PRESET" in small|large) ;; *) usage ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || usage

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# --- GNU time -------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    echo "== /usr/bin/time is missing; installing Debian's 'time' package"
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
    elif command -v sudo >/dev/null; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
    else
        echo "error: need root (or sudo) to install the 'time' package" >&2; exit 1
    fi
fi

# --- Where things go ------------------------------------------------------------------
SHM=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then SHM=/dev/shm; fi
mkdir -p "$ROOT/target"
if [ -n "$SHM" ]; then SITE="$SHM/canting-bench-$PRESET"; else SITE="$ROOT/target/bench-$PRESET"; fi
OUT_DISK="$ROOT/target/bench-out-$PRESET"
TARGETS=()
[ -n "$SHM" ] && TARGETS+=("shm:$SHM/canting-bench-out-$PRESET")
TARGETS+=("disk:$OUT_DISK")
[ -z "$SHM" ] && echo "== /dev/shm is not available: measuring the on-disk output only"

# --- The catalogue (generated once per invocation; deterministic) ----------------------
echo "== generating the $PRESET catalogue into $SITE"
python3 "$ROOT/benches/gen_catalogue.py" "$SITE" --preset "$PRESET" --seed "${BENCH_SEED:-1}" --force \
    | sed 's/^/   /'
THEME_SRC=${BENCH_THEME:-$ROOT/themes/batik}
rm -rf "$SITE/themes/batik"
if [ "$THEME_SRC" != none ] && [ -d "$THEME_SRC" ] && [ -n "$(find "$THEME_SRC" -type f -print -quit)" ]; then
    mkdir -p "$SITE/themes"
    cp -r "$THEME_SRC" "$SITE/themes/batik"
    echo "== copied theme $THEME_SRC into $SITE/themes/batik"
fi
PAGES_IN=$(find "$SITE/content" -name '*.md' | wc -l)

# --- The binary -----------------------------------------------------------------------
if [ -n "${CANTING_BIN:-}" ]; then
    BIN=$CANTING_BIN
    echo "== using CANTING_BIN=$BIN (no cargo build)"
else
    echo "== cargo build --release"
    cargo build --release
    BIN="$ROOT/target/release/canting"
fi
[ -x "$BIN" ] || { echo "error: $BIN is not an executable" >&2; exit 1; }

# --- Runs -----------------------------------------------------------------------------
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run_one() {  # $1 = output dir, $2 = file to append "%e %U %S %M" to (empty = warm-up)
    local out=$1 rec=$2 rc=0
    rm -rf "$out" "$SITE/.canting-cache"   # every run is a clean, cold build
    sync
    /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" \
        "$BIN" build --root "$SITE" --output "$out" >"$TMP/stdout" 2>"$TMP/stderr" || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "error: '$BIN build --root $SITE --output $out' failed (exit $rc); its stderr:" >&2
        cat "$TMP/stderr" >&2
        exit 1
    fi
    if [ -n "$rec" ]; then tail -n 1 "$TMP/time" >>"$rec"; fi
}

REPORT="$TMP/report"
: >"$REPORT"
for t in "${TARGETS[@]}"; do
    name=${t%%:*}; out=${t#*:}
    echo "== $name: 1 warm-up + $RUNS runs, output in $out"
    run_one "$out" ""
    : >"$TMP/times-$name"
    for i in $(seq "$RUNS"); do
        run_one "$out" "$TMP/times-$name"
        printf '   run %d: %s\n' "$i" "$(tail -n 1 "$TMP/times-$name")"
    done
    html=$(find "$out" -type f -name '*.html' | wc -l)
    bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')  # file bytes only
    files=$(find "$out" -type f | wc -l)
    echo "$name $out $html $bytes $files $TMP/times-$name" >>"$REPORT"
done

echo
echo "== results: preset $PRESET, $PAGES_IN content pages, $RUNS runs each (median), $(nproc) CPUs"
python3 - "$REPORT" <<'EOF'
import statistics, sys
print(f"{'output':<6} {'wall s':>8} {'cpu s':>8} {'rss MiB':>8} {'html':>7} {'files':>7} {'out MiB':>8} {'pages/s':>9}  dir")
for line in open(sys.argv[1]):
    name, out, html, nbytes, files, times = line.split()
    rows = [list(map(float, l.split())) for l in open(times) if l.strip()]
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[1] + r[2] for r in rows)
    rss = statistics.median(r[3] for r in rows) / 1024
    pps = int(html) / wall if wall > 0 else float("inf")
    print(f"{name:<6} {wall:>8.2f} {cpu:>8.2f} {rss:>8.1f} {int(html):>7} {int(files):>7} "
          f"{int(nbytes) / 2**20:>8.1f} {pps:>9.0f}  {out}")
EOF
