#!/usr/bin/env bash
# What the search index costs: build time and peak memory with and without it (`search: false`
# in site.yaml), its size raw and gzip-compressed, and the bytes a visitor's first search loads.
#
#   bash benches/search.sh [sample|large] [RUNS]
#
# sample = the repository's own catalogue; large = benches/gen_catalogue.py --preset large.
# Both variants build with the photo cache kept between runs (after one warm-up), so the
# difference is the index and not the photos. Environment: CANTING_BIN as in build.sh.
#
# With Pagefind installed (PAGEFIND_BIN, or `pagefind` on PATH), it also times Pagefind's CLI
# indexing the same site built with `search: false`, for comparison; without it, that is skipped.
set -euo pipefail

PRESET=${1:-sample}
RUNS=${2:-3}
case "$PRESET" in sample|large) ;; *) echo "usage: bash benches/search.sh [sample|large] [RUNS]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[ -x /usr/bin/time ] || { echo "error: needs GNU time (/usr/bin/time); benches/build.sh installs it" >&2; exit 1; }

if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=/dev/shm/canting-search-bench; else WORK=$ROOT/target/search-bench; fi
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
SITE=$WORK/site
if [ "$PRESET" = sample ]; then
    mkdir -p "$SITE"
    cp -r content themes site.yaml "$SITE/"
else
    python3 benches/gen_catalogue.py "$SITE" --preset large --seed "${BENCH_SEED:-1}" --force >/dev/null
    rm -rf "$SITE/themes/batik"
    mkdir -p "$SITE/themes"
    cp -r themes/batik "$SITE/themes/batik"
fi
PAGES_IN=$(find "$SITE/content" -name '*.md' | wc -l)

if [ -n "${CANTING_BIN:-}" ]; then BIN=$CANTING_BIN; else cargo build --release -q; BIN=$ROOT/target/release/canting; fi

cp "$SITE/site.yaml" "$WORK/site.on.yaml"
cp "$SITE/site.yaml" "$WORK/site.off.yaml"
printf '\nsearch: false\n' >>"$WORK/site.off.yaml"

run() {  # $1 = on|off, $2 = file to append "%e %U %S %M" to
    cp "$WORK/site.$1.yaml" "$SITE/site.yaml"
    rm -rf "$WORK/out"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" build --root "$SITE" --output "$WORK/out" >/dev/null 2>"$WORK/stderr" \
        || { cat "$WORK/stderr" >&2; exit 1; }
    tail -n 1 "$WORK/time" >>"$2"
}

echo "== $PRESET: $PAGES_IN content files; 1 warm-up, then $RUNS runs of each, alternating"
run on "$WORK/warm"
: >"$WORK/times.on"; : >"$WORK/times.off"
for i in $(seq "$RUNS"); do
    run off "$WORK/times.off"
    run on "$WORK/times.on"
    echo "   run $i: off $(tail -n 1 "$WORK/times.off") | on $(tail -n 1 "$WORK/times.on")"
done

python3 - "$WORK" "$ROOT/themes/batik/static/search.js" <<'EOF'
import glob, gzip, json, os, statistics, sys
work, script = sys.argv[1], sys.argv[2]
out = os.path.join(work, "out")

def median(name):
    rows = [list(map(float, l.split())) for l in open(os.path.join(work, name)) if l.strip()]
    return (statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows),
            statistics.median(r[3] for r in rows) / 1024)

off, on = median("times.off"), median("times.on")
print(f"\n{'':<14}{'wall s':>8}{'cpu s':>8}{'peak MiB':>10}")
print(f"{'search: false':<14}{off[0]:>8.2f}{off[1]:>8.2f}{off[2]:>10.1f}")
print(f"{'search: true':<14}{on[0]:>8.2f}{on[1]:>8.2f}{on[2]:>10.1f}")
print(f"{'difference':<14}{on[0]-off[0]:>+8.2f}{on[1]-off[1]:>+8.2f}{on[2]-off[2]:>+10.1f}")

