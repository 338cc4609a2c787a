#!/usr/bin/env bash
# The cost of editions (issue #24): a site of N stories, half of them Urdu, built as
# two editions (English at /, Urdu at /ur/) against the same stories built as one
# edition, and against the two halves built as two single-edition sites.
#
#   scripts/bench-editions.sh              # 10k stories, 3 rounds
#   N=2000 RUNS=5 scripts/bench-editions.sh
#   OUTDIR=/dev/shm RUNS=5 scripts/bench-editions.sh   # outputs in memory
#
# Generates the corpus (../shared/bench/gen_corpus.py --n N --seed 1) under $WORK
# (default /tmp/editions), then marks every other story (in file-name order) `lang:
# ur`. Four sites share those files:
#   two      the whole corpus with [[editions]] en at / and ur at /ur/
#   one      the whole corpus, no editions (every story on one set of lists)
#   en, ur   each half alone, no editions (`language = "ur"` for the Urdu one)
# Each round builds the four, one after another, into fresh output folders (release
# build, --no-search so the index, which editions do not change, does not dilute
# the figure), so all see the same machine load; the ratios are of the medians.
# Target (docs/performance.md): two ≤ 1.1 × (en + ur); also reported: two / one.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/editions}
# Where the outputs go: OUTDIR=/dev/shm keeps the disk's writeback out of the figure
# (on ext4 a build writing twice the bytes can be throttled more than twice as long).
OUTDIR=${OUTDIR:-$WORK}
GEN=${GEN:-../shared/bench/gen_corpus.py}
# From a worktree under /work/wt/, the shared folder is two levels up.
[ -f "$GEN" ] || GEN=../../shared/bench/gen_corpus.py
NOW=${NOW:-2026-11-28T00:00:00Z}
BIN=$PWD/target/release/broadsheet

cargo build --release --quiet
mkdir -p "$WORK"
corpus="$WORK/corpus-$N"
if [ ! -f "$corpus/site.toml" ]; then
  python3 "$GEN" --n "$N" --seed 1 --out "$corpus" >/dev/null
  # Every other story is Urdu: front matter wins over detection.
  (cd "$corpus" && find content -name '*.md' | sort | awk 'NR % 2 == 0' |
    while read -r f; do sed -i '1a lang: ur' "$f"; done)
  rm -f "$corpus/published-urls.txt"
fi

# site NAME: a copy of the corpus's site.toml beside its own content folder.
make_site() {
  local name=$1 site="$WORK/site-$N-$1"
  rm -rf "$site"
  mkdir -p "$site"
  cp "$corpus/site.toml" "$site/site.toml"
  case $name in
    two|one) cp -al "$corpus/content" "$site/content" ;;
    en|ur)
      # The half of the stories in one language, as hard links.
      (cd "$corpus" && find content -name '*.md' | sort) | while read -r f; do
        if grep -q '^lang: ur$' "$corpus/$f"; then lang=ur; else lang=en; fi
        [ "$lang" = "$name" ] || continue
        mkdir -p "$site/$(dirname "$f")"
        ln "$corpus/$f" "$site/$f"
      done ;;
  esac
  case $name in
    two) printf '\n[[editions]]\nlang = "en"\n\n[[editions]]\nlang = "ur"\npath = "ur"\n' >>"$site/site.toml" ;;
    ur) sed -i 's/^language = .*/language = "ur"/' "$site/site.toml" ;;
  esac
  echo "$site"
}
declare -A SITE
for name in two one en ur; do SITE[$name]=$(make_site "$name"); done

# Seconds one build of site NAME takes (fresh output folder).
build() {
  local out="$OUTDIR/out-$N-$1"
  rm -rf "$out"
  local start end
  start=$(date +%s.%N)
  "$BIN" build --quiet --no-search --root "${SITE[$1]}" --output "$out" --now "$NOW"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A TIMES
for round in $(seq "$RUNS"); do
  for name in two one en ur; do
    t=$(build "$name")
    TIMES[$name]+="$t "
    echo "round $round: $name ${t}s" >&2
  done
done
pages() { find "$OUTDIR/out-$N-$1" -name '*.html' | wc -l; }
declare -A MED
for name in two one en ur; do
  MED[$name]=$(echo "${TIMES[$name]}" | tr ' ' '\n' | grep . | median)
  printf '%-4s median %6.2f s  (%s)  %d HTML pages\n' "$name" "${MED[$name]}" "${TIMES[$name]% }" "$(pages "$name")"
done
awk -v two="${MED[two]}" -v one="${MED[one]}" -v en="${MED[en]}" -v ur="${MED[ur]}" 'BEGIN {
  printf "two editions / (en + ur as two sites) = %.2f  (target <= 1.10)\n", two / (en + ur)
  printf "two editions / one edition            = %.2f\n", two / one
}'
rm -rf "$OUTDIR"/out-"$N"-* "$WORK"/site-"$N"-*
