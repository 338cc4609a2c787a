#!/usr/bin/env bash
# WordPress import benchmark (issue #23): `broadsheet import wordpress` against
# wordpress-export-to-markdown 2.2 (npm, the most used converter) on the same
# generated export, runs alternating, with wall time and peak memory from
# /usr/bin/time -v; then a re-import that changes nothing, against the first import.
#
#   scripts/bench-import.sh                 # 100,000 posts, 3 runs of each
#   N=10000 RUNS=5 scripts/bench-import.sh
#   SPLIT=10 scripts/bench-import.sh       # the same export cut into 10 files (below)
#
# Work files (the export, the converter, the outputs) go to $WORK (default
# /work/corpora/import-bench), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
WORK=${WORK:-/work/corpora/import-bench}
# BIN=path runs that binary as it is (no build). Each run also times the floor:
# `cp -r` of broadsheet's content/ (the same files created, nothing converted).
if [ -n "${BIN:-}" ]; then :; else BIN=$PWD/target/release/broadsheet; cargo build --release --quiet; fi

[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 2; }
command -v node >/dev/null || { echo "node is needed for the baseline" >&2; exit 2; }

mkdir -p "$WORK"
export_file="$WORK/wxr-$N.xml"
[ -s "$export_file" ] || python3 scripts/gen-wxr.py "$N" > "$export_file"
# SPLIT=K cuts the export into K files, as WordPress's export splitters do. The
# converter takes one file per run, so it runs K times one after another (its times
# summed, its peak the largest); broadsheet imports the K files in one command. The
# point: with the whole export the converter opens every output file at once and,
# past the open-file limit, fails to write most of them (in its favour); with parts
# under the limit it writes every file, so both tools do the same work.
inputs=("$export_file")
if [ -n "${SPLIT:-}" ]; then
  inputs=()
  for i in $(seq 1 "$SPLIT"); do inputs+=("$WORK/wxr-$N-split$SPLIT-$i.xml"); done
  [ -s "${inputs[-1]}" ] || python3 scripts/split-wxr.py "$export_file" "$SPLIT" "$WORK/wxr-$N-split$SPLIT"
fi
wetm="$WORK/wetm/node_modules/wordpress-export-to-markdown/index.js"
if [ ! -f "$wetm" ]; then
  mkdir -p "$WORK/wetm"
  npm install --prefix "$WORK/wetm" --no-audit --no-fund wordpress-export-to-markdown@2.2 >&2
fi
# The converter waits 25 ms between file writes by design (settings.js,
# markdown_file_write_delay: 2,500 s of waiting at 100,000 posts). With THROTTLE=0 (the
# default) that wait is set to 0 in the benchmark's own copy, so what is measured is
# its work, not its pause; THROTTLE=1 keeps the converter as shipped.
settings="$(dirname "$wetm")/src/settings.js"
if [ "${THROTTLE:-0}" = 0 ]; then
  sed -i 's/^exports.markdown_file_write_delay = .*/exports.markdown_file_write_delay = 0;/' "$settings"
else
  sed -i 's/^exports.markdown_file_write_delay = .*/exports.markdown_file_write_delay = 25;/' "$settings"
fi
# It parses the whole export in memory: give Node the heap a large export needs.
NODE_HEAP_MB=${NODE_HEAP_MB:-16384}

# Runs a command under /usr/bin/time; prints "seconds peak_MB".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
              /Maximum resident set size/ { kb = $2 }
              END { printf "%.2f %.0f\n", s, kb / 1024 }' "$log"
  rm -f "$log"
}

# Earlier outputs are moved aside, never deleted before a measurement: on ext4 creating
# files soon after deleting a big tree is several times slower (see performance.md),
# which would measure the benchmark's own `rm -rf`. They are deleted at the end.
trash="$WORK/trash"
mkdir -p "$trash"
aside() { [ -e "$1" ] && mv "$1" "$trash/$(basename "$1").$(date +%s%N)" || true; }
fresh_site() {
  aside "$1"
  "$BIN" init "$1" > /dev/null
  rm -rf "$1/content"
}

echo "export: $export_file ($(du -mL "$export_file" | cut -f1) MB, $N posts, in ${#inputs[@]} file(s))"
printf '%-4s %-28s %10s %10s\n' run tool seconds peak_MB
for r in $(seq 1 "$RUNS"); do
  out="$WORK/wetm-out"
  aside "$out"
  sync
  s=0 m=0 part=0
  for input in "${inputs[@]}"; do
    part=$((part + 1))
    read -r ps pm < <(measure node --max-old-space-size="$NODE_HEAP_MB" "$wetm" --wizard=false --input="$input" --output="$out/$part" \
      --year-folders=true --month-folders=true --post-folders=false --prefix-date=false \
      --save-attached-images=false --save-scraped-images=false --include-other-types=true)
    s=$(awk -v a="$s" -v b="$ps" 'BEGIN { printf "%.2f", a + b }'); [ "$pm" -gt "$m" ] && m=$pm
  done
  printf '%-4s %-28s %10s %10s\n' "$r" "wordpress-export-to-markdown" "$s" "$m"
  site="$WORK/site"
  fresh_site "$site"
  sync
  read -r s m < <(measure "$BIN" import wordpress "${inputs[@]}" --root "$site")
  printf '%-4s %-28s %10s %10s\n' "$r" "broadsheet import" "$s" "$m"
  sync
  read -r s m < <(measure "$BIN" import wordpress "${inputs[@]}" --root "$site")
  printf '%-4s %-28s %10s %10s\n' "$r" "broadsheet re-import" "$s" "$m"
  # The floor under any importer here: creating the same folders and files with the
  # same bytes and nothing else (`cp -r` of broadsheet's content/, from the page cache).
  floor="$WORK/floor"
  aside "$floor"
  sync
  read -r s m < <(measure cp -r "$site/content" "$floor")
  printf '%-4s %-28s %10s %10s\n' "$r" "floor: cp -r of the output" "$s" "$m"
done
echo "articles written by broadsheet: $(find "$WORK/site/content" -name '*.md' | wc -l)"
# The converter opens every file at once when its write delay is 0: past the open-file
# limit (ulimit -n) the rest fail, so it does less work than it should, in its favour.
echo "files written by the converter: $(find "$WORK/wetm-out" -name '*.md' | wc -l) (open-file limit: $(ulimit -n))"
rm -rf "$trash"
