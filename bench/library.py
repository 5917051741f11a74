"""A library of real documents at 10 MB and 100 MB, against ripgrep over the same files.

    pip install -c .ci/constraints.txt '.[bench]' && python bench/library.py [--rounds N] [--sizes 10,100] [--distinct]

Documents: the shared corpus (../shared/corpus, or $TREATYCLI_SHARED/corpus) and the built-in
treaty, copied under numbered names until the folder holds the size asked for, plus one
fixture (tests/fixtures/en-treaty.txt) once, whose BOREALIA is a literal in few documents.
Copies hold the same bytes, which the library stores once; --distinct appends ⟨N⟩ to every
longer line of copy N, so that every document, and nearly every unit, is text of its own: the
worst case for the index and for `library add`.

For each size it times `library add` of the folder (MB/s), then, interleaved with `rg -l -F`
over the folder and `python -I -c pass`: grep -l for the rare literal, for a common one (合作),
grep -l -w (条约), and `show NAME:REF`. It prints medians, ratios to rg and to the bare
interpreter, and the library's size per MB of text. Targets (issue 12): rare literal ≤ 3× rg at
100 MB and ≤ 1.5× its own time at 10 MB; any literal ≤ 5× rg; -w ≤ 8× rg; show ≤ 5× bare;
add ≥ 5 MB/s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import treatycli_command  # noqa: E402

SHARED = Path(os.environ.get("TREATYCLI_SHARED") or ROOT.parent / "shared")
RARE = "BOREALIA"


def sources() -> list[Path]:
    corpus = sorted(
        p for p in (SHARED / "corpus").glob("*") if p.suffix in (".txt", ".md") and p.name[0] != "P"
    )
    return corpus + [ROOT / "seeds" / "ru-tj-allied-cooperation-1999.zh.txt"]


def build(folder: Path, megabytes: int, distinct: bool) -> int:
    """Fill `folder` with numbered copies to about `megabytes` MB; the bytes written."""
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sources()]
    total, number = 0, 0
    while total < megabytes * 1_000_000:
        for name, text in texts:
            number += 1
            if distinct:
                text = re.sub(r"(?m)^(.{20,})$", lambda m, n=number: f"{m.group(1)} ⟨{n}⟩", text)
            path = folder / f"{number:05d}-{name}"
            path.write_text(text, encoding="utf-8")
            total += path.stat().st_size
    shutil.copy(ROOT / "tests" / "fixtures" / "en-treaty.txt", folder / "unique-en-treaty.txt")
    return total


def median_time(argv: list[str], env: dict, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sizes", default="10,100", help="library sizes in MB, comma-separated")
    parser.add_argument("--distinct", action="store_true", help="make every copy's text its own")
    args = parser.parse_args()
    beside = Path(sys.executable).parent / "rg"  # the bench extra's rg, in this environment
    rg = str(beside) if beside.exists() else shutil.which("rg")
    tool = treatycli_command()
    # as users run it: bytecode cached (a shell with PYTHONDONTWRITEBYTECODE would compile every module)
    base_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TREATYCLI_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    print(
        f"python {sys.version.split()[0]}  rounds {args.rounds}  {'distinct' if args.distinct else 'copies'}"
    )
    if rg is None:
        print(
            "rg not found (pip install -c .ci/constraints.txt '.[bench]'): the comparison with ripgrep is skipped"
        )
    rare_times = {}
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "docs"
            folder.mkdir()
            written = build(folder, size, args.distinct)
            env = {**base_env, "TREATYCLI_LIBRARY": str(Path(scratch) / "library.db"),
                   "TREATYCLI_CACHE_DIR": str(Path(scratch) / "cache")}  # fmt: skip
            start = time.perf_counter()
            subprocess.run(tool + ["library", "add", str(folder)], capture_output=True, env=env, check=True)
            added = time.perf_counter() - start
            database = sum(f.stat().st_size for f in Path(scratch).glob("library.db*"))
            documents = len(list(folder.iterdir()))
            print(f"\n{size} MB: {documents} documents, {written / 1e6:.1f} MB of text")
            print(f"  library add   {added:7.1f} s   {written / 1e6 / added:6.1f} MB/s   "
                  f"library {database / 1e6:.1f} MB ({database / written:.2f} bytes per byte of text)")  # fmt: skip
            name = sorted(p.stem.split(".")[0] for p in folder.iterdir() if "bbnj" in p.name)[0]
            queries = {
                f"grep -l {RARE}": (tool + ["grep", "-l", RARE, "--library"], ["-l", "-F", RARE]),
                "grep -l 合作": (tool + ["grep", "-l", "合作", "--library"], ["-l", "-F", "合作"]),
                "grep -l -w 条约": (
                    tool + ["grep", "-l", "-w", "条约", "--library"],
                    ["-l", "-w", "-F", "条约"],
                ),
            }
            for argv, _ in queries.values():  # warm: -w segments each document once, then it is cached
                subprocess.run(argv, capture_output=True, env=env)
            bare = median_time([sys.executable, "-I", "-c", "pass"], env, args.rounds)
            show = median_time(tool + ["show", f"{name}:5"], env, args.rounds)
            print(
                f"  show {name}:5   {show * 1000:7.1f} ms   {show / bare:5.2f}x bare ({bare * 1000:.1f} ms)"
            )
            for label, (argv, rg_args) in queries.items():
                ours = median_time(argv, env, args.rounds)
                line = f"  {label:<16}{ours * 1000:7.1f} ms"
                if rg:
                    theirs = median_time([rg, *rg_args, str(folder)], env, args.rounds)
                    line += f"   rg {theirs * 1000:6.1f} ms   {ours / theirs:5.2f}x rg"
                print(line)
                if label.startswith("grep -l BOREALIA"):
                    rare_times[size] = ours
    if len(rare_times) > 1:
        small, large = min(rare_times), max(rare_times)
        print(f"\nrare literal, {large} MB / {small} MB: {rare_times[large] / rare_times[small]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
