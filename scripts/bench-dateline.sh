#!/usr/bin/env bash
# The dateline parser against an older one on the same leads, in the same sitting:
# checks out OLD (default 1cdea15, the parser before issue 20) in a temporary git
# worktree outside the repository, copies examples/dateline_mix.rs (and the
# benches/common/mix.rs it includes) into it, builds
# that harness in release on both sides (one shared target folder, so dependencies
# build once), then runs old and new in turn, ROUNDS times, and prints each run and
# the ratio of the medians. With valgrind on PATH it also counts instructions per
# lead (callgrind: the same count whatever else the machine is doing). The worktree
# is removed on exit.
#
#   scripts/bench-dateline.sh [LEADS_FILE]            # default benches/leads.txt
#   OLD=abc1234 ROUNDS=9 SAMPLES=40 scripts/bench-dateline.sh
#
# Needs git and cargo. Figures and method: docs/performance.md (Hot functions).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
leads=$(realpath "${1:-$repo/benches/leads.txt}")
OLD=${OLD:-1cdea15}
ROUNDS=${ROUNDS:-7}
SAMPLES=${SAMPLES:-30}
target=${CARGO_TARGET_DIR:-$repo/target}

work=$(mktemp -d -p "${TMPDIR:-/tmp}" bench-dateline.XXXXXX)
cleanup() {
  git -C "$repo" worktree remove --force "$work/old" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/old" "$OLD" >/dev/null 2>&1
mkdir -p "$work/old/examples" "$work/old/benches/common"
# Under another name, so both sides share one target folder (dependencies built
# once) without one binary replacing the other.
cp "$repo/examples/dateline_mix.rs" "$work/old/examples/dateline_mix_old.rs"
cp "$repo/benches/common/mix.rs" "$work/old/benches/common/"

echo "building old ($OLD) and new harnesses (release)..." >&2
(cd "$work/old" && CARGO_TARGET_DIR=$target cargo build --release --quiet --example dateline_mix_old)
(cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --example dateline_mix)
cp "$target/release/examples/dateline_mix_old" "$work/old-bin"
cp "$target/release/examples/dateline_mix" "$work/new-bin"

: >"$work/old.txt"
: >"$work/new.txt"
for round in $(seq "$ROUNDS"); do
  o=$("$work/old-bin" "$leads" "$SAMPLES")
  n=$("$work/new-bin" "$leads" "$SAMPLES")
  echo "round $round: old $o | new $n"
  echo "$o" | cut -d' ' -f1 >>"$work/old.txt"
  echo "$n" | cut -d' ' -f1 >>"$work/new.txt"
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fastest() { sort -g "$1" | head -1; }
awk -v o="$(median "$work/old.txt")" -v n="$(median "$work/new.txt")" \
  -v fo="$(fastest "$work/old.txt")" -v fn="$(fastest "$work/new.txt")" 'BEGIN {
  printf "median per lead: old %.1f ns, new %.1f ns; new/old = %.2f\n", o, n, n / o
  printf "fastest round:   old %.1f ns, new %.1f ns; new/old = %.2f\n", fo, fn, fn / fo
}'
if command -v valgrind >/dev/null; then
  instructions() { # binary passes -> total instructions
    PASSES=$2 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" "$leads" 2>&1 |
      awk '/Collected/ {print $4}'
  }
  o1=$(instructions "$work/old-bin" 1) o2=$(instructions "$work/old-bin" 11)
  n1=$(instructions "$work/new-bin" 1) n2=$(instructions "$work/new-bin" 11)
  # Ten passes of 1,000 leads between the two runs of each side.
  awk -v o=$((o2 - o1)) -v n=$((n2 - n1)) 'BEGIN {
    printf "instructions per lead: old %.0f, new %.0f; new/old = %.2f\n", o / 1e4, n / 1e4, n / o
  }'
fi
