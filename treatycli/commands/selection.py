"""Which documents a run reads, and reading them: the built-in treaty, a file, standard input,
a library name, or several of them (`--doc` repeated, a directory, `--library`); references
qualified by a document's name (`unclos:100.2`); and what a reader is told as a document is
read (a guessed encoding, the loader's notes, a library indexed anew)."""

from __future__ import annotations

import os
import re
from collections import namedtuple

from ..errors import DocumentError, LibraryError, ReferenceSyntaxError, TreatyError
from ..model import Document
from ..output import notice
from .settings import Settings

# A document's name (letters of any script: unclos, 刑法), a colon (or a full-width one), a
# reference: read as that only where a document has the name; a name that no document has is
# an error, never words that lead into the reference (see _refuse_an_unknown_name).
_QUALIFIED = re.compile(r"(?P<name>[^\W_][\w.-]{0,63})[:：](?P<ref>.+)", re.S)


class Selected(namedtuple("Selected", "name path in_library")):
    """A document to read: `name` as output qualifies its references, `path` a file (None
    for the built-in treaty), or with `in_library` the library's name for it."""

    __slots__ = ()


def qualified(reference: str, known=None) -> tuple[str | None, str]:
    """("unclos", "100.2") for "unclos:100.2" when `known("unclos")` says a document has that
    name; (None, reference) otherwise, so that `4:2`, `art.4:2` or a quotation after a colon
    (`signing: “DONE at…”`) stay references. Without `known`, any name-like prefix splits."""
    if ":" not in reference and "：" not in reference:
        return None, reference  # no colon, no name (NFC makes neither): 10,000 citations read at once
    text = reference.strip()
    if not text.isascii():  # Ñandú typed decomposed too: composed, as names are stored
        from unicodedata import normalize

        text = normalize("NFC", text)
    match = _QUALIFIED.fullmatch(text)
    if not match:
        return None, reference
    from ..library.names import normal, reads_as_reference  # past the common case: no name

    name = normal(match.group("name"))
    if (known is not None and not known(name)) or reads_as_reference(name):
        return None, reference  # reads as a reference: 4:2, 第4条：“…”, a library of schema 1
    return name, match.group("ref")


def check_syntax(references: list[str]) -> None:
    """Read every reference before any document is loaded, so that a typo fails first: as it
    stands, or after a document's name (which only the documents can tell)."""
    from ..grammar.read import read_request

    for reference in references:
        # after a name first: `unclos:100.2` is read by the reference grammar alone, where
        # the whole would go on to the citation grammar (whose import costs a lookup's time)
        name, rest = qualified(reference)
        if name is not None:
            try:
                read_request(rest)
                continue
            except ReferenceSyntaxError as failure:
                after_name = failure
        try:
            read_request(reference)
        except ReferenceSyntaxError:
            if name is None:
                raise
            raise after_name from None


def selected(settings: Settings) -> list[Selected]:
    """The documents this run reads, the built-in treaty by default."""
    return select(settings.doc, settings.library, os.environ.get("TREATYCLI_DOC") or None)


def select(docs: tuple[str, ...], use_library: bool, environment: str | None) -> list[Selected]:
    """The documents `--doc` (repeated), `--library` and $TREATYCLI_DOC name, in order; one
    Selected(None, None, False) for the built-in treaty when nothing is named."""
    if list(docs).count("-") > 1:
        raise DocumentError("standard input can be read once: give --doc - only once")
    chosen: list[Selected] = []
    if use_library:
        shelf = open_library()
        try:
            chosen += [Selected(name, None, True) for name in shelf.names()]
        finally:
            shelf.close()
        if not chosen:
            raise DocumentError(
                f"the library at {shelf.path} has no documents: add some with `treatycli library add PATH`"
            )
    for argument in docs or ((environment,) if environment and not use_library else ()):
        chosen += _named(argument)
    if not chosen and not use_library:
        return [Selected(None, None, False)]
    return _unique_names(chosen)


