#!/usr/bin/env bash
# The publishing workload (issue #22): what one newsroom action changes in the output
# of a large archive, and what the rebuild costs against a cold build.
#
#   scripts/bench-publish.sh                 # 10k articles, 3 timed rounds
#   N=100000 RUNS=1 scripts/bench-publish.sh
#   FLAGS=--no-search scripts/bench-publish.sh   # extra build flags (here: no index)
#
# Generates the corpus (../shared/bench/gen_corpus.py --n N --seed 1) once under
# $CORPORA (default /work/corpora), copies it to a scratch site, cold-builds it, then
# for each case (add one story, edit one story's body, withdraw one story) applies
# the change, rebuilds over the previous output and counts the output files added,
# changed and removed (sha1 of every file before and after; broadsheet's own
# .broadsheet/ folder is left out). The counts are checked against what
# `build --changes` reported. Each case is undone before the next.
#
# Times: RUNS rounds, each a cold build (fresh output folder) then the add-one-story
# rebuild over it, alternating, so both see the same machine load; the ratio is of
# the medians. Targets (docs/performance.md): add ≤ 100 files at 10k (≤ 150 at
# 100k), edit ≤ 30, withdraw ≤ 100; rebuild ≤ 0.25 of cold (0.2 at 100k).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-/work/corpora}
GEN=${GEN:-../shared/bench/gen_corpus.py}
# From a worktree under /work/wt/, the shared folder is two levels up.
[ -f "$GEN" ] || GEN=../../shared/bench/gen_corpus.py
NOW=${NOW:-2026-11-28T00:00:00Z}
BIN=$PWD/target/release/broadsheet

cargo build --release --quiet
mkdir -p "$CORPORA"
corpus="$CORPORA/bench-$N"
[ -f "$corpus/site.toml" ] || python3 "$GEN" --n "$N" --seed 1 --out "$corpus" >/dev/null
scratch=$(mktemp -d "$CORPORA/publish-$N.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
site="$scratch/site"
out="$scratch/public"
cp -r "$corpus" "$site"
rm -f "$site/published-urls.txt"

# shellcheck disable=SC2086 # FLAGS is a list of flags
build() { "$BIN" build --quiet --root "$site" --output "$1" --now "$NOW" ${FLAGS:-} "${@:2}"; }
# `hash path` for every output file, sorted by path.
snapshot() {
  (cd "$1" && find . -type f ! -path './.broadsheet/*' -printf '%P\0' | sort -z | xargs -0 sha1sum) >"$2"
}
# Prints `added changed removed` between two snapshots.
diff_counts() {
  awk 'NR == FNR { old[$2] = $1; next }
       { if (!($2 in old)) added++; else if (old[$2] != $1) changed++; seen[$2] = 1 }
       END { for (p in old) if (!(p in seen)) removed++; printf "%d %d %d\n", added, changed, removed }' "$1" "$2"
}

# The cases. The new story is the newest, in the corpus's biggest topic and tags.
newest=$(cd "$site/content" && ls -d */ | sort | tail -1)
story="$site/content/${newest%/}/12/bench-new-story.md"
add() {
  mkdir -p "$(dirname "$story")"
  cat >"$story" <<'EOF'
---
title: "Port workers end strike after pay deal in Karachi"
date: 2024-12-31T18:05:00+05:00
dateline: KARACHI
agencies: [APP]
topics: [Pakistan, Business]
tags: [Pakistan, Karachi, Trade]
author: Bench Desk
---
KARACHI, DEC 31 (APP) – Dock workers at the city's two container terminals returned to work on Tuesday evening after the port authority agreed to a pay rise, ending a four-day strike that had left dozens of ships waiting at anchor.

Union leaders said the deal raised daily wages by a fifth and promised a review of overtime rules by March. Shipping agents said the backlog would take about a week to clear.
EOF
}
unadd() { rm -f "$story"; }
# A story from the middle of the archive.
victim=$(cd "$site" && find content -name '*.md' | sort | awk -v n="$N" 'NR == int(n / 2)')
cp "$site/$victim" "$scratch/victim.md"
# A desk's usual fix: a few words added to the story's last paragraph (the card, its
# summary and reading time, stays as it was unless the minute count tips over).
edit() { sed -i '$ s/\.$/, officials added on Monday./' "$site/$victim"; }
withdraw() { sed -i '0,/^---$/!{0,/^---$/s/^---$/withdrawn: true\n---/}' "$site/$victim"; }
restore() { cp "$scratch/victim.md" "$site/$victim"; }

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "corpus: $N articles ($corpus); edited and withdrawn: $victim; flags: ${FLAGS:-none}"
build "$out"
snapshot "$out" "$scratch/base"
echo "cold build: $(wc -l <"$scratch/base") files"
printf '%-10s %7s %7s %7s %7s %7s  %s\n' case added changed removed total search/ "--changes (added changed removed)"
for case in add edit withdraw; do
  "$case"
  build "$out" --changes "$scratch/changes"
  snapshot "$out" "$scratch/after"
  read -r a c r < <(diff_counts "$scratch/base" "$scratch/after")
  reported=$(awk -F'\t' '{n[$1]++} END {printf "%d %d %d", n["added"], n["changed"], n["removed"]}' "$scratch/changes")
  # Of the total, the search index's files (one word shard per distinct word of the story).
  read -r sa sc sr < <(diff_counts <(grep ' search/' "$scratch/base") <(grep ' search/' "$scratch/after"))
  printf '%-10s %7d %7d %7d %7d %7d  %s\n' "$case" "$a" "$c" "$r" $((a + c + r)) $((sa + sc + sr)) "$reported"
  cp "$scratch/changes" "$CORPORA/publish-$N-$case.changes"
  case $case in add) unadd ;; *) restore ;; esac
  build "$out"
done

# Alternating timed rounds: cold, then add one story over that output.
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
colds=(); adds=()
for i in $(seq "$RUNS"); do
  rm -rf "$out"; sync
  colds+=("$(ms build "$out")")
  add
  adds+=("$(ms build "$out")")
  unadd
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
cold=$(median "${colds[@]}"); rebuild=$(median "${adds[@]}")
echo "cold ms: ${colds[*]} (median $cold); add-one rebuild ms: ${adds[*]} (median $rebuild)"
awk -v a="$rebuild" -v c="$cold" 'BEGIN { printf "rebuild/cold: %.3f\n", a / c }'
