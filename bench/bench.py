"""Time whole treatycli commands against the bare interpreter, in one run, several rounds.

    python bench/bench.py [--rounds N]

Each command runs piped (stdout to a pipe, as in a script), interleaved with `python -I -c
pass` from the same environment so that both see the same machine load; the report gives
medians and the ratio to the bare interpreter. Targets: each lookup at most 5x (completing a
reference too), grep -w (segmentation cached) 5.5x.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "show 4": ["show", "4"],
    "list": ["list"],
    "info": ["info"],
    "show 4.2 --json": ["show", "4.2", "--json"],
    "grep 合作": ["grep", "合作"],
    "grep -w 条约": ["grep", "-w", "条约"],
    "cite 4.2": ["cite", "4.2"],
    "complete show <TAB>": [],
}
# What a shell sets when <TAB> is pressed after `treatycli show ` (bash, with Typer's script).
ENVIRONMENTS = {
    "complete show <TAB>": {
        "_TREATYCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "treatycli show ",
        "COMP_CWORD": "2",
    }
}
TARGETS = {"grep -w 条约": 5.5}  # with its segmentation cached, as it ships for the built-in treaty
TARGET = 5.0


def treatycli_command() -> list[str]:
    """The installed console script beside this interpreter, else `python -m treatycli`."""
    script = Path(sys.executable).parent / "treatycli"
    if script.exists():
        return [str(script)]
    found = shutil.which("treatycli")
    return [found] if found else [sys.executable, "-m", "treatycli"]


def run_once(argv: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--max-ratio", type=float, default=None, help="exit 1 if a ratio exceeds this")
    args = parser.parse_args()
    # as users run it: bytecode cached (a shell with PYTHONDONTWRITEBYTECODE would compile every module)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TREATYCLI_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    bare = [sys.executable, "-I", "-c", "pass"]
    tool = treatycli_command()
    times: dict[str, list[float]] = {"bare": [], **{name: [] for name in COMMANDS}}
    for name, argv in COMMANDS.items():  # warm the file cache and .pyc files
        run_once(tool + argv, {**env, **ENVIRONMENTS.get(name, {})})
    for _ in range(args.rounds):
        times["bare"].append(run_once(bare, env))
        for name, argv in COMMANDS.items():
            times[name].append(run_once(tool + argv, {**env, **ENVIRONMENTS.get(name, {})}))
    base = statistics.median(times["bare"])
    print(f"python {sys.version.split()[0]}  rounds {args.rounds}  command {' '.join(tool)}")
    print(f"{'command':<20}{'median ms':>10}{'ratio':>8}")
    print(f"{'python -I -c pass':<20}{base * 1000:>10.1f}{1.0:>8.2f}")
    worst = 0.0
    for name in COMMANDS:
        median = statistics.median(times[name])
        ratio = median / base
        worst = max(worst, ratio)
        flag = "" if ratio <= TARGETS.get(name, TARGET) else "  over target"
        print(f"{name:<20}{median * 1000:>10.1f}{ratio:>8.2f}{flag}")
    if args.max_ratio is not None and worst > args.max_ratio:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
