#!/usr/bin/env python3
"""upper_titles.py - a herald filter: upper-case every item's title, and
drop the items whose title matches a regular expression.

    herald -x exec:cmd='python3 upper_titles.py' -t text bulletin.txt
    herald -x exec:cmd="python3 upper_titles.py --drop '^Weather'" ...

herald writes the document's JSON model (doc/json.md) on standard input
and reads the changed model back from standard output; diagnostics go to
standard error, and a non-zero exit fails the document.  Only the
standard library is used.
"""
import argparse
import json
import re
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drop", metavar="REGEX",
                        help="remove items whose title matches REGEX")
    args = parser.parse_args()
    drop = re.compile(args.drop) if args.drop else None

    doc = json.load(sys.stdin)
    kept = []
    for node in doc["root"]["children"]:
        title = node.get("title")
        if node["type"] == "item" and title is not None:
            if drop and drop.search(title):
                continue
            node["title"] = title.upper()
        kept.append(node)
    dropped = len(doc["root"]["children"]) - len(kept)
    doc["root"]["children"] = kept
    if dropped:
        print("upper_titles: dropped %d item(s)" % dropped, file=sys.stderr)
    json.dump(doc, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
