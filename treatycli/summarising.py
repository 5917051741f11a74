"""Computing the summaries of a document's units: tokens (jieba for Chinese, words for
English), keywords weighed against the document, gists, and what each unit mentions.

Imported only when no kept summary fits (summaries.py).
"""

from __future__ import annotations

from collections import Counter

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


def _tokens(doc: Document, leaves: list[Unit], names: mentions.Names):
    """(Tokens per leaf ref, the weighing factors of Chinese terms or None, jieba's
    segmentation for the words cache as (units, lengths, names) or None)."""
    if doc.language != "zh":
        whole = names.all()
        pattern = keywords.english_pattern(whole)
        folded = {" ".join(name.lower().split()): name for name in whole}
        own = mentions.own_kind(doc.title)
        tokens = {leaf.ref: keywords.english_tokens(leaf.text, pattern, folded, own) for leaf in leaves}
        return tokens, None, None
    from .segment import lengths, tokenize

    segmentation = tokenize(leaves, names)
    kept_whole = set(segmentation.names)
    tokens = {
        ref: keywords.chinese_tokens(unit_tokens, kept_whole, segmentation.frequencies)
        for ref, unit_tokens in segmentation.tokens.items()
    }
    vocabulary = {token.term for unit_tokens in tokens.values() for token in unit_tokens if token.term}
    # a name added to jieba's dictionary has an invented frequency: count it as unknown
    factors = keywords.chinese_factors(
        vocabulary, segmentation.frequencies, segmentation.total, kept_whole, segmentation.tags
    )
    return tokens, factors, (leaves, lengths(segmentation.tokens), segmentation.names)


def compute(doc: Document, root: Unit):
    """(Summaries, segmentation for the words cache or None)."""
    language = "zh" if doc.language == "zh" else "en"
    leaves = [_start_of(leaf) for leaf in leaves_in_scope(root, [root])]
    found = mentions.discover([leaf.text for leaf in leaves], language)
    tokens, factors, segmentation = _tokens(doc, leaves, found)  # as grep -w segments it
    if any(leaf.node is _CUT for leaf in leaves):
        segmentation = None  # of a unit's start only: not what grep -w keeps
    names = found.without(doc.title)
    terms = {ref: [token.term for token in unit_tokens if token.term] for ref, unit_tokens in tokens.items()}
    sections = [unit for unit in root.children if unit.kind != "division"]
    section_terms = [[term for leaf in _texts(section) for term in terms[leaf.ref]] for section in sections]
    weigher = keywords.Weigher(section_terms, factors)

    find = mentions.finder(names, language)
    places = _places(root)
    refs = {unit.ref for unit in root.walk()}
    finder = Finder(root)
    found = {}
    for leaf in leaves:
        cited = cross_references(leaf.text, places.get(leaf.ref, NOWHERE), finder, doc.title)
        found[leaf.ref] = (find(leaf.text), [ref for ref in cited if ref in refs and ref != leaf.ref])
    clauses = {leaf.ref: gist.Clauses(leaf.text, tokens[leaf.ref]) for leaf in leaves}

    units = {}
    for unit in root.walk():
        if unit is not root:
            units[unit.ref] = _summarise(unit, clauses, terms, weigher, found)
    body = [terms_of_section for section, terms_of_section in zip(sections, section_terms, strict=True)
            if section.kind in _BODY_KINDS] or section_terms  # fmt: skip
    parties = {term for unit in root.walk() if unit.kind == "parties" for term in terms.get(unit.ref, ())}
    body_terms = [
        term for terms_of_section in body for term in terms_of_section if not term.startswith(tuple(parties))
    ]  # the parties are named apart; their names (塔吉克斯坦共和国 too) are not a theme
    return (
        Summaries(
            units,
            keywords.top(weigher.totals(body_terms), MAX_KEYWORDS),
            _instruments(names, leaves, found),
            _organizations(leaves, found),
        ),
        segmentation,
    )


_CUT = object()  # the node of a unit summarised from its start


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
        mentioned, references = found[leaf.ref]
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
        gist.choose([clauses[leaf.ref] for leaf in leaves if leaf.kind != "signatory"], weights),
        list(dates),
        [tuple(instrument) for instrument in instruments.values()],
        list(counts.items()),
        list(cited),
    )


def _instruments(names: mentions.Names, leaves: list[Unit], found) -> list[tuple]:
    """Each instrument cited, with its date and the refs of the units that cite it."""
    citing: dict[str, list[str]] = {}
    for leaf in leaves:
        for instrument in found[leaf.ref][0].instruments:
            citing.setdefault(mentions.name_key(instrument.name), []).append(leaf.ref)
    return [(names.instruments[key].name, names.instruments[key].date, refs) for key, refs in citing.items()]


def _organizations(leaves: list[Unit], found) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for leaf in leaves:
        counts.update(dict(found[leaf.ref][0].organizations))
    return sorted(counts.items(), key=lambda pair: -pair[1])  # stable: first seen first among equals
