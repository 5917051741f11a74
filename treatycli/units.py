"""The addressable units of a Document: one tree that references resolve against.

Every unit has a `ref` that the reference grammar reads back (`4`, `4.2`, `preamble.3`,
`agenda.33`), a label in the document's language (第4条, Article 4), and either text (a leaf)
or children.
"""

from __future__ import annotations

import contextlib
import functools

from .model import Document, Signatory
from .vocabulary import TRADITIONAL, hierarchy
from .vocabulary import language as vocabulary_of


def unit_labels(doc: Document) -> dict[str, str]:
    """How units are labelled in the document's language (vocabulary.py), with the words its
    own citations name articles and paragraphs by, in its script: 第4條第2項 in a Taiwan law."""
    language = vocabulary_of(doc.language)
    labels = dict(language.labels)
    words = doc.decisions.hierarchy
    if words:
        canonical = hierarchy(doc.language, "hans")
        for kind, own, word in zip(("article", "paragraph"), canonical, words, strict=False):
            labels[kind] = labels[kind].replace(own, word)
    if doc.decisions.script == "hant":
        labels = {kind: label.translate(TRADITIONAL) for kind, label in labels.items()}
    return labels


def article_unit_label(labels: dict[str, str], article) -> str:
    """第4条 / Article 4; an inserted article keeps the document's own numbering (第十七条之一)."""
    return (
        article.heading
        if article.ordinal and article.heading
        else numbered(labels["article"], article.number)
    )


@functools.lru_cache(maxsize=4096)
def numbered(label: str, number: int) -> str:
    """label.format(number), one string for each: a large document's 40,000 paragraphs share a
    few dozen labels (第2款), and each made its own (60 bytes)."""
    return label.format(number)


_NONE = ()


class Unit:
    """`node` is the model object behind the unit; `text` is set on leaves only. A division's
    `children` are its subdivisions (book2 → book2.chapter1), its `members` every article it
    holds, at any depth: articles stay addressable by number at the top."""

    __slots__ = ("ref", "kind", "label", "text", "children", "node", "members", "_by_key", "_tables")

    def __init__(self, ref, kind, label, text=None, children=None, node=None, members=None):
        self.ref, self.kind, self.label, self.text = ref, kind, label, text
        # a leaf's are one shared empty tuple: two empty lists a unit were a fifth of its size
        self.children: list[Unit] = children if children is not None else _NONE
        self.node = node
        # units a division groups without owning them: articles stay addressable by number
        self.members: list[Unit] = members if members is not None else _NONE
        self._by_key: dict[str, Unit] | bool = False  # True once looked up by key: see child()
        self._tables: _Tables | None = None

    def __repr__(self) -> str:
        return f"<Unit {self.ref} {self.kind}>"

    @property
    def key(self) -> str:
        return self.ref.rsplit(".", 1)[-1]

    def child(self, key: str) -> Unit | None:
        """The child with this key (siblings' keys are unique, as refs are). The first lookup
        scans the children (for one reference, cheaper than a table of 10,000 articles); the
        second builds the table, the tree being complete by then: resolving N references
        costs a pass or two over each parent's children, not one per reference."""
        by_key = self._by_key
        if by_key is False:
            self._by_key = True
            return next((child for child in self.children if child.key == key), None)
        if by_key is True:
            by_key = self._by_key = {}
            for child in self.children:
                by_key.setdefault(child.key, child)
        return by_key.get(key)

    @property
    def index(self) -> UnitIndex:
        """Lookups over the tree below this unit (the root's, for references), their tables
        built once and kept on it."""
        if self._tables is None:
            self._tables = _Tables()
        return UnitIndex(self, self._tables)

    def leaves(self):
        if self.text is not None:
            yield self
        for child in self.members or self.children:
            yield from child.leaves()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class _Tables:
    """What UnitIndex has worked out for a tree, kept on its root. They hold no reference to
    the root (by the ids of units, and the units below it): a cycle would keep the tree alive
    until the process ends when the cyclic collector is off, as it is for a run (main.py),
    and its end would then cost a collection of the whole tree."""

    __slots__ = ("parents", "tops", "refs", "articles", "kinds", "positions")

    def __init__(self):
        self.parents: dict[int, Unit] | None = None  # a unit's id -> its parent, below the root
        self.refs: dict[str, Unit] | None = None
        self.articles: dict[tuple[int, int], list[Unit]] | None = None
        self.kinds: dict[str, list[Unit]] = {}
        self.positions: dict[str, dict[int, int]] = {}  # by kind: a unit's id -> its place
        self.tops: dict[int, int] | None = None  # the id of a child of the root -> its place


