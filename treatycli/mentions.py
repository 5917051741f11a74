"""What a text refers to: dates, instruments (treaties, conventions, charters, resolutions) and
organisations. (The other articles of the same document a text cites: grammar/crossrefs.py.)

Names are found where the text sets them off — quotes, the spaces PDF text left where quotes
were, a date just before them, punctuation before a head word (组织, 联合体), a capitalised
phrase around a head word (Convention, Council) — and are then counted wherever they occur.
Plain patterns: no jieba, so `grep -w` and the summaries can both use them.
"""

from __future__ import annotations

import re
from collections import namedtuple

from .loader.dates import find_dates
from .numerals import CHINESE_NUMERAL_CHARS
from .script import HAN
from .vocabulary import LANGUAGES


def _named_instruments(language) -> tuple[str, ...]:
    """The nouns that end an instrument's name in running text: treaties, declarations and
    laws, but not a law's noun of one character (法: 方法, 办法), nor the common words that
    only a title's end makes a name (规定, rules)."""
    nouns = (*language.treaties, *language.declarations, *language.acts)
    return tuple(noun for noun in nouns if len(noun) > 1)


_ZH, _EN = LANGUAGES["zh"], LANGUAGES["en"]
_ZH_INSTRUMENT = "|".join(sorted(_named_instruments(_ZH), key=len, reverse=True))
_ZH_ORGANIZATION = "|".join(_ZH.organizations)
_ZH_TITLE = re.compile(r"《([^《》\s]{2,40})》")  # 《…》 marks the title of a text
# a name does not start with these: they begin the phrase around it (在…, 和…) or point back (该条约)
_ZH_NOT_FIRST = set("的在和与及或对将由以向从并其该本此这各下上为于")
_ZH_BEFORE_NAME = r"(?:^|(?<=[\s《“「（(，,；;。：:、]))"
_CJK = HAN[1:-1]  # the ranges, to put in a class with others
_ZH_NAME_CHAR = rf"[{_CJK}·]"
_ZH_SET_OFF = re.compile(  # between spaces or quotes: 《集体安全条约》, " 联合国宪章 "
    rf"{_ZH_BEFORE_NAME}([{_CJK}]{_ZH_NAME_CHAR}{{1,39}}?(?:{_ZH_INSTRUMENT}|{_ZH_ORGANIZATION}))"
    r"(?=[\s》”」)）]|$)"
)
# after a space, a quote or an enumeration's 、 (not 一、), up to its head word (not 有组织)
_ZH_ORGANIZATION_NAME = re.compile(
    rf"(?:(?<=[\s《“「])|(?<=[^\d{CHINESE_NUMERAL_CHARS}]、))"
    rf"([{_CJK}]{_ZH_NAME_CHAR}{{1,15}}?(?<![有和与及])(?:{_ZH_ORGANIZATION}))"
)
_ZH_INSTRUMENT_END = re.compile(f"(?:{_ZH_INSTRUMENT})$")
# what says a phrase is a clause ("缔约方应…", "兹设立…") rather than a name
_ZH_CLAUSE = re.compile("[的应向由在可将把被]|设立|考虑|通知|审议")
# after a date: 1993年5月25日的…条约, 1997年6月27日在莫斯科签署 关于…协定 (a space may stand for 、)
_ZH_AFTER_DATE = re.compile(
    rf"\s*(?:的|在[{_CJK}]{{1,8}}签署的?|签署的?)?\s*"
    rf"([{_CJK}](?:{_ZH_NAME_CHAR}|\s(?=[{_CJK}])){{1,40}}?(?:{_ZH_INSTRUMENT}))"
)

_CAP = r"[A-Z][A-Za-z'’\-]*"
_CAP_RUN = rf"{_CAP}(?:\s+(?:(?:of|and|in|on|to|the)\s+)*{_CAP})*"
_EN_COMPLEMENT = rf"\s+(?:of|on|for|relating\s+to|between|concerning|against)\s+(?:the\s+)?{_CAP_RUN}"
_EN_PREFIX = rf"(?:{_CAP}\s+(?:and\s+)?){{0,4}}"
_EN_INSTRUMENT_HEADS = "|".join(noun.capitalize() for noun in _named_instruments(_EN))
_EN_ORGANIZATION_HEADS = "|".join(noun.capitalize() for noun in _EN.organizations)
_EN_INSTRUMENT = re.compile(rf"\b({_EN_PREFIX}(?:{_EN_INSTRUMENT_HEADS})\b(?P<complement>{_EN_COMPLEMENT})?)")
_EN_ORGANIZATION = re.compile(
    rf"\b({_EN_PREFIX}(?:{_EN_ORGANIZATION_HEADS})\b(?P<complement>{_EN_COMPLEMENT})?)"
)
_EN_RESOLUTION = re.compile(r"\b[Rr]esolution\s+(\d{1,3}/\d{1,4})\b")
# capitalised words that begin a sentence or a phrase rather than a name
_EN_NOT_NAME = {
    "the", "this", "that", "these", "those", "its", "their", "each", "any", "such", "all", "other",
    "said", "present", "a", "an", "in", "on", "by", "for", "with", "under", "of", "to", "and", "as",
}  # fmt: skip