def _named(argument: str) -> list[Selected]:
    """What one --doc names: standard input, a file, every file of a folder, or a library name."""
    if not argument.strip():
        raise DocumentError(
            "--doc is empty: give a file, a folder, a library name or - for standard input "
            "(or unset TREATYCLI_DOC for the built-in treaty)"
        )
    if argument == "-" or os.path.isfile(argument) or not _could_be_name(argument):
        return [Selected(None, argument, False)]
    if os.path.isdir(argument):
        files = files_below(argument)
        if not files:
            raise DocumentError(f"{argument} is a folder with no files in it: give a treaty text file")
        return [Selected(None, path, False) for path in files]
    if os.path.exists(argument):
        return [Selected(None, argument, False)]  # a device or the like: the loader words the refusal
    if not _library_exists():
        return [Selected(None, argument, False)]  # no library: "no such file" says it best
    from ..library.names import normal

    name = normal(argument)
    shelf = open_library()
    try:
        if not shelf.has(name):
            raise DocumentError(
                f"{argument}: no such file, nor a document of that name in the library "
                "(check the path, or see `treatycli library list`)"
            )
    finally:
        shelf.close()
    return [Selected(name, None, True)]


def files_below(folder: str) -> list[str]:
    """Every file below a folder, in name order, hidden files and folders left out."""
    files = []
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        files += [os.path.join(parent, n) for n in sorted(names) if not n.startswith(".")]
    return files


def _could_be_name(argument: str) -> bool:
    from ..library.names import is_name

    return is_name(argument) or os.path.isdir(argument)


def _unique_names(chosen: list[Selected]) -> list[Selected]:
    """Name file documents by their file names (`bbnj-2023.zh.txt` → bbnj-2023), each a name
    no other document of the run has (a longer one from the file name, or a number after it),
    so that every qualified reference printed reads back."""
    from ..library.names import name_for, name_key

    taken = {name_key(s.name) for s in chosen if s.name}
    named = []
    for s in chosen:
        if not s.name and s.path is not None:
            name = name_for(s.path, lambda n: name_key(n) in taken) if s.path != "-" else "stdin"
            s = s._replace(name=name)
            taken.add(name_key(name))
        named.append(s)
    return named


def _library_exists() -> bool:
    from ..paths import library_path

    path = library_path()
    return path is not None and os.path.exists(path)


_told_stale: set[str] = set()  # the libraries whose being another version's a run has said


def open_library(create: bool = False, needs_index: bool = False):
    """The library, its index rebuilt first (with a notice) if another treatycli version built
    it. Where it is read-only, its documents are read from their text (one notice a run), and
    what `needs_index` (grep across it, adding, updating) is refused in one line."""
    from .. import __version__
    from ..library.ingest import rebuild
    from ..library.store import Library

    shelf = Library(create=create)
    renamed = "; ".join(f"{old!r} is now {new!r}, as {why}" for old, new, why in shelf.renamed)
    if shelf.built_by != __version__ and shelf.read_only:
        built = f"indexed by treatycli {shelf.built_by}" if shelf.built_by else "of an older schema"
        if needs_index:
            shelf.close()
            raise LibraryError(
                f"the library at {shelf.path} was {built} and is read-only here, so it cannot be indexed "
                f"for {__version__}: run treatycli where it can be written (once), or read a document of "
                "it by name (--doc NAME)"
            )
        if shelf.path not in _told_stale:
            _told_stale.add(shelf.path)
            notice(
                f"the library was {built} and is read-only here: its documents are read from their text "
                f"(run treatycli where it can be written, once, to index it for {__version__})"
            )
    elif shelf.built_by != __version__:
        # built by no version: upgraded from an older schema, whose documents must be read again
        built = (
            f"indexed by treatycli {shelf.built_by}" if shelf.built_by else "upgraded from an older schema"
        )
        notice(
            f"the library was {built}: indexing it again for {__version__} (once)"
            + (renamed and f"; {renamed}")
        )
        rebuild(shelf)
    elif renamed:
        notice(f"the library was upgraded: {renamed}")
    return shelf