# the children of the root a range walks at most, from the one its start lies in to the one its
# end lies in: a wider one is found among every unit of its kind, whose places are worked out
# once for the run (10,000 ranges each over half of the document would each walk it)
LOCAL_SPAN = 64


class UnitIndex:
    """The lookups that resolving references needs over a whole tree, each table built on its
    first use in one walk: a unit's parent, a unit by its ref, articles by number and ordinal,
    and the units of each kind in document order (what a range runs over). Without them each
    reference would walk the tree, and `show` of N references would cost N × the document."""

    __slots__ = ("root", "_tables")

    def __init__(self, root: Unit, tables: _Tables | None = None):
        self.root = root
        self._tables = tables if tables is not None else _Tables()

    def _below(self):
        """Every unit of the tree but the root, in document order."""
        for child in self.root.children:
            yield from child.walk()

    def parent(self, unit: Unit) -> Unit | None:
        """The unit whose child this is. The table is of the units made when it was built: an
        article whose paragraphs were not made yet (ArticleUnit) is not made to make them,
        and one made since is added when a unit of it is asked for (its ref starts with the
        article's key, and an article stands at the top)."""
        tables = self._tables
        if tables.parents is None:
            tables.parents = {}
            for child in self.root.children:
                _add_parents(child, tables.parents)
        if id(unit) in self._tops():
            return self.root
        found = tables.parents.get(id(unit))
        if found is None and "." in unit.ref:
            key = unit.ref.partition(".")[0]
            for article in (self.root.child(key), *(c for c in self.root.children if c.key == key)):
                if isinstance(article, ArticleUnit) and article.made:
                    _add_parents(article, tables.parents)
                    found = tables.parents.get(id(unit))
                    if found is not None:  # else two articles of one number: the other one's
                        break
        return found

    def at(self, ref: str) -> Unit | None:
        """The unit whose ref this is."""
        if ref == self.root.ref:
            return self.root
        tables = self._tables
        if tables.refs is None:
            refs: dict[str, Unit] = {}
            for unit in self._below():
                refs.setdefault(unit.ref, unit)
            tables.refs = refs
        return tables.refs.get(ref)

    def articles(self, number: int, ordinal: int) -> list[Unit]:
        """The articles of this number and ordinal, in document order (one, unless the
        numbering is damaged)."""
        tables = self._tables
        if tables.articles is None:
            tables.articles = {}
            for unit in self.of_kind("article"):
                tables.articles.setdefault((unit.node.number, unit.node.ordinal), []).append(unit)
        return tables.articles.get((number, ordinal), [])

    def of_kind(self, kind: str) -> list[Unit]:
        """The units of this kind, in document order."""
        if kind == self.root.kind:
            return [self.root]
        found = self._tables.kinds.get(kind)
        if found is None:
            found = self._tables.kinds[kind] = units_of_kind(kind, self.root.children)
        return found

    def between(self, first: Unit, start: Unit, last: Unit, end: Unit) -> list[Unit] | None:
        """The units of `start`'s kind from `start` to `end` (of_kind's, between them), where
        `first` and `last` are the root's children they lie in; None if `end` comes before
        `start`. Only those children are walked: a range of paragraphs makes no other
        article's, and a range of 10,000 costs the units it names."""
        tops = self._tops()
        head, tail = tops[id(first)], tops[id(last)]
        if tail < head:
            return None
        if tail - head > LOCAL_SPAN:  # a wide range: places among every unit of its kind, found once
            same, at_start, at_end = self.of_kind(start.kind), self.position(start), self.position(end)
        else:
            same = units_of_kind(start.kind, self.root.children[head : tail + 1])
            at_start = next(n for n, unit in enumerate(same) if unit is start)
            at_end = next(n for n in range(len(same) - 1, -1, -1) if same[n] is end)
        return same[at_start : at_end + 1] if at_end >= at_start else None

    def _tops(self) -> dict[int, int]:
        """The id of each child of the root -> its place among them."""
        tables = self._tables
        if tables.tops is None:
            tables.tops = {id(child): number for number, child in enumerate(self.root.children)}
        return tables.tops

    def position(self, unit: Unit) -> int:
        """Where `unit` stands among the units of its kind (of_kind)."""
        positions = self._tables.positions.get(unit.kind)
        if positions is None:
            positions = self._tables.positions[unit.kind] = {
                id(each): number for number, each in enumerate(self.of_kind(unit.kind))
            }
        return positions[id(unit)]


