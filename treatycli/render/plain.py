"""Model objects → stable, line-oriented text for pipes: `REF<TAB>TEXT`, never wrapped."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document
from ..output import clean, clean_cell
from .records import info_record
from .summary import article_chars, headline


def qualified_ref(ref: str, doc: str | None) -> str:
    """A reference as output prints it: `unclos:100.2` when the run reads several documents."""
    return f"{doc}:{ref}" if doc else ref


def unit_lines(units, doc: str | None = None):
    """REF<TAB>TEXT for each leaf; a unit with no text at all (an empty article) is a line
    of its own with no text, not nothing. Made as they are written."""
    for unit in units:
        for leaf in list(unit.leaves()) or [unit]:
            yield f"{qualified_ref(leaf.ref, doc)}\t{clean_cell(leaf.text or '')}"


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


def grep_lines(result):
    """Piped grep: REF<TAB>TEXT per matching unit (context units too, groups split by --);
    -o REF<TAB>MATCH per match; -c REF<TAB>COUNT per article or part; --refs-only REF per
    unit; -l the document's name (with -c, NAME<TAB>COUNT). Across documents each REF is
    qualified with its document's name (NAME:REF). Made as they are written: every line of
    a grep matching most of a 5 MB document, held at once, was 3.3 MiB."""
    first = True
    for found in result.documents:
        doc = found.doc
        if (doc or result.lists_documents) and not found.hits:
            continue  # across documents, only those with hits are shown
        if result.mode == "documents":
            yield clean_cell(found.name)
        elif result.mode == "document-count":
            yield f"{clean_cell(found.name)}\t{found.matches}"
        elif result.mode == "count":
            yield from (f"{qualified_ref(ref, doc)}\t{count}" for ref, count in found.counts())
        elif result.mode == "refs":
            yield from (qualified_ref(hit.unit.ref, doc) for hit in found.hits)
        elif result.mode == "only":
            yield from (
                f"{qualified_ref(hit.unit.ref, doc)}\t{clean_cell(hit.unit.text[s:e])}"
                for hit in found.hits
                for s, e in hit.spans
            )
        else:
            for group in found.groups(result.before, result.after):
                if not first and result.has_context:
                    yield "--"
                first = False
                yield from (f"{qualified_ref(unit.ref, doc)}\t{clean_cell(unit.text)}" for unit, _ in group)


def citation_lines(citations) -> list[str]:
    """One citation a line; a Markdown quotation (--style md) is a block, blocks apart."""
    lines: list[str] = []
    for citation in citations:
        if "\n" in citation.citation:
            lines += ([""] if lines else []) + [clean(line) for line in citation.citation.split("\n")]
        else:
            lines.append(clean_cell(citation.citation))
    return lines


def summary_lines(report, doc: str | None = None) -> Iterator[str]:
    """KEY<TAB>VALUE lines for the document (whole-document summaries only), then
    REF<TAB>KEYWORDS<TAB>GIST per unit (NAME:REF across documents), made as they are written."""
    from .records import summary_document_record

    if report.whole:
        record = summary_document_record(report)
        rows: list[tuple[str, object]] = [
            ("title", record["title"]),
            ("parties", record["parties"]),
            ("signed.date", record["signed"]["date"]),
            ("signed.place", record["signed"]["place"]),
        ]
        rows += [(f"count.{key}", value) for key, value in record["counts"].items()]
        rows.append(("themes", report.separator.join(theme["word"] for theme in record["themes"])))
        rows += [("instrument", _dated(item["name"], item["date"])) for item in record["instruments"]]
        rows += [("organization", f"{item['name']} ({item['count']})") for item in record["organizations"]]
        yield from (f"{key}\t{clean_cell(str(value))}" for key, value in rows if value not in (None, ""))
    for unit in report.units:
        summary = report.summaries.units[unit.ref]
        keywords = report.separator.join(report.keywords(unit.ref))
        yield f"{qualified_ref(unit.ref, doc)}\t{clean_cell(keywords)}\t{clean_cell(summary.gist or '')}"


def _dated(name: str, date: str | None) -> str:
    return f"{name} ({date})" if date else name


def documents_lines(rows) -> list[str]:
    """summarise across documents: NAME<TAB>TITLE<TAB>THEMES, themes joined as in summaries."""
    return [
        f"{name}\t{clean_cell(title or '')}\t{clean_cell(('、' if language == 'zh' else ', ').join(w for w, _ in themes))}"
        for name, title, language, themes in rows
    ]


def added_lines(done) -> list[str]:
    """`library add` and `update`: STATUS<TAB>NAME<TAB>PATH per file."""
    return [f"{item.status}\t{clean_cell(item.name)}\t{clean_cell(item.path or '')}" for item in done]


def library_lines(entries) -> list[str]:
    """`library list`: NAME<TAB>ARTICLES<TAB>SIZE<TAB>ADDED<TAB>LANGUAGE<TAB>TITLE per document."""
    return [
        f"{clean_cell(e.name)}\t{e.articles}\t{e.size}\t{e.added}\t{e.language}\t{clean_cell(e.title or '')}"
        for e in entries
    ]


def removed_lines(names: list[str]) -> list[str]:
    return [f"removed\t{clean_cell(name)}" for name in names]


# how --parallel shows a unit a document does not have
MISSING = "[missing]"


def parallel_lines(names: list[str], aligned) -> list[str]:
    """REF<TAB>DOCUMENT<TAB>TEXT, a line for each document under each ref; [missing] where a
    document lacks the unit."""
    return [
        f"{ref}\t{clean_cell(name)}\t{clean_cell(unit.text or '') if unit is not None else MISSING}"
        for ref, units in aligned
        for name, unit in zip(names, units, strict=True)
    ]


def parallel_markdown(names: list[str], aligned) -> list[str]:
    """A Markdown table: the ref, then a column a document; text escaped as the export
    escapes it, so that it renders as itself."""
    from ..export.markdown import escape

    def cell(text: str | None) -> str:
        return escape(clean_cell(text or ""), block=False)

    head = ["| ref | " + " | ".join(cell(name) for name in names) + " |", "|---" * (len(names) + 1) + "|"]
    return head + [
        f"| {ref} | " + " | ".join(cell(u.text) if u is not None else f"*{MISSING}*" for u in units) + " |"
        for ref, units in aligned
    ]