def document_for(chosen: Selected, encoding: str | None, max_size: int) -> Document:
    """The Document a Selected names, from its file or from the library."""
    from .. import snapshot
    from ..loader import load_document, read_document

    if not chosen.in_library:
        return load_document(chosen.path, encoding, max_size)
    shelf = open_library()
    try:
        data, stored_encoding, model = shelf.source(chosen.name)
        given = shelf.given_titles(chosen.name)
    finally:
        shelf.close()
    doc = None
    if encoding is None or encoding == stored_encoding:
        doc = snapshot.from_json(model, data, chosen.name)
    if doc is None:
        encoding = encoding or stored_encoding
        doc = snapshot.load(data, chosen.name, encoding, False, max_size) or read_document(
            data, chosen.name, encoding, max_size
        )
    doc.source.title, doc.source.short_title = given  # what the library was told it is called
    return doc


def load_selected(settings: Settings, chosen: Selected) -> Document:
    """The document `chosen` names, read as the settings say, and what a reader must be told
    of it on stderr: a guessed encoding, the loader's notes, a text with no articles."""
    doc = document_for(chosen, settings.encoding, settings.max_size)
    tell(doc.source.name, told_of(doc))
    return doc


def told_of(doc: Document):
    """What reading `doc` tells its reader (searchable.Told), as `tell` says it."""
    from ..searchable import Told

    source = doc.source
    return Told(
        source.encoding, source.guessed, list(doc.notes), len(doc.articles), doc.layout == "paragraphs"
    )


def tell(name: str, told) -> None:
    """Say on stderr what reading a document found: a guessed encoding, the loader's notes, a
    text with no articles."""
    if told.guessed:
        notice(f"{name}: read as {told.encoding}, a guess (pass --encoding to choose)")
    if told.notes:
        notice(f"note: {name}: {'; '.join(told.notes)}")
    if told.paragraphs_only:
        count = told.articles
        notice(f"no articles found in {name}: its {count} paragraphs are numbered 1-{count}")


def load(settings: Settings, command: str = "this command") -> Document:
    """The one document a command reads; several are an error that says how to name one."""
    chosen = selected(settings)
    if len(chosen) > 1:
        raise TreatyError(
            f"{command} reads one document, and this run names {len(chosen)}: give one --doc "
            "(a file or a library name)"
        )
    return load_selected(settings, chosen[0])


def _in_library(name: str) -> bool:
    """Has the library a document of this name? (No library: no.)"""
    if not _library_exists():
        return False
    shelf = open_library()
    try:
        return shelf.has(name)
    finally:
        shelf.close()


_QUOTATION_OPENS = "“「『\"'‘"


def name_before(reference: str) -> str | None:
    """The document name a reference is qualified with (`nope` in `nope:2`), whether or not a
    document has it; None where what stands before a colon is not a name: what the reference
    grammar reads whole (4:2, art.4:2), a named part (signing: …), a citation with its
    quotation after a colon."""
    name, rest = qualified(reference)
    if name is None:
        return None
    from ..grammar.read import read_request
    from ..grammar.tokens import is_part_name

    if is_part_name(name) or rest.lstrip()[:1] in _QUOTATION_OPENS:
        return None
    try:
        if read_request(reference).title is None:
            return None  # read whole as a reference (4:2, art.4:2)
    except ReferenceSyntaxError:
        pass
    return name


def _refuse_an_unknown_name(reference: str, names: set) -> None:
    """`nope:2` names no document: an error, not article 2 of the document read."""
    name = name_before(reference)
    if name is None:
        return
    shown = ", ".join(sorted(n for n in names if n)) or "the built-in treaty"
    raise TreatyError(
        f"no document {name!r} in the library or this run (which reads {shown}): "
        "see `treatycli library list`, or give it with --doc"
    )


