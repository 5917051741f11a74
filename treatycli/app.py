"""The commands themselves, free of any argument parser: the Typer app and the fast path
both call these, so a command behaves the same whichever parsed its arguments."""

from __future__ import annotations

import os
import re
import sys
from collections import namedtuple

from .errors import TreatyError
from .limits import DEFAULT_MAX_SIZE, DEFAULT_REGEX_TIMEOUT
from .model import Document
from .output import notice, print_rich, to_json, use_rich, write

COLORS = ("auto", "always", "never")
_SIZE = re.compile(r"(?P<number>\d{1,12})\s*(?P<unit>[kmg]?)i?b?", re.I)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class Settings(
    namedtuple(
        "Settings",
        "doc encoding color max_size library",
        defaults=((), None, "auto", DEFAULT_MAX_SIZE, False),
    )
):
    """Global options: the documents to load (--doc, any number), their encoding, the colour
    choice, the size limit, and whether to read every document of the library."""

    __slots__ = ()


GLOBAL_KEYS = Settings._fields


def check_color(color: str) -> str:
    if color not in COLORS:
        raise TreatyError(f"--color takes auto, always or never, not {color!r}")
    return color


def parse_size(text: str) -> int:
    """Bytes from `--max-size`: 5000000, 500K, 64M, 1G (powers of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise TreatyError(f"--max-size takes a size such as 500K, 64M or 1G, not {text!r}")
    return int(match.group("number")) * _SIZE_UNITS[match.group("unit").lower()]


def settings_from(values: dict, base: Settings | None = None) -> Settings:
    """`base` (the defaults) with the global options that were given applied (a --doc adds a
    document to those given before); other keys (the group's --version) are not settings."""
    changes = {
        key: value for key, value in values.items() if key in GLOBAL_KEYS and value not in (None, (), False)
    }
    base = base or Settings()
    if "doc" in changes:
        changes["doc"] = (*base.doc, *changes["doc"])
    if "color" in changes:
        check_color(changes["color"])
    if isinstance(changes.get("max_size"), str):
        changes["max_size"] = parse_size(changes["max_size"])
    return base._replace(**changes)


def run_command(name: str, settings: Settings, params: dict) -> int:
    """Run command `name` with the parameters its parser read: the Typer app and the fast
    path both come here, with the same names and values, so they cannot behave differently.
    Global options given after the command override those given before it."""
    overrides = {key: params.pop(key) for key in GLOBAL_KEYS if key in params}
    if name.startswith("library "):
        from .library_commands import COMMANDS as LIBRARY_COMMANDS

        return LIBRARY_COMMANDS[name](settings_from(overrides, settings), **params)
    return COMMANDS[name](settings_from(overrides, settings), **params)


def selected(settings: Settings):
    """The documents this run reads (documents.select), the built-in treaty by default."""
    from .documents import select

    return select(settings.doc, settings.library, os.environ.get("TREATYCLI_DOC") or None, open_library)


def open_library(create: bool = False):
    """The library, its index rebuilt first (with a notice) if another treatycli version built it."""
    from . import __version__
    from .library import Library

    shelf = Library(create=create)
    if shelf.built_by != __version__:
        # built by no version: upgraded from an older schema, whose documents must be read again
        built = (
            f"indexed by treatycli {shelf.built_by}" if shelf.built_by else "upgraded from an older schema"
        )
        renamed = "".join(
            f"; {old!r} is now {new!r}, as {old}:2 reads as a reference" for old, new in shelf.renamed
        )
        notice(f"the library was {built}: indexing it again for {__version__} (once){renamed}")
        shelf.rebuild()
    return shelf


def _load(settings: Settings, chosen) -> Document:
    from .documents import load

    doc = load(chosen, settings.encoding, settings.max_size, open_library)
    if doc.source.guessed:
        notice(f"{doc.source.name}: read as {doc.source.encoding}, a guess (pass --encoding to choose)")
    if doc.notes:
        notice(f"note: {doc.source.name}: {'; '.join(doc.notes)}")
    if doc.layout == "paragraphs":
        count = len(doc.articles)
        notice(f"no articles found in {doc.source.name}: its {count} paragraphs are numbered 1-{count}")
    return doc


def load(settings: Settings, command: str = "this command") -> Document:
    """The one document a command reads; several are an error that says how to name one."""
    chosen = selected(settings)
    if len(chosen) > 1:
        raise TreatyError(
            f"{command} reads one document, and this run names {len(chosen)}: give one --doc "
            "(a file or a library name)"
        )
    return _load(settings, chosen[0])


def _in_library(name: str) -> bool:
    """Has the library a document of this name? (No library: no.)"""
    from .library import library_path

    if not os.path.exists(library_path()):
        return False
    shelf = open_library()
    try:
        return shelf.has(name)
    finally:
        shelf.close()


def load_for_references(settings: Settings, references: list[str]) -> list:
    """(name, document, its references) for each document the references name: qualified
    ones (`unclos:100.2`) by name, unqualified ones the single document read; name None when
    the run reads one document and no reference is qualified (references print as they are)."""
    from .documents import Selected, by_document

    chosen = selected(settings)
    grouped = by_document(references, chosen, _in_library)
    if len(chosen) == 1 and list(grouped) in ([], [None]):
        return [(None, _load(settings, chosen[0]), grouped.get(None, []))]
    by_name = {s.name: s for s in chosen}
    targets = []
    for name, refs in grouped.items():
        source = chosen[0] if name is None else by_name.get(name) or Selected(name, None, True)
        targets.append((source.name or name, _load(settings, source), refs))
    return targets


def _renderer(name: str):
    """treatycli.render.<name>, imported only when that form of output is chosen."""
    from importlib import import_module

    return import_module(f"{__package__}.render.{name}")


def emit(
    settings: Settings,
    as_json: bool,
    record,
    renderables,
    lines,
    json_lines: bool = False,
    soft_wrap: bool = False,
) -> None:
    """Print once, in the form chosen for this run: JSON (`record()`), Rich on a terminal
    (`renderables()`, long lines left to the terminal with `soft_wrap`), or plain lines
    (`lines()`). Each is called only if chosen."""
    if as_json:
        from .output import to_json_line

        value = record()
        write("\n".join(map(to_json_line, value)) if json_lines else to_json(value))
    elif use_rich(settings.color):
        print_rich(renderables(), settings.color, soft_wrap)
    else:
        text = "\n".join(lines())
        if text:
            write(text)


def run_list(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings, "list")
    emit(
        settings,
        as_json,
        lambda: _renderer("records").list_records(doc),
        lambda: [_renderer("terminal").list_table(doc)],
        lambda: _renderer("plain").list_lines(doc),
    )
    return 0 if doc.articles else 1


def run_show(settings: Settings, refs=(), as_json: bool = False) -> int:
    from .documents import check_syntax
    from .grammar.read import read_requests
    from .grammar.resolve import resolve_requests
    from .units import build_units

    references = list(refs) or ["all"]
    check_syntax(references)  # a typo fails before any read
    shown = [
        (name, resolve_requests(build_units(doc), read_requests(refs)))  # a citation's title is checked here
        for name, doc, refs in load_for_references(settings, references)
    ]
    emit(
        settings,
        as_json,
        lambda: [_renderer("records").unit_record(u, name) for name, units in shown for u in units],
        lambda: [r for name, units in shown for r in _renderer("terminal").unit_renderables(units, name)],
        lambda: [line for name, units in shown for line in _renderer("plain").unit_lines(units, name)],
    )
    return 0 if any(units for _, units in shown) else 1


def run_info(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings, "info")
    emit(
        settings,
        as_json,
        lambda: _renderer("records").info_record(doc),
        lambda: [_renderer("terminal").info_table(doc)],
        lambda: _renderer("plain").info_lines(doc),
    )
    return 0


def run_export(
    settings: Settings,
    refs=(),
    export_format: str | None = None,
    output: str | None = None,
    force: bool = False,
    as_json: bool = False,
) -> int:
    """The document, or the units named, as json, jsonl, md, akn or sqlite: to stdout, or
    with -o written atomically to a file that is never overwritten without --force."""
    from .export import MARKUP_FORMATS, choose_format, export_text, files
    from .export.selection import select
    from .grammar.read import read_requests

    chosen = choose_format(export_format, as_json, output)
    if output == "-":  # as most tools read it: standard output (choose_format refused sqlite)
        output = None
    references = read_requests(list(refs)) if refs else None  # fails before the document loads
    if output is not None:
        files.check_target(output, force)
    doc = load(settings, "export")
    if output is not None:
        files.check_not_source(output, doc)
    selection = select(doc, references)
    if chosen == "sqlite":
        from .export.sqlite import write_sqlite

        files.write_atomically(output, lambda path: write_sqlite(selection, path), force)
    elif output is not None:
        files.write_bytes(output, export_text(chosen, selection).encode("utf-8"), force)
    else:
        from .output import clean, is_terminal

        text = export_text(chosen, selection)
        write(clean(text) if chosen in MARKUP_FORMATS and is_terminal() else text)
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
    arguments=(),
    regexp=(),
    ignore_case: bool = False,
    extended: bool = False,
    fixed: bool = False,
    word: bool = False,
    exact: bool = False,
    only: bool = False,
    count: bool = False,
    refs_only: bool = False,
    max_count: int | None = None,
    context: int = 0,
    after: int | None = None,
    before: int | None = None,
    regex_timeout: float = DEFAULT_REGEX_TIMEOUT,
    as_json: bool = False,
) -> int:
    """grep as typed: PATTERN [REF...], or -e PATTERN (repeated) and then only references.
    Exit 0 when something matched, 1 when nothing did."""
    import time

    from .search import GrepResult, Matcher, Options

    started = time.perf_counter()
    arguments = list(arguments)
    patterns = list(regexp) or arguments[:1]
    references = arguments if regexp else arguments[1:]
    if not patterns:
        raise TreatyError("grep needs a pattern: treatycli grep 合作 [REF...], or -e PATTERN")
    modes = [mode for on, mode in ((only, "only"), (count, "count"), (refs_only, "list")) if on]
    if len(modes) > 1:
        raise TreatyError("-o, -c and -l each choose what to print: give only one of them")
    mode = modes[0] if modes else "lines"
    before = context if before is None else before
    after = context if after is None else after
    if max_count is not None and max_count < 1:
        raise TreatyError(f"-m takes a number of hits of 1 or more, not {max_count}")
    if before < 0 or after < 0:
        raise TreatyError("-A, -B and -C take a number of units of 0 or more")
    if not 0 < regex_timeout < float("inf"):
        raise TreatyError(f"--regex-timeout takes a number of seconds above 0, not {regex_timeout:g}")
    options = Options(regex=extended, fixed=fixed, ignore_case=ignore_case, exact=exact, words=word)
    matcher = Matcher(patterns, options, regex_timeout)
    if references:
        from .documents import check_syntax

        check_syntax(references)  # a typo fails before any read
    need_spans = as_json or use_rich(settings.color) or mode in ("only", "count")
    search = _GrepSearch(settings, matcher, max_count, need_spans, with_context=bool(before or after))
    searched = None
    if settings.library and not settings.doc and not references:
        documents, searched = search.library()
    elif references:
        documents = [
            search.document(name, doc, refs) for name, doc, refs in load_for_references(settings, references)
        ]
    else:
        chosen = selected(settings)
        several = len(chosen) > 1
        documents = [search.document(s.name if several else None, _load(settings, s), None) for s in chosen]
    result = GrepResult(patterns, documents, mode, before, after, time.perf_counter() - started, searched)
    emit(
        settings,
        as_json,
        lambda: _renderer("records").grep_events(result),
        lambda: _renderer("terminal").grep_renderables(result),
        lambda: _renderer("plain").grep_lines(result),
        json_lines=True,
    )
    return 0 if result.hits else 1