def units_of_kind(kind: str, units) -> list[Unit]:
    """The units of a kind in `units` and below them, in document order (as walk() finds
    them). An article is entered only for the kinds it holds (ARTICLE_HOLDS): its paragraphs
    are made for nothing else, and they are most of a large tree."""
    into_articles = kind in ARTICLE_HOLDS
    found = []
    waiting = list(reversed(units))
    while waiting:
        unit = waiting.pop()
        if unit.kind == kind:
            found.append(unit)
        if into_articles or not isinstance(unit, ArticleUnit):
            children = unit.children
            if children:
                waiting += reversed(children)
    return found


def signatory_text(person: Signatory) -> str:
    return " ".join(part for part in (person.role, person.name, person.note) if part)


def _signature_units(ref: str, labels: dict[str, str], people: list[Signatory]) -> Unit:
    label = labels["signatures"]
    children = [
        Unit(f"{ref}.{i}", "signatory", labels["signatory"].format(i), signatory_text(p), node=p)
        for i, p in enumerate(people, start=1)
    ]
    return Unit(ref, "signatures", label, children=children, node=people)


def _add_parents(unit: Unit, parents: dict[int, Unit]) -> None:
    """Enter the units made below `unit` in `parents` (a unit's id -> its parent)."""
    children = _CHILDREN.__get__(unit)
    if children:
        for child in children:
            parents[id(child)] = unit
            _add_parents(child, parents)


# the kinds of unit an article's children are (ArticleUnit.children): no other kind is found
# inside an article, so a search for one need not make them
ARTICLE_HOLDS = frozenset({"article-title", "paragraph", "item"})


class ArticleUnit(Unit):
    """An article's unit, whose children (its caption and paragraphs) are made when they are
    first asked for: looking up one article of 10,000 needs none of the others' paragraphs,
    which were most of what the units of a large document took (a MiB a MB of text)."""

    __slots__ = ("_labels",)

    def __init__(self, article, labels: dict[str, str]):
        super().__init__(article.key, "article", None, node=article)
        _CHILDREN.__set__(self, None)  # not made yet
        self._labels = labels

    @property
    def label(self) -> str:
        """Made from the article when asked for (article_unit_label), unless one was given: a
        string an article (86 bytes) was most of what its unit held besides its ref."""
        return _LABEL.__get__(self) or article_unit_label(self._labels, self.node)

    @label.setter
    def label(self, label: str | None) -> None:
        _LABEL.__set__(self, label)

    @property
    def children(self) -> list[Unit]:
        children = _CHILDREN.__get__(self)
        if children is None:
            article, labels = self.node, self._labels
            children = _paragraph_units(article.key, article.paragraphs, labels)
            if article.title:  # its caption (Article 1 / Use of terms; 第一條　宗旨聲明): a unit grep reads
                caption = Unit(
                    f"{article.key}.title", "article-title", labels["title"], article.title, node=article
                )
                children.insert(0, caption)
            _CHILDREN.__set__(self, children)
        return children

    @children.setter
    def children(self, children) -> None:
        _CHILDREN.__set__(self, children)

    @property
    def made(self) -> bool:
        """Were its children made?"""
        return _CHILDREN.__get__(self) is not None

    def forget(self) -> None:
        """Let its children go, and the table of them by key: they are made again if they are
        asked for again (child() then finds the new ones)."""
        _CHILDREN.__set__(self, None)
        self._by_key = False


