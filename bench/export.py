"""Whole-process export time of a 300 KB document, in every format.

    python bench/export.py [--rounds N]

The document is built from the built-in treaty as bench/size.py builds its documents (its
twelve articles repeated and renumbered between the real front matter and signatures). Each
format runs as a user runs it, `treatycli --doc F export --format X`, piped to a file
(sqlite with -o, into a fresh path each round); the report gives the median seconds.
Target: every text format (json, jsonl, md, akn) within 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from size import build  # noqa: E402  (bench/size.py)

from bench import treatycli_command  # noqa: E402

SIZE = 300_000
FORMATS = ("json", "jsonl", "md", "akn", "sqlite")
TARGET = 0.5  # seconds, for the text formats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    tool = treatycli_command()
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "300KB.txt"
        document.write_text(build(SIZE), encoding="utf-8")
        print(f"document {document.stat().st_size} bytes, rounds {args.rounds}, command {' '.join(tool)}")
        print(f"{'format':<8}{'median s':>10}{'output bytes':>14}")
        worst = 0.0
        for export_format in FORMATS:
            times, size = [], 0
            for round_ in range(args.rounds + 1):  # the first round warms the file cache
                output = Path(folder) / f"out-{export_format}-{round_}"
                command = [*tool, "--doc", str(document), "export", "--format", export_format]
                if export_format == "sqlite":
                    command += ["-o", str(output)]
                with open(output if export_format != "sqlite" else Path(folder) / "stdout", "wb") as stdout:
                    start = time.perf_counter()
                    subprocess.run(command, stdout=stdout, check=True)
                    elapsed = time.perf_counter() - start
                size = output.stat().st_size
                if round_:
                    times.append(elapsed)
            median = statistics.median(times)
            if export_format != "sqlite":
                worst = max(worst, median)
            flag = "  over target" if export_format != "sqlite" and median > TARGET else ""
            print(f"{export_format:<8}{median:>10.3f}{size:>14}{flag}")
    return 1 if worst > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
