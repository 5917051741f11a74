"""The gist of a unit: the clause that best represents it, quoted exactly from the source.

Clauses end at punctuation and, in PDF text, at a space between Chinese characters, which
often stood for a lost ，or 。. A space next to a short piece stood for 、 in a list
(尊重独立 主权 领土完整…), so there the pieces stay together. A clause longer than the
limit gives its best run of whole words. The best clause is the one whose distinct terms
weigh most in the unit; the first of equals wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from math import fsum

from .script import is_wide

GIST_CHARS = 60  # a gist is read at a glance, in one line of a table
ENUMERATION_CHARS = 6  # a space-separated piece shorter than this is a list item, not a clause

_CLAUSE_END = re.compile(r"[，,；;。！!？?：:]|\.(?=\s|$)")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[\d０-９一二三四五六七八九十百千万零〇两]+[年月日]?")
_TRIM = "、 \t\n\r\u3000"
_LEADING = _TRIM + "的"  # a clause that PDF text split off before 的 does not start a quote with it
# a paragraph's or an item's number is not part of what it says: 一、 （二） (c) 3.
_NUMBERING = re.compile(
    r"(?:[一二三四五六七八九十百]+、|[（(](?:[一二三四五六七八九十]+|[a-z]{1,3}|\d{1,3})[）)]|\d{1,3}\.(?!\d))\s*"
)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of `text`, without the punctuation and space around it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        spans += _pieces(text, start, match.start())
        start = match.end()
    spans += _pieces(text, start, len(text))
    trimmed = []
    for start, end in spans:
        while start < end and text[start] in _LEADING:
            start += 1
        numbering = _NUMBERING.match(text, start, end)
        if numbering:
            start = numbering.end()
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def _between_wide(text: str, start: int, end: int) -> bool:
    return is_wide(text[start - 1]) and is_wide(text[end])


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) split at spaces between Chinese characters, unless a piece beside the
    space is short enough to be an item of a list."""
    cuts = [
        (space.start(), space.end())
        for space in _SPACE.finditer(text, start, end)
        if start < space.start() and space.end() < end and _between_wide(text, space.start(), space.end())
    ]
    pieces, piece_start = [], start
    for space_start, space_end in cuts:
        pieces.append((piece_start, space_start))
        piece_start = space_end
    pieces.append((piece_start, end))
    merged = [pieces[0]]
    for previous, piece in zip(pieces, pieces[1:], strict=False):
        short = min(previous[1] - previous[0], piece[1] - piece[0]) < ENUMERATION_CHARS
        if short:
            merged[-1] = (merged[-1][0], piece[1])
        else:
            merged.append(piece)
    return merged


class Clauses:
    """One text's clauses with the terms in each, found once and scored for every unit that
    holds the text (a paragraph, its article, its division)."""

    def __init__(self, text: str, tokens):
        self.text = text
        # a quote starts and ends on a term or a number (二十一世纪, not 世纪), never on 的 or a comma
        self.tokens = [
            token for token in tokens if token.term or _NUMBER.fullmatch(text, token.start, token.end)
        ]
        self.starts = [token.start for token in self.tokens]
        # a number joined to the term after it is one expression (二十一 世纪, 1993 年度): a
        # quote neither starts on the term nor ends on the number
        joined = [
            (number, term)
            for number, term in zip(self.tokens, self.tokens[1:], strict=False)
            if number.term is None and term.term is not None and number.end == term.start
        ]
        self.inner_starts = {term.start for _, term in joined}
        self.inner_ends = {number.end for number, _ in joined}
        self.spans = []  # (start, end, its terms), terms None for a clause over the limit
        for start, end in clauses(text):
            terms = (
                frozenset(token.term for token in self._within(start, end))
                if end - start <= GIST_CHARS
                else None
            )
            self.spans.append((start, end, terms))
        if all(terms is not None for _, _, terms in self.spans):
            # no clause over the limit: no window is looked for (best_window), and its tokens
            # (a tuple each, 60 bytes a character) were most of what summarise kept of a text
            self.tokens, self.starts, self.inner_starts, self.inner_ends = (), (), frozenset(), frozenset()

    def _within(self, start: int, end: int) -> list:
        first = bisect_left(self.starts, start)
        last = first
        while last < len(self.tokens) and self.tokens[last].end <= end:
            last += 1
        return self.tokens[first:last]

    def best_window(self, start: int, end: int, weights: dict[str, float]):
        """(score, start, end) of the run of whole words within [start, end), at most
        GIST_CHARS long, that weighs most."""
        words = self._within(start, end)
        best = None
        last = 0
        for first, token in enumerate(words):
            last = max(last, first)
            while last + 1 < len(words) and words[last + 1].end - token.start <= GIST_CHARS:
                last += 1
            if words[last].end - token.start > GIST_CHARS:
                continue  # a single token longer than the limit
            if token.start in self.inner_starts:
                continue
            end = last
            while end > first and words[end].end in self.inner_ends:
                end -= 1
            score = _score({word.term for word in words[first : end + 1] if word.term}, weights)
            if best is None or score > best[0]:
                best = (score, token.start, words[end].end)
        return best


def _score(terms, weights: dict[str, float]) -> float:
    """The terms' weights added up exactly (fsum): a plain sum over a set depends on the order
    the set gives, which changes with the hash seed, and so did which of two equal clauses won."""
    return fsum(weights.get(term, 0.0) for term in terms)


def choose(leaves: list[Clauses], weights: dict[str, float]) -> str | None:
    """The gist of a unit made of `leaves`: an exact quote of at most GIST_CHARS characters,
    shorter than the unit; None when no clause is (a unit that is one short clause is its
    own gist)."""
    length = sum(len(leaf.text) for leaf in leaves)
    best, best_score = None, -1.0
    for leaf in leaves:
        for start, end, terms in leaf.spans:
            if terms is None:
                window = leaf.best_window(start, end, weights)
                if window is None:
                    continue
                score, start, end = window
            else:
                score = _score(terms, weights)
            if end - start < length and score > best_score:
                best, best_score = leaf.text[start:end], score
    return best
