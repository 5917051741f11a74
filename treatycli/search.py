"""grep's core: patterns, matching over units with folding, and offsets back into the text.

A `Matcher` finds spans in one unit's text. Literal patterns (the default) are folded like
the text (fold.py) and found with str.find; `-E` patterns run on the `regex` engine with a
time limit, so a pathological expression cannot hang the tool; `-F` is strictly literal.
Spans are always character offsets into the unit's own text.
"""

from __future__ import annotations

import re
from collections import deque, namedtuple
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from time import monotonic, perf_counter

from .errors import PatternError
from .fold import Folded, fold, fold_case, fold_char
from .limits import DEFAULT_REGEX_TIMEOUT
from .units import Unit

_RECURSION = re.compile(r"\(\?(?:R\)|[+-]?\d+\)|&|P>)")


class Hit(namedtuple("Hit", "unit spans position", defaults=(None,))):
    """A unit that matched, with its match spans (start, end) into `unit.text`, and its
    position among the units searched (what context is counted from)."""

    __slots__ = ()


class Counted(namedtuple("Counted", "ref")):
    """What a hit of grep -c keeps of its unit: its ref (its count is its spans'). A Unit a
    hit, kept for a count, was a tenth of grep -c's memory on a 5 MB document."""

    __slots__ = ()


class Options(namedtuple("Options", "regex fixed ignore_case exact words", defaults=(False,) * 5)):
    """How to match: -E, -F, -i, --exact, -w."""

    __slots__ = ()


