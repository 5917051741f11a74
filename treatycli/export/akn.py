"""`export --format akn`: Akoma Ntoso 3.0 XML (OASIS LegalDocML), as the UN marks up its documents.

The document is an `act` (`name="treaty"` for a treaty, `name="act"` for a statute), a
`statement name="resolution"` when its numbered units are a resolution's operative paragraphs,
or a `doc name="text"` when the loader found no structure. A cover letter is a
`doc name="officialLetter"`, and a resolution that adopts the treaty a `statement`; either
carries the treaty as its attachment, as the treaty carries its annexes. Unit text is written
whole in a `p` (the date and place of signing, a signatory's role and name, marked inside it),
so that a reader finds every unit's text as the document has it.

eIds follow the AKN naming convention and the unit's ref: `art_4__para_2`,
`art_2__para_1__point_1`, `preamble__recs_1__rec_3`, `part_2`, `book_2__chp_1`; in a
statement or a text, a numbered unit is a `paragraph` (`para_3`); an article key
such as `8bis` or `17_1` becomes `art_8bis`, `art_17-1`. Inside an attachment every eId
carries the attachment's as a prefix (`att_1__art_4__para_2`), so eIds stay unique in the file.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from functools import partial

from ..loader.dates import find_date
from ..model import Document
from ..script import has_wide
from ..units import Unit, letting_go
from ..vocabulary import LANGUAGES, alternatives, both_scripts
from .selection import Selection, division_chain, parts, shared_depth

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PROPRIETARY_NAMESPACE = "urn:treatycli:export"
ET.register_namespace("treatycli", PROPRIETARY_NAMESPACE)
# ISO 3166-1 reserves ZZ for user assignment; CLDR reads it as "unknown region". A UN
# document is "un", as AKN4UN writes it; for anything else the text does not say.
UNKNOWN_COUNTRY = "zz"
SOURCE_ID = "treatycli"
# The loader's layouts whose numbered units are not articles.
RESOLUTION_LAYOUT, UNSTRUCTURED_LAYOUT = "resolution", "paragraphs"

# Division kinds → the AKN element and its eId abbreviation (naming convention).
_DIVISIONS = {"part": ("part", "part"), "chapter": ("chapter", "chp"), "section": ("section", "sec"),
              "book": ("book", "book"), "title": ("title", "title"), "subsection": ("subsection", "subsec"),
              "division": ("division", "dvs")}  # fmt: skip
_DIVISION_REF = re.compile(r"([a-z]+)(\d+)")
_NOT_IN_EID = re.compile(r"[^0-9A-Za-z-]")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Elements whose content is text: never indented, so that their text stays as it is.
_TEXT_ELEMENTS = {"p", "num", "heading"}


def _instrument_patterns() -> tuple[re.Pattern, re.Pattern]:
    """A treaty or a statute, by the title's head word (vocabulary.py): an agreement between
    parties is a treaty; a law, or a text named with a common word (规定, rules), an act. Chinese
    nouns in both scripts; Latin ones as words."""

    def pattern(wide: bool) -> re.Pattern:
        treaties, acts = [], []
        for language in LANGUAGES.values():
            treaties += [n for n in language.treaties if has_wide(n) == wide]
            acts += [n for n in (*language.acts, *language.rules) if has_wide(n) == wide]
        if wide:
            return re.compile(
                rf"({alternatives(both_scripts(treaties))})|({alternatives(both_scripts(acts))})"
            )
        return re.compile(rf"\b(?:({alternatives(treaties)})|({alternatives(acts)}))\b", re.I)

    return pattern(True), pattern(False)


_ZH_INSTRUMENT, _EN_INSTRUMENT = _instrument_patterns()
_ZH_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[)）]\s*$")


def instrument(doc: Document) -> str:
    """Whether the document is a treaty or an act (a statute): the title's head word
    decides, else signatures, a letter or a resolution make it a treaty."""
    title = (doc.title or "").strip()
    if doc.language == "zh":
        matches = list(_ZH_INSTRUMENT.finditer(_ZH_TRAILING_NOTE.sub("", title)))
        head = matches[-1] if matches else None
    else:
        head = _EN_INSTRUMENT.search(title)
    if head:
        return "treaty" if head.group(1) else "act"
    return "treaty" if doc.signing or doc.signatories or doc.letter or doc.resolution else "act"


def _text(value: str) -> str:
    """Characters XML 1.0 cannot hold become U+FFFD."""
    return _NOT_IN_XML.sub("\ufffd", value)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(str(v)) for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = _text(text)
    return element


def _p(parent: ET.Element, text: str | None, **attributes) -> ET.Element:
    return _el(parent, "p", text or "", **attributes)


def _key(value: str) -> str:
    return _NOT_IN_EID.sub("-", value)


def division_eid(ref: str) -> str:
    """book2.chapter1 → book_2__chp_1; a kind the convention does not name keeps its name."""
    pieces = []
    for segment in ref.split("."):
        match = _DIVISION_REF.fullmatch(segment)
        kind, number = match.groups() if match else (segment, "")
        abbreviation = _DIVISIONS.get(kind, (kind, kind))[1]
        pieces.append(f"{abbreviation}_{number}" if number else _key(abbreviation))
    return "__".join(pieces)


class _Context:
    """The eId prefix of one document (its attachment's eId), its persons, roles and places
    for `references`, and the date it was generated."""

    def __init__(self, prefix: str, generated: date, later: list | None = None):
        self.prefix, self.generated = prefix, generated
        self.concepts: list[tuple[str, str, str]] = []  # (TLC element, eId, showAs)
        # what makes each run of articles' elements, as they are written (_LATER): the file's
        self.later = later if later is not None else []

    def build_later(self, parent: ET.Element, build) -> None:
        """Elements that build() yields in turn, each made when the file is written: in the
        tree, one mark (_LATER) in their place."""
        _el(parent, _LATER, n=len(self.later))
        self.later.append(build)

    def eid(self, local: str) -> str:
        return f"{self.prefix}{local}"

    def concept(self, tlc: str, kind: str, shown: str) -> str:
        """A reference to a person, role or place, listed in `references`; its `refersTo`."""
        eid = self.eid(f"{kind}_{sum(1 for c in self.concepts if c[0] == tlc) + 1}")
        self.concepts.append((tlc, eid, shown))
        return f"#{eid}"

    def attachment(self, number: int) -> _Context:
        return _Context(self.eid(f"att_{number}__"), self.generated, self.later)


# The mark an article's element stands behind until it is written: no element of AKN, and
# no text can hold it (ElementTree writes a "<" in text as "&lt;").
_LATER = "treatycliLater"
_LATER_MARK = re.compile(f'<{_LATER} n="([0-9]+)" />')


def to_akn(selection: Selection, generated: date) -> str:
    return "".join(akn_chunks(selection, generated))


def akn_chunks(selection: Selection, generated: date):
    """The XML text, a block or an article at a time; `generated` dates the manifestation
    (this file). The tree is built without the articles' elements (a mark in the place of
    each run of them), and each article's is made, written and let go in turn: the whole
    tree of a 5 MB document was 35 MiB, and a mark an article 5."""
    doc = selection.doc
    everything = parts(selection.root)
    by_kind = {part.kind: part for part in everything}
    transmittal = by_kind.get("letter") or by_kind.get("resolution")
    main_parts = [p for p in everything if p.kind not in ("agenda", "letter", "resolution")]
    xml = ET.Element("akomaNtoso", xmlns=NAMESPACE)
    context = _Context("", generated)
    agenda = by_kind.get("agenda")
    if transmittal is not None:
        outer = _transmittal(xml, doc, transmittal, agenda, context, selection.whole)
        if main_parts:
            attachments = _el(outer, "attachments")
            attachment = _el(attachments, "attachment", eId=context.eid("att_1"))
            if selection.whole and transmittal.node.annex_heading:
                _el(attachment, "heading", transmittal.node.annex_heading)
            _main(attachment, doc, main_parts, None, context.attachment(1), selection.whole)
    else:
        _main(xml, doc, main_parts, agenda, context, selection.whole)
    _indent(xml)
    depths = dict(_later_depths(xml))
    skeleton = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(xml, encoding="unicode") + "\n"
    del xml
    builders, written = context.later, 0
    for mark in _LATER_MARK.finditer(skeleton):
        yield skeleton[written : mark.start()]
        number = int(mark.group(1))
        depth, build = depths[number], builders[number]
        builders[number] = None  # made once, and let go once written
        between = None  # siblings are apart as _indent sets them; the last's tail is the mark's
        for element in build():
            if between:
                yield between
            _indent(element, depth)
            element.tail = None
            yield ET.tostring(element, encoding="unicode")
            between = _indentation(depth)
        written = mark.end()
    yield skeleton[written:]


def _later_depths(element: ET.Element, depth: int = 0):
    """(the number of each mark of an element made later, its depth), as _indent counts."""
    for child in element:
        if child.tag == _LATER:
            yield int(child.get("n")), depth + 1
        else:
            yield from _later_depths(child, depth + 1)


# -- the documents ------------------------------------------------------------------------


def _work_date(doc: Document, kind: str, generated: date) -> tuple[str, str]:
    """The date the work bears and its FRBR name: the letter's date for a letter, the date
    of signing for the treaty; where the text gives none, the date this file was made."""
    if kind == "letter" and doc.letter and doc.letter.date:
        return doc.letter.date, "letter"
    if kind != "letter" and doc.signing and doc.signing.date:
        return doc.signing.date, "signature"
    return generated.isoformat(), "Generation"


def _meta(parent: ET.Element, doc: Document, context: _Context, work_type: tuple[str, str], kind: str,
          component: str = "main") -> ET.Element:  # fmt: skip
    """meta/identification: FRBR work, expression and manifestation. `work_type` is the
    document element and its name (act, treaty). The work's number is the start of the
    source's SHA-256: it names this text, and the same text gives the same URI."""
    meta = _el(parent, "meta")
    when, what = _work_date(doc, kind, context.generated)
    un = bool(doc.letter or doc.resolution or doc.session or doc.agenda)
    country = "un" if un else UNKNOWN_COUNTRY
    number = doc.source.sha256[:12]
    language = LANGUAGES[doc.language].code3 if doc.language in LANGUAGES else doc.language  # ISO 639-2
    work = f"/akn/{country}/{work_type[0]}/{work_type[1]}/{when}/{number}"
    expression = f"{work}/{language}@"
    source = f"#{context.eid(SOURCE_ID)}"
    identification = _el(meta, "identification", source=source)
    for level, this, uri, dated, named, author in (
        ("FRBRWork", f"{work}/!{component}", work, when, what, ""),
        ("FRBRExpression", f"{expression}/!{component}", expression, when, what, ""),
        ("FRBRManifestation", f"{expression}/!{component}.xml", f"{expression}.akn",
         context.generated.isoformat(), "Generation", source),
    ):  # fmt: skip
        frbr = _el(identification, level)
        _el(frbr, "FRBRthis", value=this)
        _el(frbr, "FRBRuri", value=uri)
        _el(frbr, "FRBRdate", date=dated, name=named)
        _el(frbr, "FRBRauthor", href=author)
        if level == "FRBRWork":
            _el(frbr, "FRBRcountry", value=country)
            _el(frbr, "FRBRsubtype", value=work_type[1])
            _el(frbr, "FRBRnumber", value=number)
            if doc.title and kind == "main":
                _el(frbr, "FRBRname", value=doc.title)
        elif level == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language=language)
        else:
            _el(frbr, "FRBRformat", value="application/akn+xml")
    return meta


