"""PDF input: a 70-page PDF read through its text layer, against the same text as a file.

    python bench/pdf.py [--rounds N] [--pages N]

The PDF is written by tools/make_pdf.py from the real text of the UN's Part XI Agreement
(../shared/corpus, or tests/fixtures/en-un-resolution-annex.pdftext.txt where the corpus is
absent), repeated to `--pages` pages of 52 lines. Reports the median of a whole
`treatycli --doc F list` with no model kept (the text layer read and parsed every run), for
the PDF and for its text, and their ratio. Target: a 70-page PDF loads in under 1 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import treatycli_command  # noqa: E402

LINES_PER_PAGE = 52


def _source_lines() -> list[str]:
    shared = Path(os.environ.get("TREATYCLI_SHARED") or ROOT.parent / "shared")
    corpus = shared / "corpus" / "un-a-res-48-263-part-xi-agreement.en.pdftext.txt"
    path = corpus if corpus.exists() else ROOT / "tests" / "fixtures" / "en-un-resolution-annex.pdftext.txt"
    return path.read_text(encoding="utf-8").splitlines()


def _pdf_bytes(pages):
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pdf_bytes(pages)


def _time(argv: list[str], env: dict, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=70)
    args = parser.parse_args()
    lines = _source_lines()
    while len(lines) < args.pages * LINES_PER_PAGE:
        lines = lines + lines
    lines = lines[: args.pages * LINES_PER_PAGE]
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    with tempfile.TemporaryDirectory() as scratch:
        pdf, text = Path(scratch) / "doc.pdf", Path(scratch) / "doc.txt"
        pdf.write_bytes(_pdf_bytes(pages))
        text.write_text("\n".join(lines), encoding="utf-8")
        # no model kept: every run reads the text layer and parses it
        env = {**os.environ, "TREATYCLI_CACHE_DIR": os.devnull}
        command = treatycli_command()
        from_pdf = _time([*command, "--doc", str(pdf), "list"], env, args.rounds)
        from_text = _time([*command, "--doc", str(text), "list"], env, args.rounds)
        size = pdf.stat().st_size
    print(f"{args.pages} pages, {len(lines)} lines, a PDF of {size:,} bytes")
    print(f"list from the PDF   {from_pdf:.3f} s (median of {args.rounds})")
    print(f"list from its text  {from_text:.3f} s")
    print(f"PDF / text          {from_pdf / from_text:.2f}x")


if __name__ == "__main__":
    main()
