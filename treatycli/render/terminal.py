"""Model objects → Rich renderables for a terminal. Document text always enters as `Text`,
never as markup, and passes through `clean` first."""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Document
from ..output import clean
from ..units import Unit, article_unit_label, unit_labels
from .records import info_record
from .summary import article_chars, headline


def _leaves_grid(leaves: list[Unit]) -> Table:
    """Labels in one column, text in the other; Chinese has no spaces to wrap at, so fold."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    for leaf in leaves:
        grid.add_row(Text(clean(leaf.label)), Text(clean(leaf.text or "")))
    return grid


def unit_renderables(units: list[Unit], doc: str | None = None) -> list:
    out = []
    for unit in units:
        title = Text(f"{clean(unit.label)}  ", style="bold")
        title.append(f"{clean(doc)}:{unit.ref}" if doc else unit.ref, style="dim")
        if unit.text is not None:
            out.append(Panel(Text(clean(unit.text)), title=title, title_align="left"))
            continue
        out.append(Panel(_leaves_grid(list(unit.leaves())), title=title, title_align="left"))
    return out


def list_table(doc: Document) -> Table:
    table = Table(title=Text(clean(doc.title or doc.source.name)), title_justify="left")
    table.add_column("Ref", justify="right", style="bold")
    table.add_column("Article")
    table.add_column("Paras", justify="right")
    table.add_column("Chars", justify="right")
    table.add_column("Headline")
    titles = {d.ref: " ".join(filter(None, (d.heading, d.title))) for d in doc.divisions}
    labels = unit_labels(doc)
    shown: set[str] = set()
    for article in doc.articles:
        segments = (article.division or "").split(".")
        entered = [".".join(segments[:n]) for n in range(1, len(segments) + 1)]
        entered = [ref for ref in entered if ref in titles and ref not in shown]
        if entered:
            table.add_section()
        for ref in entered:  # book, then its chapter, then its section
            shown.add(ref)
            indent = "  " * ref.count(".")
            table.add_row("", Text(indent + clean(titles[ref]), style="bold magenta"), "", "", "")
        table.add_row(
            article.key,
            Text(clean(article_unit_label(labels, article))),
            str(len(article.paragraphs)),
            str(article_chars(article)),
            Text(clean(headline(article))),
        )
    return table


def info_table(doc: Document) -> Table:
    record = info_record(doc)
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")  # Chinese has no spaces to wrap at: fold, never cut short

    def row(key: str, value) -> None:
        if value not in (None, ""):
            table.add_row(key, Text(clean(str(value))))

    row("Title", record["title"])
    row("Parties", record["parties"])
    row("Session", record["session"])
    for item in record["agenda"]:
        row(f"Agenda {item['item']}", item["title"])
    if record["letter"]:
        row("Letter date", record["letter"]["date"])
        for person in record["letter"]["signatories"]:
            row("Letter signed by", f"{person['role']} {person['name']}")
    if record["signing"]:
        row("Signed", f"{record['signing']['date']} {record['signing']['place'] or ''}")
    for person in record["signatories"]:
        row("Signatory", f"{person['role']} {person['name']}")
    counts = record["counts"]
    row("Articles", f"{counts['articles']} ({counts['paragraphs']} paragraphs)")
    row("Source", f"{record['source']['name']} ({record['source']['encoding']}, {record['layout']})")
    decisions = record["layout_decisions"]
    row("Layout", _layout_summary(decisions))
    for note in record["notes"]:
        row("Note", note)
    if counts["unassigned"]:
        row("Unassigned", f"{counts['unassigned']} lines (see `treatycli export --json`)")
    return table


def _layout_summary(decisions: dict) -> str:
    """The decisions that explain a surprising reading, in one line."""
    wrapped = "hard-wrapped" if decisions["wrapped"] else "one paragraph per line"
    parts = [wrapped, f"paragraphs by {decisions['paragraphs']}"]
    if decisions["headings"]:
        parts.append(f"headings {decisions['headings']} ({decisions['separator']}, {decisions['numbering']})")
    if decisions["divisions"]:
        parts.append("divisions " + " > ".join(decisions["divisions"]))
    if decisions["furniture"]:
        parts.append("furniture " + ", ".join(decisions["furniture"]))
    return "; ".join(parts)


def grep_renderables(result) -> list:
    """Each hit under its reference and label, the matches highlighted; context dimmed.
    Across documents, each document's hits under its name and title."""
    out: list = []
    for found in result.documents:
        if (found.doc or result.lists_documents) and not found.hits:
            continue
        if result.lists_documents:
            out.append(_document_line(found, result.mode == "document-count"))
            continue
        if found.doc:
            heading = Text(clean(found.doc), style="bold green")
            if found.title:
                heading.append(f"  {clean(found.title)}", style="green")
            out.append(heading)
        out += _document_renderables(found, result)
    return out