def _references(meta: ET.Element, doc: Document, context: _Context) -> None:
    """Written after the body: the persons, roles and places it refers to are known then."""
    source = context.eid(SOURCE_ID)
    references = _el(meta, "references", source=f"#{source}")
    _el(
        references, "TLCOrganization", eId=source, href="/ontology/organization/treatycli", showAs="treatycli"
    )
    for tlc, eid, shown in context.concepts:
        kind = tlc.removeprefix("TLC").lower()
        _el(references, tlc, eId=eid, href=f"/ontology/{kind}/{eid}", showAs=shown)
    proprietary = _el(meta, "proprietary", source=f"#{source}")
    _el(proprietary, f"{{{PROPRIETARY_NAMESPACE}}}source", name=doc.source.name,
        sha256=doc.source.sha256, encoding=doc.source.encoding)  # fmt: skip


def _transmittal(parent, doc, part: Unit, agenda: Unit | None, context: _Context, whole: bool):
    """The cover letter (doc officialLetter) or resolution (statement) around the treaty."""
    letter = part.kind == "letter"
    element = _el(parent, "doc" if letter else "statement", name="officialLetter" if letter else "resolution")
    meta = _meta(element, doc, context, (element.tag, element.get("name")), part.kind)
    titles = [c for c in part.children if c.kind in ("letter-title", "resolution-title")]
    _preface(element, titles[0].text if titles else None, agenda, context)
    recitals = [c for c in part.children if c.kind == "preamble-recitals"]
    if recitals or (whole and not letter):
        preamble = _el(element, "preamble")
        if whole and not letter:
            _el(_p(preamble, None), "docAuthority", part.node.author)
        if recitals:
            _recitals(preamble, recitals[0].children, context)
    body = _el(element, "mainBody")
    for child in part.children:
        if child.kind == "letter-paragraph":
            _p(body, child.text, eId=context.eid(f"p_{child.key}"))
        elif child.kind == "paragraph":
            _paragraph(body, child, context.eid(f"para_{child.key}"), context)
    _not_exported_if_empty(body, context)
    signatures = [c for c in part.children if c.kind == "signatures"]
    closing = part.node.closing if whole and not letter else ()
    if signatures or closing:
        conclusions = _el(element, "conclusions")
        for line in closing:
            _p(conclusions, line)
        for person in signatures[0].children if signatures else ():
            _signature(conclusions, person.node, context)
    _references(meta, doc, context)
    return element


