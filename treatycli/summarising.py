"""Computing the summaries of a document's units: tokens (jieba for Chinese, words for
English), keywords weighed against the document, gists, and what each unit mentions.

Imported only when no kept summary fits (summaries.py).
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import accumulate

from . import gist, keywords, limits, mentions
from .grammar.crossrefs import NOWHERE, Place, cross_references
from .grammar.resolve import Finder
from .model import Document
from .search import leaves_in_scope
from .summary import MAX_KEYWORDS, Summaries, UnitSummary
from .units import Unit

# the parts whose words are the document's themes; the title, letter, agenda and signatures
# only name the document, its parties and its occasion
_BODY_KINDS = ("article", "preamble", "annex", "resolution")


def _places(root: Unit) -> dict[str, Place]:
    """Where each text of an article stands: its article, the paragraph before its own and
    the article before, for 本条第二款, 前款 and 前条."""
    places = {}
    previous_article = None
    for article in root.walk():
        if article.kind != "article":
            continue
        previous_paragraph = None
        for paragraph in article.children:
            for leaf in paragraph.leaves():
                places[leaf.ref] = Place(article.ref, previous_paragraph, previous_article)
            previous_paragraph = paragraph.ref
        previous_article = article.ref
    return places


class _Tokens:
    """Each leaf's Tokens (keywords.Token), made again when asked for, and its terms, made
    once: every leaf's tokens held at once, as jieba's tuples and as Tokens, took 60 MiB a MB
    of text. A Chinese leaf keeps the lengths of jieba's tokens (a byte a token, _lengths), so that it is
    segmented once. `factors`: the weighing factors of Chinese terms, or None;
    `segmentation()`: jieba's, for the words cache, as (units, lengths, names), or None."""

    def __init__(self, doc: Document, leaves: list[Unit], names: mentions.Names, tokenizer=None):
        self.leaves, self.factors, self.lengths = leaves, None, {}
        seen: dict[str, str] = {}  # one string a term: jieba makes one a token
        if doc.language != "zh":
            whole = names.all()
            pattern = keywords.english_pattern(whole)
            folded = {" ".join(name.lower().split()): name for name in whole}
            own = mentions.own_kind(doc.title)
            self.of = lambda leaf: keywords.english_tokens(leaf.text, pattern, folded, own)
            self.terms = {leaf.ref: self._terms(self.of(leaf), seen) for leaf in leaves}
            return
        from .segment import tokenize

        self.segmented = tokenize(leaves, names, tokenizer)
        self.kept_whole = set(self.segmented.names)
        self.of = self._chinese
        self.terms = {}
        for leaf in leaves:
            raw = self.segmented.tokens_of(leaf.ref)
            self.lengths[leaf.ref] = _lengths([end - start for _, start, end in raw])
            tokens = keywords.chinese_tokens(raw, self.kept_whole, self.segmented.frequencies)
            self.terms[leaf.ref] = self._terms(tokens, seen)
        # a name added to jieba's dictionary has an invented frequency: count it as unknown
        self.factors = keywords.chinese_factors(
            set(seen), self.segmented.frequencies, self.segmented.total, self.kept_whole, self.segmented.tags
        )

    @staticmethod
    def _terms(tokens, seen: dict[str, str]) -> tuple[str, ...]:
        return tuple(seen.setdefault(token.term, token.term) for token in tokens if token.term)

    def _chinese(self, leaf: Unit) -> list[keywords.Token]:
        """The leaf's Tokens, from its text cut where jieba's tokens ended."""
        text, start, raw = leaf.text, 0, []
        for end in accumulate(self.lengths[leaf.ref]):
            raw.append((text[start:end], start, end))
            start = end
        return keywords.chinese_tokens(raw, self.kept_whole, self.segmented.frequencies)

    def segmentation(self):
        if not self.lengths:
            return None
        from .cache import Entries
        from .segment import token_lengths

        # made as the words record is written: every leaf's, held at once, were 1.5 MiB a MB
        # of text, beside the summaries then made
        lengths = Entries(
            (leaf.ref, token_lengths(leaf.text, accumulate(self.lengths[leaf.ref]))) for leaf in self.leaves
        )
        return self.leaves, lengths, self.segmented.names


def _lengths(lengths: list[int]):
    """The lengths of a text's tokens, a byte each where they fit (nearly always: a token is a
    word), else 4: the ends of every leaf's tokens, 4 bytes each, took 1 MiB a MB of text."""
    return bytes(lengths) if max(lengths, default=0) < 256 else array("I", lengths)


class _Clauses:
    """Each leaf's gist.Clauses, made when a unit's summary asks for them and kept for the
    units after it (a leaf's paragraph, article and division ask in turn) up to KEPT_CHARS
    of text: every leaf's, held at once, took 28 MiB a MB of text."""

    KEPT_CHARS = 200_000

    def __init__(self, tokens: _Tokens):
        self.tokens = tokens
        self.read = {leaf.ref: leaf for leaf in tokens.leaves}  # a long text's start (_start_of)
        self.kept: dict[str, gist.Clauses] = {}  # the least recently asked for first
        self.chars = 0

    def __getitem__(self, leaf: Unit) -> gist.Clauses:
        found = self.kept.pop(leaf.ref, None)
        if found is None:
            leaf = self.read[leaf.ref]
            found = gist.Clauses(leaf.text, self.tokens.of(leaf))
            self.chars += len(leaf.text)
        self.kept[leaf.ref] = found
        while self.chars > self.KEPT_CHARS and len(self.kept) > 1:
            self.chars -= len(self.kept.pop(next(iter(self.kept))).text)
        return found


