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
    namedtuple("Settings", "doc encoding color max_size", defaults=(None, None, "auto", DEFAULT_MAX_SIZE))
):
    """Global options: the document to load, its encoding, the colour choice, the size limit."""

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
    """`base` (the defaults) with the global options that were given (not None) applied;
    other keys (the group's --version) are not settings."""
    changes = {key: value for key, value in values.items() if value is not None and key in GLOBAL_KEYS}
    if "color" in changes:
        check_color(changes["color"])
    if isinstance(changes.get("max_size"), str):
        changes["max_size"] = parse_size(changes["max_size"])
    return (base or Settings())._replace(**changes)


def run_command(name: str, settings: Settings, params: dict) -> int:
    """Run command `name` with the parameters its parser read: the Typer app and the fast
    path both come here, with the same names and values, so they cannot behave differently.
    Global options given after the command override those given before it."""
    overrides = {key: params.pop(key) for key in GLOBAL_KEYS if key in params}
    return COMMANDS[name](settings_from(overrides, settings), **params)


def document_path(settings: Settings) -> str | None:
    """The document to read: --doc, else $TREATYCLI_DOC, else None for the built-in treaty."""
    if settings.doc is not None:
        return settings.doc
    return os.environ.get("TREATYCLI_DOC") or None


def load(settings: Settings) -> Document:
    from .loader import load_document

    doc = load_document(document_path(settings), settings.encoding, settings.max_size)
    if doc.source.guessed:
        notice(f"{doc.source.name}: read as {doc.source.encoding}, a guess (pass --encoding to choose)")
    if doc.layout == "paragraphs":
        count = len(doc.articles)
        notice(f"no articles found in {doc.source.name}: its {count} paragraphs are numbered 1-{count}")
    return doc


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
    doc = load(settings)
    emit(
        settings,
        as_json,
        lambda: _renderer("records").list_records(doc),
        lambda: [_renderer("terminal").list_table(doc)],
        lambda: _renderer("plain").list_lines(doc),
    )
    return 0 if doc.articles else 1


def run_show(settings: Settings, refs=(), as_json: bool = False) -> int:
    from .citation.find import resolve_requests
    from .citation.read import read_requests
    from .units import build_units

    requests = read_requests(list(refs) or ["all"])  # a malformed reference fails before the file is read
    doc = load(settings)
    units = resolve_requests(build_units(doc), requests)  # a citation's title is checked against the document
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


def run_export(settings: Settings, as_json: bool = False) -> int:
    from .render.records import export_record

    write(to_json(export_record(load(settings))))
    return 0


def _spinner(color: str):
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

                status = Console(stderr=True, no_color=color == "never").status(
                    "segmenting words (once per document)…"
                )
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

    from .citation.find import resolve_requests
    from .citation.read import read_requests
    from .search import GrepResult, Matcher, Options, leaves_in_scope, search
    from .units import build_units

    started = time.perf_counter()
    arguments = list(arguments)
    patterns = list(regexp) or arguments[:1]
    references = arguments if regexp else arguments[1:]
    if not patterns:
        raise TreatyError("grep needs a pattern: treatycli grep 合作 [REF...], or -e PATTERN")
    modes = [mode for on, mode in ((only, "only"), (count, "count"), (refs_only, "list")) if on]
    if len(modes) > 1:
        raise TreatyError("-o, -c and -l each choose what to print: give only one of them")
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
    requests = read_requests(references) if references else None
    doc = load(settings)
    root = build_units(doc)
    everything = leaves_in_scope(root, [root])
    leaves = leaves_in_scope(root, resolve_requests(root, requests)) if requests else everything
    edges = None
    if options.words:
        from .words import boundaries

        edges = boundaries(everything, progress=_spinner(settings.color))
    hits = search(leaves, matcher, edges, max_count)
    result = GrepResult(
        doc.source.name,
        patterns,
        leaves,
        hits,
        modes[0] if modes else "lines",
        before,
        after,
        time.perf_counter() - started,
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
    from .citation.find import resolve_request
    from .citation.read import read_requests
    from .citation.write import NUMERALS, STYLES, CiteOptions, Writer
    from .units import build_units

    if style is not None and style not in STYLES:
        raise TreatyError(f"--style takes {', '.join(STYLES)}, not {style!r}")
    if numerals not in NUMERALS:
        raise TreatyError(f"--numerals takes arabic or chinese, not {numerals!r}")
    if quote and style == "md":
        raise TreatyError("--style md quotes the text already: give --quote or --style md, not both")
    requests = read_requests(refs)
    doc = load(settings)
    root = build_units(doc)
    writer = Writer(root, CiteOptions(style, numerals, not no_date, quote))
    groups = [[root] if r.whole else resolve_request(root, r) for r in requests] or [[root]]
    citations = [writer.cite(units) for units in groups if units]
    emit(
        settings,
        as_json,
        lambda: [_renderer("records").citation_record(c) for c in citations],
        lambda: _renderer("terminal").citation_renderables(citations),
        lambda: _renderer("plain").citation_lines(citations),
        soft_wrap=True,
    )
    return 0 if citations else 1


# The commands by name, as the Typer app (cli.py) and the fast path both call them.
COMMANDS = {
    "list": run_list,
    "show": run_show,
    "info": run_info,
    "export": run_export,
    "grep": run_grep,
    "cite": run_cite,
}
