"""Which documents a run reads: the built-in treaty, a file, standard input, a library name,
or several of them (`--doc` repeated, a directory, `--library`), and references qualified by
a document's name (`unclos:100.2`)."""

from __future__ import annotations

import os
import re
from collections import namedtuple

from .errors import DocumentError, ReferenceSyntaxError, TreatyError

# A document's name before a reference: starts with a letter, so that `4:2` stays article 4(2).
_QUALIFIED = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9._-]{0,63}):(?P<ref>.+)")


class Selected(namedtuple("Selected", "name path in_library")):
    """A document to read: `name` as output qualifies its references, `path` a file (None
    for the built-in treaty), or with `in_library` the library's name for it."""

    __slots__ = ()


def qualified(reference: str) -> tuple[str | None, str]:
    """("unclos", "100.2") for "unclos:100.2"; (None, reference) for an unqualified one."""
    match = _QUALIFIED.fullmatch(reference.strip())
    if not match:
        return None, reference
    return match.group("name"), match.group("ref")


def select(docs: tuple[str, ...], use_library: bool, environment: str | None, open_library) -> list[Selected]:
    """The documents `--doc` (repeated), `--library` and $TREATYCLI_DOC name, in order; one
    Selected(None, None, False) for the built-in treaty when nothing is named.
    `open_library()` opens the library when one is needed."""
    chosen: list[Selected] = []
    if use_library:
        shelf = open_library()
        try:
            chosen += [Selected(name, None, True) for name in shelf.names()]
        finally:
            shelf.close()
    for argument in docs or ((environment,) if environment and not use_library else ()):
        chosen += _named(argument, open_library)
    if not chosen and not use_library:
        return [Selected(None, None, False)]
    return _unique_names(chosen)


def _named(argument: str, open_library) -> list[Selected]:
    """What one --doc names: standard input, a file, every file of a folder, or a library name."""
    if argument == "-" or os.path.isfile(argument) or not _could_be_name(argument):
        return [Selected(None, argument, False)]
    if os.path.isdir(argument):
        files = files_below(argument)
        if not files:
            raise DocumentError(f"{argument} is a folder with no files in it: give a treaty text file")
        return [Selected(None, path, False) for path in files]
    if os.path.exists(argument):
        return [Selected(None, argument, False)]  # a device or the like: the loader words the refusal
    from .library import library_path

    if not os.path.exists(library_path()):
        return [Selected(None, argument, False)]  # no library: "no such file" says it best
    shelf = open_library()
    try:
        if not shelf.has(argument):
            raise DocumentError(
                f"{argument}: no such file, nor a document of that name in the library "
                "(check the path, or see `treatycli library list`)"
            )
    finally:
        shelf.close()
    return [Selected(argument, None, True)]


def files_below(folder: str) -> list[str]:
    """Every file below a folder, in name order, hidden files and folders left out."""
    files = []
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        files += [os.path.join(parent, n) for n in sorted(names) if not n.startswith(".")]
    return files


def _could_be_name(argument: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", argument)) or os.path.isdir(argument)


def _unique_names(chosen: list[Selected]) -> list[Selected]:
    """Name file documents by their file names (`bbnj-2023.zh.txt` → bbnj-2023); where two
    would share a name, by their paths."""
    from .library import name_for

    named = [s if s.name or s.path is None else s._replace(name=name_for(s.path)) for s in chosen]
    counts: dict[str, int] = {}
    for s in named:
        counts[s.name] = counts.get(s.name, 0) + 1
    return [s._replace(name=s.path) if s.path and counts[s.name] > 1 else s for s in named]


def load(selected: Selected, encoding: str | None, max_size: int, open_library):
    """The Document a Selected names, from its file or from the library."""
    from .loader import load_document

    if not selected.in_library:
        return load_document(selected.path, encoding, max_size)
    from .loader.decode import decode_bytes
    from .loader.parse import parse_text
    from .model import Source

    shelf = open_library()
    try:
        data, stored_encoding, _ = shelf.source(selected.name)
    finally:
        shelf.close()
    text, used, guessed = decode_bytes(data, selected.name, encoding or stored_encoding)
    return parse_text(text, Source(selected.name, data, used, guessed))


def by_document(references: list[str], selected: list[Selected]) -> dict[str | None, list[str]]:
    """References grouped by the document they name: qualified ones by their name (which must
    be one of `selected`, or a library document when a single document is read), unqualified
    ones by None (the single document read)."""
    grouped: dict[str | None, list[str]] = {}
    several = len(selected) > 1
    names = {s.name for s in selected}
    for reference in references:
        name, ref = qualified(reference)
        if name is None and several:
            raise ReferenceSyntaxError(
                f"qualify the reference {reference!r} with a document's name ({selected[0].name}:{reference}): "
                f"this run reads {len(selected)} documents"
            )
        if name is not None and several and name not in names:
            raise TreatyError(
                f"no document {name!r} in this run: it reads {', '.join(sorted(n for n in names if n))}"
            )
        grouped.setdefault(name, []).append(ref)
    return grouped
