"""Load and lookup time against document size: 100 KB, 1 MB and 5 MB built from real text.

    python bench/size.py [--rounds N]

Each document repeats the built-in treaty's twelve articles, renumbered so that the
articles run 1..N as in one long treaty, between the real front matter and signatures.
Reports the median of in-process `load_document` and of a whole `treatycli --doc F show 4`
(piped), both when the text is read (no cache) and when its model was kept (snapshot.py), and
the reading time per MB, which stays flat when loading is linear. Target: 5 MB within 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import treatycli_command  # noqa: E402
from treatycli.loader import BUILTIN_PATH, load_document  # noqa: E402

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "5 MB": 5_000_000}
_HEADING = re.compile(r"^(\s*)(\d{1,2})\.(\s)")


def build(target: int) -> str:
    lines = Path(BUILTIN_PATH).read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if _HEADING.match(line))
    last = next(i for i, line in enumerate(lines) if line.strip().startswith("1999年") and i > first)
    front, articles, back = lines[:first], lines[first:last], lines[last:]
    block_size = len("\n".join(articles).encode("utf-8"))
    copies = max(1, (target - len("\n".join(front + back).encode("utf-8"))) // block_size)
    body = []
    for copy in range(copies):
        for line in articles:
            match = _HEADING.match(line)
            if match:
                number = int(match.group(2)) + 12 * copy
                line = f"{match.group(1)}{number}.{match.group(3)}{line[match.end() :]}"
            body.append(line)
    return "\n".join(front + body + back)


@contextlib.contextmanager
def kept_document(size: int):
    """(path, environment): a document of about `size` bytes, built as `build` builds it, in a
    folder of its own whose cache the environment names; removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool has its bytecode
        env = {**os.environ, "TREATYCLI_CACHE_DIR": str(Path(folder) / "cache")}
        document = Path(folder) / "document.txt"
        document.write_text(build(size), encoding="utf-8")
        yield document, env


def round_by_round(commands: dict[str, list[str]], env: dict, rounds: int) -> dict[str, list[float]]:
    """The seconds each whole command takes, piped: each run once first (keeping what it
    caches, warming the file cache and .pyc files), then all in turn, round after round, so
    that all see the same machine load."""
    from bench import run_once

    for argv in commands.values():
        run_once(argv, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            times[name].append(run_once(argv, env))
    return times


def median_time(action, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    tool = treatycli_command()
    print(
        f"{'size':<8}{'bytes':>10}{'articles':>10}{'read s':>8}{'kept s':>8}{'read s/MB':>11}"
        f"{'show 4 s':>10}{'kept':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool has its bytecode
        no_cache = {**os.environ, "TREATYCLI_CACHE_DIR": os.devnull}
        kept = {**os.environ, "TREATYCLI_CACHE_DIR": str(Path(folder) / "cache")}
        for name, target in SIZES.items():
            path = Path(folder) / f"{name.replace(' ', '')}.txt"
            path.write_text(build(target), encoding="utf-8")
            size = path.stat().st_size
            os.environ.update(no_cache)
            articles = len(load_document(path).articles)
            read = median_time(lambda p=path: load_document(p), args.rounds)
            os.environ.update(kept)
            load_document(path)  # keeps the model
            reread = median_time(lambda p=path: load_document(p), args.rounds)
            command = tool + ["--doc", str(path), "show", "4"]
            show = [
                median_time(
                    lambda c=command, e=env: subprocess.run(c, capture_output=True, check=True, env=e),
                    args.rounds,
                )
                for env in (no_cache, kept)
            ]
            print(
                f"{name:<8}{size:>10}{articles:>10}{read:>8.3f}{reread:>8.3f}{read / (size / 1e6):>11.3f}"
                f"{show[0]:>10.3f}{show[1]:>7.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