class Matcher:
    """Finds spans in one unit's text. Every -E search of a run draws on one budget of time
    spent matching: the limit bounds the whole run, however many units there are, and counts
    the regular expression's work only (folding a huge document is not the pattern's fault).
    Several -E patterns are also joined into one alternation (`combined`), which matches a text
    exactly where one of them does: one scan passes over the units none matches, and only a
    unit that matches is scanned for each pattern's spans."""

    def __init__(self, patterns: list[str], options: Options, timeout: float = DEFAULT_REGEX_TIMEOUT):
        if not patterns or any(p == "" for p in patterns):
            raise PatternError("empty pattern: give the text to search for, e.g. treatycli grep 合作")
        self.options = options
        self.patterns = list(patterns)
        self.exact = options.exact or options.fixed
        self.timeout = timeout
        self.left = timeout  # seconds of regular-expression matching this run may still spend
        self.combined = None
        if options.regex and not options.fixed:
            self.compiled = [self._compile(p) for p in patterns]
            self.literals = []
            self.combined = self.compiled[0] if len(patterns) == 1 else self._combine(patterns)
        else:
            self.compiled = []
            self.literals = [fold(p, options.ignore_case, self.exact).text for p in patterns]
            if any(not literal for literal in self.literals):
                raise PatternError("the pattern is only whitespace: give the text to search for")

    def _compile(self, pattern: str):
        import regex

        if is_recursive(pattern):
            raise PatternError(
                f"recursive regular expressions such as (?R) are not supported: {pattern!r} (or use -F)"
            )
        folded = pattern if self.exact else fold_pattern(pattern, self.options.ignore_case)
        try:
            return regex.compile(folded, self._flags())
        except regex.error as error:
            where = f" at position {error.pos}" if error.pos is not None else ""
            raise PatternError(
                f"invalid regular expression {pattern!r}{where}: {error.msg} (or use -F)"
            ) from None

    def _flags(self) -> int:
        import regex

        return regex.IGNORECASE if self.options.ignore_case else 0

    def _combine(self, patterns: list[str]):
        """The patterns as one alternation, each in a group of its own; None where a pattern
        means something else beside others (a backreference counts the groups before it, a
        conditional tests one, an inline flag reaches past its pattern): those are scanned
        one by one."""
        import regex

        if any(_STANDS_ALONE.search(pattern) for pattern in patterns):
            return None
        folded = [p if self.exact else fold_pattern(p, self.options.ignore_case) for p in patterns]
        try:
            return regex.compile("|".join(f"(?:{pattern})" for pattern in folded), self._flags())
        except regex.error:
            return None

    def spans(self, text: str, folded: str | None = None, checked: bool = False) -> list[tuple[int, int]]:
        """Match spans in `text`, as offsets into it, sorted and not overlapping. `folded`,
        when given, is fold(text).text kept from before (the library stores it): a text in
        which nothing can match is passed over without folding it again. `checked`: its
        quick_verdict was taken, and did not rule it out."""
        if not checked:
            # several -E patterns: one scan for all first, on the text folded without the map
            quick = self._comparable(text, folded, fold_now=len(self.compiled) > 1)
            if quick is not None and self._may_match(quick) is False:
                return []
        return self._spans_in(fold(text, self.options.ignore_case, self.exact))

    def _spans_in(self, folded: Folded) -> list[tuple[int, int]]:
        """Each pattern's matches in the folded text, mapped back to the source."""
        found: list[tuple[int, int]] = []
        for literal in self.literals:
            start = folded.text.find(literal)
            while start >= 0:  # matches do not overlap, as in grep: "ana" is found once in "anana"
                found.append(folded.source_span(start, start + len(literal)))
                start = folded.text.find(literal, start + len(literal))
        for compiled in self.compiled:
            found += self._regex_spans(compiled, folded)
        return _disjoint(found)

    def matches(self, text: str, folded: str | None = None, checked: bool = False) -> bool:
        """Does `text` match? The same test as `spans`, without working out the spans where
        `folded` (fold(text).text kept from before) is given: one search of every pattern at
        once, in it. `checked`: its quick_verdict was taken, and could not tell."""
        if checked:
            return bool(self.spans(text, folded, checked=True))
        quick = self._comparable(text, folded, fold_now=False)
        if quick is not None:
            verdict = self._may_match(quick)
            if verdict is not None:
                return verdict
        return bool(self.spans(text, folded))

    def counts_sure(self, texts) -> bool:
        """Is a count of matches in the folded text the count of spans, in each of these texts?
        So it is for one literal pattern in texts whose every character folds to one: no two
        matches in the folded text then share a character of the source."""
        if len(self.literals) != 1 or self.compiled:
            return False
        if self.exact:
            return not self.options.ignore_case
        from .fold import folds_one_to_one

        return folds_one_to_one(texts, self.options.ignore_case)

    def count_in(self, text: str, folded: str | None = None) -> int:
        """The number of matches of the literal in a text counts_sure accepted."""
        comparable = self._comparable(text, folded, fold_now=True)
        return comparable.count(self.literals[0])

    def quick_verdict(self, folded: str) -> bool | None:
        """Does a pattern match in a text whose kept folded text is `folded`? False: none can
        (the text need not be looked at, nor its unit made); True: one does; None: only the
        spans can tell. Taken once a text: a -E search spends from the run's time limit."""
        if self.exact:  # matched in the text as it is: no folded text can tell
            return None
        if self.options.ignore_case:
            from .fold import lower_text

            folded = lower_text(folded)
        return self._may_match(folded)

    def found_in_none(self, folded) -> bool:
        """Can no literal pattern be found in any of these kept folded texts (None where a
        unit has none)? A search of each, in C, answers a grep that finds nothing without the
        Python work of testing a unit (joined first, they were a copy of the document's text).
        A regular expression is left to each unit: where a unit starts (^, \\b) matters to it."""
        if not self.literals or self.exact:
            return False
        texts = list(folded)
        if any(text is None for text in texts):
            return False
        if self.options.ignore_case:
            from .fold import lower_text

            texts = map(lower_text, texts)  # one at a time
        literals = self.literals
        return not any(literal in text for text in texts for literal in literals)

    def _comparable(self, text: str, folded: str | None, fold_now: bool) -> str | None:
        """The text the patterns are matched against, without the map back to `text`: `text`
        itself with --exact or -F (and no -i), else the kept `folded` text, or with `fold_now`
        the text folded (fold_text: half fold()'s time), in lower case for -i; None where
        only fold() can tell."""
        if self.exact:
            return None if self.options.ignore_case else text
        if folded is None:
            if not fold_now:
                return None
            from .fold import fold_text

            folded = fold_text(text)
        if self.options.ignore_case:
            from .fold import lower_text

            return lower_text(folded)
        return folded

    def _may_match(self, folded: str) -> bool | None:
        """Can a pattern match in this folded text? False: none does; True: one does, with a
        match of at least one character (what spans keep); None: only the spans can tell
        (the patterns could not be joined into one, or the first match is empty)."""
        if self.literals:
            return any(literal in folded for literal in self.literals)
        if self.combined is None:
            return None
        found = self._budgeted(self.combined.search, folded)
        if found is None:
            return False
        return True if found.end() > found.start() else None

    def index_literals(self) -> list[str] | None:
        """The patterns as an index of texts folded with -i holds them (see library/index.py): a text
        that matches in any literal mode holds one of these; None for -E, which no index serves."""
        if self.compiled:
            return None
        return [fold(pattern, ignore_case=True).text for pattern in self.patterns]

    def _regex_spans(self, compiled, folded: Folded) -> list[tuple[int, int]]:
        matches = self._budgeted(_spans_of, compiled, folded.text)
        return [folded.source_span(s, e) for s, e in matches if e > s]

    def _budgeted(self, match, *args):
        """`match(*args, timeout=seconds left)`, its time taken from the run's budget. Called
        once a unit: nothing is made here that a match that ends in time does not need."""
        if self.left <= 0:
            raise self._stopped()
        start = monotonic()
        try:
            return match(*args, timeout=self.left)
        except TimeoutError:
            raise self._stopped() from None
        except MemoryError:
            raise PatternError("the regular expression ran out of memory: simplify it, or use -F") from None
        finally:
            self.left -= monotonic() - start

    def _stopped(self) -> PatternError:
        return PatternError(
            f"the regular expression took over {self.timeout:g}s in all and was stopped: simplify it, "
            "allow more with --regex-timeout, or use -F"
        )