def gz(path):
    return len(gzip.compress(open(path, "rb").read(), 9))

index_files = [p for p in glob.glob(os.path.join(out, "**", "search", "**", "*.json"), recursive=True)]
filter_files = glob.glob(os.path.join(out, "**", "filters.json"), recursive=True)
for name, files in (("search index", index_files), ("filter data", filter_files)):
    raw = sum(os.path.getsize(p) for p in files)
    comp = sum(gz(p) for p in files)
    print(f"{name}: {len(files)} files, {raw / 1e6:.2f} MB raw, {comp / 1e6:.2f} MB gzip")
print(f"search.js: {os.path.getsize(script)} B raw, {gz(script)} B gzip")

def words(q):
    import re, unicodedata
    q = "".join(c for c in unicodedata.normalize("NFD", q) if not unicodedata.combining(c)).lower()
    return [w[:24] for w in re.split(r"[^\w]+", q) if len(w) >= 2]

# A first search: the script, index.json, the shard of each word and the document chunks of the
# first 20 results (title matches first, as search.js orders them).
for lang_dir in sorted(glob.glob(os.path.join(out, "**", "search", "index.json"), recursive=True)):
    folder = os.path.dirname(lang_dir)
    meta = json.load(open(lang_dir))
    for query in ("batik", "kend", "tulis alam", "sekar"):
        files = {script, lang_dir}
        hits = None
        for w in words(query):
            shard = os.path.join(folder, w[:2] + ".json")
            if not os.path.exists(shard):
                hits = {}
                continue
            files.add(shard)
            found = {}
            for word, postings in json.load(open(shard)).items():
                if word.startswith(w):
                    n = 0
                    for v in postings:
                        n += v >> 1
                        found[n] = max(found.get(n, 0), (v & 1) * 10 + (8 if word == w else 4))
            hits = found if hits is None else {d: s + hits[d] for d, s in found.items() if d in hits}
        top = sorted(hits, key=lambda d: (-hits[d], d))[:20]
        for d in top:
            files.add(os.path.join(folder, "docs", f"{d // meta['chunk']}.json"))
        total = sum(gz(p) for p in files)
        rel = os.path.relpath(folder, out)
        print(f"first search {rel} {query!r}: {len(hits)} results, {len(files)} files, {total / 1024:.1f} KiB gzip")
EOF

PAGEFIND=${PAGEFIND_BIN:-$(command -v pagefind || true)}
if [ -z "$PAGEFIND" ]; then
    echo "pagefind: not installed (set PAGEFIND_BIN or put pagefind on PATH to compare); skipped"
    exit 0
fi
# Pagefind indexes the built HTML after the build: the site without canting's index, then
# Pagefind's CLI on it, its index written outside the site so the site stays as built.
run off "$WORK/times.pf-build"
/usr/bin/time -f '%e %U %S %M' -o "$WORK/time.pf" "$PAGEFIND" --site "$WORK/out" --output-path "$WORK/pagefind" \
    >"$WORK/pagefind.log" 2>&1 || { cat "$WORK/pagefind.log" >&2; exit 1; }
python3 - "$WORK" "$("$PAGEFIND" --version 2>/dev/null || echo pagefind)" <<'EOF'
import os, sys
work, version = sys.argv[1], sys.argv[2]
wall, user, system, peak = map(float, open(os.path.join(work, "time.pf")).read().split()[-4:])
files = [os.path.join(d, f) for d, _, fs in os.walk(os.path.join(work, "pagefind")) for f in fs]
size = sum(os.path.getsize(p) for p in files)
print(f"\n{version} on the site built with search: false (one run):")
print(f"   {wall:.2f} s wall, {user + system:.2f} cpu s, {peak / 1024:.1f} MiB peak; "
      f"index {len(files)} files, {size / 1e6:.2f} MB (its files are compressed already)")
EOF
