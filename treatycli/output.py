"""Where output goes and in what form: Rich on a terminal, plain lines on a pipe, or JSON.

Document text is data: `clean` keeps its control characters from reaching a terminal, and
the Rich renderers wrap text in `Text` objects so that `[bold]` in a treaty stays `[bold]`.
Messages on stderr pass through the same `clean`: a file name can hold an escape sequence too.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys

from .errors import OutputError, TreatyError

# C0/C1 controls, line and paragraph separators, bidi embeddings, overrides, isolates and marks,
# zero-width characters, invisible operators, the BOM, interlinear annotations and tag characters.
_UNSAFE = (
    "\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{_UNSAFE}]")
_JSON_UNSAFE = re.compile(f"[{_UNSAFE}]")
MIN_RICH_WIDTH = 40  # narrower than this, Rich's panels and tables leave no room for the text: plain lines


def _picture(match: re.Match) -> str:
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def clean(text: str) -> str:
    """Text safe for a terminal: control, bidi and invisible characters shown as symbols."""
    return _CONTROL.sub(_picture, text)


def clean_cell(text: str) -> str:
    """Text for one tab-separated field: no tabs or newlines inside it."""
    return clean(text.replace("\t", " ").replace("\n", " "))


def is_terminal(stream=None) -> bool:
    """Is output going to a person? One small function, so tests can monkeypatch it."""
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width() -> int:
    """The width Rich will lay out to: $COLUMNS, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdecimal():
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def use_rich(color: str) -> bool:
    if color == "never" or not (color == "always" or is_terminal()):
        return False
    return terminal_width() >= MIN_RICH_WIDTH


def colour_enabled(color: str) -> bool:
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    return is_terminal()


def _escape_unsafe(text: str) -> str:
    """JSON leaves C1 controls and invisible characters raw under ensure_ascii=False: escape them."""
    return _JSON_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group(0)):04x}" if ord(m.group(0)) < 0x10000 else _pair(m), text
    )


def _pair(match: re.Match) -> str:
    """A character beyond the BMP as JSON writes it: a UTF-16 surrogate pair."""
    code = ord(match.group(0)) - 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def to_json(value) -> str:
    import json

    return _escape_unsafe(json.dumps(value, ensure_ascii=False, indent=2))


def json_chunks(value, level: int = 0):
    """to_json(value) in pieces, the same text, where `value` holds iterators (records made as
    they are written: a document's articles, show's units) in place of lists: a whole
    document's records, and the text of them, are not held at once. A list at the top is
    written an item at a time too."""
    import gc

    pad = "  " * level
    if isinstance(value, dict) and _holds_made_as_written(value):
        separator = "{\n"
        for key, item in value.items():
            yield f"{separator}{pad}  {to_json(key)}: "
            yield from json_chunks(item, level + 1)
            separator = ",\n"
        yield f"\n{pad}}}"
    elif _made_as_written(value) or (level == 0 and isinstance(value, list)):
        separator = "[\n"
        for count, item in enumerate(value, start=1):
            # a JSON text holds no raw line break but between its parts: each is indented a level
            yield f"{separator}{pad}  " + to_json(item).replace("\n", f"\n{pad}  ")
            separator = ",\n"
            if count % _COLLECTED_EVERY == 0:
                # json.dumps with an indent makes functions that refer to each other, a few KB a
                # call, which the cyclic collector (off for a run, main.py) would leave: 32 MiB
                # for the 10,000 articles of a 5 MB document
                gc.collect(0)
        yield "[]" if separator == "[\n" else f"\n{pad}]"
    else:
        yield to_json(value).replace("\n", f"\n{pad}")


def _made_as_written(value) -> bool:
    """Is this an iterator of records (not a list, a dict or a value JSON writes as it is)?"""
    return hasattr(value, "__next__")