def _spans_of(compiled, text: str, timeout: float) -> list[tuple[int, int]]:
    return [m.span() for m in compiled.finditer(text, timeout=timeout)]


# What makes a pattern mean something else inside an alternation of several: a backreference
# (\1, \g<1>, \k<n>, (?P=n)) or a conditional ((?(1)…)) counts the groups of the patterns before
# it, and an inline flag ((?i), (?x)) reaches past its own pattern. Escaped text is not told
# apart: a pattern that only looks so is scanned alone, which costs time, never an answer.
_STANDS_ALONE = re.compile(r"\\[1-9gk]|\(\?P=|\(\?\(|\(\?[A-Za-z^-][A-Za-z0-9^-]*\)")


# What a folded literal character must not turn into: the syntax of a pattern (and of a set).
_SYNTAX = frozenset(".^$*+?{}[]\\|()-#&~ ")


_CODE_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|N\{([^}]*)\})")


def _coded(code: re.Match) -> str | None:
    """The character a code escape writes (\\u00e9, \\N{LATIN SMALL LETTER E WITH ACUTE}), or
    None where it writes none: the regex engine says so."""
    import unicodedata

    *numbers, name = code.groups()
    if name is not None:
        try:
            return unicodedata.lookup(name)
        except KeyError:
            return None
    value = int(next(group for group in numbers if group), 16)
    return chr(value) if value <= 0x10FFFF else None


