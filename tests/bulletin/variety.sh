#!/bin/sh
# variety.sh - the reader's structure on the variety set
# (tests/bulletin/variety: releases, wire stories, datelines in several
# languages, plain-text headings, captions, signatures; documents written
# for the project, gold in the corpus format).  score.py, the corpus'
# scorer, is taken from $HERALD_SHARED/corpus or ../shared/corpus beside
# the source tree; without it or python3 the test is skipped (77).
#
# Floors: the structure score, and each of date, title F1 and paragraph
# accuracy, must stay at or above what the recognisers reach today, so a
# change that breaks one layout fails here.
set -u
herald="${top_builddir:-.}/herald"
srcdir="${top_srcdir:-.}"
shared="${HERALD_SHARED:-$srcdir/../shared}"
score="$shared/corpus/score.py"
set_dir="$srcdir/tests/bulletin/variety"

[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
[ -f "$score" ] || { echo "SKIP: no $score"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-variety.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

python3 "$score" --gold "$set_dir/gold" --docs "$set_dir" \
	--cmd "$herald -t json" --per-doc --json "$tmp/score.json" || exit 1

# structure date title_f1 paras: the floors, in that order
python3 - "$tmp/score.json" 0.99 1.00 0.97 0.99 <<'PY'
import json, sys
total = json.load(open(sys.argv[1]))["total"]
floors = dict(zip(["structure", "date", "title_f1", "paras"],
                  map(float, sys.argv[2:])))
bad = [f"{k} {total[k]:.3f} < {v:.2f}" for k, v in floors.items()
       if total[k] + 1e-9 < v]
if total["docs"] < 20 or total["refused"]:
    bad.append(f"{total['docs']} documents, {total['refused']} refused")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