# an instrument's date stands just before its name (within a few characters of the same
# clause: 1997年6月27日在莫斯科签署 关于…) or just after it (…Lights of 1 January 2000)
_DATE_BEFORE_CHARS = 12
_DATE_BEFORE_GAP = re.compile(r"[^，,；;。.]*")
_DATE_AFTER_GAP = re.compile(r"\s*(?:of|,|dated|[（(])?\s*")


class Instrument(namedtuple("Instrument", "name date")):
    """A treaty, convention, charter or resolution the text refers to; `date` ISO or None."""

    __slots__ = ()


class Names(namedtuple("Names", "instruments organizations")):
    """The names a document uses: `instruments` maps a name's key to its Instrument,
    `organizations` a key to the name as first written."""

    __slots__ = ()

    def all(self) -> list[str]:
        return [i.name for i in self.instruments.values()] + list(self.organizations.values())

    def without(self, title: str | None) -> Names:
        """The names but the document's own title: the document is not something it cites."""
        own = name_key(title or "")
        return Names({key: i for key, i in self.instruments.items() if key != own}, self.organizations)


class Mentions(namedtuple("Mentions", "dates instruments organizations")):
    """What one text mentions: ISO dates, Instruments, and (organisation, count) pairs."""

    __slots__ = ()


def name_key(name: str) -> str:
    """Two spellings of one name have one key: whitespace and case do not count."""
    return "".join(name.split()).lower()


def _zh_name(name: str) -> bool:
    return name[0] not in _ZH_NOT_FIRST


def _en_name(match: re.Match) -> str | None:
    """The name without the words that only begin the phrase; None for a head word alone
    ("this Convention", "the Council")."""
    words = match.group(1).split()
    while words and (words[0].lower() in _EN_NOT_NAME or words[0].endswith("ing")):
        words.pop(0)
    head_only = len(words) == 1 and not match.group("complement")
    return None if not words or head_only else " ".join(words)


class _Found:
    """Names as they are found: the first spelling of each kept, and a date where one is given."""

    def __init__(self):
        self.instruments: dict[str, Instrument] = {}
        self.organizations: dict[str, str] = {}

    def instrument(self, name: str, date: str | None = None) -> None:
        key = name_key(name)
        known = self.instruments.get(key)
        if known is None or (known.date is None and date):
            self.instruments[key] = Instrument(known.name if known else name, date)

    def organization(self, name: str) -> None:
        self.organizations.setdefault(name_key(name), name)


class _Spans:
    """Spans to test others against in log time: sorted starts, and the furthest end so far."""

    def __init__(self, spans):
        ordered = sorted((span[0], span[1]) for span in spans)
        self.starts = [start for start, _ in ordered]
        self.reach, furthest = [], -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def overlap(self, start: int, end: int) -> bool:
        """Does [start, end) overlap one of the spans?"""
        from bisect import bisect_left

        index = bisect_left(self.starts, end)
        return index > 0 and self.reach[index - 1] > start


def _discover_chinese(text: str, found: _Found) -> None:
    dates = find_dates(text)
    for _, end, iso in dates:
        match = _ZH_AFTER_DATE.match(text, end)
        if match and _zh_name(match.group(1)):
            found.instrument(match.group(1), iso)
    for match in _ZH_TITLE.finditer(text):
        found.instrument(match.group(1))
    date_spans = _Spans(dates)
    for match in _ZH_SET_OFF.finditer(text):
        name = match.group(1)
        in_date = date_spans.overlap(match.start(), match.end())
        if not _zh_name(name) or in_date:
            continue
        if _ZH_INSTRUMENT_END.search(name):
            found.instrument(name)
        else:
            found.organization(name)
    for match in _ZH_ORGANIZATION_NAME.finditer(text):
        if _zh_name(match.group(1)) and not _ZH_CLAUSE.search(match.group(1)):
            found.organization(match.group(1))
    for name in _ZH.known_instruments:
        if name in text:
            found.instrument(name)
    for name in _ZH.known_organizations:
        if name in text:
            found.organization(name)