class _GrepSearch:
    """One search, run over one document or many: the same matcher and rules for each."""

    def __init__(
        self, settings: Settings, matcher, max_count: int | None, need_spans: bool, with_context: bool
    ):
        self.settings, self.matcher, self.max_count = settings, matcher, max_count
        self.need_spans, self.with_context = need_spans, with_context

    def _boundaries(self, leaves):
        from .words import boundaries

        return boundaries(leaves, progress=_spinner(self.settings.color))

    def document(self, name, doc, refs):
        """grep in one loaded document, within `refs` (reference strings) or all of it."""
        from .grammar.read import read_requests
        from .grammar.resolve import resolve_requests
        from .search import DocumentHits, leaves_in_scope, search
        from .units import build_units

        root = build_units(doc)
        everything = leaves_in_scope(root, [root])
        leaves = leaves_in_scope(root, resolve_requests(root, read_requests(refs))) if refs else everything
        edges = self._boundaries(everything) if self.matcher.options.words else None
        hits = search(leaves, self.matcher, edges, self.max_count, self.need_spans)
        return DocumentHits(name, doc.source.name, doc.title, leaves, hits)

    def library(self):
        """grep in every document of the library, through its indexes: only the texts they
        offer are matched, each distinct text once however many units repeat it, and a
        document's other units are read only for context and -w.
        Returns the documents with hits, and how many units the library holds."""
        from .library import search_library, stored_units
        from .search import DocumentHits, Hit

        shelf = open_library()
        try:
            titles = shelf.titles()
            if self.matcher.options.words:
                by_document = self._library_words(shelf)
            else:
                by_document = search_library(shelf, self.matcher, self.need_spans, self.max_count)
            documents = []
            for name, hits in by_document.items():
                leaves = [hit.unit for hit in hits]
                if self.with_context:
                    leaves = stored_units(shelf, name)
                    at = {unit.position: unit for unit in leaves}
                    hits = [
                        Hit(at[hit.unit.position], hit.spans) for hit in hits
                    ]  # the objects context finds
                documents.append(DocumentHits(name, name, titles.get(name), leaves, hits))
            return documents, shelf.unit_count()
        finally:
            shelf.close()

    def _library_words(self, shelf) -> dict[str, list]:
        """-w across the library: word boundaries are a document's own (its names join jieba's
        dictionary), so each candidate document is searched with its segmentation. Documents
        with the same bytes read into the same units: the first of them is searched for all."""
        from .library import candidates_by_document, stored_units
        from .search import Hit, search

        source = shelf.same_bytes()
        first: dict[str, str] = {}  # a source -> the first document (by name) read from it
        for name in sorted(source):
            first.setdefault(source[name], name)
        candidates = candidates_by_document(shelf, self.matcher, list(first.values()))
        searched: dict[str, list] = {}  # a source -> the hits of its first document
        for name, units in candidates.items():
            everything = stored_units(shelf, name)
            at = {unit.position: unit for unit in everything}
            edges = self._boundaries(everything)
            searched[source[name]] = search(
                [at[u.position] for u in units], self.matcher, edges, self.max_count
            )
        found = {}
        for name in sorted(source):
            hits = searched.get(source[name])
            if hits:
                found[name] = [Hit(hit.unit._replace(doc=name), hit.spans) for hit in hits]
        return found


