"""Model objects → JSON-ready dicts. Field names here are the documented, stable interface;
where a unit is a record of the model (an article, an item, a signatory…), its fields are the
ones model.py declares, written as the export writes them (serial.py), with units in place of
its paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from .. import serial
from ..model import Document
from ..serial import model_record as export_record
from ..units import Unit, walk_letting_go
from .summary import article_chars, counts, headline


def _numbered(children: list[Unit], kind: str) -> list[dict]:
    records = []
    for child in children:
        if child.kind == kind:
            row = {"ref": child.ref, "number": int(child.key), "text": child.text or ""}
            if kind == "paragraph":
                row["items"] = [_with_ref(item) for item in child.children]
            records.append(row)
    return records


def _with_ref(unit: Unit) -> dict:
    """A unit that stands for a record of the model (an item, a signatory, an agenda item)."""
    return {"ref": unit.ref, **serial.record(unit.node)}


def unit_record(unit: Unit, doc: str | None = None) -> dict:
    """One requested unit, with its ref, kind and label, and the fields of its kind; `doc`,
    the document's name, first when the run reads several documents."""
    head = {"ref": unit.ref, "kind": unit.kind, "label": unit.label}
    if doc:
        head = {"doc": doc, **head}
    kind, node = unit.kind, unit.node
    if kind == "article":
        return {**head, **serial.fields(node, paragraphs=_numbered(unit.children, "paragraph"))}
    if kind == "paragraph":
        article = unit.ref.split(".")[0]
        return {
            **head,
            "article": int(article) if article.isdecimal() else article,
            **serial.fields(node, items=[_with_ref(item) for item in unit.children]),
        }
    if kind == "item":
        return {**head, "number": node.number, "item_label": node.label, "text": node.text}
    if kind == "annex":
        paragraphs = _numbered(unit.children, "paragraph")
        sections = [unit_record(c) for c in unit.children if c.kind == "section"]
        return {**head, **serial.fields(node, paragraphs=paragraphs, sections=sections)}
    if kind == "section":
        return {**head, **serial.fields(node, paragraphs=_numbered(unit.children, "paragraph"))}
    if kind == "resolution":
        return {**head, **serial.record(node)}
    if kind == "division":
        return {**head, "division": node.kind, "number": node.number, "ordinal": node.ordinal, "heading": node.heading,
                "title": node.title, "divisions": [child.ref for child in unit.children],
                "articles": [unit_record(a) for a in unit.members]}  # fmt: skip
    if kind in ("recital", "letter-paragraph"):
        return {**head, "number": int(unit.key), "text": unit.text}
    if kind == "preamble":
        return {
            **head,
            "parties": node.parties,
            "recitals": _numbered(unit.children, "recital"),
            "formula": node.formula,
        }
    if kind == "letter":
        signatures = next((c for c in unit.children if c.kind == "signatures"), None)
        return {
            **head,
            **serial.fields(
                node,
                paragraphs=_numbered(unit.children, "letter-paragraph"),
                signatories=[_with_ref(c) for c in signatures.children] if signatures else [],
            ),
        }
    if kind == "agenda":
        return {**head, "items": [_with_ref(c) for c in unit.children]}
    if kind == "agenda-item":
        return {**head, **_with_ref(unit)}
    if kind == "signing":
        return {**head, "date": node.date, "place": node.place, "text": node.text}
    if kind == "signatures":
        return {**head, "signatories": [_with_ref(c) for c in unit.children]}
    if kind == "signatory":
        return {**head, **serial.record(node)}
    if kind == "document":
        return {**head, "parts": [unit_record(c) for c in unit.children]}
    return {**head, "text": unit.text}  # title, letter-title, parties, formula


def list_records(doc: Document) -> list[dict]:
    return [
        {
            "ref": a.key,
            "number": a.number,
            "division": a.division,
            "label": a.heading,
            "title": a.title,
            "paragraphs": len(a.paragraphs),
            "chars": article_chars(a),
            "headline": headline(a),
        }
        for a in doc.articles
    ]


