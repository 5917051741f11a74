"""Peak memory against document size: what each MB of text adds to a command's peak.

    python bench/memory.py [--sizes 1,5] [--max-slope M] [--only NAME,...]

For each size, a document built as size.py builds it (the built-in treaty's articles,
renumbered, between its real front matter and signatures), and for each command the maximum
resident set of one whole run (piped), first with an empty cache ("cold": the text is read
and its records kept) and then again ("warm": the kept records are read). The slope is the
difference between the largest and the smallest size's peaks over the difference in MB:
what a MB of text costs, whatever the interpreter and the imports cost. Target (issue 21):
at most 3 MiB per MB. `--max-slope M` exits 1 when a slope exceeds M.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from size import build  # noqa: E402

from bench import treatycli_command  # noqa: E402

TARGET = 3.0
COMMANDS = {
    "show 4": ["show", "4"],
    "cite 4.2": ["cite", "4.2"],
    "list": ["list"],
    "grep 合作": ["grep", "合作"],
    "grep (no match)": ["grep", "无此之文"],
    "grep -c 合作": ["grep", "-c", "合作"],
    "show all --json": ["show", "all", "--json"],
    "show all": ["show", "all"],
    "export --format json": ["export", "--format", "json"],
    "export --format md": ["export", "--format", "md"],
    "export --format akn": ["export", "--format", "akn"],
    # cold: jieba segments every unit (its dictionary alone is about 100 MiB, whatever the size)
    "summarise 4": ["summarise", "4"],
    "summarise": ["summarise"],
    "summarise --json": ["summarise", "--json"],
}
# runs a command and prints the peak resident memory of that child, in KiB on Linux
PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "if done.returncode not in (0, 1):\n"
    "    sys.exit(done.stderr.decode(errors='replace'))\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_mib(argv: list[str], env: dict) -> float:
    done = subprocess.run([sys.executable, "-c", PEAK, *argv], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr}")
    return int(done.stdout) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5", help="document sizes in MB, comma-separated")
    parser.add_argument("--max-slope", type=float, default=None, help="exit 1 if a slope exceeds this")
    parser.add_argument("--only", default=None, help="the commands to measure, by name, comma-separated")
    args = parser.parse_args()
    names = list(COMMANDS) if args.only is None else args.only.split(",")
    unknown = [name for name in names if name not in COMMANDS]
    if unknown:
        parser.error(f"no command named {', '.join(unknown)}: --only takes names of {', '.join(COMMANDS)}")
    commands = {name: COMMANDS[name] for name in names}
    sizes = sorted(float(size) for size in args.sizes.split(","))
    tool = treatycli_command()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool has its bytecode
    peaks: dict[tuple[str, float], tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"{size}MB.txt"
            path.write_text(build(int(size * 1_000_000)), encoding="utf-8")
            for name, command in commands.items():
                env = {**os.environ, "TREATYCLI_CACHE_DIR": str(Path(folder) / f"cache-{size}-{name}")}
                argv = [*tool, "--doc", str(path), *command]
                peaks[name, size] = (peak_mib(argv, env), peak_mib(argv, env))
    smallest, largest = sizes[0], sizes[-1]
    print(
        f"{'command':<18}"
        + "".join(f"{f'{s:g} MB cold/warm MiB':>24}" for s in sizes)
        + "   MiB per MB cold/warm"
    )
    worst = 0.0
    for name in commands:
        cells = "".join(f"{peaks[name, s][0]:>15.1f}{peaks[name, s][1]:>9.1f}" for s in sizes)
        slopes = [
            (peaks[name, largest][i] - peaks[name, smallest][i]) / (largest - smallest)
            if largest > smallest
            else 0.0
            for i in (0, 1)
        ]
        worst = max(worst, *slopes)
        flags = "" if max(slopes) <= TARGET else "   over"
        print(f"{name:<18}{cells}   {slopes[0]:>5.2f} / {slopes[1]:<5.2f}{flags}")
    print(f"target: at most {TARGET:g} MiB per MB of text")
    return 1 if args.max_slope is not None and worst > args.max_slope else 0


if __name__ == "__main__":
    sys.exit(main())