def _document_line(found, counted: bool) -> Text:
    """grep -l: the document's name, its title dimmed, and with -c its matches."""
    line = Text()
    line.append(clean(found.name), style="bold green")
    if counted:
        line.append(f"  {found.matches}", style="bold")
    if found.title:
        line.append(f"  {clean(found.title)}", style="dim")
    return line


def _document_renderables(found, result) -> list:
    if result.mode == "count":
        table = Table(show_header=False, box=None, padding=(0, 2))
        for ref, count in found.counts():
            table.add_row(Text(ref, style="bold"), str(count))
        return [table]
    if result.mode == "refs":
        return [Text(hit.unit.ref, style="bold") for hit in found.hits]
    out = []
    for number, group in enumerate(found.groups(result.before, result.after)):
        if number and result.has_context:
            out.append(Text("--", style="dim"))
        for unit, hit in group:
            head = Text(f"{unit.ref}  ", style="bold magenta" if hit else "dim")
            head.append(clean(unit.label), style="cyan" if hit else "dim")
            if result.mode == "only" and hit:
                for start, end in hit.spans:
                    line = head.copy()
                    line.append("  ")
                    line.append(clean(unit.text[start:end]), style="bold red")
                    out.append(line)
                continue
            body = Text(clean(unit.text), style="" if hit else "dim")
            for start, end in hit.spans if hit else ():
                body.stylize("bold red", start, end)
            out.append(head)
            out.append(body)
    return out


def citation_renderables(citations) -> list:
    """Each citation as it will be pasted (emit leaves long lines to the terminal)."""
    return [Text(clean(c.citation)) for c in citations]


def summary_renderables(report, doc: str | None = None) -> list:
    """The document's facts, its outline (when it has divisions) and a row per part and
    article; or, for REFs, a panel per unit (its reference NAME:REF across documents)."""
    if not report.whole:
        return [_summary_panel(report, unit, doc) for unit in report.units]
    out = [_summary_facts(report)]
    if any(unit.kind == "division" for unit in report.root.children):
        out.append(_outline(report))
    out.append(_summary_table(report))
    return out


def _facts_table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def _add_rows(table: Table, key: str, values: list[str]) -> None:
    """One row per value that is not empty, the key on the first only."""
    for number, value in enumerate(value for value in values if value):
        table.add_row(key if number == 0 else "", Text(clean(value)))


def _organisations(pairs) -> str:
    return ", ".join(f"{name} ×{count}" for name, count in pairs)


def _labelled(report, unit: Unit, style: str) -> Text:
    """The unit's label, then its keywords."""
    label = Text(clean(unit.label), style=style)
    words = report.separator.join(report.keywords(unit.ref))
    if words:
        label.append("  " + clean(words), style="")
    return label


def _summary_facts(report) -> Table:
    from .records import summary_document_record

    record = summary_document_record(report)
    table = _facts_table()
    counts = record["counts"]
    _add_rows(table, "Title", [record["title"]])
    _add_rows(table, "Parties", [record["parties"]])
    _add_rows(table, "Signed", [" ".join(filter(None, record["signed"].values()))])
    _add_rows(
        table,
        "Counts",
        [
            f"{counts['articles']} articles, {counts['paragraphs']} paragraphs, "
            f"{counts['recitals']} recitals, {counts['characters']} characters"
        ],
    )
    _add_rows(table, "Themes", [report.separator.join(theme["word"] for theme in record["themes"])])
    _add_rows(
        table,
        "Instruments",
        [
            " ".join(filter(None, (i["name"], i["date"], f"({', '.join(i['refs'])})")))
            for i in record["instruments"]
        ],
    )
    _add_rows(
        table, "Organisations", [_organisations((o["name"], o["count"]) for o in record["organizations"])]
    )
    return table


