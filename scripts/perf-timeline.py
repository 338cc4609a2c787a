#!/usr/bin/env python3
"""How many cores a build kept busy, window by window, and what ran in each window.

Finds the stretches where a build runs on one core while the other waits (issue 7:
the work between parse and render). Reads `perf script` output of a recording made
with a call graph, for example:

    perf record --call-graph dwarf,8192 -F 1499 -o /tmp/b.data \
        target/release/broadsheet build --root SITE --output /dev/shm/out
    perf script -i /tmp/b.data -F tid,time,ip,sym > /tmp/b.txt
    scripts/perf-timeline.py /tmp/b.txt 1499 0.05

Prints one line per window: its start (seconds from the first sample), the cores
busy (samples in the window / (frequency x window)), and the three functions most
often on top of the stack there, counting the innermost broadsheet frame (or an
allocator, drop or std::fs frame) rather than the library code under it.
"""

import collections
import re
import sys

OURS = re.compile(r"broadsheet::(?!render::Ctx::render$)|rayon_core::join|alloc::|drop_in_place|std::fs")


def samples(path):
    """(time, [frames, innermost first]) per sample."""
    current = None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif line[0] not in " \t":
                fields = line.split()
                current = (float(fields[1].rstrip(":")), [])
            elif current is not None:
                parts = line.strip().split(None, 1)
                if len(parts) > 1:
                    current[1].append(parts[1])
    if current:
        yield current


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, hz, window = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    buckets = collections.defaultdict(list)
    start = None
    for time, frames in samples(path):
        start = time if start is None else start
        buckets[int((time - start) / window)].append(frames)
    for b in sorted(buckets):
        stacks = buckets[b]
        top = collections.Counter()
        for frames in stacks:
            frame = next((f for f in frames if OURS.search(f)), frames[0] if frames else "?")
            top[re.sub(r"\+0x[0-9a-f]+.*", "", frame)[:90]] += 1
        shown = ", ".join(f"{name} {n}" for name, n in top.most_common(3))
        print(f"{b * window:6.2f}s {len(stacks) / (hz * window):4.2f}  {shown}")


if __name__ == "__main__":
    main()
