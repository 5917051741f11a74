"""The global options of a run (--doc, --encoding, --color, --max-size, --library), read and
checked once, whichever parser read them."""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import TreatyError
from ..limits import DEFAULT_MAX_SIZE

COLORS = ("auto", "always", "never")
_SIZE = re.compile(r"(?P<number>\d{1,12})\s*(?P<unit>[kmg]?)i?b?", re.I)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class Settings(
    namedtuple(
        "Settings",
        "doc encoding color max_size library",
        defaults=((), None, "auto", DEFAULT_MAX_SIZE, False),
    )
):
    """Global options: the documents to load (--doc, any number), their encoding, the colour
    choice, the size limit, and whether to read every document of the library."""

    __slots__ = ()


GLOBAL_KEYS = Settings._fields


def check_color(color: str) -> str:
    if color not in COLORS:
        raise TreatyError(f"--color takes auto, always or never, not {color!r}")
    return color


def parse_size(text: str) -> int:
    """Bytes from `--max-size`: 5000000, 500K, 64M, 1G (powers of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise TreatyError(f"--max-size takes a size such as 500K, 64M or 1G, not {text!r}")
    return int(match.group("number")) * _SIZE_UNITS[match.group("unit").lower()]


def settings_from(values: dict, base: Settings | None = None) -> Settings:
    """`base` (the defaults) with the global options that were given applied (a --doc adds a
    document to those given before); other keys (the group's --version) are not settings."""
    changes = {
        key: value for key, value in values.items() if key in GLOBAL_KEYS and value not in (None, (), False)
    }
    base = base or Settings()
    if "doc" in changes:
        changes["doc"] = (*base.doc, *changes["doc"])
    if "color" in changes:
        check_color(changes["color"])
    if isinstance(changes.get("max_size"), str):
        changes["max_size"] = parse_size(changes["max_size"])
    return base._replace(**changes)