def _discover_english(text: str, found: _Found) -> None:
    for match in _EN_INSTRUMENT.finditer(text):
        name = _en_name(match)
        if name:
            found.instrument(name)
    for match in _EN_RESOLUTION.finditer(text):
        found.instrument(f"resolution {match.group(1)}")
    for match in _EN_ORGANIZATION.finditer(text):
        name = _en_name(match)
        if name and name_key(name) not in found.instruments:
            found.organization(name)


def discover(texts: list[str], language: str) -> Names:
    """The instruments and organisations that the texts name; an instrument's date where the
    text gives one beside its name."""
    found = _Found()
    for text in texts:
        (_discover_chinese if language == "zh" else _discover_english)(text, found)
    names = Names(found.instruments, found.organizations)
    finder = _Finder(names, language)
    for text in texts:  # the dates of instruments found without one, from where they occur
        dates = None  # found once per text, and only if an undated instrument is in it
        for span, key in finder.instrument_spans(text):
            if names.instruments[key].date is None:
                if dates is None:
                    dates = find_dates(text)
                    starts = [date[0] for date in dates]
                date = _date_beside(text, span, dates, starts)
                if date:
                    names.instruments[key] = names.instruments[key]._replace(date=date)
    return names


def _date_beside(text: str, span: tuple[int, int], dates, starts: list[int]) -> str | None:
    """The date just before the span (within _DATE_BEFORE_CHARS, joined to it by a gap that
    says it is the instrument's) or just after it; only the nearest can be joined so, and
    they are found by bisection among `dates` (sorted, with their `starts`)."""
    from bisect import bisect_left

    start, end = span
    after = bisect_left(starts, end)
    index = after - 1
    while index >= 0 and dates[index][1] > start:
        index -= 1  # dates inside the span
    if index >= 0:
        _, date_end, iso = dates[index]
        if start - date_end <= _DATE_BEFORE_CHARS and _DATE_BEFORE_GAP.fullmatch(text, date_end, start):
            return iso
    if after < len(dates):
        date_start, _, iso = dates[after]
        if _DATE_AFTER_GAP.fullmatch(text, end, date_start):
            return iso
    return None


def _pattern(names: list[str], language: str) -> re.Pattern | None:
    """One pattern for all the names, longest first, whitespace inside a name as in the text."""
    if not names:
        return None
    pieces = []
    for name in sorted(names, key=len, reverse=True):
        if language == "zh":
            pieces.append(r"\s*".join(map(re.escape, "".join(name.split()))))
        else:
            pieces.append(r"\s+".join(map(re.escape, name.split())))
    boundary = "" if language == "zh" else r"\b"
    return re.compile(f"{boundary}(?:{'|'.join(pieces)}){boundary}", 0 if language == "zh" else re.I)


class _Finder:
    """Occurrences of a document's names in any of its texts."""

    def __init__(self, names: Names, language: str):
        self.names = names
        self.instruments = _pattern([i.name for i in names.instruments.values()], language)
        self.organizations = _pattern(list(names.organizations.values()), language)

    def instrument_spans(self, text: str):
        for match in self.instruments.finditer(text) if self.instruments else ():
            yield match.span(), name_key(match.group(0))

    def mentions(self, text: str) -> Mentions:
        dates = list(dict.fromkeys(iso for _, _, iso in find_dates(text)))
        taken: list[tuple[int, int]] = []
        instruments: dict[str, Instrument] = {}
        for span, key in self.instrument_spans(text):
            taken.append(span)
            instruments.setdefault(key, self.names.instruments[key])
        counts: dict[str, int] = {}
        instrument_spans = _Spans(taken)
        for match in self.organizations.finditer(text) if self.organizations else ():
            if instrument_spans.overlap(match.start(), match.start() + 1):
                continue  # 联合国 inside 联合国宪章 is the Charter, not the organisation
            name = self.names.organizations[name_key(match.group(0))]
            counts[name] = counts.get(name, 0) + 1
        return Mentions(dates, list(instruments.values()), list(counts.items()))


def finder(names: Names, language: str):
    """`finder(names, language)(text)` → the Mentions in that text."""
    return _Finder(names, language).mentions


def own_kind(title: str | None) -> str | None:
    """What an English document calls itself: the AGREEMENT of "AGREEMENT RELATING TO THE
    IMPLEMENTATION OF … THE CONVENTION", folded; None if its title has no such word."""
    from .grammar.titles import en_instrument

    return en_instrument(title or "")
