"""Regenerate treatycli/data/builtin.model.json: the built-in treaty as the loader reads it,
shipped so that a lookup on it neither imports nor runs the loader (snapshot.py).

    python tools/make_builtin_model.py

tests/test_snapshot.py checks that the shipped file is what this script would write now.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from treatycli.loader import BUILTIN_NAME, BUILTIN_PATH, read_document  # noqa: E402
from treatycli.snapshot import BUILTIN_MODEL, record  # noqa: E402


def builtin_record() -> dict:
    return record(read_document(Path(BUILTIN_PATH).read_bytes(), BUILTIN_NAME))


def main() -> int:
    Path(BUILTIN_MODEL).write_text(
        json.dumps(builtin_record(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {BUILTIN_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
