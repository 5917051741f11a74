"""Regenerate treatycli/data/builtin.summaries.json: the summaries of the built-in treaty's
units, shipped so that `summarise` on it never waits for jieba.

    python tools/make_builtin_summaries.py

tests/test_summarise.py checks that the shipped file is what this script would write now.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_builtin_words import write_record  # noqa: E402

from treatycli.loader import load_document  # noqa: E402
from treatycli.summaries import BUILTIN_SUMMARIES, digest, to_record  # noqa: E402
from treatycli.summarising import compute  # noqa: E402
from treatycli.units import build_units  # noqa: E402


def builtin_record() -> dict:
    doc = load_document()
    root = build_units(doc)
    summaries, _ = compute(doc, root)
    summaries = summaries._replace(units=dict(summaries.units))
    return json.loads(json.dumps(to_record(digest(doc, root), summaries), ensure_ascii=False))


def main() -> int:
    write_record(BUILTIN_SUMMARIES, builtin_record())
    return 0


if __name__ == "__main__":
    sys.exit(main())
