"""The commands themselves, free of any argument parser: the Typer app and the fast path
both call these, so a command behaves the same whichever parsed its arguments."""

from __future__ import annotations

import os
import sys
from collections import namedtuple

from .errors import TreatyError
from .model import Document
from .output import print_rich, to_json, use_rich, write

COLORS = ("auto", "always", "never")


class Settings(namedtuple("Settings", "doc encoding color", defaults=(None, None, "auto"))):
    """Global options: the document to load, its encoding, and the colour choice."""

    __slots__ = ()


def check_color(color: str) -> str:
    if color not in COLORS:
        raise TreatyError(f"--color takes auto, always or never, not {color!r}")
    return color


def load(settings: Settings) -> Document:
    from .loader import load_document

    path = settings.doc if settings.doc is not None else os.environ.get("TREATYCLI_DOC") or None
    doc = load_document(path, settings.encoding)
    if doc.layout == "paragraphs":
        count = len(doc.articles)
        sys.stderr.write(
            f"treatycli: no articles found in {doc.source.name}: its {count} paragraphs are numbered 1-{count}\n"
        )
    return doc


def _renderer(name: str):
    """treatycli.render.<name>, imported only when that form of output is chosen."""
    from importlib import import_module

    return import_module(f"{__package__}.render.{name}")


def emit(settings: Settings, as_json: bool, record, renderables, lines, json_lines: bool = False) -> None:
    """Print once, in the form chosen for this run: JSON (`record()`), Rich on a terminal
    (`renderables()`), or plain lines (`lines()`). Each is called only if chosen."""
    if as_json:
        from .output import to_json_line

        value = record()
        write("\n".join(map(to_json_line, value)) if json_lines else to_json(value))
    elif use_rich(settings.color):
        print_rich(renderables(), settings.color)
    else:
        text = "\n".join(lines())
        if text:
            write(text)


def run_list(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings)
    emit(
        settings,
        as_json,
        lambda: _renderer("records").list_records(doc),
        lambda: [_renderer("terminal").list_table(doc)],
        lambda: _renderer("plain").list_lines(doc),
    )
    return 0 if doc.articles else 1


def run_show(settings: Settings, references: list[str], as_json: bool = False) -> int:
    from .refs import parse_references, resolve_all
    from .units import build_units

    refs = parse_references(references or ["all"])
    doc = load(settings)
    units = resolve_all(build_units(doc), refs)
    emit(
        settings,
        as_json,
        lambda: [_renderer("records").unit_record(u) for u in units],
        lambda: _renderer("terminal").unit_renderables(units),
        lambda: _renderer("plain").unit_lines(units),
    )
    return 0 if units else 1


def run_info(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings)
    emit(
        settings,
        as_json,
        lambda: _renderer("records").info_record(doc),
        lambda: [_renderer("terminal").info_table(doc)],
        lambda: _renderer("plain").info_lines(doc),
    )
    return 0


def run_export(settings: Settings, as_json: bool = True) -> int:
    from .render.records import export_record

    write(to_json(export_record(load(settings))))
    return 0


def _spinner(color: str, message: str = "segmenting words (once per document)…"):
    """A progress callback that shows a spinner on stderr if the work takes over half a
    second, and only when stderr is a terminal."""
    from .output import is_terminal

    if not is_terminal(sys.stderr):
        return None
    state: dict = {}

    def progress(running: bool) -> None:
        import threading

        if running:

            def start() -> None:
                from rich.console import Console

                status = Console(stderr=True, no_color=color == "never").status(message)
                status.start()
                state["status"] = status

            state["timer"] = threading.Timer(0.5, start)
            state["timer"].start()
        else:
            state["timer"].cancel()
            state["timer"].join()  # if the spinner is being started right now, let it finish
            if "status" in state:
                state["status"].stop()

    return progress


