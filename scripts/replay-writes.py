#!/usr/bin/env python3
"""What creating a built site's files costs by itself, on this machine's file system.

Reads every file of an output folder into memory, then creates the same tree in a
new folder from two forked processes (half the files each, in path order): one
`mkdir` per folder, then `open`, `write` and `close` per file, as a build's writer
threads do. Prints the wall time of the creation alone and the workers' user and
system time. Compare with a build into a new folder of the same file system
(docs/performance.md, "What creating the files costs by itself"):

    scripts/replay-writes.py /work/corpora/bench-10000-public /work/trash/floor/r1
"""

import multiprocessing
import os
import sys
import time

if len(sys.argv) != 3:
    sys.exit(__doc__)
SRC, DST = sys.argv[1], sys.argv[2]
if os.path.exists(DST):
    sys.exit(f"{DST} exists; give a new folder")

FILES = []
for folder, _, names in os.walk(SRC):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            FILES.append((os.path.relpath(path, SRC), f.read()))
FILES.sort()
HALF = len(FILES) // 2
PARTS = [FILES[:HALF], FILES[HALF:]]


def create(i):
    """Creates part `i` (inherited through fork, not sent); returns its CPU times."""
    made = set()
    for rel, data in PARTS[i]:
        folder = os.path.join(DST, os.path.dirname(rel))
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        fd = os.open(os.path.join(DST, rel), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    t = os.times()
    return t.user, t.system


if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(abs, [1, 2])  # both workers started before the clock
        start = time.perf_counter()
        times = pool.map(create, [0, 1])
        wall = time.perf_counter() - start
    size = sum(len(d) for _, d in FILES) / 1e6
    print(
        f"{len(FILES)} files, {size:.0f} MB: wall {wall:.2f} s, "
        f"user {sum(t[0] for t in times):.2f} s, system {sum(t[1] for t in times):.2f} s"
    )
