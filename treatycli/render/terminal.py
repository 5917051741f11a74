"""Model objects → Rich renderables for a terminal. Document text always enters as `Text`,
never as markup, and passes through `clean` first."""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Document
from ..output import clean
from ..units import Unit, article_unit_label
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


def unit_renderables(units: list[Unit]) -> list:
    out = []
    for unit in units:
        title = Text(f"{clean(unit.label)}  ", style="bold")
        title.append(unit.ref, style="dim")
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
            Text(clean(article_unit_label(doc.language, article))),
            str(len(article.paragraphs)),
            str(article_chars(article)),
            Text(clean(headline(article))),
        )
    return table


def info_table(doc: Document) -> Table:
    record = info_record(doc)
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()

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
    """Each hit under its reference and label, the matches highlighted; context dimmed."""
    if result.mode == "count":
        table = Table(show_header=False, box=None, padding=(0, 2))
        for ref, count in result.counts():
            table.add_row(Text(ref, style="bold"), str(count))
        return [table]
    if result.mode == "list":
        return [Text(hit.unit.ref, style="bold") for hit in result.hits]
    out = []
    for number, group in enumerate(result.groups()):
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
