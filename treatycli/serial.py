"""The model as JSON-ready data, and back: the export's format (treatycli/1) is the whole
model, so a document kept as that record (snapshot.py) is rebuilt without the loader."""

from __future__ import annotations

from .model import (
    AgendaItem,
    Annex,
    Article,
    Division,
    Document,
    Fragment,
    Item,
    Layout,
    Letter,
    Paragraph,
    Preamble,
    Resolution,
    Section,
    Signatory,
    Signing,
    Source,
)  # fmt: skip

FORMAT = "treatycli/1"


def signatory_record(person: Signatory, ref: str | None = None) -> dict:
    record = {"role": person.role, "name": person.name, "note": person.note}
    return {"ref": ref, **record} if ref else record


def paragraphs_record(paragraphs) -> list[dict]:
    return [
        {
            "number": p.number,
            "text": p.text,
            "items": [{"number": i.number, "label": i.label, "text": i.text} for i in p.items],
        }
        for p in paragraphs
    ]


def resolution_record(resolution) -> dict:
    return {
        "title": resolution.title,
        "author": resolution.author,
        "recitals": list(resolution.recitals),
        "paragraphs": paragraphs_record(resolution.paragraphs),
        "closing": list(resolution.closing),
        "annex_heading": resolution.annex_heading,
    }


def layout_record(layout: Layout) -> dict:
    """The layout step's decisions, by name (model.Layout says what each means)."""
    record = {field: getattr(layout, field) for field in Layout._fields if field != "name"}
    return {key: list(value) if isinstance(value, tuple) else value for key, value in record.items()}


def model_record(doc: Document) -> dict:
    """The whole model. Absent parts are null or empty, never missing keys."""
    letter, preamble = doc.letter, doc.preamble
    return {
        "format": FORMAT,
        "source": {"name": doc.source.name, "sha256": doc.source.sha256, "encoding": doc.source.encoding},
        "language": doc.language,
        "layout": doc.layout,
        "layout_decisions": layout_record(doc.decisions),
        "notes": list(doc.notes),
        "title": doc.title,
        "session": doc.session,
        "masthead": list(doc.masthead),
        "agenda": [{"item": i.number, "title": i.title} for i in doc.agenda],
        "letter": {
            "date": letter.date,
            "title": letter.title,
            "paragraphs": list(letter.paragraphs),
            "signatories": [signatory_record(p) for p in letter.signatories],
            "annex_heading": letter.annex_heading,
        }
        if letter
        else None,
        "preamble": {
            "heading": preamble.heading,
            "parties": preamble.parties,
            "recitals": list(preamble.recitals),
            "formula": preamble.formula,
        }
        if preamble
        else None,
        "divisions": [
            {"ref": d.ref, "kind": d.kind, "number": d.number, "heading": d.heading, "title": d.title}
            for d in doc.divisions
        ],
        "articles": [
            {
                "ref": a.key,
                "number": a.number,
                "ordinal": a.ordinal,
                "heading": a.heading,
                "title": a.title,
                "division": a.division,
                "paragraphs": paragraphs_record(a.paragraphs),
            }
            for a in doc.articles
        ],
        "annexes": [
            {
                "number": x.number,
                "heading": x.heading,
                "paragraphs": paragraphs_record(x.paragraphs),
                "sections": [
                    {
                        "number": s.number,
                        "heading": s.heading,
                        "title": s.title,
                        "paragraphs": paragraphs_record(s.paragraphs),
                    }
                    for s in x.sections
                ],
            }
            for x in doc.annexes
        ],
        "resolution": resolution_record(doc.resolution) if doc.resolution else None,
        "signing": {
            "date": doc.signing.date,
            "place": doc.signing.place,
            "text": doc.signing.text,
            "witness": doc.signing.witness,
        }
        if doc.signing
        else None,
        "signatories": [signatory_record(p) for p in doc.signatories],
        "furniture": [{"line": f.line, "text": f.text} for f in doc.furniture],
        "unassigned": [{"line": f.line, "text": f.text} for f in doc.unassigned],
    }


# -- and back -------------------------------------------------------------------------------------


def _paragraphs(records) -> list[Paragraph]:
    return [
        Paragraph(p["number"], p["text"], tuple(Item(i["number"], i["label"], i["text"]) for i in p["items"]))
        for p in records
    ]


def _signatories(records) -> list[Signatory]:
    return [Signatory(p["role"], p["name"], p["note"]) for p in records]


def document_from_record(record: dict, source: Source) -> Document:
    """The Document model_record was made from (`source` where the bytes are now). Raises
    KeyError, TypeError or ValueError on a record of another shape: the caller checks it first."""
    decisions = {key: tuple(v) if isinstance(v, list) else v for key, v in record["layout_decisions"].items()}
    doc = Document(source, record["language"], Layout(record["layout"], **decisions))
    doc.notes = list(record["notes"])
    doc.title, doc.session, doc.masthead = record["title"], record["session"], list(record["masthead"])
    doc.agenda = [AgendaItem(a["item"], a["title"]) for a in record["agenda"]]
    if letter := record["letter"]:
        doc.letter = Letter(
            letter["date"], letter["title"], list(letter["paragraphs"]), _signatories(letter["signatories"]),
            letter["annex_heading"],
        )  # fmt: skip
    if preamble := record["preamble"]:
        doc.preamble = Preamble(
            preamble["parties"], list(preamble["recitals"]), preamble["formula"], preamble["heading"]
        )
    doc.divisions = [
        Division(d["ref"], d["kind"], d["number"], d["heading"], d["title"]) for d in record["divisions"]
    ]
    doc.articles = [
        Article(
            a["number"], a["heading"], _paragraphs(a["paragraphs"]), a["title"], a["division"], a["ordinal"]
        )
        for a in record["articles"]
    ]
    doc.annexes = [
        Annex(
            x["number"], x["heading"], _paragraphs(x["paragraphs"]),
            tuple(Section(s["number"], s["heading"], s["title"], _paragraphs(s["paragraphs"])) for s in x["sections"]),
        )
        for x in record["annexes"]
    ]  # fmt: skip
    if resolution := record["resolution"]:
        doc.resolution = Resolution(
            resolution["title"], resolution["author"], list(resolution["recitals"]),
            _paragraphs(resolution["paragraphs"]), list(resolution["closing"]), resolution["annex_heading"],
        )  # fmt: skip
    if signing := record["signing"]:
        doc.signing = Signing(signing["date"], signing["place"], signing["text"], signing["witness"])
    doc.signatories = _signatories(record["signatories"])
    doc.furniture = [Fragment(f["line"], f["text"]) for f in record["furniture"]]
    doc.unassigned = [Fragment(f["line"], f["text"]) for f in record["unassigned"]]
    return doc
