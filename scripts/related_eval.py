#!/usr/bin/env python3
"""Scores related lists against the truth of scripts/gen_hard_corpus.py.

    scripts/related_eval.py related.json truth.json [--k 5] [--name broadsheet]

related.json: {slug: [{"slug": ...}, ...]}, as `broadsheet related --all --json` prints
it and as the Hugo site of scripts/hugo-related writes it (public/index.json).
truth.json: {slug: {"cluster", "story", "topics", "lang", "date"}}.

Prints one line per language slice (all, en, ur):

- precision@k: the share of an article's k links in its own running story (cluster),
  over the articles whose cluster holds at least k + 1 different stories, so k right
  links to k different stories exist. A missing link counts as wrong.
- topic-overlap@k: the share of an article's k links that share at least one editors'
  topic with it, over every article with a topic label. A missing link counts as wrong.
- repeats: the share of links that add no story to the list: a second version of a
  story already linked, or a version of the article's own story older than it.
- full: the share of articles with k links.

Standard library only.
"""
import argparse
import json
import sys
from collections import defaultdict


def score(related, truth, k, lang=None):
    stories_in = defaultdict(set)
    for slug, t in truth.items():
        stories_in[t["cluster"]].add(t["story"])
    p_sum = p_n = t_sum = t_n = rep = links = full = arts = 0
    for slug, t in truth.items():
        if lang and t["lang"] != lang:
            continue
        arts += 1
        top = [l["slug"] for l in related.get(slug, [])][:k]
        full += len(top) == k
        seen = set()
        for s in top:
            links += 1
            if s not in truth:
                continue
            story = truth[s]["story"]
            rep += story in seen or (story == t["story"] and truth[s]["date"] < t["date"])
            seen.add(story)
        if len(stories_in[t["cluster"]]) >= k + 1:
            p_sum += sum(1 for s in top if s in truth and truth[s]["cluster"] == t["cluster"]) / k
            p_n += 1
        if t["topics"]:
            mine = set(t["topics"])
            t_sum += sum(1 for s in top if s in truth and mine & set(truth[s]["topics"])) / k
            t_n += 1
    return dict(
        articles=arts,
        precision=p_sum / p_n if p_n else float("nan"), scored=p_n,
        topic=t_sum / t_n if t_n else float("nan"), labelled=t_n,
        repeats=rep / links if links else 0.0, full=full / arts if arts else 0.0,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("related")
    ap.add_argument("truth")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--name", default="")
    args = ap.parse_args()
    with (sys.stdin if args.related == "-" else open(args.related, encoding="utf-8")) as f:
        related = json.load(f)
    with open(args.truth, encoding="utf-8") as f:
        truth = json.load(f)
    missing = sum(1 for s in truth if s not in related)
    if missing:
        print("warning: %d truth articles have no related list" % missing, file=sys.stderr)
    for lang in (None, "en", "ur"):
        r = score(related, truth, args.k, lang)
        if not r["articles"]:
            continue
        print("%-12s %-3s precision@%d %.3f (%d)  topic-overlap@%d %.3f (%d)  repeats %.3f  full %.3f" % (
            args.name, lang or "all", args.k, r["precision"], r["scored"], args.k, r["topic"], r["labelled"],
            r["repeats"], r["full"]))


if __name__ == "__main__":
    main()
