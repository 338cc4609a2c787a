#!/usr/bin/env bash
# What a build costs without template work (issue #7): the lower bound that no
# template engine could go below on this machine (a renderer without Tera might
# also skip the template values this build still makes: cards, fingerprints).
#
# Makes "$CORPORA/floor-N", a copy of the bench corpus "$CORPORA/bench-N" (its
# content hard-linked: its files take no more disk) whose site `templates/` replace
# every page template of the default theme with a minimal one: an article page is
# its title and its body HTML, every other page its title. Everything else is the
# same build: discover, read, parse, index, related news, the parse cache, the
# article bodies rendered again from their files, feeds, sitemaps, fingerprints and
# one file written per page (the same 21,885 files at 10k, with fewer bytes).
# Then it alternates builds of the real site and of the floor site, each into a
# new folder under DEST, and prints each run and the medians.
#
#   scripts/template-floor.sh                       # 10k, 5 runs each, into tmpfs
#   N=100000 RUNS=2 DEST=/work/scratch scripts/template-floor.sh   # ext4
#
# DEST is a folder on the file system to measure: /dev/shm (tmpfs, the default)
# or one on disk. Outputs on disk are left there (deleting a big tree right away
# slows the next runs' file creation on ext4, see scripts/bench.sh); delete them
# when you are done. Needs the bench corpus (scripts/bench.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-5}
CORPORA=${CORPORA:-/work/corpora}
DEST=${DEST:-/dev/shm}
NOW=${NOW:-2026-11-28T00:00:00Z}
BIN=$PWD/target/release/broadsheet
real="$CORPORA/bench-$N"
floor="$CORPORA/floor-$N"

[ -f "$real/site.toml" ] || { echo "no corpus at $real: run SIZES=$N scripts/bench.sh first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed: apt-get install -y time" >&2; exit 2; }
cargo build --release --quiet
if [ ! -d "$floor/content" ]; then
  mkdir -p "$floor"
  cp -al "$real/content" "$floor/content"
fi
# The links are made once: a bench corpus generated again since then is not what
# the floor site holds.
first=$(find "$real/content" -name '*.md' -print -quit)
[ "$first" -ef "$floor/content/${first#"$real/content/"}" ] || {
  echo "$floor/content is not linked to $real/content (generated again?): delete $floor and run again" >&2
  exit 2
}
cp "$real/site.toml" "$floor/site.toml"
mkdir -p "$floor/templates"
printf '%s\n' '<!doctype html><html lang="en"><title>{{ page.title }}</title>{% block content %}{% endblock content %}</html>' \
  >"$floor/templates/base.html"
printf '%s\n' '{% extends "base.html" %}{% block content %}{{ article.body | safe }}{% endblock content %}' \
  >"$floor/templates/article.html"
for t in list index terms 404; do
  printf '%s\n' '{% extends "base.html" %}{% block content %}{{ page.title }}{% endblock content %}' \
    >"$floor/templates/$t.html"
done

# Warm the page cache for the corpus (reads are not what this measures).
find "$real/content" -name '*.md' -print0 | xargs -0 cat >/dev/null
tag=$(date +%s)
results=$(mktemp)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), $N articles into $DEST"
for i in $(seq 1 "$RUNS"); do
  for kind in real floor; do
    site=$real
    [ "$kind" = floor ] && site=$floor
    out="$DEST/template-floor-$tag-$kind-$i"
    sync
    /usr/bin/time -f "$kind %e %U %S %M" -o "$results.run" \
      "$BIN" build --root "$site" --output "$out" --now "$NOW" >/dev/null
    read -r k wall user sys peak <"$results.run"
    echo "$k $wall $user $sys $peak" >>"$results"
    echo "$kind run $i: $wall s wall, $user s user, $sys s system, $((peak / 1024)) MB peak"
    # tmpfs holds its files in memory: free it for the next run.
    case "$DEST" in /dev/shm*) rm -rf "$out" ;; esac
  done
done
python3 - "$results" <<'EOF'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    kind, wall, user, sys_, peak = line.split()
    runs.setdefault(kind, []).append((float(wall), float(user), float(sys_)))
for kind in ("real", "floor"):
    r = runs[kind]
    walls = sorted(w for w, _, _ in r)
    print(f"{kind}: median {statistics.median(walls):.2f} s ({walls[0]:.2f}-{walls[-1]:.2f}), "
          f"user {statistics.median(u for _, u, _ in r):.2f} s, system {statistics.median(s for _, _, s in r):.2f} s")
real = statistics.median(w for w, _, _ in runs["real"])
floor = statistics.median(w for w, _, _ in runs["floor"])
print(f"templates: {real - floor:.2f} s of the real build's {real:.2f} s ({(real - floor) / real:.0%})")
EOF
rm -f "$results" "$results.run"
