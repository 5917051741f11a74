"""The `library` commands: add, list, remove and update the documents of the library."""

from __future__ import annotations

import glob
import os
import sys
from collections import namedtuple

from .app import Settings, _renderer, emit, open_library
from .errors import TreatyError
from .output import notice

_GLOB = set("*?[")


class Added(namedtuple("Added", "status name path title articles")):
    """What `library add` or `update` did with one file: added, replaced, copied, unchanged,
    updated or missing."""

    __slots__ = ()


def files_named(paths) -> list[str]:
    """Files from the arguments: files, every file below a folder, and globs the shell left
    unexpanded (quoted); an argument that names nothing is kept, for its error."""
    from .documents import files_below

    files: list[str] = []
    for path in paths:
        if path == "-":
            raise TreatyError("library add reads files, not standard input: save it to a file first")
        if not os.path.exists(path) and _GLOB & set(path):
            files += sorted(glob.glob(path, recursive=True)) or [path]
        elif os.path.isdir(path):
            files += files_below(path)
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _progress(count: int):
    """A progress bar on stderr while many files are added, only when stderr is a terminal."""
    from .output import is_terminal

    if count < 2 or not is_terminal(sys.stderr):
        return None
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


def _name_taken_by_another(shelf, absolute: str):
    def taken(name: str) -> bool:
        row = shelf.db.execute("SELECT path FROM documents WHERE name = ?", (name,)).fetchone()
        return row is not None and row[0] != absolute

    return taken


def _add_one(shelf, path: str, name: str | None, settings: Settings, encoding: str | None = None) -> Added:
    """Store one file: under `name`, else a name from its file name that no other file holds.
    The file is read once; bytes another document holds already are copied, not parsed. The
    name is checked again as the document is stored: another run may have taken it since.
    `encoding` is the one to read it with when --encoding names none."""
    from .errors import NameTaken
    from .library import check_name, document_digest, name_for
    from .loader import read_bytes

    absolute = os.path.abspath(path)
    if name is not None:
        check_name(name)
    # a named encoding may hold NULs (UTF-16 without a BOM), as with --doc
    data = read_bytes(
        path, settings.max_size, (settings.encoding or encoding) is None, missing="check the path"
    )
    digest = document_digest(data)
    for _attempt in range(_NAMING_ATTEMPTS):
        chosen = name or name_for(path, _name_taken_by_another(shelf, absolute))
        if name is not None:
            owner = shelf.db.execute("SELECT path FROM documents WHERE name = ?", (name,)).fetchone()
            if owner and owner[0] != absolute:
                raise NameTaken(name, owner[0])
        try:
            status = _store(shelf, chosen, absolute, data, digest, settings.encoding or encoding)
            break
        except NameTaken:
            if name is not None:
                raise
    else:
        raise TreatyError(f"{path}: other runs kept taking its name; add it again, or choose one with --name")
    title, articles = shelf.db.execute(
        "SELECT title, articles FROM documents WHERE name = ?", (chosen,)
    ).fetchone()
    return Added(status, chosen, absolute, title, articles)


_NAMING_ATTEMPTS = 20  # names tried when other runs take each one first


def _store(shelf, name: str, absolute: str, data: bytes, digest: str, encoding: str | None) -> str:
    from .library import add_document
    from .loader.decode import decode_bytes, starts_with_bom

    known = shelf.db.execute(
        "SELECT sha256, path, encoding FROM documents WHERE name = ?", (name,)
    ).fetchone()
    if known and known[:2] == (digest, absolute) and encoding in (None, known[2]):
        return "unchanged"
    decoded = None
    if not encoding:  # a copy only of bytes read as these would be: never another file's --encoding
        # bytes another document read as UTF-8 are valid UTF-8, which detection reads them as
        # unless a byte-order mark says otherwise: no need to decode a copy (0.4 s per 100 MB)
        if not starts_with_bom(data) and shelf.copy(name, absolute, digest, "utf-8"):
            return "copied"  # the same bytes as a document already read: not parsed again
        decoded = decode_bytes(data, absolute)
        if decoded[1] != "utf-8" and shelf.copy(name, absolute, digest, decoded[1], decoded[2]):
            return "copied"
    doc = add_document(shelf, name, absolute, data, encoding, decoded)
    if doc.source.guessed:
        notice(f"{absolute}: read as {doc.source.encoding}, a guess (pass --encoding to choose)")
    return "replaced" if known else "added"


