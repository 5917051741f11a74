"""Where output goes and in what form: Rich on a terminal, plain lines on a pipe, or JSON.

Document text is data: `clean` keeps its control characters from reaching a terminal, and
the Rich renderers wrap text in `Text` objects so that `[bold]` in a treaty stays `[bold]`.
"""

from __future__ import annotations

import os
import re
import sys

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match) -> str:
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def clean(text: str) -> str:
    """Text safe for a terminal: control and bidi-override characters shown as symbols."""
    return _CONTROL.sub(_picture, text)


def clean_cell(text: str) -> str:
    """Text for one tab-separated field: no tabs or newlines inside it."""
    return clean(text.replace("\t", " ").replace("\n", " "))


def is_terminal(stream=None) -> bool:
    """Is output going to a person? One small function, so tests can monkeypatch it."""
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def use_rich(color: str) -> bool:
    return color == "always" or (color == "auto" and is_terminal())


def colour_enabled(color: str) -> bool:
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    return is_terminal()


def _escape_unsafe(text: str) -> str:
    """JSON leaves C1 controls and bidi overrides raw under ensure_ascii=False: escape them."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def to_json(value) -> str:
    import json

    return _escape_unsafe(json.dumps(value, ensure_ascii=False, indent=2))


def to_json_line(value) -> str:
    import json

    return _escape_unsafe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def write(text: str) -> None:
    """Write once, in UTF-8 whatever the locale says."""
    out = sys.stdout
    data = text if text.endswith("\n") or not text else text + "\n"
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data.encode("utf-8"))
        buffer.flush()
    else:
        out.write(data)
        out.flush()


def print_rich(renderables: list, color: str) -> None:
    from rich.console import Console

    console = Console(
        force_terminal=True if color == "always" else None,
        no_color=not colour_enabled(color),
        highlight=False,
        markup=False,
        emoji=False,
    )
    for renderable in renderables:
        console.print(renderable)
