#!/usr/bin/env bash
# Benchmark `canting serve`: how long from saving an edit of one workshop's text until the
# browser is told to reload, and until the new page has been fetched.
#
#   bash benches/serve.sh [small|large] [EDITS]
#
# 1. Generates the catalogue with benches/gen_catalogue.py (default: large).
# 2. Builds canting and the integration test binary (`it`) in release mode.
# 3. Runs the ignored test `serve::bench_serve_reload`: it starts `canting serve` on a free port of
#    loopback, subscribes to the live-reload events like a browser, then EDITS times (default 20)
#    rewrites the first workshop's file with one more sentence, waits for the `reload` event and
#    fetches the page, checking the sentence is there. Prints min/median/max of both delays, the
#    first build's time and the server's peak memory.
#
# Environment: BENCH_DIR (default /dev/shm/canting-serve, else target/bench-serve), BENCH_SEED.
set -euo pipefail

PRESET=${1:-large}
EDITS=${2:-20}
case "$PRESET" in small|large) ;; *) echo "usage: bash benches/serve.sh [small|large] [EDITS]" >&2; exit 2 ;; esac
[[ "$EDITS" =~ ^[1-9][0-9]*$ ]] || { echo "EDITS must be a number" >&2; exit 2; }
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

echo "== $EDITS edits, nproc $(nproc)"
CANTING_BENCH_SITE="$DIR/site" CANTING_BENCH_EDITS=$EDITS \
    "$BIN" --ignored --exact serve::bench_serve_reload --nocapture --test-threads=1 | grep '^BENCH' | sed 's/^BENCH /   /'
