"""Dates as treaties write them (1999年4月16日, 一九九九年四月十六日, 16 April 1999) → ISO."""

from __future__ import annotations

import re

from ..numerals import CHINESE_NUMERAL_CHARS, parse_number

_N = rf"[0-9０-９{CHINESE_NUMERAL_CHARS}]"
_ZH = re.compile(rf"({_N}{{4}})\s*年\s*({_N}{{1,3}})\s*月\s*({_N}{{1,4}})\s*日")
_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(" + "|".join(_MONTHS) + r")"
_EN_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?{_MONTH},?\s+(\d{{4}})", re.I)
_EN_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})", re.I)


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if not year or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str) -> str | None:
    """The first date in the text, as YYYY-MM-DD, or None."""
    if match := _ZH.search(text):
        return _iso(*(parse_number(group) for group in match.groups()))
    if match := _EN_DMY.search(text):
        day, month, year = match.groups()
        return _iso(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    if match := _EN_MDY.search(text):
        month, day, year = match.groups()
        return _iso(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in the text as (start, end, YYYY-MM-DD), in order of appearance."""
    found = []
    for pattern in (_ZH, _EN_DMY, _EN_MDY):
        for match in pattern.finditer(text):
            if pattern is _ZH:
                year, month, day = (parse_number(group) for group in match.groups())
            elif pattern is _EN_DMY:
                day, month, year = match.groups()
                year, month, day = int(year), _MONTHS.index(month.lower()) + 1, int(day)
            else:
                month, day, year = match.groups()
                year, month, day = int(year), _MONTHS.index(month.lower()) + 1, int(day)
            iso = _iso(year, month, day)
            if iso:
                found.append((match.start(), match.end(), iso))
    return sorted(found)
