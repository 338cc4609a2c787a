#!/usr/bin/env bash
# The dateline parser against an older one on the same leads, in the same sitting:
# checks out OLD (default 1cdea15, the parser before issue 20) in a temporary git
# worktree outside the repository, copies examples/dateline_mix.rs (and the
# benches/common/mix.rs it includes) into it, builds
# that harness in release on both sides (one shared target folder, so dependencies
# build once), then runs old and new in turn, ROUNDS times, and prints each run and
# the ratio of the medians. The worktree is removed on exit.
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
  git -C "$repo" worktree prune
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/old" "$OLD" >/dev/null 2>&1
mkdir -p "$work/old/examples" "$work/old/benches/common"
cp "$repo/examples/dateline_mix.rs" "$work/old/examples/"
cp "$repo/benches/common/mix.rs" "$work/old/benches/common/"

# The old side builds into its own target subfolder: its library has the same
# package name, and mixing the two would rebuild each side every time.
echo "building old ($OLD) and new harnesses (release)..." >&2
(cd "$work/old" && CARGO_TARGET_DIR=$target/bench-dateline-old \
  cargo build --release --quiet --example dateline_mix)
(cd "$repo" && CARGO_TARGET_DIR=$target cargo build --release --quiet --example dateline_mix)
cp "$target/bench-dateline-old/release/examples/dateline_mix" "$work/old-bin"
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
mo=$(median "$work/old.txt")
mn=$(median "$work/new.txt")
awk -v o="$mo" -v n="$mn" 'BEGIN {
  printf "median per lead: old %.1f ns, new %.1f ns; new/old = %.2f\n", o, n, n / o
}'
