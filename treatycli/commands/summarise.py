"""`summarise [REF...]` (or `summarize`): what each unit is about; with no REF, the document at
a glance, or across documents a line each."""

from __future__ import annotations

from ..errors import TreatyError
from ..output import use_rich
from . import presentation
from .presentation import emit, renderer
from .selection import check_syntax, load_for_references, load_selected, selected
from .settings import Settings


def run_summarise(settings: Settings, refs=(), top: int = 5, as_json: bool = False) -> int:
    """What each unit is about (keywords, gist, what it cites); with no REF, the whole
    document at a glance, or across documents a line each (title, themes). Computed with
    jieba once per document, then kept."""
    from ..grammar.read import read_requests
    from ..grammar.resolve import resolve_requests
    from ..summaries import MAX_KEYWORDS, Report, overview_units, with_members
    from ..summaries import load as load_summaries
    from ..units import build_units

    if not 1 <= top <= MAX_KEYWORDS:
        raise TreatyError(f"--top takes a number of keywords from 1 to {MAX_KEYWORDS}, not {top}")
    references = list(refs)
    check_syntax(references)  # a typo fails before any read
    progress = presentation.spinner(settings.color, "summarising (once per document)…")
    if not references:
        chosen = selected(settings)
        if len(chosen) > 1:
            return _summarise_documents(settings, chosen, top, progress, as_json)
        targets = [(None, load_selected(settings, chosen[0]), [])]
    else:
        targets = load_for_references(settings, references)
    reports = []
    for name, doc, wanted in targets:
        root = build_units(doc)
        units = (
            with_members(resolve_requests(root, read_requests(wanted))) if wanted else overview_units(root)
        )
        wanted_refs = {unit.ref for unit in units}
        # a whole document's units are written in document order, each read as it is written;
        # Rich draws them twice (an outline, then a table) and holds what it draws anyway
        in_order = not wanted and (as_json or not use_rich(settings.color))
        summaries = load_summaries(doc, root, progress, wanted_refs, top, in_order=in_order)
        _say_what_was_cut(doc, units if wanted else [root])
        reports.append((name, Report(doc, root, summaries, units, top, not wanted)))
    emit(
        settings,
        as_json,
        lambda: renderer("records").summary_records(reports),
        lambda: [
            r for name, report in reports for r in renderer("terminal").summary_renderables(report, name)
        ],
        lambda: (line for name, report in reports for line in renderer("plain").summary_lines(report, name)),
    )
    return 0


def _summarise_documents(settings: Settings, chosen, top: int, progress, as_json: bool) -> int:
    """summarise across documents: a line for each, its name, title and themes."""
    from ..summaries import load as load_summaries
    from ..units import build_units

    rows = []
    for source in chosen:
        doc = load_selected(settings, source)
        root = build_units(doc)
        summaries = load_summaries(doc, root, progress=progress, wanted=set())  # its themes alone
        _say_what_was_cut(doc, [root])
        rows.append((source.name, doc.title, doc.language, summaries.themes[:top]))
    emit(
        settings,
        as_json,
        lambda: renderer("records").documents_records(rows),
        lambda: [renderer("terminal").documents_table(rows)],
        lambda: renderer("plain").documents_lines(rows),
    )
    return 0 if rows else 1


def _say_what_was_cut(doc, shown) -> None:
    """A note naming the units among those `shown` (and within them) that were summarised
    from their start only (limits.MAX_SUMMARISED_CHARS)."""
    from ..limits import MAX_SUMMARISED_CHARS
    from ..output import notice
    from ..units import leaves_letting_go

    # by ref: a division is shown with its articles; their paragraphs' units go again
    long = list(
        {
            leaf.ref: leaf
            for unit in shown
            for leaf in leaves_letting_go(unit)
            if len(leaf.text) > MAX_SUMMARISED_CHARS
        }.values()
    )
    if long:
        named = ", ".join(f"{unit.ref} ({len(unit.text):,})" for unit in long[:5])
        more = f" and {len(long) - 5} more" if len(long) > 5 else ""
        notice(
            f"note: {doc.source.name}: summarised from the first {MAX_SUMMARISED_CHARS:,} characters of "
            f"{named}{more}: a unit that long is usually a text read without its articles"
        )