def info_record(doc: Document) -> dict:
    letter = doc.letter
    return {
        "title": doc.title,
        "language": doc.language,
        "layout": doc.layout,
        "layout_decisions": serial.layout_record(doc.decisions),
        "notes": list(doc.notes),
        "source": {"name": doc.source.name, "encoding": doc.source.encoding},
        "parties": doc.preamble.parties if doc.preamble else None,
        "session": doc.session,
        "agenda": [serial.record(i) for i in doc.agenda],
        "letter": {
            "date": letter.date,
            "signatories": [serial.record(p) for p in letter.signatories],
        }
        if letter
        else None,
        "signing": {"date": doc.signing.date, "place": doc.signing.place} if doc.signing else None,
        "signatories": [serial.record(p) for p in doc.signatories],
        "counts": counts(doc),
    }


def grep_events(result) -> Iterator[dict]:
    """JSON Lines in the manner of ripgrep: per document begin, then match/context events (a
    `count` event per article or part with -c, a `ref` event per matching unit with
    --refs-only, one `document` event with -l), end; then one summary. Offsets are characters
    into `text`, with UTF-8 byte offsets beside them. Across documents every event but the
    summary names its document (`doc`). Made as they are written, as the hits are found."""
    for found in result.documents:
        if (found.doc or result.lists_documents) and not found.hits:
            continue  # across documents, only those with hits have events, as in ripgrep
        named = {"doc": found.doc} if found.doc else {}
        yield {"type": "begin", "data": {**named, "source": found.source, "patterns": result.patterns}}
        if result.mode == "count":
            yield from (
                {"type": "count", "data": {**named, "ref": ref, "count": n}} for ref, n in found.counts()
            )
        elif result.lists_documents:
            yield {"type": "document", "data": {**named, "source": found.source, "title": found.title}}
        elif result.mode == "refs":
            yield from (
                {
                    "type": "ref",
                    "data": {**named, "ref": hit.unit.ref, "kind": hit.unit.kind, "label": hit.unit.label},
                }
                for hit in found.hits
            )
        else:
            yield from _match_events(found, result, named)
        yield {
            "type": "end",
            "data": {**named, "source": found.source, "hits": found.hit_count, "matches": found.matches},
        }
    yield {
        "type": "summary",
        "data": {
            "units_searched": result.searched,
            "hits": result.hit_count,
            "matches": result.match_count,
            "elapsed_ms": round(result.elapsed * 1000, 3),
        },
    }


def _submatches(text: str, spans) -> list[dict]:
    """Each match with its character and UTF-8 byte offsets; the bytes counted once, span to
    span, so that many matches in a long unit cost what the unit does."""
    out, position, byte = [], 0, 0
    for start, end in spans:
        byte_start = byte + len(text[position:start].encode("utf-8"))
        byte_end = byte_start + len(text[start:end].encode("utf-8"))
        out.append(
            {
                "match": text[start:end],
                "start": start,
                "end": end,
                "byte_start": byte_start,
                "byte_end": byte_end,
            }
        )
        position, byte = end, byte_end
    return out


def _match_events(found, result, named: dict) -> Iterator[dict]:
    for group in found.groups(result.before, result.after):
        for unit, hit in group:
            data = {**named, "ref": unit.ref, "kind": unit.kind, "label": unit.label, "text": unit.text}
            if hit is None:
                yield {"type": "context", "data": data}
                continue
            data["submatches"] = _submatches(unit.text, hit.spans)
            yield {"type": "match", "data": data}


# -- export: JSON with references, and one flat record per unit (JSON Lines, SQLite) ---------


_EXPORT_HEAD = ("format", "source", "language", "layout", "title")


def selection_record(doc: Document, units: list[Unit]) -> dict:
    """`export --format json REF...`: the units named, as `show --json` gives them, under
    the head of the whole export (format, source, language, layout, title)."""
    model = export_record(doc)
    return {**{key: model[key] for key in _EXPORT_HEAD}, "units": [unit_record(u) for u in units]}


def unit_rows(doc: Document, full: Unit, root: Unit):
    """One record per unit with text under `root` (a cut of `full`), in document order, made
    as they are asked for: where it stands (article key, paragraph number, division ref) and
    its position among all the document's units with text, counted from 1."""
    wanted = {id(unit) for unit in root.walk() if unit.text is not None}
    title, sha256 = doc.title, doc.source.sha256
    for position, (unit, article, paragraph, division) in enumerate(_placed(full, None, None, None), 1):
        if id(unit) in wanted:
            yield {
                "ref": unit.ref,
                "kind": unit.kind,
                "article": article,
                "paragraph": paragraph,
                "division": division,
                "text": unit.text,
                "position": position,
                "document_title": title,
                "source_sha256": sha256,
            }


