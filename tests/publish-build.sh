#!/usr/bin/env bash
# Runs the "Build the site" step of the publishing workflow on this computer, exactly as GitHub
# runs it, then checks that every link of the built site stays under the Pages sub-path.
#
#   bash tests/publish-build.sh [SITE] [WORK]
#
# SITE: the site's folder (default: this repository, whose root holds the sample site).
# WORK: an empty folder for the copy of the site and its build (default: a new temporary one).
# BASE_URL: what actions/configure-pages would give (default https://example.github.io/katalog,
#   without the final "/", as configure-pages gives it).
# WORKFLOW: the workflow file (default .github/workflows/publish.yml of this repository).
# `canting` must be on PATH (for example: cargo build && PATH="$PWD/target/debug:$PATH").
#
# The step's commands are read from the workflow itself, not repeated here. The site is copied
# (the files git knows, as a checkout would have them) and built in the copy, so its own
# public/ and .canting-cache/ are never touched.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
site=$(cd "${1:-$repo}" && pwd)
work=${2:-$(mktemp -d)}
workflow=${WORKFLOW:-$repo/.github/workflows/publish.yml}
base_url=${BASE_URL:-https://example.github.io/katalog}

fail() {
    echo "publish-build: $*" >&2
    exit 1
}

command -v canting >/dev/null || fail "canting is not on PATH (cargo build, then PATH=\"\$PWD/target/debug:\$PATH\")"
mkdir -p "$work"
work=$(cd "$work" && pwd)
[ -z "$(ls -A "$work")" ] || fail "$work is not empty"

# The `run: |` block of the step named "Build the site", without its indentation.
step=$(awk '
    /^ *- name: Build the site *$/ { step = index($0, "-"); next }
    step && !run && match($0, /^ *- /) && RLENGTH <= step + 1 { exit }
    step && !run && /^ *run: \|-? *$/ { run = index($0, "r"); next }
    run {
        if ($0 ~ /^ *$/) { print ""; next }
        match($0, /^ */)
        if (RLENGTH < run) exit
        if (!indent) indent = RLENGTH
        print substr($0, indent + 1)
    }
' "$workflow")
[ -n "$step" ] || fail "no \"Build the site\" step with a run: | block in $workflow"
printf '%s\n' "$step" >"$work/build-step.sh"
echo "publish-build: the build step of $workflow:"
echo "----"
cat "$work/build-step.sh"
echo "----"

# What actions/checkout would give: the files git has (and new ones it does not ignore).
mkdir "$work/checkout"
if git -C "$site" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$site" && git ls-files -z --cached --others --exclude-standard -- . |
        tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$work/checkout"
else
    cp -R "$site/." "$work/checkout/"
fi
rm -rf "$work/checkout/public" "$work/checkout/.canting-cache"

# The workflow runs its steps with `shell: bash`, which is `bash --noprofile --norc -eo pipefail`,
# in the checkout, with the step's env (BASE_URL from configure-pages).
(cd "$work/checkout" && BASE_URL="$base_url" bash --noprofile --norc -eo pipefail "$work/build-step.sh")
out="$work/checkout/public"
[ -f "$out/index.html" ] || fail "the build step made no public/index.html"

# Every site-internal href, src and srcset must start with the sub-path of the address.
rest=${base_url#*://}
host=${rest%%/*}
path=${rest#"$host"}
prefix=${path%/}/
echo "publish-build: every internal link must start with $prefix (host $host)"
(cd "$out" && grep -roE --include='*.html' "(href|src|srcset)=(\"[^\"]*\"|'[^']*'|[^ >\"']+)" .) |
    awk -v host="$host" -v prefix="$prefix" '
        {
            colon = index($0, ":")
            file = substr($0, 3, colon - 3)
            attr = substr($0, colon + 1)
            eq = index(attr, "=")
            name = substr(attr, 1, eq - 1)
            value = substr(attr, eq + 1)
            gsub(/^["\047]|["\047]$/, "", value)
            gsub(/&amp;/, "\\&", value)
            n = (name == "srcset") ? split(value, urls, ",") : split(value, urls, "\001")
            for (i = 1; i <= n; i++) {
                url = urls[i]
                sub(/^[ \t\n]+/, "", url)
                if (name == "srcset") sub(/[ \t\n].*$/, "", url)
                if (url == "" || url ~ /^#/) continue
                if (url ~ /^\/\//) url = "https:" url
                if (url ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/) {
                    if (url !~ /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//) continue   # mailto:, tel:, data:
                    rest = url
                    sub(/^[^:]*:\/\//, "", rest)
                    h = rest
                    sub(/[\/?#].*$/, "", h)
                    if (h != host) continue                                # another site
                    p = substr(rest, length(h) + 1)
                    if (p == "") p = "/"
                } else {
                    p = url
                }
                checked++
                if (p == prefix || index(p, prefix) == 1) continue
                bad++
                if (bad <= 50) printf "  %s: %s=\"%s\"\n", file, name, url
            }
        }
        END {
            printf "publish-build: %d internal links checked, %d outside %s\n", checked, bad, prefix
            exit (bad > 0 || checked == 0)
        }
    '
echo "publish-build: the site in $out links under $prefix everywhere"
