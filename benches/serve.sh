#!/usr/bin/env bash
# Benchmark `canting serve`: how long from saving an edit until the browser is told to reload, and
# until a page that shows the change is served with it, for each kind of edit a volunteer makes.
#
#   bash benches/serve.sh [small|large] [EDITS] [PER_KIND]
#
# 1. Generates the catalogue with benches/gen_catalogue.py (default: large).
# 2. Builds canting and the integration test binary (`it`) in release mode.
# 3. Runs the ignored test `serve::bench_serve_reload`. It gives the first workshop a cover photo
#    (one of the sample's) and the site its own copy of the theme's Indonesian words, starts
#    `canting serve` on a free port of loopback and subscribes to the live-reload events like a
#    browser. Then:
#    - EDITS times (default 20) it rewrites the workshop's file with one more sentence, waits for
#      the `reload` event and fetches the page: min/median/max of both delays;
#    - PER_KIND times (default 5) each kind of edit (body, title, date, reference, taxonomy term,
#      new page, deleted page, photo, translation string), each timed from the file write until a
#      page that shows the change is served with it (asked for every 5 ms): min/median/max a kind,
#      and how many of those edits rebuilt the whole site.
#    Also prints the first build's time and the server's peak memory.
#
# Environment: BENCH_DIR (default /dev/shm/canting-serve, else target/bench-serve), BENCH_SEED.
set -euo pipefail

PRESET=${1:-large}
EDITS=${2:-20}
PER_KIND=${3:-5}
case "$PRESET" in small|large) ;; *) echo "usage: bash benches/serve.sh [small|large] [EDITS] [PER_KIND]" >&2; exit 2 ;; esac
[[ "$EDITS" =~ ^[1-9][0-9]*$ ]] || { echo "EDITS must be a number" >&2; exit 2; }
[[ "$PER_KIND" =~ ^[0-9]+$ ]] || { echo "PER_KIND must be a number" >&2; exit 2; }
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ -n "${BENCH_DIR:-}" ]; then DIR=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then DIR=/dev/shm/canting-serve
else DIR=$ROOT/target/bench-serve; fi

echo "== generating the $PRESET catalogue into $DIR/site"
python3 "$ROOT/benches/gen_catalogue.py" "$DIR/site" --preset "$PRESET" --seed "${BENCH_SEED:-1}" --force >/dev/null
echo "   $(find "$DIR/site/content" -name '*.md' | wc -l) Markdown files"

echo "== building (release)"
BIN=$(cargo test --release --test it --no-run --message-format=json 2>/dev/null \
    | grep '"name":"it"' | grep -o '"executable":"[^"]*"' | tail -1 | cut -d'"' -f4)
[ -x "$BIN" ] || { echo "error: could not build the integration test binary" >&2; exit 1; }

echo "== $EDITS text edits, $PER_KIND edits of each kind, nproc $(nproc)"
CANTING_BENCH_SITE="$DIR/site" CANTING_BENCH_EDITS=$EDITS CANTING_BENCH_PER_KIND=$PER_KIND \
    "$BIN" --ignored --exact serve::bench_serve_reload --nocapture --test-threads=1 | grep 'BENCH ' | sed 's/.*BENCH /   /'
