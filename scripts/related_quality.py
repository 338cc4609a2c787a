#!/usr/bin/env python3
"""Precision@k of related news against a story-cluster truth file.

    broadsheet related --all --json --root SITE > related.json
    scripts/related_quality.py related.json truth.json [--k 5]

related.json: {slug: [{"slug": ..., "score": ...}, ...]} as `broadsheet related --all --json`
prints it. truth.json: {slug: cluster_id} as `gen_corpus.py --truth` writes it (drafts left out).

Precision@k is the share of an article's k related links that lie in its own cluster,
averaged over the articles whose cluster has at least k + 1 members (so k right links
exist). A missing link counts as a wrong one. Standard library only.
"""
import argparse
import json
import sys
from collections import Counter


def resolve(truth, related):
    """Maps the truth file's slugs to the keys of the related lists.

    The generator cuts slugs of long titles at 72 characters on a word boundary and
    broadsheet at 80 characters, so a long title's truth slug is a prefix of its
    broadsheet slug. Such slugs are matched longest first, each to the one unclaimed
    key that extends it. Returns ({key: cluster}, how many were matched by prefix)."""
    by_prefix = {}
    for key in related:
        cut = key
        while "-" in cut:
            cut = cut.rsplit("-", 1)[0]
            if len(cut) <= 72:
                by_prefix.setdefault(cut, []).append(key)
    cluster_of = {slug: cluster for slug, cluster in truth.items() if slug in related}
    rest = sorted((s for s in truth if s not in related), key=lambda s: (-len(s), s))
    for slug in rest:
        keys = [k for k in by_prefix.get(slug, []) if k not in cluster_of and k not in truth]
        if len(keys) != 1:
            raise SystemExit("error: `%s` of the truth file matches %d related keys: %s" % (slug, len(keys), keys))
        cluster_of[keys[0]] = truth[slug]
    return cluster_of, len(rest)


def precision_at_k(related, cluster_of, k):
    """Returns (precision, articles scored, articles with a full list)."""
    sizes = Counter(cluster_of.values())
    total, scored, full = 0.0, 0, 0
    for key, cluster in cluster_of.items():
        if sizes[cluster] < k + 1:
            continue
        top = [link["slug"] for link in related[key][:k]]
        full += len(top) == k
        total += sum(1 for s in top if cluster_of.get(s) == cluster) / k
        scored += 1
    return (total / scored if scored else 0.0), scored, full


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("related", help="output of `broadsheet related --all --json` (- for stdin)")
    ap.add_argument("truth", help="truth file of gen_corpus.py")
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    with (sys.stdin if args.related == "-" else open(args.related, encoding="utf-8")) as f:
        related = json.load(f)
    with open(args.truth, encoding="utf-8") as f:
        truth = json.load(f)
    cluster_of, prefixed = resolve(truth, related)
    p, scored, full = precision_at_k(related, cluster_of, args.k)
    print("precision@%d = %.4f over %d articles (%d with %d links; %d truth slugs matched by prefix)"
          % (args.k, p, scored, full, args.k, prefixed))


if __name__ == "__main__":
    main()
