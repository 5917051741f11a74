"""summarise against its targets, measured against the bare interpreter in the same run.

    python bench/summarise.py [--rounds N]

- Warm runs (the built-in treaty's summaries ship with the package), piped: `summarise` and
  `summarise 4` as typed (through the Typer app), and the summarise work alone (the same
  call without an argument parser), as median times and ratios to `python -I -c pass`.
  Target: the whole command at most 6x.
- Peak memory (maximum resident set) of each warm run. Target: at most 40 MiB.
- The first run on a new 300 KB document (the built-in treaty's articles repeated, see
  size.py): with jieba's dictionary already in the cache, as after any earlier first run, and
  with an empty cache. Target: at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from size import build  # noqa: E402

from bench import treatycli_command  # noqa: E402

RATIO_TARGET = 6.0
MEMORY_TARGET_MIB = 40.0
FIRST_RUN_TARGET_S = 3.0
NEW_DOCUMENT_BYTES = 300_000
# the summarise work without an argument parser: what the command costs once the fast path
# reads its arguments
WORK_ONLY = (
    "import sys\nfrom treatycli.commands.settings import Settings\nfrom treatycli.commands.summarise import run_summarise\n"
    "sys.exit(run_summarise(Settings(), sys.argv[1:]))\n"
)
# runs a command and prints the peak resident memory of that child, in KiB on Linux
PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(argv: list[str], env: dict, cpu: list | None = None) -> float:
    """Wall seconds of one run; its CPU seconds (user + system) appended to `cpu` if given:
    on a busy machine they say what the run itself costs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def peak_mib(argv: list[str], env: dict) -> float:
    done = subprocess.run([sys.executable, "-c", PEAK, *argv], capture_output=True, env=env, check=True)
    kib = int(done.stdout.decode().split()[-1])
    return kib / 1024 if sys.platform != "darwin" else kib / (1 << 20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--first-rounds", type=int, default=3)
    args = parser.parse_args()
    tool = treatycli_command()
    bare = [sys.executable, "-I", "-c", "pass"]
    work = [sys.executable, "-c", WORK_ONLY]
    commands = {
        "summarise": tool + ["summarise"],
        "summarise 4": tool + ["summarise", "4"],
        "work: summarise": work,
        "work: summarise 4": work + ["4"],
    }
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        env = {k: v for k, v in os.environ.items() if not k.startswith("TREATYCLI_")}
        env["TREATYCLI_CACHE_DIR"] = str(cache)
        for argv in commands.values():  # warm the file cache and .pyc files
            timed(argv, env)
        times: dict[str, list[float]] = {"bare": [], **{name: [] for name in commands}}
        for _ in range(args.rounds):
            times["bare"].append(timed(bare, env))
            for name, argv in commands.items():
                times[name].append(timed(argv, env))
        base = statistics.median(times["bare"])
        print(f"python {sys.version.split()[0]}  rounds {args.rounds}  command {' '.join(tool)}")
        print(f"{'warm, piped':<22}{'median ms':>10}{'ratio':>8}{'peak MiB':>10}")
        print(f"{'python -I -c pass':<22}{base * 1000:>10.1f}{1.0:>8.2f}{peak_mib(bare, env):>10.1f}")
        for name, argv in commands.items():
            median = statistics.median(times[name])
            memory = peak_mib(argv, env)
            over = []
            if not name.startswith("work") and median / base > RATIO_TARGET:
                over.append("ratio")
            if memory > MEMORY_TARGET_MIB:
                over.append("memory")
            failed = failed or bool(over)
            flag = f"  over target ({', '.join(over)})" if over else ""
            print(f"{name:<22}{median * 1000:>10.1f}{median / base:>8.2f}{memory:>10.1f}{flag}")

        document = Path(folder) / "new.txt"
        document.write_text(build(NEW_DOCUMENT_BYTES), encoding="utf-8")
        first = tool + ["--doc", str(document), "summarise"]
        results: dict[str, list[float]] = {"empty cache": [], "dictionary cached": []}
        cpu: dict[str, list[float]] = {state: [] for state in results}
        for _ in range(args.first_rounds):
            shutil.rmtree(cache, ignore_errors=True)
            # this run leaves jieba's dictionary cached
            results["empty cache"].append(timed(first, env, cpu["empty cache"]))
            for record in cache.glob("*.json"):
                record.unlink()  # a new document again
            results["dictionary cached"].append(timed(first, env, cpu["dictionary cached"]))
        size = document.stat().st_size
        print(f"\nfirst run on a new {size // 1000} KB document (median of {args.first_rounds})")
        print(f"{'':<22}{'wall s':>10}{'cpu s':>8}")
        for state, runs in results.items():
            median = statistics.median(runs)
            flag = "" if median <= FIRST_RUN_TARGET_S else "  over target"
            failed = failed or bool(flag)
            print(f"{state:<22}{median:>10.2f}{statistics.median(cpu[state]):>8.2f}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
