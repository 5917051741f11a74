"""The addressable units of a Document: one tree that references resolve against.

Every unit has a `ref` that the reference grammar reads back (`4`, `4.2`, `preamble.3`,
`agenda.33`), a label in the document's language (第4条, Article 4), and either text (a leaf)
or children.
"""

from __future__ import annotations

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
        article.heading if article.ordinal and article.heading else labels["article"].format(article.number)
    )


class Unit:
    """`node` is the model object behind the unit; `text` is set on leaves only. A division's
    `children` are its subdivisions (book2 → book2.chapter1), its `members` every article it
    holds, at any depth: articles stay addressable by number at the top."""

    __slots__ = ("ref", "kind", "label", "text", "children", "node", "members")

    def __init__(self, ref, kind, label, text=None, children=None, node=None, members=None):
        self.ref, self.kind, self.label, self.text = ref, kind, label, text
        self.children: list[Unit] = children if children is not None else []
        self.node = node
        # units a division groups without owning them: articles stay addressable by number
        self.members: list[Unit] = members if members is not None else []

    def __repr__(self) -> str:
        return f"<Unit {self.ref} {self.kind}>"

    @property
    def key(self) -> str:
        return self.ref.rsplit(".", 1)[-1]

    def leaves(self):
        if self.text is not None:
            yield self
        for child in self.members or self.children:
            yield from child.leaves()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def signatory_text(person: Signatory) -> str:
    return " ".join(part for part in (person.role, person.name, person.note) if part)


def _signature_units(ref: str, labels: dict[str, str], people: list[Signatory]) -> Unit:
    label = labels["signatures"]
    children = [
        Unit(f"{ref}.{i}", "signatory", labels["signatory"].format(i), signatory_text(p), node=p)
        for i, p in enumerate(people, start=1)
    ]
    return Unit(ref, "signatures", label, children=children, node=people)


def _paragraph_units(prefix: str, paragraphs, labels: dict[str, str]) -> list[Unit]:
    units = []
    for p in paragraphs:
        ref = f"{prefix}.{p.number}"
        items = [Unit(f"{ref}.{i.number}", "item", i.label, i.text, node=i) for i in p.items]
        units.append(
            Unit(ref, "paragraph", labels["paragraph"].format(p.number), p.text or None, items, node=p)
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
    labels = unit_labels(doc)
    names = labels
    root = Unit("all", "document", doc.title or doc.source.name, node=doc)
    parts = root.children
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
        parts.append(Unit("agenda", "agenda", names["agenda"], children=items, node=doc.agenda))
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
        parts.append(Unit("letter", "letter", names["letter"], children=children, node=letter))
    if doc.resolution:
        parts.append(_resolution_unit(doc.resolution, labels))
    if doc.title:
        parts.append(Unit("title", "title", names["title"], doc.title, node=doc.title))
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
        parts.append(Unit("preamble", "preamble", names["preamble"], children=children, node=preamble))
    divisions: dict[str, Unit] = {}
    for division in doc.divisions:
        unit = Unit(
            division.ref,
            "division",
            " ".join(filter(None, (division.heading, division.title))),
            node=division,
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
            parts.append(holders[0])
        children = _paragraph_units(article.key, article.paragraphs, labels)
        if article.title:  # its caption (Article 1 / Use of terms; 第一條　宗旨聲明): a unit grep reads
            caption = Unit(
                f"{article.key}.title", "article-title", labels["title"], article.title, node=article
            )
            children.insert(0, caption)
        unit = Unit(
            article.key, "article", article_unit_label(labels, article), children=children, node=article
        )
        for holder in holders:
            holder.members.append(unit)
        parts.append(unit)
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
        parts.append(Unit(ref, "annex", label, children=children, node=annex))
    if doc.signing:
        parts.append(Unit("signing", "signing", names["signing"], doc.signing.text, node=doc.signing))
    if doc.signatories:
        parts.append(_signature_units("signatures", labels, doc.signatories))
    return root
