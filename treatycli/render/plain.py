"""Model objects → stable, line-oriented text for pipes: `REF<TAB>TEXT`, never wrapped."""

from __future__ import annotations

from ..model import Document
from ..output import clean_cell
from ..units import Unit
from .records import info_record
from .summary import article_chars, headline


def unit_lines(units: list[Unit]) -> list[str]:
    return [f"{leaf.ref}\t{clean_cell(leaf.text)}" for unit in units for leaf in unit.leaves()]


def list_lines(doc: Document) -> list[str]:
    """REF, paragraphs, characters, headline: the free text last, so `cut` stays simple.
    A document with divisions adds the division's ref as a fifth field."""
    return [
        f"{a.key}\t{len(a.paragraphs)}\t{article_chars(a)}\t{clean_cell(headline(a))}"
        + (f"\t{a.division or ''}" if doc.divisions else "")
        for a in doc.articles
    ]


def info_lines(doc: Document) -> list[str]:
    """KEY<TAB>VALUE, one fact a line; repeated keys for lists."""
    record = info_record(doc)
    rows: list[tuple[str, object]] = [
        ("title", record["title"]),
        ("language", record["language"]),
        ("layout", record["layout"]),
    ]
    rows += [(f"layout.{key}", _value(value)) for key, value in record["layout_decisions"].items()]
    rows += [("note", note) for note in record["notes"]]
    rows += [
        ("source", record["source"]["name"]),
        ("parties", record["parties"]),
        ("session", record["session"]),
    ]
    rows += [(f"agenda.{item['item']}", item["title"]) for item in record["agenda"]]
    if record["letter"]:
        rows.append(("letter.date", record["letter"]["date"]))
        rows += [("letter.signatory", _person(p)) for p in record["letter"]["signatories"]]
    if record["signing"]:
        rows += [("signing.date", record["signing"]["date"]), ("signing.place", record["signing"]["place"])]
    rows += [("signatory", _person(p)) for p in record["signatories"]]
    rows += [(f"count.{key}", value) for key, value in record["counts"].items()]
    return [f"{key}\t{clean_cell(str(value))}" for key, value in rows if value not in (None, "")]


def _value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ",".join(value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _person(record: dict) -> str:
    return " ".join(part for part in (record["role"], record["name"], record["note"]) if part)


def grep_lines(result) -> list[str]:
    """Piped grep: REF<TAB>TEXT per matching unit (context units too, groups split by --);
    -o REF<TAB>MATCH per match; -c REF<TAB>COUNT per article or part; -l REF per unit."""
    if result.mode == "count":
        return [f"{ref}\t{count}" for ref, count in result.counts()]
    if result.mode == "list":
        return [hit.unit.ref for hit in result.hits]
    if result.mode == "only":
        return [
            f"{hit.unit.ref}\t{clean_cell(hit.unit.text[s:e])}" for hit in result.hits for s, e in hit.spans
        ]
    lines: list[str] = []
    for number, group in enumerate(result.groups()):
        if number and result.has_context:
            lines.append("--")
        lines += [f"{unit.ref}\t{clean_cell(unit.text)}" for unit, _ in group]
    return lines
