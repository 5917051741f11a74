"""Keywords: the terms that say what a unit is about, weighed against the document itself.

A term's weight in a unit is its share of the unit's terms, times how particular it is to
one section of the document (log((N+1)/df) over the document's N sections, so that the
parties' names, 双方 or 合作, which every article has, count for little), and for Chinese
times the square root of a general IDF and a factor for the term's part of speech
(nouns name a subject; verbs and idioms less so), both from jieba's own dictionary as
segment.py loads it. `import jieba.analyse` (2 s, 190 MiB) is never needed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, namedtuple

from . import stopwords
from .script import HAN

_CJK = re.compile(HAN)
_NUMBER = re.compile(
    r"^第?[\d０-９.．一二三四五六七八九十百千万亿零〇两壹贰叁肆伍陆柒捌玖拾佰仟]+[年月日号条款项章节届次个点]?$"
)
_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ENGLISH_WORD = r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d[\d.,/]*"
# nouns name what an article is about; a verb or an idiom rarely does
_NOUN_TAGS = ("n", "vn", "an", "j")
_VERB_WEIGHT = 0.5
_OTHER_WEIGHT = 0.3


class Token(namedtuple("Token", "term start end")):
    """`term` is the keyword form of the token, or None if it cannot be a keyword (a stop
    word, a number, punctuation, one Chinese character)."""

    __slots__ = ()


def chinese_tokens(tokens, names: set[str], frequencies: dict[str, int]) -> list[Token]:
    """jieba's (word, start, end) tokens as Tokens. A two-character token that jieba's
    dictionary lacks was guessed by its HMM from single characters, and in treaty text is
    nearly always a slip over a function character (由本部门 → 由本/部门, 缔约方应 → 方应)."""
    out = []
    for word, start, end in tokens:
        keep = word in names or (
            len(word) >= 2
            and _CJK.search(word)
            and word not in stopwords.CHINESE
            and not _NUMBER.match(word)
            and (len(word) > 2 or frequencies.get(word, 0) > 0)
        )
        out.append(Token(word if keep else None, start, end))
    return out


def english_pattern(names: list[str]) -> re.Pattern:
    """Words, with the document's names (United Nations, Charter of the United Nations) kept
    whole and before any word they begin with."""
    alternatives = [
        r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True)
    ]
    named = rf"(?P<name>\b(?:{'|'.join(alternatives)})\b)|" if alternatives else ""
    return re.compile(rf"{named}(?P<word>{_ENGLISH_WORD})")


def english_tokens(
    text: str, pattern: re.Pattern, names: dict[str, str], own: str | None = None
) -> list[Token]:
    """Words case-folded, names as the document first wrote them (`names` maps a folded,
    single-spaced name to that); `own` is the word the document calls itself ("this
    Agreement"), which says nothing about any one article."""
    out = []
    for match in pattern.finditer(text):
        if match.lastgroup == "name":
            term = names.get(" ".join(match.group(0).lower().split()))
        else:
            word = match.group(0)
            folded = word.lower().removesuffix("'s").removesuffix("’s")
            useless = (
                folded in stopwords.ENGLISH
                or folded == own
                or len(folded) < 2
                or not folded[0].isalpha()
                or (word.isupper() and _ROMAN.match(word))
            )
            term = None if useless else folded
        out.append(Token(term, match.start(), match.end()))
    return out


def chinese_factors(
    vocabulary: set[str], frequencies: dict[str, int], total: int, unknown: set[str], tags: dict[str, str]
) -> dict[str, float]:
    """For each word: the square root of its general IDF, log(total / frequency) by jieba's
    dictionary (a word it does not know, or one in `unknown`, counts as the rarest), times the
    factor of its part of speech by `tags` (a word not there is a noun, or a name)."""
    factors = {}
    for word in vocabulary:
        tag = tags.get(word, "n")
        if tag.startswith(_NOUN_TAGS):
            part = 1.0
        elif tag.startswith("v") or tag == "l":
            part = _VERB_WEIGHT
        else:
            part = _OTHER_WEIGHT
        frequency = 0 if word in unknown else frequencies.get(word, 0)
        general = math.log(max(total, 2) / max(frequency, 1))
        factors[word] = math.sqrt(max(general, 0.0)) * part
    return factors


class Weigher:
    """Weights of terms in any unit of one document, from the terms of its sections."""

    def __init__(self, sections, factors: dict[str, float] | None = None):
        """`sections`: the terms of each section (iterables, read once)."""
        self.sections, self.spread = 0, Counter()
        for terms in sections:
            self.sections += 1
            self.spread.update(set(terms))
        self.factors = factors or {}
        self.memo: dict[str, float] = {}

    def _weight(self, term: str) -> float:
        weight = self.memo.get(term)
        if weight is None:
            spread = math.log((self.sections + 1) / max(self.spread.get(term, 1), 1))
            weight = self.memo[term] = spread * self.factors.get(term, 1.0)
        return weight

    def weights(self, terms: list[str]) -> dict[str, float]:
        """Per term of one unit: its share of the unit's terms, weighed."""
        total = len(terms)
        return {term: count / total * self._weight(term) for term, count in Counter(terms).items()}

    def totals(self, terms) -> dict[str, float]:
        """Per term of a whole document: its count, weighed; a term that recurs across
        sections outweighs one that one short section repeats."""
        return {term: count * self._weight(term) for term, count in Counter(terms).items()}


def top(weights: dict[str, float], count: int) -> list[tuple[str, float]]:
    """The `count` heaviest terms, equals in the order `weights` has them; weights rounded."""
    from heapq import nlargest

    heaviest = nlargest(count, weights, key=weights.__getitem__)
    return [(term, round(weights[term], 4)) for term in heaviest if round(weights[term], 4) > 0]