class _Made:
    """(ref, UnitSummary) pairs, made as they are read, and made again if read again."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make

    def __iter__(self):
        return self.make()


def compute(doc: Document, root: Unit):
    """(Summaries whose `units` are (ref, UnitSummary) pairs, made as they are read, each time
    they are read (_Made): every unit's, held at once, took 30 MiB a MB of text, and read
    again they need no second segmentation; segmentation for the words cache or None)."""
    language = "zh" if doc.language == "zh" else "en"
    # jieba's dictionary first: its load (115 MiB at its peak, 100 once loaded) then comes
    # before every leaf's unit and what it mentions, not beside them
    tokenizer = None
    if language == "zh":
        from .segment import new_tokenizer

        tokenizer = new_tokenizer()
    leaves = [_start_of(leaf) for leaf in leaves_in_scope(root, [root])]
    found = mentions.discover([leaf.text for leaf in leaves], language)
    tokens = _Tokens(doc, leaves, found, tokenizer)  # as grep -w segments it
    # of a unit's start only, the segmentation is not what grep -w keeps
    segmentation = None if any(leaf.node is _CUT for leaf in leaves) else tokens.segmentation()
    names = found.without(doc.title)
    terms = tokens.terms
    sections = [unit for unit in root.children if unit.kind != "division"]

    def terms_of(section: Unit):
        return (term for leaf in _texts(section) for term in terms[leaf.ref])

    weigher = keywords.Weigher(map(terms_of, sections), tokens.factors)

    find = mentions.finder(names, language)
    places = _places(root)
    refs = {unit.ref for unit in root.walk()}
    finder = Finder(root)
    found = {}  # what a leaf mentions and cites, if anything: most leaves do neither
    for leaf in leaves:
        cited = cross_references(leaf.text, places.get(leaf.ref, NOWHERE), finder, doc.title)
        mentioned, citing = find(leaf.text), [ref for ref in cited if ref in refs and ref != leaf.ref]
        if citing or any(mentioned):
            found[leaf.ref] = (mentioned, citing)
    clauses = _Clauses(tokens)

    body = [section for section in sections if section.kind in _BODY_KINDS] or sections
    parties = tuple(
        {term for unit in root.walk() if unit.kind == "parties" for term in terms.get(unit.ref, ())}
    )
    # the parties are named apart; their names (塔吉克斯坦共和国 too) are not a theme
    body_terms = (term for section in body for term in terms_of(section) if not term.startswith(parties))

    def units():
        for unit in root.walk():
            if unit is not root:
                yield unit.ref, _summarise(unit, clauses, terms, weigher, found)

    return (
        Summaries(
            _Made(units),
            keywords.top(weigher.totals(body_terms), MAX_KEYWORDS),
            _instruments(names, leaves, found),
            _organizations(leaves, found),
        ),
        segmentation,
    )


_CUT = object()  # the node of a unit summarised from its start
_NOTHING = (mentions.Mentions((), (), ()), ())  # what a leaf neither mentions nor cites


def _start_of(leaf: Unit) -> Unit:
    """The leaf, or where its text is longer than summarise reads, a unit of the same ref
    holding its first MAX_SUMMARISED_CHARS characters: what a summary may quote from."""
    bound = limits.MAX_SUMMARISED_CHARS
    if len(leaf.text) <= bound:
        return leaf
    return Unit(leaf.ref, leaf.kind, leaf.label, leaf.text[:bound], node=_CUT)


def _texts(unit: Unit) -> list[Unit]:
    return [leaf for leaf in unit.leaves() if leaf.text]


def _summarise(unit: Unit, clauses, terms, weigher, found) -> UnitSummary:
    leaves = _texts(unit)
    unit_terms = [term for leaf in leaves for term in terms[leaf.ref]]
    weights = weigher.weights(unit_terms)
    dates: dict[str, None] = {}
    instruments: dict[str, mentions.Instrument] = {}
    counts: Counter = Counter()
    cited: dict[str, None] = {}
    inside = f"{unit.ref}."
    for leaf in leaves:
        mentioned, references = found.get(leaf.ref, _NOTHING)
        dates.update(dict.fromkeys(mentioned.dates))
        for instrument in mentioned.instruments:
            instruments.setdefault(mentions.name_key(instrument.name), instrument)
        counts.update(dict(mentioned.organizations))
        cited.update(
            dict.fromkeys(ref for ref in references if ref != unit.ref and not ref.startswith(inside))
        )
    return UnitSummary(
        keywords.top(weights, MAX_KEYWORDS),
        # a signatory's unit text joins role, name and mark in an order of its own: not a quote
        gist.choose([clauses[leaf] for leaf in leaves if leaf.kind != "signatory"], weights),
        list(dates),
        [tuple(instrument) for instrument in instruments.values()],
        list(counts.items()),
        list(cited),
    )


def _instruments(names: mentions.Names, leaves: list[Unit], found) -> list[tuple]:
    """Each instrument cited, with its date and the refs of the units that cite it."""
    citing: dict[str, list[str]] = {}
    for leaf in leaves:
        for instrument in found.get(leaf.ref, _NOTHING)[0].instruments:
            citing.setdefault(mentions.name_key(instrument.name), []).append(leaf.ref)
    return [(names.instruments[key].name, names.instruments[key].date, refs) for key, refs in citing.items()]


def _organizations(leaves: list[Unit], found) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for leaf in leaves:
        counts.update(dict(found.get(leaf.ref, _NOTHING)[0].organizations))
    return sorted(counts.items(), key=lambda pair: -pair[1])  # stable: first seen first among equals