def _outline(report):
    """Parts → chapters → articles with their keywords: the structure at a glance."""
    from rich.tree import Tree

    root = report.root
    tree = Tree(Text(clean(report.doc.title or report.doc.source.name), style="bold"))
    grouped = {id(member) for unit in root.walk() for member in unit.members}

    def add(node, unit: Unit) -> None:
        branch = node.add(_labelled(report, unit, "bold magenta" if unit.kind == "division" else "cyan"))
        for member in unit.members:
            add(branch, member)

    for unit in root.children:
        if id(unit) not in grouped and unit.kind in ("division", "article", "annex"):
            add(tree, unit)
    return tree


def _summary_table(report) -> Table:
    table = Table(title=Text(clean(report.doc.title or report.doc.source.name)), title_justify="left")
    table.add_column("Ref", justify="right", style="bold", no_wrap=True)
    table.add_column("Keywords", overflow="fold")
    table.add_column("Gist", overflow="fold")
    for unit in report.units:
        if unit.kind == "division":
            table.add_section()
            words = _labelled(report, unit, "bold magenta")
        else:
            words = Text(clean(report.separator.join(report.keywords(unit.ref))))
        table.add_row(unit.ref, words, Text(clean(report.summaries.units[unit.ref].gist or "")))
    return table


def _summary_panel(report, unit: Unit, doc: str | None = None) -> Panel:
    summary = report.summaries.units[unit.ref]
    table = _facts_table()
    _add_rows(table, "Keywords", [report.separator.join(report.keywords(unit.ref))])
    _add_rows(table, "Gist", [summary.gist])
    _add_rows(table, "Dates", [", ".join(summary.dates)])
    _add_rows(
        table, "Instruments", [" ".join(filter(None, instrument)) for instrument in summary.instruments]
    )
    _add_rows(table, "Organisations", [_organisations(summary.organizations)])
    _add_rows(table, "Cites", [", ".join(summary.cross_references)])
    title = Text(f"{clean(unit.label)}  ", style="bold")
    title.append(f"{clean(doc)}:{unit.ref}" if doc else unit.ref, style="dim")
    return Panel(table, title=title, title_align="left")


def documents_table(rows) -> Table:
    """summarise across documents: a row for each, its name, title and themes."""
    table = Table(title="Documents", title_justify="left")
    table.add_column("Name", style="bold", no_wrap=True)
    table.add_column("Title", overflow="fold")
    table.add_column("Themes", overflow="fold")
    for name, title, language, themes in rows:
        separator = "、" if language == "zh" else ", "
        table.add_row(
            Text(clean(name)), Text(clean(title or "")), Text(clean(separator.join(w for w, _ in themes)))
        )
    return table


def added_table(done) -> Table:
    """`library add` and `update`: what was done with each file."""
    table = Table(title="Library", title_justify="left")
    for column in ("Status", "Name", "Articles", "Title", "Path"):
        table.add_column(column, overflow="fold")
    for item in done:
        table.add_row(
            item.status, Text(clean(item.name)), str(item.articles or ""), Text(clean(item.title or "")),
            Text(clean(item.path or "")),
        )  # fmt: skip
    return table


def library_table(entries) -> Table:
    """`library list`: a row per document."""
    table = Table(title="Library", title_justify="left")
    for column in ("Name", "Articles", "Size", "Added", "Language", "Title"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            Text(clean(e.name)),
            str(e.articles),
            f"{e.size:,}",
            e.added,
            e.language or "",
            Text(clean(e.title or "")),
        )
    return table


def removed_table(names: list[str]) -> Text:
    return Text("removed " + ", ".join(clean(name) for name in names))


def parallel_table(names: list[str], aligned) -> Table:
    """The documents in columns, a row a unit, aligned by reference; missing units dimmed."""
    table = Table(show_lines=True)
    table.add_column("Ref", style="bold", no_wrap=True)
    for name in names:
        table.add_column(Text(clean(name)), ratio=1)
    for ref, units in aligned:
        cells = [
            Text(clean(unit.text or "")) if unit is not None else Text("missing", style="dim italic")
            for unit in units
        ]
        table.add_row(ref, *cells)
    return table
