#!/usr/bin/env python3
"""Cuts a WordPress export into K files, as WordPress's own export splitters do.

    python3 scripts/split-wxr.py EXPORT.xml K OUT_PREFIX   # OUT_PREFIX-1.xml ... -K.xml

Every file repeats the channel's header (site, authors, categories) and holds a run of
items; an attachment item stays in the file of the item before it (its post). The cut
is by item count, so the files are about the same size. Reads an export of the shape
scripts/gen-wxr.py writes: one `<item>` and one `</item>` per line.
"""

import sys


def main():
    path, k, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    header, groups, item, footer = [], [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if item is not None:
                item.append(line)
                if line.startswith("</item>"):
                    text = "".join(item)
                    if "<wp:post_type><![CDATA[attachment]]>" in text and groups:
                        groups[-1] += text
                    else:
                        groups.append(text)
                    item = None
            elif line.startswith("<item>"):
                item = [line]
            elif groups:
                footer.append(line)
            else:
                header.append(line)
    head, tail = "".join(header), "".join(footer)
    per = -(-len(groups) // k)
    for i in range(k):
        with open(f"{prefix}-{i + 1}.xml", "w", encoding="utf-8") as out:
            out.write(head)
            out.writelines(groups[i * per:(i + 1) * per])
            out.write(tail)


if __name__ == "__main__":
    main()