def run_cite(
    settings: Settings,
    refs=(),
    style: str | None = None,
    numerals: str = "arabic",
    no_date: bool = False,
    quote: bool = False,
    as_json: bool = False,
) -> int:
    """A citation for each reference (a list or range in one argument is cited compactly);
    the document as a whole when none is given."""
    from .documents import check_syntax
    from .grammar.read import read_requests
    from .grammar.resolve import resolve_request
    from .grammar.write import NUMERALS, STYLES, CiteOptions, Writer
    from .units import build_units

    if style is not None and style not in STYLES:
        raise TreatyError(f"--style takes {', '.join(STYLES)}, not {style!r}")
    if numerals not in NUMERALS:
        raise TreatyError(f"--numerals takes arabic or chinese, not {numerals!r}")
    if quote and style == "md":
        raise TreatyError("--style md quotes the text already: give --quote or --style md, not both")
    references = list(refs)
    check_syntax(references)  # a typo fails before any read
    if references:
        targets = load_for_references(settings, references)
    else:  # the document as a whole; across documents, each of them
        chosen = selected(settings)
        targets = [(s.name if len(chosen) > 1 else None, _load(settings, s), []) for s in chosen]
    options = CiteOptions(style, numerals, not no_date, quote)
    cited = []  # (document name or None, citation)
    for name, doc, refs in targets:
        root = build_units(doc)
        writer = Writer(root, options)
        groups = [[root] if r.whole else resolve_request(root, r) for r in read_requests(refs)] or [[root]]
        cited += [(name, writer.cite(units)) for units in groups if units]
    citations = [citation for _, citation in cited]
    emit(
        settings,
        as_json,
        lambda: [_renderer("records").citation_record(c, name) for name, c in cited],
        lambda: _renderer("terminal").citation_renderables(citations),
        lambda: _renderer("plain").citation_lines(citations),
        soft_wrap=True,
    )
    return 0 if citations else 1