def fold_pattern(pattern: str, ignore_case: bool = False) -> str:
    """Fold a regular expression's literal characters like the text (NFC, NFKC, 條→条, and
    with -i accents and ß as the text loses them), leaving its syntax alone; a character
    written as a code (\\u00e9) folds as the character. A literal that folds into syntax stays
    literal: （ becomes an escaped (, never a group. In a character class a character must
    fold to one that is not a range's end: [ß] under -i (ss) or [À-Ö] would match other
    letters than it says, so it is refused (PatternError), never widened."""
    from unicodedata import normalize

    out = []
    escaped = False
    set_opens = -1  # where the class being read starts its members, or -1 outside a class
    nested = 0  # sets open within it
    text = normalize("NFC", pattern)
    index = 0
    while index < len(text):
        ch = text[index]
        code = _CODE_ESCAPE.match(text, index) if ch == "\\" and not escaped else None
        if code is not None and (coded := _coded(code)) is None:
            code = None
        if code is not None:
            ch = coded
            index = code.end() - 1
        elif escaped or ch == "\\":
            out.append(ch)
            escaped = not escaped
            index += 1
            continue
        index += 1
        if set_opens >= 0 and code is None:
            posix = _POSIX_CLASS.match(text, index - 1) if ch == "[" else None
            if posix is not None:  # [:digit:] names letters, and its ] closes nothing
                out.append(posix.group())
                index = posix.end()
                continue
            if ch == "[":  # a set within the set ((?V1)[[0-9]ß]): its ] is not the class's
                nested += 1
                out.append(ch)
                continue
            if ch == "]" and nested:
                nested -= 1
                out.append(ch)
                continue
            if ch == "]" and len(out) > set_opens:
                set_opens = -1
                out.append(ch)
                continue
            if ch in "-^&~|":
                out.append(ch)
                continue
        elif ch == "[" and code is None:
            out.append(ch)
            set_opens = len(out) + (1 if text[index : index + 1] == "^" else 0)
            continue
        if set_opens >= 0 and (ends := _range_end(text, index)) is not None:
            last, index = ends
            out.append(_folded_range(ch, last, ignore_case))
            continue
        folded = _fold_literal(ch, ignore_case)
        if set_opens >= 0 and folded != ch:
            in_range = out and out[-1] == "-" and len(out) - 1 > set_opens  # after an escape: [\\d-é]
            if len(folded) != 1:
                raise PatternError(
                    f"{ch!r} in a character class folds to {folded!r}, which a class cannot hold: "
                    f"write (?:{folded}) outside the class, or use --exact"
                )
            if in_range:
                raise PatternError(
                    f"a range with {ch!r} in a character class cannot be folded (its letters "
                    "fold to others): list the letters, or use --exact"
                )
        out.append("".join(map(_escaped, folded)) if folded != ch or code is not None else folded)
    return "".join(out)


def _fold_literal(ch: str, ignore_case: bool) -> str:
    folded = fold_char(ch)
    if ignore_case and not folded.isascii():  # ASCII letters: the IGNORECASE flag
        folded = fold_case(folded)
    return folded


def _range_end(text: str, index: int) -> tuple[str, int] | None:
    """(the last character, the index after it) of a class's range whose first character
    stands before `index` (`-` then a character, or one written as a code); None otherwise."""
    if text[index : index + 1] != "-" or index + 1 >= len(text) or text[index + 1] == "]":
        return None
    if text[index + 1] not in "\\[":
        return text[index + 1], index + 2
    code = _CODE_ESCAPE.match(text, index + 1)
    coded = _coded(code) if code is not None else None
    return None if coded is None else (coded, code.end())


_POSIX_CLASS = re.compile(r"\[:\^?[a-z]+:\]")
_FOLDED_RANGE = 1024  # characters of a range checked one by one: ranges of letters are shorter


def _folded_range(first: str, last: str, ignore_case: bool) -> str:
    """A class's range first-last as the folded text needs it: as written where its ends fold
    to themselves; else folded where every character folds to the one as far into the folded
    range (Ａ-Ｚ is A-Z); else refused (À-Ö would be a-o)."""
    low, high = _fold_literal(first, ignore_case), _fold_literal(last, ignore_case)
    if (low, high) == (first, last):
        return f"{_escaped(first)}-{_escaped(last)}"
    span = ord(last) - ord(first)
    if (
        len(low) == 1
        and len(high) == 1
        and 0 <= span < _FOLDED_RANGE
        and ord(high) - ord(low) == span
        and all(_fold_literal(chr(ord(first) + i), ignore_case) == chr(ord(low) + i) for i in range(span + 1))
    ):
        return f"{_escaped(low)}-{_escaped(high)}"
    raise PatternError(
        f"the range {first}-{last} in a character class cannot be folded (its letters fold to "
        "others): list the letters, or use --exact"
    )


def _escaped(ch: str) -> str:
    return "\\" + ch if ch in _SYNTAX else ch


def is_recursive(pattern: str) -> bool:
    """Does the pattern recurse ((?R), (?1), (?&name), (?P>name))? Outside sets, unescaped."""
    set_opens = -1  # where the set being read starts its members, or -1 outside a set
    escaped = False
    for index, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif set_opens >= 0:
            if ch == "]" and index > set_opens:  # a ] first in a set is a member
                set_opens = -1
        elif ch == "[":
            set_opens = index + 2 if pattern[index + 1 : index + 2] == "^" else index + 1
        elif ch == "(" and _RECURSION.match(pattern, index):
            return True
    return False


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps merged: several -e patterns may match the same text."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def search(*args, **kwargs) -> list[Hit]:
    """The hits of found_hits(...), all of them, in a list."""
    return list(found_hits(*args, **kwargs))


