"""Regenerate treatycli/data/builtin.words.json: jieba's segmentation of the built-in treaty,
shipped so that `grep -w` on it never waits for jieba.

    python tools/make_builtin_words.py

tests/test_grep.py checks that the shipped file is what this script would write now.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from treatycli.loader import load_document  # noqa: E402
from treatycli.search import leaves_in_scope  # noqa: E402
from treatycli.segment import segment  # noqa: E402
from treatycli.units import build_units  # noqa: E402
from treatycli.words import BUILTIN_WORDS, record, units_digest  # noqa: E402


def builtin_record() -> dict:
    root = build_units(load_document())
    leaves = leaves_in_scope(root, [root])
    lengths, names = segment(leaves)
    return record(units_digest(leaves), lengths, names)


def write_record(path: str, record: dict) -> None:
    """As the package ships it: compact UTF-8 JSON, one line."""
    Path(path).write_text(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {path}")


def main() -> int:
    write_record(BUILTIN_WORDS, builtin_record())
    return 0


if __name__ == "__main__":
    sys.exit(main())
