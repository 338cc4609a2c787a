#!/usr/bin/env bash
# Proves two binaries build the same bytes: builds the demo site (this repository)
# and a bench corpus with each, at a fixed time, then compares the output trees file
# by file (`diff -r`). The build's own records (`.broadsheet/`: caches and manifest,
# keyed by each binary's build id) are left out; every page, feed, sitemap and static
# file is compared. Exit status 0 only when everything is identical.
#
#   scripts/same-output.sh OLD_BINARY NEW_BINARY [CORPUS...]
#   scripts/same-output.sh /tmp/broadsheet-old target/release/broadsheet /work/site10k
#
# A corpus is a site folder, e.g. one made by
#   python3 ../shared/bench/gen_corpus.py --n 10000 --seed 1 --flavor broadsheet --out /work/site10k
# Outputs go to $OUT (default: a fresh folder under $TMPDIR, removed afterwards);
# TMPDIR=/dev/shm keeps them in memory, which is minutes faster at 10k on ext4.
# DEMO=DIR compares another copy of the demo site (one both binaries can read, e.g.
# `git archive OLD content site.toml static themes | tar -x -C DIR`).
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
NOW=${NOW:-2026-11-28T00:00:00Z}
if [ -n "${OUT:-}" ]; then
  work=$OUT
  mkdir -p "$work"
else
  work=$(mktemp -d -p "${TMPDIR:-/tmp}")
  trap 'rm -rf "$work"' EXIT
fi

status=0
for site in "${DEMO:-$repo}" "$@"; do
  site=$(realpath "$site")
  name=$(basename "$site")
  for which in old new; do
    bin=${!which}
    out="$work/$name-$which"
    rm -rf "$out"
    TZ=UTC "$bin" build --root "$site" --output "$out" --now "$NOW" >/dev/null 2>"$work/$name-$which.log" \
      || { echo "$name: the $which binary failed:" >&2; cat "$work/$name-$which.log" >&2; exit 1; }
  done
  files=$(find "$work/$name-new" -type f -not -path '*/.broadsheet/*' | wc -l)
  if diff -r --exclude=.broadsheet "$work/$name-old" "$work/$name-new" >"$work/$name.diff"; then
    echo "$name: identical ($files files)"
  else
    echo "$name: DIFFERENT ($(grep -c '^diff\|^Only in' "$work/$name.diff" || true) files; first lines below)"
    head -20 "$work/$name.diff"
    status=1
  fi
  # The same warnings and errors, in the same order (paths differ only by output).
  if ! diff <(sed "s#$work/$name-old#OUT#g" "$work/$name-old.log" | grep -v '^built ') \
            <(sed "s#$work/$name-new#OUT#g" "$work/$name-new.log" | grep -v '^built '); then
    echo "$name: the diagnostics differ"
    status=1
  fi
done
exit $status