def _main(parent, doc: Document, parts: list[Unit], agenda: Unit | None, context: _Context, whole: bool):
    """The treaty or statute (act), resolution (statement) or unstructured text (doc)."""
    if doc.layout == RESOLUTION_LAYOUT:
        element = _el(parent, "statement", name="resolution")
    elif doc.layout == UNSTRUCTURED_LAYOUT:
        element = _el(parent, "doc", name="text")
    else:
        element = _el(parent, "act", name=instrument(doc))
    hierarchical = element.tag == "act"
    meta = _meta(element, doc, context, (element.tag, element.get("name")), "main")
    by_kind = {part.kind: part for part in parts}
    title = by_kind.get("title")
    _preface(element, title.text if title else None, agenda, context)
    if "preamble" in by_kind:
        _preamble(element, by_kind["preamble"], context)
    body = _el(element, "body" if hierarchical else "mainBody")
    _articles(body, doc, [p for p in parts if p.kind == "article"], context, hierarchical)
    _not_exported_if_empty(body, context)
    _conclusions(element, by_kind.get("signing"), by_kind.get("signatures"), context, whole)
    annexes = [p for p in parts if p.kind == "annex"]
    if annexes:
        attachments = _el(element, "attachments")
        for annex in annexes:
            _annex(attachments, doc, annex, context, element)
    _references(meta, doc, context)