def walk_letting_go(root: Unit):
    """root.walk(), each article's units let go once walked (one_at_a_time): a walk of every
    unit (a digest, a size, the text units) need not keep them all (a MiB a MB of text)."""
    yield root
    for top in one_at_a_time(root.children):
        yield from top.walk()


def leaves_letting_go(unit: Unit):
    """unit.leaves(), each article's units let go once its leaves are read: checking a gist
    against the text of every article a division holds need not keep their paragraphs."""
    if isinstance(unit, ArticleUnit):
        with letting_go(unit):
            yield from unit.leaves()
        return
    if unit.text is not None:
        yield unit
    for child in unit.members or unit.children:
        yield from leaves_letting_go(child)


def one_at_a_time(units):
    """Each of `units`, and once the next is asked for, the children of an article made only
    for it let go again: `show all` of 10,000 articles then keeps none of their paragraphs'
    units (a MiB a MB of text) while it writes them."""
    for unit in units:
        if isinstance(unit, ArticleUnit) and not unit.made:  # letting_go, without its cost a unit
            try:
                yield unit
            finally:
                unit.forget()
        else:
            yield unit


@contextlib.contextmanager
def letting_go(unit: Unit | None):
    """A block after which the children of an article (`unit`) made in it are let go again
    (ArticleUnit.forget); those made before it stay, as does any other unit's."""
    fresh = isinstance(unit, ArticleUnit) and not unit.made
    try:
        yield
    finally:
        if fresh:
            unit.forget()


_CHILDREN = Unit.children  # the slot ArticleUnit's property reads and fills
_LABEL = Unit.label  # the slot of a label given to an ArticleUnit


def _paragraph_units(prefix: str, paragraphs, labels: dict[str, str]) -> list[Unit]:
    units = []
    for p in paragraphs:
        ref = f"{prefix}.{p.number}"
        items = [Unit(f"{ref}.{i.number}", "item", i.label, i.text, node=i) for i in p.items] or None
        units.append(
            Unit(ref, "paragraph", numbered(labels["paragraph"], p.number), p.text or None, items, node=p)
        )
    return units


def _resolution_unit(resolution, labels: dict[str, str]) -> Unit:
    """resolution.title, resolution.preamble.N (recitals), resolution.N (operative paragraphs)."""
    children = [Unit("resolution.title", "resolution-title", labels["resolution-title"], resolution.title)]
    recitals = [
        Unit(f"resolution.preamble.{i}", "recital", labels["recital"].format(i), text, node=text)
        for i, text in enumerate(resolution.recitals, start=1)
    ]
    if recitals:
        label = labels["preamble"]
        children.append(Unit("resolution.preamble", "preamble-recitals", label, children=recitals))
    children += _paragraph_units("resolution", resolution.paragraphs, labels)
    return Unit("resolution", "resolution", labels["resolution"], children=children, node=resolution)


def _holders(ref: str | None, divisions: dict[str, Unit]) -> list[Unit]:
    """The division units that hold an article in division `ref`, outermost first."""
    if ref not in divisions:
        return []
    segments = ref.split(".")
    return [divisions[".".join(segments[:n])] for n in range(1, len(segments) + 1)]


