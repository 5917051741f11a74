"""grep's core: patterns, matching over units with folding, and offsets back into the text.

A `Matcher` finds spans in one unit's text. Literal patterns (the default) are folded like
the text (fold.py) and found with str.find; `-E` patterns run on the `regex` engine with a
time limit, so a pathological expression cannot hang the tool; `-F` is strictly literal.
Spans are always character offsets into the unit's own text.
"""

from __future__ import annotations

import re
from collections import namedtuple

from .errors import PatternError
from .fold import Folded, fold, fold_char
from .limits import DEFAULT_REGEX_TIMEOUT
from .units import Unit

_RECURSION = re.compile(r"\(\?(?:R\)|[+-]?\d+\)|&|P>)")


class Hit(namedtuple("Hit", "unit spans")):
    """A unit that matched, with its match spans (start, end) into `unit.text`."""

    __slots__ = ()


class Options(namedtuple("Options", "regex fixed ignore_case exact words", defaults=(False,) * 5)):
    """How to match: -E, -F, -i, --exact, -w."""

    __slots__ = ()


class Matcher:
    """Finds spans in one unit's text. Every -E search of a run draws on one budget of time
    spent matching: the limit bounds the whole run, however many units there are, and counts
    the regular expression's work only (folding a huge document is not the pattern's fault)."""

    def __init__(self, patterns: list[str], options: Options, timeout: float = DEFAULT_REGEX_TIMEOUT):
        if not patterns or any(p == "" for p in patterns):
            raise PatternError("empty pattern: give the text to search for, e.g. treatycli grep 合作")
        self.options = options
        self.patterns = list(patterns)
        self.exact = options.exact or options.fixed
        self.timeout = timeout
        self.left = timeout  # seconds of regular-expression matching this run may still spend
        if options.regex and not options.fixed:
            self.compiled = [self._compile(p) for p in patterns]
            self.literals = []
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
        folded = pattern if self.exact else fold_pattern(pattern)
        flags = regex.IGNORECASE if self.options.ignore_case else 0
        try:
            return regex.compile(folded, flags)
        except regex.error as error:
            where = f" at position {error.pos}" if error.pos is not None else ""
            raise PatternError(
                f"invalid regular expression {pattern!r}{where}: {error.msg} (or use -F)"
            ) from None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Match spans in `text`, as offsets into it, sorted and not overlapping."""
        folded = fold(text, self.options.ignore_case, self.exact)
        found: list[tuple[int, int]] = []
        for literal in self.literals:
            start = folded.text.find(literal)
            while start >= 0:  # matches do not overlap, as in grep: "ana" is found once in "anana"
                found.append(folded.source_span(start, start + len(literal)))
                start = folded.text.find(literal, start + len(literal))
        for compiled in self.compiled:
            found += self._regex_spans(compiled, folded)
        return _disjoint(found)

    def matches(self, text: str, folded: str | None = None) -> bool:
        """Does `text` match? `folded`, when given, is fold(text).text kept from before: for a
        plain literal search (no -i, -E, -F, --exact) finding it there is the same test as
        `spans`, without folding again."""
        if folded is not None and self.literals and not (self.exact or self.options.ignore_case):
            return any(literal in folded for literal in self.literals)
        return bool(self.spans(text))

    def index_literals(self) -> list[str] | None:
        """The patterns as an index of texts folded with -i holds them (see library/index.py): a text
        that matches in any literal mode holds one of these; None for -E, which no index serves."""
        if self.compiled:
            return None
        return [fold(pattern, ignore_case=True).text for pattern in self.patterns]

    def _regex_spans(self, compiled, folded: Folded) -> list[tuple[int, int]]:
        import time

        stopped = PatternError(
            f"the regular expression took over {self.timeout:g}s in all and was stopped: simplify it, "
            "allow more with --regex-timeout, or use -F"
        )
        if self.left <= 0:
            raise stopped
        start = time.monotonic()
        try:
            matches = [m.span() for m in compiled.finditer(folded.text, timeout=self.left)]
        except TimeoutError:
            raise stopped from None
        except MemoryError:
            raise PatternError("the regular expression ran out of memory: simplify it, or use -F") from None
        finally:
            self.left -= time.monotonic() - start
        return [folded.source_span(s, e) for s, e in matches if e > s]


# What a folded literal character must not turn into: the syntax of a pattern (and of a set).
_SYNTAX = frozenset(".^$*+?{}[]\\|()-#&~ ")


def fold_pattern(pattern: str) -> str:
    """Fold a regular expression's literal characters like the text (NFKC, 條→条), leaving
    its syntax and escapes alone. A literal that folds into syntax stays literal: （ becomes
    an escaped (, never a group."""
    out = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        else:
            folded = fold_char(ch)
            if folded != ch:
                folded = "".join("\\" + c if c in _SYNTAX else c for c in folded)
            out.append(folded)
    return "".join(out)


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


def search(
    units: list[Unit],
    matcher: Matcher,
    boundaries: dict[str, set[int]] | None = None,
    max_hits: int | None = None,
    need_spans: bool = True,
) -> list[Hit]:
    """The units that match, in document order. With `boundaries` (-w), a span must start
    and end on a word boundary of its unit. Without `need_spans` (what is printed needs only
    the units), a hit's spans are left empty, and a unit's kept folded text (`folded`, as the
    library stores it) spares folding it again."""
    hits: list[Hit] = []
    for unit in units:
        if not need_spans and boundaries is None:
            if matcher.matches(unit.text or "", getattr(unit, "folded", None)):
                hits.append(Hit(unit, []))
                if max_hits is not None and len(hits) >= max_hits:
                    break
            continue
        spans = matcher.spans(unit.text or "")
        if boundaries is not None:
            edges = boundaries.get(unit.ref, set())
            spans = [(s, e) for s, e in spans if s in edges and e in edges]
        if spans:
            hits.append(Hit(unit, spans))
            if max_hits is not None and len(hits) >= max_hits:
                break
    return hits


def leaves_in_scope(root: Unit, scope: list[Unit]) -> list[Unit]:
    """The text-bearing units under `scope`, once each, in document order."""
    wanted = {id(leaf) for unit in scope for leaf in unit.leaves()}
    return [leaf for leaf in root.walk() if id(leaf) in wanted and leaf.text]


def with_context(
    leaves: list[Unit], hits: list[Hit], before: int, after: int
) -> list[list[tuple[Unit, Hit | None]]]:
    """Groups of (unit, hit or None for context), neighbouring groups joined, as grep -C.
    Costs what it returns: runs are merged before any unit is listed, whatever -C says."""
    position = {id(unit): i for i, unit in enumerate(leaves)}
    by_index = {position[id(hit.unit)]: hit for hit in hits}
    runs: list[list[int]] = []  # [first, last] indices, merged where they touch
    for index in sorted(by_index):
        first, last = max(0, index - before), min(len(leaves) - 1, index + after)
        if runs and first <= runs[-1][1] + 1:
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [[(leaves[i], by_index.get(i)) for i in range(first, last + 1)] for first, last in runs]


class DocumentHits:
    """What grep found in one document: `doc` its name when the run reads several (None when
    it reads one), `source` and `title` to show, the units searched, and the hits."""

    def __init__(self, doc, source, title, leaves, hits):
        self.doc, self.source, self.title, self.leaves, self.hits = doc, source, title, leaves, hits
        self.searched = len(leaves)

    def groups(self, before: int, after: int) -> list[list[tuple[Unit, Hit | None]]]:
        return with_context(self.leaves, self.hits, before, after)

    def counts(self) -> list[tuple[str, int]]:
        """Matches per article or named part, in document order."""
        counts: dict[str, int] = {}
        for hit in self.hits:
            key = hit.unit.ref.split(".")[0]
            counts[key] = counts.get(key, 0) + len(hit.spans)
        return list(counts.items())


class GrepResult:
    """What grep found, for the renderers: per document, and how to show it (`mode`: lines,
    only, count or list; `before`/`after`: context units)."""

    def __init__(self, patterns, documents: list[DocumentHits], mode="lines", before=0, after=0, elapsed=0.0,
                 searched: int | None = None):  # fmt: skip
        self.patterns, self.documents = patterns, documents
        self.mode, self.before, self.after, self.elapsed = mode, before, after, elapsed
        self.searched = sum(d.searched for d in documents) if searched is None else searched

    @property
    def has_context(self) -> bool:
        return bool(self.before or self.after)

    @property
    def hits(self) -> list[Hit]:
        return [hit for document in self.documents for hit in document.hits]
