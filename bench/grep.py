"""grep on a 5 MB document, in one run: literal, no match, counts, -l, and -E with many -e.

    python bench/grep.py [--rounds N] [--size BYTES]

The document is built as bench/size.py builds its documents (the built-in treaty's twelve
articles repeated and renumbered, about 10,500 articles at 5 MB), and its model kept in a
fresh cache first, as a user's second run finds it. Then, interleaved round by round so that
all see the same machine load, it times whole commands, piped: `show 4` (reading the kept
model, which a grep of the whole document no longer needs: searchable.py), and grep for a literal that every
copy holds once (萨雷兹湖), a literal no unit holds, a common one counted (-c 合作) and listed
by document (-l 合作), one regular expression, and ten -e regular expressions that match
nowhere, printed as lines and counted (-c, which needs every match's span). It prints the
medians, each one's ratio to `show 4`, and the difference.
Targets (issue 21): a whole grep within 0.2 s; ten -E patterns costing what one does (one scan).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from size import kept_document, round_by_round  # noqa: E402  (bench/size.py)

from bench import treatycli_command  # noqa: E402

SIZE = 5_000_000
TARGET = 0.2  # seconds, a whole grep on 5 MB (issue 21)
# ten patterns none of the document's units holds: names of states the treaty does not name
NOWHERE = ["澳大利亚", "巴西", "阿根廷", "智利", "秘鲁", "古巴", "墨西哥", "加拿大", "挪威", "芬兰"]
TEN = [argument for name in NOWHERE for argument in ("-e", rf"{name}\d?")]
COMMANDS = {
    "show 4": ["show", "4"],
    "grep 萨雷兹湖": ["grep", "萨雷兹湖"],
    "grep (no match)": ["grep", "无此之文"],
    "grep -c 合作": ["grep", "-c", "合作"],
    "grep -l 合作": ["grep", "-l", "合作"],
    "grep -E (1 pattern)": ["grep", "-E", "-e", rf"{NOWHERE[0]}\d?"],
    "grep -E (10 -e)": ["grep", "-E", *TEN],
    "grep -c -E (1 pattern)": ["grep", "-c", "-E", "-e", rf"{NOWHERE[0]}\d?"],
    "grep -c -E (10 -e)": ["grep", "-c", "-E", *TEN],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--size", type=int, default=SIZE)
    args = parser.parse_args()
    tool = treatycli_command()
    with kept_document(args.size) as (document, env):
        commands = {name: tool + ["--doc", str(document), *argv] for name, argv in COMMANDS.items()}
        times = round_by_round(commands, env, args.rounds)
    print(f"document {args.size / 1e6:.1f} MB, rounds {args.rounds}, command {' '.join(tool)}")
    print(f"{'command':<24}{'median s':>10}{'ratio':>8}{'+ show 4':>10}")
    floor = statistics.median(times["show 4"])
    for name in COMMANDS:
        median = statistics.median(times[name])
        flag = "  over target" if name.startswith("grep") and median > TARGET else ""
        print(f"{name:<24}{median:>10.3f}{median / floor:>8.2f}{median - floor:>10.3f}{flag}")
    ten, one = (statistics.median(times[f"grep -c -E ({n})"]) for n in ("10 -e", "1 pattern"))
    print(f"10 -E patterns / 1, counted: {ten / one:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