def _preface(element, title: str | None, agenda: Unit | None, context: _Context) -> None:
    if title is None and agenda is None:
        return
    preface = _el(element, "preface")
    if title is not None:
        _el(_p(preface, None), "docTitle", title)
    if agenda is not None:
        items = _el(preface, "blockList", eId=context.eid("agenda"))
        for unit in agenda.children:
            item = _el(items, "item", eId=context.eid(f"agenda__item_{unit.key}"))
            _el(item, "num", str(unit.node.number))
            _p(item, unit.text)


def _preamble(element, part: Unit, context: _Context) -> None:
    """The heading the source gives it, the parties, the recitals and the formula."""
    preamble = _el(element, "preamble")
    if part.node.heading:
        _p(preamble, part.node.heading, **{"class": "heading"})
    children = {child.kind: child for child in part.children}
    if "parties" in children:
        container = _el(preamble, "container", name="parties", eId=context.eid("preamble__parties"))
        _p(container, children["parties"].text)
    recitals = [child for child in part.children if child.kind == "recital"]
    if recitals:
        _recitals(preamble, recitals, context)
    if "formula" in children:
        formula = _el(preamble, "formula", name="enactingFormula", eId=context.eid("preamble__formula"))
        _p(formula, children["formula"].text)
    _drop_if_empty(element, preamble)


def _recitals(preamble, units: list[Unit], context: _Context) -> None:
    recitals = _el(preamble, "recitals", eId=context.eid("preamble__recs_1"))
    for unit in units:
        recital = _el(recitals, "recital", eId=context.eid(f"preamble__recs_1__rec_{unit.key}"))
        _p(recital, unit.text)


