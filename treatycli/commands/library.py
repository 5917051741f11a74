"""`library add`, `list`, `remove` and `update`: the documents of the library, as the user
names them; library/ingest.py does the storing."""

from __future__ import annotations

import glob
import os

from ..errors import TreatyError
from ..output import notice
from .presentation import emit, progress_bar, renderer
from .selection import files_below, open_library
from .settings import Settings

_GLOB = set("*?[")


def files_named(paths) -> list[str]:
    """Files from the arguments: files, every file below a folder, and globs the shell left
    unexpanded (quoted); an argument that names nothing is kept, for its error."""
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


def _emit_added(settings: Settings, done: list, as_json: bool) -> None:
    emit(
        settings,
        as_json,
        lambda: [item._asdict() for item in done],
        lambda: [renderer("terminal").added_table(done)],
        lambda: renderer("plain").added_lines(done),
    )


def _each(items: list, work, label) -> tuple[list, int]:
    """Run `work(item)` for each item, a failure reported in one line (`label(item)` first) and
    the rest still done."""
    done, failed = [], 0
    progress = progress_bar(len(items))
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


def run_add(
    settings: Settings,
    paths=(),
    name: str | None = None,
    title: str | None = None,
    short_title: str | None = None,
    as_json: bool = False,
) -> int:
    from ..library.ingest import store_file

    files = files_named(list(paths))
    if not files:
        raise TreatyError("library add needs the files to add: treatycli library add PATH...")
    for option, value in (("--name", name), ("--title", title), ("--short-title", short_title)):
        if value is not None and len(files) != 1:
            raise TreatyError(
                f"{option} is for one document, and {len(files)} files were given: add them one by one"
            )
    titles = None if title is None and short_title is None else (_one_line(title), _one_line(short_title))
    shelf = open_library(create=True, needs_index=True)
    try:
        shelf.writing()
        done, failed = _each(
            files,
            lambda path: store_file(shelf, path, name, settings.max_size, settings.encoding, notice, titles),
            str,
        )
    finally:
        shelf.close()
    _emit_added(settings, done, as_json)
    if failed:
        raise TreatyError(f"{failed} of {len(files)} files could not be added (each is named above)")
    return 0


def _one_line(title: str | None) -> str | None:
    """A title as given, its spacing made one line (a title is cited on one line)."""
    return None if title is None else " ".join(title.split())


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
        lambda: [renderer("terminal").library_table(entries)],
        lambda: renderer("plain").library_lines(entries),
    )
    return 0 if entries else 1


def run_remove(settings: Settings, names=(), as_json: bool = False) -> int:
    names = list(dict.fromkeys(names))
    if not names:
        raise TreatyError("library remove needs the names to remove (see `treatycli library list`)")
    shelf = open_library(needs_index=True)
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
        lambda: [renderer("terminal").removed_table(names)],
        lambda: renderer("plain").removed_lines(names),
    )
    return 0


def run_update(settings: Settings, names=(), as_json: bool = False) -> int:
    """Read again each document (or those named) whose file changed; say which."""
    from ..library.ingest import Added, chosen_encoding, store_file

    shelf = open_library(needs_index=True)
    try:
        entries = [e for e in shelf.entries() if not names or e.name in names]
        unknown = sorted(set(names) - {e.name for e in entries})
        if unknown:
            raise shelf.missing(unknown[0])
        shelf.writing()

        def update(entry) -> Added:
            if not entry.path or not os.path.isfile(entry.path):
                return Added("missing", entry.name, entry.path, entry.title, entry.articles)
            encoding = chosen_encoding(shelf, entry.name)  # first: a document whose text is gone fails here
            added = store_file(
                shelf, entry.path, entry.name, settings.max_size, settings.encoding or encoding, notice
            )
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