def found_hits(
    units,
    matcher: Matcher,
    boundaries: dict[str, set[int]] | None = None,
    max_hits: int | None = None,
    need_spans: bool = True,
    folded=None,
    counted: bool = False,
) -> Iterator[Hit]:
    """The units that match, in document order, each found as it is asked for. With
    `boundaries` (-w), a span must start and end on a word boundary of its unit. Without `need_spans` (what is printed needs only
    the units), a hit's spans are left empty. `units`: a sequence, whose units may be made as
    they are asked for (searchable.KeptUnits): a unit whose kept folded text (`folded`, in the
    units' order, None where a unit has none, as folded.py keeps them; or the unit's own, as
    the library stores it) rules every pattern out is not asked for. With `counted` (what is
    printed is how many matches each unit holds), a hit keeps its unit's ref alone (Counted),
    and its spans may be as many Nones, where Matcher.counts_sure says a count of the folded
    text is theirs."""
    if folded is not None and matcher.found_in_none(folded):
        return
    found = 0
    counting = counted  # what is printed is a count a unit: a hit keeps its ref (Counted)
    counted = counted and boundaries is None and matcher.counts_sure(_texts(units))
    for index in range(len(units)):
        kept = folded[index] if folded is not None else None
        verdict, checked = (matcher.quick_verdict(kept), True) if kept is not None else (None, False)
        if verdict is False:
            continue
        unit = units[index]
        if folded is None:
            kept = getattr(unit, "folded", None)
        if not need_spans and boundaries is None:
            if verdict or matcher.matches(unit.text or "", kept, checked):
                yield Hit(unit, _NO_SPANS, index)
                found += 1
                if found == max_hits:
                    return
            continue
        spans = (
            _nones(matcher.count_in(unit.text or "", kept))
            if counted
            else matcher.spans(unit.text or "", kept, checked)
        )
        if boundaries is not None:
            edges = boundaries.get(unit.ref, ())
            spans = [(s, e) for s, e in spans if s in edges and e in edges]
        if spans:
            yield Hit(Counted(unit.ref) if counting else unit, spans, index)
            found += 1
            if found == max_hits:
                return


_NO_SPANS = ()  # a hit's spans where none are worked out: one empty tuple for all (a list a hit was 56 bytes)
_NONES: dict[int, tuple[None, ...]] = {}


def _nones(count: int) -> tuple[None, ...]:
    """`count` spans known by their number alone (grep -c): one tuple for every hit with as
    few (a list a hit was a tenth of grep -c's memory on a 5 MB document)."""
    if count > 64:  # rare, and a tuple kept for each such count could add up
        return (None,) * count
    nones = _NONES.get(count)
    if nones is None:
        nones = _NONES[count] = (None,) * count
    return nones


def _texts(units):
    """Each unit's text, without making the units of a sequence that makes them when asked
    for (searchable.KeptUnits has its texts)."""
    texts = getattr(units, "texts", None)
    return texts() if texts is not None else (unit.text or "" for unit in units)


def leaves_in_scope(root: Unit, scope: list[Unit]) -> list[Unit]:
    """The text-bearing units under `scope`, once each, in document order."""
    if len(scope) == 1 and scope[0] is root:  # everything: what a walk finds (articles are the root's)
        return [unit for unit in root.walk() if unit.text]
    wanted = {id(leaf) for unit in scope for leaf in unit.leaves()}
    return [leaf for leaf in root.walk() if id(leaf) in wanted and leaf.text]


def with_context(
    leaves: list[Unit], hits: list[Hit], before: int, after: int
) -> list[list[tuple[Unit, Hit | None]]]:
    """Groups of (unit, hit or None for context), neighbouring groups joined, as grep -C.
    Costs what it returns: runs are merged before any unit is listed, whatever -C says."""
    by_index = {hit.position: hit for hit in hits}
    runs: list[list[int]] = []  # [first, last] indices, merged where they touch
    for index in sorted(by_index):
        first, last = max(0, index - before), min(len(leaves) - 1, index + after)
        if runs and first <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [[_at(leaves, i, by_index.get(i)) for i in range(first, last + 1)] for first, last in runs]