def _articles(body, doc: Document, articles: list[Unit], context: _Context, hierarchical: bool) -> None:
    """Articles inside their divisions, opening each division (and those a dotted ref says
    enclose it) once; in a resolution or plain text, each is a numbered paragraph."""
    divisions = {d.ref: d for d in doc.divisions}
    open_refs: list[str] = []
    open_elements: list[ET.Element] = [body]
    run: list[Unit] = []  # the articles in a row in the innermost open element, made later

    def mark_run() -> None:
        if run:
            context.build_later(open_elements[-1], partial(_article_elements, run[:], context, hierarchical))
            run.clear()

    for unit in articles:
        article = unit.node
        chain = division_chain(article.division if hierarchical else None)
        kept = shared_depth(open_refs, chain)
        if kept < len(open_refs) or kept < len(chain):  # another element: the run ends before it
            mark_run()
        del open_refs[kept:], open_elements[kept + 1 :]
        for ref in chain[kept:]:
            open_refs.append(ref)
            open_elements.append(_division(open_elements[-1], divisions.get(ref), ref, context))
        run.append(unit)
    mark_run()


def _article_elements(units: list[Unit], context: _Context, hierarchical: bool) -> Iterator[ET.Element]:
    """Each article's element in turn (in a resolution or plain text, a numbered
    paragraph's), its paragraph units let go once it is made (units.letting_go)."""
    for unit in units:
        holder = ET.Element("holder")
        with letting_go(unit):
            _article_element(unit, context, hierarchical, holder)
        (element,) = holder
        yield element


def _article_element(unit: Unit, context: _Context, hierarchical: bool, container: ET.Element) -> None:
    article = unit.node
    number = article.heading or unit.key
    if hierarchical:
        eid = context.eid(f"art_{_key(unit.key)}")
        element = _labelled(container, "article", eid, number, article.title)
        for paragraph in unit.children:
            _paragraph(element, paragraph, f"{eid}__para_{paragraph.key}", context)
        return
    eid = context.eid(f"para_{_key(unit.key)}")
    if len(unit.children) == 1:  # an operative paragraph is one block: no subparagraph
        _paragraph(container, unit.children[0], eid, context, number=number, heading=article.title)
        return
    element = _labelled(container, "paragraph", eid, number, article.title)
    for paragraph in unit.children:
        _paragraph(element, paragraph, f"{eid}__subpara_{paragraph.key}", context, "subparagraph")


def _division(parent, division, ref: str, context: _Context) -> ET.Element:
    """A part, chapter, section or book; a kind AKN does not name is an hcontainer."""
    if division:
        kind = division.kind
    else:
        match = _DIVISION_REF.fullmatch(ref.rsplit(".", 1)[-1])
        kind = match.group(1) if match else ref
    tag = _DIVISIONS.get(kind, ("hcontainer",))[0]
    heading, title = (division.heading, division.title) if division else (None, None)
    name = kind if tag == "hcontainer" else None
    return _labelled(parent, tag, context.eid(division_eid(ref)), heading, title, name=name)


def _labelled(
    parent, tag: str, eid: str, number: str | None, heading: str | None, **attributes
) -> ET.Element:
    """A hierarchical element with its num and, where the source gives one, its heading."""
    element = _el(parent, tag, eId=eid, **attributes)
    if number is not None:
        _el(element, "num", number)
    if heading:
        _el(element, "heading", heading)
    return element


def _paragraph(parent, unit: Unit, eid: str, context: _Context, tag: str = "paragraph",
               number: str | None = None, heading: str | None = None) -> None:  # fmt: skip
    """A numbered paragraph: its text as content, or as the intro to its items (points)."""
    element = _labelled(parent, tag, eid, number or unit.key, heading)
    if not unit.children:
        _p(_el(element, "content"), unit.text)
        return
    if unit.text is not None:
        _p(_el(element, "intro"), unit.text)
    for item in unit.children:
        point = _labelled(element, "point", f"{eid}__point_{item.key}", item.node.label or None, None)
        _p(_el(point, "content"), item.text)


def _conclusions(element, signing: Unit | None, signatures: Unit | None, context: _Context, whole: bool):
    if signing is None and signatures is None:
        return
    conclusions = _el(element, "conclusions")
    if signing is not None:
        if whole and signing.node.witness:
            formula = _el(conclusions, "formula", name="witnessing")
            _p(formula, signing.node.witness)
        _signing(_p(conclusions, None), signing.node, context)
    for person in signatures.children if signatures else ():
        _signature(conclusions, person.node, context)