def run_summarise(settings: Settings, refs=(), top: int = 5, as_json: bool = False) -> int:
    """What each unit is about (keywords, gist, what it cites); with no REF, the whole
    document at a glance, or across documents a line each (title, themes). Computed with
    jieba once per document, then kept."""
    from .documents import check_syntax
    from .grammar.read import read_requests
    from .grammar.resolve import resolve_requests
    from .summaries import MAX_KEYWORDS, Report, overview_units, with_members
    from .summaries import load as load_summaries
    from .units import build_units

    if not 1 <= top <= MAX_KEYWORDS:
        raise TreatyError(f"--top takes a number of keywords from 1 to {MAX_KEYWORDS}, not {top}")
    references = list(refs)
    check_syntax(references)  # a typo fails before any read
    progress = _spinner(settings.color, "summarising (once per document)…")
    if not references:
        chosen = selected(settings)
        if len(chosen) > 1:
            return _summarise_documents(settings, chosen, top, progress, as_json)
        targets = [(None, _load(settings, chosen[0]), [])]
    else:
        targets = load_for_references(settings, references)
    reports = []
    for name, doc, wanted in targets:
        root = build_units(doc)
        units = (
            with_members(resolve_requests(root, read_requests(wanted))) if wanted else overview_units(root)
        )
        summaries = load_summaries(doc, root, progress=progress)
        reports.append((name, Report(doc, root, summaries, units, top, not wanted)))
    emit(
        settings,
        as_json,
        lambda: _renderer("records").summary_records(reports),
        lambda: [
            r for name, report in reports for r in _renderer("terminal").summary_renderables(report, name)
        ],
        lambda: [line for name, report in reports for line in _renderer("plain").summary_lines(report, name)],
    )
    return 0


def _summarise_documents(settings: Settings, chosen, top: int, progress, as_json: bool) -> int:
    """summarise across documents: a line for each, its name, title and themes."""
    from .summaries import load as load_summaries
    from .units import build_units

    rows = []
    for source in chosen:
        doc = _load(settings, source)
        summaries = load_summaries(doc, build_units(doc), progress=progress)
        rows.append((source.name, doc.title, doc.language, summaries.themes[:top]))
    emit(
        settings,
        as_json,
        lambda: _renderer("records").documents_records(rows),
        lambda: [_renderer("terminal").documents_table(rows)],
        lambda: _renderer("plain").documents_lines(rows),
    )
    return 0 if rows else 1


# The commands by name, as the Typer app (cli.py) and the fast path both call them.
COMMANDS = {
    "list": run_list,
    "show": run_show,
    "info": run_info,
    "export": run_export,
    "grep": run_grep,
    "cite": run_cite,
    "summarise": run_summarise,
    "summarize": run_summarise,
}
