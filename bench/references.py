"""`show` of many references against `show all`, on a 5 MB document, in one run.

    python bench/references.py [--rounds N] [--count N] [--size BYTES]

The document is built as bench/size.py builds its documents (the built-in treaty's twelve
articles repeated and renumbered between the real front matter and signatures: about 10,500
articles at 5 MB), and its model kept in a fresh cache first, so that every command reads it
as a user's second run does. Then, interleaved round by round so that all see the same machine
load, it times whole commands, piped: `show all`, and `show` of `--count` references (10,000
by default) spread over the whole document in each form the grammar reads them in: keys of
paragraphs (`4.2`), articles (`4`), citations (`第4条第2款`) and ranges of paragraphs
(`4.1-4.2`). It prints the medians and each one's ratio to `show all`.
Target (issue 21): each at most 2× `show all`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from size import kept_document, round_by_round  # noqa: E402  (bench/size.py)

from bench import treatycli_command  # noqa: E402

SIZE = 5_000_000
COUNT = 10_000
TARGET = 2.0  # × `show all`
SEED = 21


def references(path: Path, count: int) -> dict[str, list[str]]:
    """`count` references of each form, to units picked at random over the whole document."""
    from treatycli.loader import load_document

    doc = load_document(path)
    pick = random.Random(SEED)
    paragraphs = [(a.number, p.number, len(a.paragraphs)) for a in doc.articles for p in a.paragraphs]
    chosen = [pick.choice(paragraphs) for _ in range(count)]
    return {
        "keys (4.2)": [f"{a}.{p}" for a, p, _ in chosen],
        "articles (4)": [str(a) for a, _, _ in chosen],
        "citations (第4条第2款)": [f"第{a}条第{p}款" for a, p, _ in chosen],
        "ranges (4.1-4.2)": [f"{a}.1-{a}.{n}" for a, _, n in chosen],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--size", type=int, default=SIZE)
    args = parser.parse_args()
    with kept_document(args.size) as (document, env):
        os.environ.update(env)  # the references are picked from the model, which this keeps
        base = treatycli_command() + ["--doc", str(document)]
        commands = {"show all": base + ["show", "all"]}
        commands.update(
            {name: base + ["show", *refs] for name, refs in references(document, args.count).items()}
        )
        times = round_by_round(commands, env, args.rounds)
    print(f"document {args.size / 1e6:.1f} MB, {args.count} references, rounds {args.rounds}")
    print(f"{'command':<28}{'median s':>10}{'ratio':>8}")
    reference = statistics.median(times["show all"])
    worst = 0.0
    for name in commands:
        median = statistics.median(times[name])
        ratio = median / reference
        if name != "show all":
            worst = max(worst, ratio)
        flag = "  over target" if name != "show all" and ratio > TARGET else ""
        label = name if name == "show all" else f"show {args.count:,} {name}"
        print(f"{label:<28}{median:>10.3f}{ratio:>8.2f}{flag}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
