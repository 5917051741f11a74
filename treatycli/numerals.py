"""Chinese numerals as documents write them: 十二, 一百零九, 二十一, formal 壹贰叁, traditional 貳參."""

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)
# 第八条之二 is the article inserted after 8, keyed as the Latin convention writes it: 8bis
INSERTED_SUFFIXES = {"二": "bis", "三": "ter", "四": "quater", "五": "quinquies", "六": "sexies"}


def parse_number(text: str) -> int | None:
    """An int from Arabic or Chinese digits (full-width too), or None if it is neither."""
    text = text.strip()
    if not text:
        return None
    if text.isdecimal():
        return int(text)  # int() reads full-width digits as well
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        # digit by digit, as years are written: 一九九九
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)