def _signing(p: ET.Element, signing, context: _Context) -> None:
    """The signing text, with its date and place marked where the text has them."""
    text = signing.text
    marks = []
    span = _date_span(text, signing.date) if signing.date else None
    if span:
        marks.append((*span, "date", {"date": signing.date}))
    at = text.find(signing.place) if signing.place else -1
    if at >= 0 and not (span and at < span[1] and span[0] < at + len(signing.place)):
        place = {"refersTo": context.concept("TLCLocation", "location", signing.place)}
        marks.append((at, at + len(signing.place), "location", place))
    segments, last = [], 0
    for start, end, tag, attributes in sorted(marks):
        segments += [(None, text[last:start], {}), (tag, text[start:end], attributes)]
        last = end
    _mixed(p, [*segments, (None, text[last:], {})])


def _date_span(text: str, iso: str) -> tuple[int, int] | None:
    """Where `text` writes the date `iso`: the shortest slice that still reads as it
    (`find_date` gives the date, not where it stands)."""
    start = next((i for i in range(len(text), -1, -1) if find_date(text[i:]) == iso), None)
    if start is None:
        return None
    end = next(j for j in range(start, len(text) + 1) if find_date(text[start:j]) == iso)
    return start, end


def _signature(parent, person, context: _Context) -> None:
    """One signatory: role, person and note as the text has them, one space apart."""
    segments = []
    for tag, value in (("role", person.role), ("person", person.name), (None, person.note)):
        if value:
            if segments:
                segments.append((None, " ", {}))
            refers = {"refersTo": context.concept(f"TLC{tag.capitalize()}", tag, value)} if tag else {}
            segments.append((tag, value, refers))
    _mixed(_el(_p(parent, None), "signature"), segments)


def _mixed(parent: ET.Element, segments) -> None:
    """Mixed content from (tag, text, attributes) segments; tag None is plain text."""
    last = None
    for tag, text, attributes in segments:
        if tag is not None:
            last = _el(parent, tag, text, **attributes)
        elif last is None:
            parent.text = (parent.text or "") + _text(text)
        else:
            last.tail = (last.tail or "") + _text(text)


def _annex(attachments, doc: Document, annex: Unit, context: _Context, owner: ET.Element) -> None:
    """An annex as an attachment: a doc of its own, with its paragraphs and sections, named
    as a component of the work that `owner` is."""
    number = annex.node.number
    attachment = _el(attachments, "attachment", eId=context.eid(f"att_{number}"))
    inner = context.attachment(number)
    _el(attachment, "heading", annex.node.heading)
    element = _el(attachment, "doc", name="annex")
    meta = _meta(element, doc, inner, (owner.tag, owner.get("name")), "annex", f"annex_{number}")
    body = _el(element, "mainBody")
    for child in annex.children:
        if child.kind == "section":
            node = child.node
            section = _labelled(body, "section", inner.eid(f"sec_{node.number}"), node.heading, node.title)
            for paragraph in child.children:
                _paragraph(
                    section, paragraph, inner.eid(f"sec_{child.node.number}__para_{paragraph.key}"), inner
                )
        else:
            _paragraph(body, child, inner.eid(f"para_{child.key}"), inner)
    _not_exported_if_empty(body, inner)
    _references(meta, doc, inner)


def _drop_if_empty(parent: ET.Element, element: ET.Element) -> None:
    """Optional containers must hold something: one left empty is removed."""
    if len(element) == 0:
        parent.remove(element)


def _not_exported_if_empty(body: ET.Element, context: _Context) -> None:
    """A body must hold something: when the units named leave it empty, say so."""
    if len(body) == 0:
        _el(body, "hcontainer", eId=context.eid("hcontainer_1"), name="notExported")


def _indent(element: ET.Element, depth: int = 0) -> None:
    """Indent the structure, never inside an element that holds text. One string a depth:
    one an element was 6 MiB of a 5 MB document's tree."""
    if element.tag in _TEXT_ELEMENTS or len(element) == 0:
        return
    inner = _indentation(depth + 1)
    element.text = inner
    for child in element:
        _indent(child, depth + 1)
        child.tail = inner
    element[-1].tail = _indentation(depth)


@functools.cache
def _indentation(depth: int) -> str:
    return "\n" + "  " * depth
