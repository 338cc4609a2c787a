#!/usr/bin/env bash
# Search against Pagefind on one corpus (docs/performance.md#search):
#
#   scripts/search-bench.sh [CORPUS] [RUNS]
#
# CORPUS defaults to /work/corpora/bench-10000 (made with gen_corpus.py --n 10000
# --seed 1 when missing); RUNS (default 3) cold builds each with and without search,
# alternated, into tmpfs. Then: peak memory of each (/usr/bin/time), the search
# stage from --timings, the index's bytes and files, Pagefind 1.5.2
# (`pip install 'pagefind[bin]'`) over the same output (time and memory), and the
# bytes a first query and a facet browse fetch, in Chromium (tests/browser).
set -euo pipefail
CORPUS=${1:-/work/corpora/bench-10000}
RUNS=${2:-3}
BIN=${BIN:-target/release/broadsheet}
NOW=2026-11-28T00:00:00Z
OUT=/dev/shm/search-bench
if [ ! -f "$CORPUS/site.toml" ]; then
  python3 ../shared/bench/gen_corpus.py --n 10000 --seed 1 --out "$CORPUS"
fi
build() { rm -rf "$OUT"; "$BIN" build --root "$CORPUS" --output "$OUT" --now "$NOW" "$@" >/dev/null; }
# Cold builds with and without search, alternated: wall, CPU and peak memory.
for i in $(seq "$RUNS"); do
  for flag in "" --no-search; do
    rm -rf "$OUT"
    /usr/bin/time -f "run $i ${flag:-with-search}: %e s, %U s user, %S s sys, %M KB" \
      "$BIN" build --root "$CORPUS" --output "$OUT" --now "$NOW" $flag >/dev/null
  done
done
rm -rf "$OUT"; "$BIN" build --root "$CORPUS" --output "$OUT" --now "$NOW" --timings 2>&1 | grep -E "^ *(read\+parse|search) "
echo "index: $(du -sb "$OUT/search" | cut -f1) bytes in $(find "$OUT/search" -type f | wc -l) files"
node tests/browser/search-bytes.mjs --site "$OUT" "/search/?q=flood+karachi" "/search/?agency=APP&year=2019"
build --no-search
/usr/bin/time -f "pagefind: %M KB, %e s" python3 -m pagefind --site "$OUT" --output-subdir pagefind >/dev/null
echo "pagefind: $(du -sb "$OUT/pagefind" | cut -f1) bytes in $(find "$OUT/pagefind" -type f | wc -l) files"
node tests/browser/search-bytes.mjs --site "$OUT" --pagefind "flood karachi"
# Pagefind's facets need filters on the pages: mark them, index again, browse.
python3 scripts/pagefind-filters.py "$OUT" && rm -rf "$OUT/pagefind"
/usr/bin/time -f "pagefind with filters: %M KB, %e s" python3 -m pagefind --site "$OUT" --output-subdir pagefind >/dev/null
node tests/browser/search-bytes.mjs --site "$OUT" --pagefind "" --filters '{"agency":"app","year":"2019"}'