def _holds_made_as_written(record: dict) -> bool:
    """Does this dict hold an iterator, or a dict that does?"""
    return any(
        _made_as_written(item) or (isinstance(item, dict) and _holds_made_as_written(item))
        for item in record.values()
    )


_COLLECTED_EVERY = 256


def to_json_line(value) -> str:
    import json

    return _escape_unsafe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def use_utf8() -> None:
    """Output is UTF-8 whatever the locale or PYTHONIOENCODING says, also for --help."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # closed, or not a text stream
            stream.reconfigure(
                encoding="utf-8", errors="backslashreplace" if stream is sys.stderr else "strict"
            )


def _output_failed(error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"cannot write the output: {reason} (check the disk, or where stdout goes)")


def write_chunks(chunks) -> None:
    """Write the text these pieces make as `write` writes it (a line break at its end, and
    nothing for no text), a few hundred KB at a time. Where making them stops on an error
    the user is told of (a grep whose regular expression took too long, its hits found as
    they are printed), what was made before it is written, ended as a line, as grep and rg
    print what they found before an error; the error follows, and its exit status."""
    pending, size, last = [], 0, ""
    try:
        for chunk in chunks:
            if not chunk:
                continue
            pending.append(chunk)
            size += len(chunk)
            last = chunk[-1]
            if size >= _WRITTEN_AT_ONCE:
                _write_data("".join(pending))
                pending, size = [], 0
    except OutputError:  # the output itself failed: nothing more is written to it
        raise
    except TreatyError:
        _write_last(pending, last)
        raise
    _write_last(pending, last)


def _write_last(pending: list[str], last: str) -> None:
    if last and last != "\n":
        pending.append("\n")
    if pending:
        _write_data("".join(pending))


def joined_lines(lines):
    """ "\n".join(lines), a line at a time."""
    separator = ""
    for line in lines:
        yield separator + line
        separator = "\n"


_WRITTEN_AT_ONCE = 1 << 16  # characters


def write(text: str) -> None:
    """Write once, in UTF-8. A reader that went away raises BrokenPipeError (quiet); any other
    failure to write is an OutputError (one line, exit 2)."""
    _write_data(text if text.endswith("\n") or not text else text + "\n")


def _write_data(data: str) -> None:
    out = sys.stdout
    if out is None:
        raise OutputError("cannot write the output: standard output is closed (redirect it to a file)")
    try:
        buffer = getattr(out, "buffer", None)
        if buffer is not None:
            out.flush()
            buffer.write(data.encode("utf-8"))
            buffer.flush()
        else:
            out.write(data)
            out.flush()
    except BrokenPipeError:
        raise
    except ValueError:  # the stream object is closed
        raise OutputError(
            "cannot write the output: standard output is closed (redirect it to a file)"
        ) from None
    except OSError as error:
        raise _output_failed(error) from None


def print_rich(renderables: list, color: str, soft_wrap: bool = False) -> None:
    """Print on a terminal; `soft_wrap` leaves long lines to the terminal, so that a line copied
    from it (a citation) is still one line."""
    from rich.console import Console

    if sys.stdout is None:
        raise OutputError("cannot write the output: standard output is closed (redirect it to a file)")

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # Rich would exit 1; a reader that went away is not an error
            raise BrokenPipeError

    console = _Console(
        force_terminal=True if color == "always" else None,
        no_color=not colour_enabled(color),
        highlight=False,
        markup=False,
        emoji=False,
    )
    try:
        for renderable in renderables:
            console.print(renderable, soft_wrap=soft_wrap)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _output_failed(error) from None


def notice(message: str) -> None:
    """One line on stderr. A closed or full stderr never stops the run or changes its result."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"treatycli: {clean(message)}\n")
        stream.flush()
    except (OSError, ValueError):
        silence(2)


def silence(fd: int) -> None:
    """Point a failing standard stream at /dev/null, so what is left in its buffer can be
    flushed at exit (a failed flush there would turn the exit status into 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except OSError:
        pass