def run_grep(
    settings: Settings,
    patterns: list[str],
    references: list[str],
    options=None,
    mode: str = "lines",
    before: int = 0,
    after: int = 0,
    max_hits: int | None = None,
    as_json: bool = False,
) -> int:
    """Search the units' text; exit 0 when something matched, 1 when nothing did."""
    import time

    from .refs import parse_references, resolve_all
    from .search import GrepResult, Matcher, Options, leaves_in_scope, search
    from .units import build_units

    started = time.perf_counter()
    options = options or Options()
    if max_hits is not None and max_hits < 1:
        raise TreatyError(f"-m takes a number of hits of 1 or more, not {max_hits}")
    if before < 0 or after < 0:
        raise TreatyError("-A, -B and -C take a number of units of 0 or more")
    matcher = Matcher(patterns, options)
    refs = parse_references(references) if references else None
    doc = load(settings)
    root = build_units(doc)
    everything = leaves_in_scope(root, [root])
    leaves = leaves_in_scope(root, resolve_all(root, refs)) if refs else everything
    edges = None
    if options.words:
        from .words import boundaries

        edges = boundaries(everything, progress=_spinner(settings.color))
    hits = search(leaves, matcher, edges, max_hits)
    result = GrepResult(
        doc.source.name, patterns, leaves, hits, mode, before, after, time.perf_counter() - started
    )
    emit(
        settings,
        as_json,
        lambda: _renderer("records").grep_events(result),
        lambda: _renderer("terminal").grep_renderables(result),
        lambda: _renderer("plain").grep_lines(result),
        json_lines=True,
    )
    return 0 if hits else 1


def run_grep_arguments(
    settings: Settings,
    arguments: list[str],
    expressions: list[str],
    flags: str = "",
    exact: bool = False,
    max_count: int | None = None,
    context: int = 0,
    after: int | None = None,
    before: int | None = None,
    as_json: bool = False,
) -> int:
    """grep as typed: PATTERN [REF...], or -e PATTERN (repeated) and then only refs;
    one-letter `flags` from i E F w o c l."""
    from .search import Options

    patterns = list(expressions) or arguments[:1]
    references = arguments if expressions else arguments[1:]
    if not patterns:
        raise TreatyError("grep needs a pattern: treatycli grep 合作 [REF...], or -e PATTERN")
    modes = [mode for flag, mode in (("o", "only"), ("c", "count"), ("l", "list")) if flag in flags]
    if len(modes) > 1:
        raise TreatyError("-o, -c and -l each choose what to print: give only one of them")
    options = Options(
        regex="E" in flags, fixed="F" in flags, ignore_case="i" in flags, exact=exact, words="w" in flags
    )
    return run_grep(
        settings,
        patterns,
        references,
        options,
        mode=modes[0] if modes else "lines",
        before=context if before is None else before,
        after=context if after is None else after,
        max_hits=max_count,
        as_json=as_json,
    )


def run_summarise(settings: Settings, references: list[str], top: int = 5, as_json: bool = False) -> int:
    """What each unit is about (keywords, gist, what it cites); with no REF, the whole
    document at a glance. Computed with jieba once per document, then kept."""
    from .refs import parse_references, resolve_all
    from .summaries import MAX_KEYWORDS, Report, overview_units, with_members
    from .summaries import load as load_summaries
    from .units import build_units

    if not 1 <= top <= MAX_KEYWORDS:
        raise TreatyError(f"--top takes a number of keywords from 1 to {MAX_KEYWORDS}, not {top}")
    refs = parse_references(references) if references else None
    doc = load(settings)
    root = build_units(doc)
    units = with_members(resolve_all(root, refs)) if refs else overview_units(root)
    summaries = load_summaries(
        doc, root, progress=_spinner(settings.color, "summarising (once per document)…")
    )
    report = Report(doc, root, summaries, units, top, refs is None)
    emit(
        settings,
        as_json,
        lambda: _renderer("records").summary_record(report),
        lambda: _renderer("terminal").summary_renderables(report),
        lambda: _renderer("plain").summary_lines(report),
    )
    return 0