def by_document(references: list[str], chosen: list[Selected], naming=None) -> dict[str | None, list[str]]:
    """References grouped by the document they name: qualified ones by their name (one of
    `chosen`, or one the library has), unqualified ones by None (the single document read),
    or across several documents by the document whose title they cite (`naming()` gives each
    document's name and titles: see _named_by_title)."""
    grouped: dict[str | None, list[str]] = {}
    several = len(chosen) > 1
    names = {s.name for s in chosen}

    def known(name: str) -> bool:
        return name in names or _in_library(name)

    for reference in references:
        name, ref = qualified(reference, known)
        if name is None:
            _refuse_an_unknown_name(reference, names)
        if name is None and several:
            name = _named_by_title(reference, chosen, naming)
        if name is not None and several and name not in names:
            raise TreatyError(
                f"no document {name!r} in this run: it reads {', '.join(sorted(n for n in names if n))}"
            )
        grouped.setdefault(name, []).append(ref)
    return grouped


def _named_by_title(reference: str, chosen: list[Selected], naming) -> str:
    """The document of the run an unqualified citation names by its title (《民法典》第1165条
    with --library): the one it names best (by a title or the short title it was given, whole,
    before a short form of a title); an error when it names none, or several alike."""
    from ..grammar.read import read_request
    from ..grammar.titles import how_well_named, only_leads_into_a_citation

    request = read_request(reference)
    named, lead_in = request.title, request.how == "lead-in"
    if named is None or (lead_in and only_leads_into_a_citation(named)):
        raise ReferenceSyntaxError(
            f"qualify the reference {reference!r} with a document's name ({chosen[0].name}:{reference}), "
            f"or cite it with its title: this run reads {len(chosen)} documents"
        )
    titles = naming() if naming is not None else {}
    rank = {
        name: how_well_named(named, (title, given), (short,), lead_in)
        for name, (title, given, short) in titles.items()
    }
    best = max(rank.values(), default=0)
    if not best:
        listed = sorted(titles)
        shown = ", ".join(
            f"{name} ({titles[name][1] or titles[name][0] or 'no title'})" for name in listed[:10]
        )
        shown += f" and {len(listed) - 10} more" if len(listed) > 10 else ""
        raise TreatyError(
            f"{reference!r} names {named!r}, the title of none of the {len(titles)} documents this run reads "
            f"({shown}): qualify it with a document's name (NAME:{reference}), or read that document with --doc"
        )
    alike = sorted(name for name, value in rank.items() if value == best)
    if len(alike) > 1:
        raise TreatyError(
            f"{reference!r} names {len(alike)} documents alike ({', '.join(alike)}) by {named!r}: "
            f"qualify it with one of their names ({alike[0]}:{reference})"
        )
    return alike[0]


def load_for_references(settings: Settings, references: list[str]) -> list:
    """(name, document, its references) for each document the references name: qualified
    ones (`unclos:100.2`) by name, unqualified ones the single document read, or across
    several the document whose title they cite; name None when the run reads one document
    and no reference is qualified (references print as they are)."""
    chosen = selected(settings)
    loaded: dict = {}  # a Selected -> its Document, each read once

    def load_one(source: Selected) -> Document:
        if source not in loaded:
            loaded[source] = load_selected(settings, source)
        return loaded[source]

    titles: dict = {}

    def naming() -> dict:
        """Each document's name and (its title, the title and short title it was given)."""
        if titles:
            return titles
        found = titles
        in_library = [s for s in chosen if s.in_library]
        if in_library:
            shelf = open_library()
            try:
                held = shelf.naming()
            finally:
                shelf.close()
            found.update((s.name, held[s.name]) for s in in_library if s.name in held)
        for s in chosen:
            if not s.in_library:
                doc = load_one(s)
                found[s.name] = (doc.title, None, None)
        return found

    grouped = by_document(references, chosen, naming)
    if len(chosen) == 1 and list(grouped) in ([], [None]):
        return [(None, load_one(chosen[0]), grouped.get(None, []))]
    by_name = {s.name: s for s in chosen}
    targets = []
    for name, refs in grouped.items():
        source = chosen[0] if name is None else by_name.get(name) or Selected(name, None, True)
        targets.append((source.name or name, load_one(source), refs))
    return targets