def _emit_added(settings: Settings, done: list[Added], as_json: bool) -> None:
    emit(
        settings,
        as_json,
        lambda: [item._asdict() for item in done],
        lambda: [_renderer("terminal").added_table(done)],
        lambda: _renderer("plain").added_lines(done),
    )


def _each(items: list, work, label) -> tuple[list, int]:
    """Run `work(item)` for each item, a failure reported in one line (`label(item)` first) and
    the rest still done."""
    done, failed = [], 0
    progress = _progress(len(items))
    task = progress.add_task("reading", total=len(items)) if progress else None
    if progress:
        progress.start()
    try:
        for item in items:
            try:
                done.append(work(item))
            except TreatyError as failure:
                failed += 1
                where = label(item)
                named = str(failure).startswith((where, os.path.abspath(where)))
                notice(str(failure) if named else f"{where}: {failure}")
            if progress:
                progress.advance(task)
    finally:
        if progress:
            progress.stop()
    return done, failed


def run_add(settings: Settings, paths=(), name: str | None = None, as_json: bool = False) -> int:
    files = files_named(list(paths))
    if not files:
        raise TreatyError("library add needs the files to add: treatycli library add PATH...")
    if name is not None and len(files) != 1:
        raise TreatyError(
            f"--name names one document, and {len(files)} files were given: add them one by one"
        )
    shelf = open_library(create=True)
    try:
        shelf.writing()
        done, failed = _each(files, lambda path: _add_one(shelf, path, name, settings), str)
    finally:
        shelf.close()
    _emit_added(settings, done, as_json)
    if failed:
        raise TreatyError(f"{failed} of {len(files)} files could not be added (each is named above)")
    return 0


def run_list(settings: Settings, as_json: bool = False) -> int:
    shelf = open_library()
    try:
        entries = shelf.entries()
    finally:
        shelf.close()
    emit(
        settings,
        as_json,
        lambda: [entry._asdict() for entry in entries],
        lambda: [_renderer("terminal").library_table(entries)],
        lambda: _renderer("plain").library_lines(entries),
    )
    return 0 if entries else 1


def run_remove(settings: Settings, names=(), as_json: bool = False) -> int:
    names = list(dict.fromkeys(names))
    if not names:
        raise TreatyError("library remove needs the names to remove (see `treatycli library list`)")
    shelf = open_library()
    try:
        missing = [name for name in names if not shelf.has(name)]
        if missing:
            raise shelf.missing(missing[0])
        for name in names:
            shelf.remove(name)
    finally:
        shelf.close()
    emit(
        settings,
        as_json,
        lambda: [{"status": "removed", "name": name} for name in names],
        lambda: [_renderer("terminal").removed_table(names)],
        lambda: _renderer("plain").removed_lines(names),
    )
    return 0


def run_update(settings: Settings, names=(), as_json: bool = False) -> int:
    """Read again each document (or those named) whose file changed; say which."""
    shelf = open_library()
    try:
        entries = [e for e in shelf.entries() if not names or e.name in names]
        unknown = sorted(set(names) - {e.name for e in entries})
        if unknown:
            raise shelf.missing(unknown[0])
        shelf.writing()

        def update(entry) -> Added:
            if not entry.path or not os.path.isfile(entry.path):
                return Added("missing", entry.name, entry.path, entry.title, entry.articles)
            added = _add_one(shelf, entry.path, entry.name, settings, _chosen_encoding(shelf, entry.name))
            return added._replace(status="updated") if added.status != "unchanged" else added

        done, failed = _each(entries, update, lambda entry: entry.name)
    finally:
        shelf.close()
    _emit_added(settings, done, as_json)
    if failed:
        raise TreatyError(
            f"{failed} of {len(entries)} documents could not be read again (each is named above)"
        )
    return 0


def _chosen_encoding(shelf, name: str) -> str | None:
    """The encoding a document was added with by --encoding, to read its file in again; None
    when it was found (a BOM, UTF-8) or guessed, so that it is found again: the file may have
    been saved anew in another."""
    import json

    _, encoding, model = shelf.source(name)
    try:
        guessed = json.loads(model)["guessed"] if model else True
    except (ValueError, TypeError, KeyError):
        guessed = True
    if guessed or encoding.lower().replace("_", "-").startswith("utf"):
        return None
    return encoding


COMMANDS = {
    "library add": run_add,
    "library list": run_list,
    "library remove": run_remove,
    "library update": run_update,
}