def _placed(unit: Unit, article: str | None, paragraph: int | None, division: str | None):
    """(unit, article, paragraph, division) for every unit with text, in document order."""
    if unit.kind == "article":
        article, division = unit.ref, unit.node.division
    elif unit.kind == "paragraph":
        paragraph = unit.node.number
    if unit.text is not None:
        yield unit, article, paragraph, division
    for child in unit.children:
        yield from _placed(child, article, paragraph, division)


def citation_record(citation, doc: str | None = None) -> dict:
    """`cite --json`: one object per citation; `doc` first when the run reads several documents."""
    signed = citation.signed
    return {
        **({"doc": doc} if doc else {}),
        "ref": citation.ref,
        "citation": citation.citation,
        "short": citation.short,
        "text": citation.text,
        "title": citation.title,
        "signed": {"date": signed[0], "place": signed[1]} if signed else None,
    }


def summary_records(reports: list) -> dict:
    """`summarise --json` for (document name or None, report) pairs: one document's record as
    summary_record gives it; across documents no document facts, and each unit names its
    document (`doc`)."""
    if len(reports) == 1 and reports[0][0] is None:
        return summary_record(reports[0][1])
    units = (
        {"doc": name, **record} for name, report in reports for record in summary_record(report)["units"]
    )
    return {"document": None, "units": units}


def documents_records(rows) -> list[dict]:
    """`summarise --json` across documents: each one's name, title, language and themes."""
    return [
        {
            "doc": name,
            "title": title,
            "language": language,
            "themes": [{"word": w, "weight": x} for w, x in themes],
        }
        for name, title, language, themes in rows
    ]


def summary_record(report) -> dict:
    """`summarise --json`: the document's facts (null when REFs were given), then the
    summary of each unit shown, each made as it is written (output.json_chunks)."""
    return {
        "document": summary_document_record(report) if report.whole else None,
        "units": (summary_unit_record(report, unit) for unit in report.units),
    }


def summary_document_record(report) -> dict:
    doc, summaries = report.doc, report.summaries
    figures = counts(doc)
    return {
        "title": doc.title,
        "parties": doc.preamble.parties if doc.preamble else None,
        "signed": {
            "date": doc.signing.date if doc.signing else None,
            "place": doc.signing.place if doc.signing else None,
        },
        "counts": {
            "articles": figures["articles"],
            "paragraphs": figures["paragraphs"],
            "recitals": figures["recitals"],
            "characters": sum(len(unit.text) for unit in walk_letting_go(report.root) if unit.text),
        },
        "themes": [{"word": word, "weight": weight} for word, weight in summaries.themes[: report.top]],
        "instruments": [
            {"name": name, "date": date, "refs": list(refs)} for name, date, refs in summaries.instruments
        ],
        "organizations": [{"name": name, "count": count} for name, count in summaries.organizations],
    }


def summary_unit_record(report, unit: Unit) -> dict:
    summary = report.summaries.units[unit.ref]
    return {
        "ref": unit.ref,
        "kind": unit.kind,
        "keywords": [{"word": word, "weight": weight} for word, weight in summary.keywords[: report.top]],
        "gist": summary.gist,
        "dates": list(summary.dates),
        "instruments": [{"name": name, "date": date} for name, date in summary.instruments],
        "organizations": [{"name": name, "count": count} for name, count in summary.organizations],
        "cross_references": list(summary.cross_references),
    }


def parallel_records(names: list[str], aligned) -> list[dict]:
    """`show --parallel --json`: one record a unit, its text in each document (null where the
    document lacks it), by the documents' names."""
    return [
        {
            "ref": ref,
            "kind": next(unit.kind for unit in units if unit is not None),
            "texts": {
                name: (unit.text or "") if unit is not None else None
                for name, unit in zip(names, units, strict=True)
            },
        }
        for ref, units in aligned
    ]