def build_units(doc: Document) -> Unit:
    """The root unit; its children are the document's parts and articles, in document order."""
    root = Unit("all", "document", doc.title or doc.source.name, children=[], node=doc)
    root.children.extend(top_units(doc))
    return root


def walk_unkept(doc: Document):
    """build_units(doc).walk() but the root, each part and article made as it is reached and
    let go once walked: the text units of a whole document (a first grep's) need no tree of
    every article beside the model (half a MiB a MB of text)."""
    for top in top_units(doc, grouping=False):
        yield from top.walk()


def top_units(doc: Document, grouping: bool = True):
    """The root's children, each made as it is asked for. A division's members are the articles
    it holds; without `grouping` they are not listed (walk() reads none), and a division holds
    no article."""
    labels = unit_labels(doc)
    names = labels
    if doc.agenda:
        items = [
            Unit(
                f"agenda.{item.number}",
                "agenda-item",
                labels["agenda-item"].format(item.number),
                item.title,
                node=item,
            )
            for item in doc.agenda
        ]
        yield Unit("agenda", "agenda", names["agenda"], children=items, node=doc.agenda)
    if doc.letter:
        letter = doc.letter
        children = [Unit("letter.title", "letter-title", names["letter-title"], letter.title, node=letter)]
        children += [
            Unit(
                f"letter.{i}",
                "letter-paragraph",
                labels["letter-paragraph"].format(i),
                text,
                node=text,
            )
            for i, text in enumerate(letter.paragraphs, start=1)
        ]
        if letter.signatories:
            children.append(_signature_units("letter.signatures", labels, letter.signatories))
        yield Unit("letter", "letter", names["letter"], children=children, node=letter)
    if doc.resolution:
        yield _resolution_unit(doc.resolution, labels)
    if doc.title:
        yield Unit("title", "title", names["title"], doc.title, node=doc.title)
    if doc.preamble:
        preamble = doc.preamble
        children = []
        if preamble.parties:
            children.append(Unit("preamble.parties", "parties", names["parties"], preamble.parties))
        children += [
            Unit(f"preamble.{i}", "recital", labels["recital"].format(i), text, node=text)
            for i, text in enumerate(preamble.recitals, start=1)
        ]
        if preamble.formula:
            children.append(Unit("preamble.formula", "formula", names["formula"], preamble.formula))
        yield Unit("preamble", "preamble", names["preamble"], children=children, node=preamble)
    divisions: dict[str, Unit] = {}
    for division in doc.divisions:
        unit = Unit(
            division.ref,
            "division",
            " ".join(filter(None, (division.heading, division.title))),
            children=[],  # its subdivisions and members are added as they come
            node=division,
            members=[],
        )
        parent = divisions.get(division.ref.rpartition(".")[0])
        if parent is not None:
            parent.children.append(unit)
        divisions[division.ref] = unit
    placed: set[str] = set()
    for article in doc.articles:
        holders = _holders(article.division, divisions)
        if holders and holders[0].ref not in placed:
            placed.add(holders[0].ref)
            yield holders[0]
        unit = ArticleUnit(article, labels)
        if grouping:
            for holder in holders:
                holder.members.append(unit)
        yield unit
    for annex in doc.annexes:
        ref = f"annex{annex.number}"
        label = names["annex"].format(annex.number)
        children = _paragraph_units(ref, annex.paragraphs, labels)
        for section in annex.sections:
            sref = f"{ref}.section{section.number}"
            slabel = " ".join(filter(None, (section.heading, section.title)))
            children.append(
                Unit(
                    sref,
                    "section",
                    slabel,
                    children=_paragraph_units(sref, section.paragraphs, labels),
                    node=section,
                )
            )
        yield Unit(ref, "annex", label, children=children, node=annex)
    if doc.signing:
        yield Unit("signing", "signing", names["signing"], doc.signing.text, node=doc.signing)
    if doc.signatories:
        yield _signature_units("signatures", labels, doc.signatories)
