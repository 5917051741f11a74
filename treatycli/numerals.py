"""Chinese numerals as documents write them: 十二, 一百零九, 二十一, formal 壹贰叁, traditional 貳參,
read and written; Roman numerals; and the ordinals that number inserted articles (之一, 15-1, bis)."""

from .vocabulary import LATIN_ORDINALS

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIADS = {"万": 10_000, "萬": 10_000}
_ZEROS = set("零〇○")

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_MYRIADS)
# An inserted article's Latin suffix names its literal ordinal (vocabulary.py): 8 bis is the
# second article 8; each ordinal is written with the first of its names.
LATIN_NAMES = {number: name for name, number in reversed(LATIN_ORDINALS.items())}
# int() refuses longer strings of digits; no document numbers anything with more
MAX_DIGITS = 4000


def parse_number(text: str) -> int | None:
    """An int from Arabic or Chinese digits (full-width too), or None if it is neither or is
    not a well-formed numeral (十十, 1十, 一二十)."""
    text = text.strip()
    if not text or len(text) > MAX_DIGITS:
        return None
    if text.isdecimal():
        return int(text)  # int() reads full-width digits as well
    if any(ch not in _DIGITS and ch not in _UNITS and ch not in _MYRIADS for ch in text):
        return None
    if not any(ch in _UNITS or ch in _MYRIADS for ch in text):
        # digit by digit, as years are written: 一九九九
        return int("".join(str(_DIGITS[ch]) for ch in text))
    return _positional(text)


def _positional(text: str) -> int | None:
    """一百零九, 一千二百三十四, 一万零一: units descend within each myriad, a zero only
    stands for skipped units, and a last digit follows 十 or a zero (一百二 is not read)."""
    total, section, digit = 0, 0, None
    previous_unit = None  # the last unit in this myriad
    zero = False  # a zero stands between the last unit and this digit
    for ch in text:
        if ch in _ZEROS:
            if digit is not None or (previous_unit is None and not total):
                return None  # 一零, or a leading zero
            zero = True
        elif ch in _DIGITS:
            if digit is not None:
                return None  # two digits in a row: 一二十
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if (previous_unit is not None and unit >= previous_unit) or (zero and digit is None):
                return None  # 十十, 十百, 一百零十
            section += (1 if digit is None else digit) * unit
            previous_unit, digit, zero = unit, None, False
        else:
            if total or (not section and digit is None):
                return None  # 万万, or 万 with nothing before it
            total = (section + (digit or 0)) * _MYRIADS[ch]
            section, digit, previous_unit, zero = 0, None, None, False
    if digit is not None and previous_unit not in (None, 10) and not zero:
        return None  # 一百二: 120 or 102? Neither is how a law numbers an article
    return total + section + (digit or 0)


def parse_ordinal(text: str) -> int | None:
    """The ordinal of an inserted article as written after its number: 一 (之一), 1 (15-1), bis."""
    text = text.strip().lower()
    if text in LATIN_ORDINALS:
        return LATIN_ORDINALS[text]
    number = parse_number(text)
    return number if number else None


def inserted_key(number: int, ordinal: int, latin: bool) -> str:
    """The canonical reference of an article: 17, 17_1 (第十七条之一, 第17-1條), 8bis (Article 8 bis)."""
    if not ordinal:
        return str(number)
    if latin and ordinal in LATIN_NAMES:
        return f"{number}{LATIN_NAMES[ordinal]}"
    return f"{number}_{ordinal}"


def roman(text: str) -> int | None:
    """Roman numerals as divisions are numbered (PART XII), or None if the text is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, following in zip(text, text[1:] + " ", strict=True):
        value = values.get(ch)
        if value is None:
            return None
        total += -value if values.get(following, 0) > value else value
    return total


_ZH_DIGITS = "零一二三四五六七八九"
# larger than this, a number is written in digits: no law numbers anything so far
CHINESE_NUMERAL_LIMIT = 10**8


def chinese_numeral(number: int) -> str:
    """263 → 二百六十三, 10 → 十, 1005 → 一千零五, 10001 → 一万零一: as Chinese legal texts number
    articles (`parse_number` reads each back)."""
    if number == 0:
        return "零"
    if not 0 < number < CHINESE_NUMERAL_LIMIT:
        return str(number)
    text = _below_myriad(number) if number < 10_000 else _with_myriads(number)
    return text[1:] if text.startswith("一十") else text


def _with_myriads(number: int) -> str:
    high, low = divmod(number, 10_000)
    text = _below_myriad(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _below_myriad(low)
    return text


def _below_myriad(number: int) -> str:
    out, pending_zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if pending_zero:
                out.append("零")
            out.append(_ZH_DIGITS[digit] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    return "".join(out)
