"""Which script a character is written in: the one definition every reader and writer uses.

Two classes matter to a treaty text. *Wide* characters belong to scripts written without
spaces between words (CJK ideographs with their radicals and kana, Hangul, compatibility and
full-width forms): a hard wrap between two of them is joined with no space, and a space between
two of them in PDF text stood for lost punctuation. *Han* characters are the Chinese
characters themselves: what the library's single-character index holds, and what a Chinese
name or title is made of.
"""

from __future__ import annotations

# (first, last) code points, inclusive
WIDE_RANGES = (
    (0x2E80, 0x9FFF),  # CJK radicals, punctuation, kana, bopomofo, Han (with extension A)
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3FFFF),  # Han beyond the basic plane
)
HAN_RANGES = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # extensions B and beyond
)


def _class(ranges) -> str:
    """A regular-expression class of the ranges."""

    def char(code: int) -> str:
        return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"

    return "[" + "".join(f"{char(first)}-{char(last)}" for first, last in ranges) + "]"


WIDE = _class(WIDE_RANGES)  # for a pattern: one wide character
# for a pattern: one letter, digit or mark of a script written with spaces (Latin, Cyrillic,
# Arabic), full-width Latin letters and digits too (Ｐａｒｔｉｅｓ is one word)
SPACED_WORD = "[^\\W" + WIDE[1:-1] + "]|[\u0300-\u036f\u064b-\u065f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]"
HAN = _class(HAN_RANGES)  # for a pattern: one Chinese character


def is_wide(ch: str) -> bool:
    """Is `ch` written without spaces around it? (Called per character: plain comparisons.)"""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def is_han(ch: str) -> bool:
    code = ord(ch)
    return any(first <= code <= last for first, last in HAN_RANGES)


def has_wide(text: str) -> bool:
    """Does the text hold a character of a script written without spaces (Chinese, say)?"""
    return any(is_wide(ch) for ch in text)