def _at(leaves, index: int, hit: Hit | None) -> tuple[Unit, Hit | None]:
    """(the unit at `index`, its hit or None): a hit's own unit, not another made for it."""
    return (leaves[index] if hit is None else hit.unit), hit


class Found:
    """The hits of one document, iterated once, each found (found_hits) as it is shown: every
    hit of a grep matching most of a 5 MB document, held until it was printed, was a third of
    its memory. bool() finds the first (kept to be shown); `count` and `matches` are those of
    the hits iterated so far, and of all of them once finish() has run. (No len(): list()
    would ask it first, and find them all.)"""

    __slots__ = ("_hits", "_first", "count", "matches")

    def __init__(self, hits):
        self._hits, self._first, self.count, self.matches = iter(hits), [], 0, 0

    def __bool__(self) -> bool:
        if not self.count and not self._first:
            self._first.extend(islice(self._hits, 1))
        return bool(self.count or self._first)

    def __iter__(self) -> Iterator[Hit]:
        for hit in chain(self._first, self._hits):
            self._first = []
            self.count += 1
            self.matches += len(hit.spans)
            yield hit

    def finish(self) -> Found:
        """Find the hits not iterated yet, for their count."""
        deque(self, 0)
        return self


class DocumentHits:
    """What grep found in one document: `doc` its name when the run reads several (None when
    it reads one), `source` and `title` to show, the units searched, and the hits (a Found of
    them: iterated once, by the renderer)."""

    def __init__(self, doc, source, title, leaves, hits):
        self.doc, self.source, self.title, self.leaves = doc, source, title, leaves
        self.hits = Found(hits)
        self.searched = len(leaves)

    @property
    def name(self) -> str:
        """The document as `grep -l` names it: by its name where the run reads several (as
        NAME:REF qualifies a reference), else by its source (the file as given, as rg -l)."""
        return self.doc or self.source

    @property
    def hit_count(self) -> int:
        """The units that matched (all of them found by then)."""
        return self.hits.finish().count

    @property
    def matches(self) -> int:
        return self.hits.finish().matches

    def groups(self, before: int, after: int) -> Iterable[list[tuple[Unit, Hit | None]]]:
        """with_context's groups; without context, a hit each, as each is found."""
        if not (before or after):
            return ([(hit.unit, hit)] for hit in self.hits)
        return with_context(self.leaves, list(self.hits), before, after)

    def counts(self) -> Iterator[tuple[str, int]]:
        """Matches per article or named part, in document order, each once the hits after
        it are found (the units of an article or part are searched in a row): a count is
        printed whole or not at all."""
        key, count = None, 0
        for hit in self.hits:
            own = hit.unit.ref.split(".")[0]
            if own != key:
                if key is not None:
                    yield key, count
                key, count = own, 0
            count += len(hit.spans)
        if key is not None:
            yield key, count


DOCUMENT_MODES = ("documents", "document-count")  # grep -l, and -l -c


class GrepResult:
    """What grep found, for the renderers: per document, and how to show it (`mode`: lines,
    only, count, refs, documents or document-count; `before`/`after`: context units)."""

    def __init__(self, patterns, documents: list[DocumentHits], mode="lines", before=0, after=0, started=None,
                 searched: int | None = None):  # fmt: skip
        self.patterns, self.documents = patterns, documents
        self.mode, self.before, self.after = mode, before, after
        self.started = perf_counter() if started is None else started
        self.searched = sum(d.searched for d in documents) if searched is None else searched

    @property
    def elapsed(self) -> float:
        """Seconds since the run started: the hits are found as they are shown."""
        return perf_counter() - self.started

    @property
    def has_context(self) -> bool:
        return bool(self.before or self.after)

    @property
    def lists_documents(self) -> bool:
        """-l: a line (or event) per document with a hit, none for the others."""
        return self.mode in DOCUMENT_MODES

    @property
    def hit_count(self) -> int:
        """The units that matched, in every document (all of them found by then)."""
        return sum(document.hit_count for document in self.documents)

    @property
    def match_count(self) -> int:
        return sum(document.matches for document in self.documents)
