"""The names documents go by, in the library and across the documents of a run: made from
file names, in any script (`中華民國刑法.md` → 中華民國刑法), never one the reference grammar
reads (`show 4:2` is article 4.2, whatever the library holds), and never two that differ only
in case or width (two documents `Foo` and `ｆｏｏ` could not be told apart when typed)."""

from __future__ import annotations

import os
import re

from ..errors import LibraryError

MAX_NAME = 64  # characters: a name is typed before every qualified reference
# a letter or digit of any script first, then letters, digits, '.', '_' and '-'
NAME_PATTERN = rf"[^\W_][\w.-]{{0,{MAX_NAME - 1}}}"
_NAME = re.compile(NAME_PATTERN)


def normal(text: str) -> str:
    """A name as it is stored and compared: composed (NFC), so that `Ñandú` typed and `Ñandú`
    from a macOS file name (decomposed) are one name."""
    if text.isascii():
        return text
    from unicodedata import normalize

    return normalize("NFC", text)


def name_key(name: str) -> str:
    """What two names may not share: the name without regard to case or width."""
    from unicodedata import normalize

    return normalize("NFKC", name).casefold()


def names_for(path: str) -> list[str]:
    """The names a file may go by, shortest first: its file name up to a dot, then up to the
    next (`treaty.zh.txt`: treaty, treaty.zh), so that two language versions, or two files of
    one name in different folders, can each have one."""
    pieces = [
        re.sub(r"[^\w-]+", "-", piece).strip("-_") for piece in normal(os.path.basename(path)).split(".")
    ]
    if not pieces[0]:
        return ["doc"]  # .hidden, 《条约》.txt: nothing of the name can be written in a name
    names = [".".join(p for p in pieces[:n] if p)[:MAX_NAME] for n in range(1, len(pieces) + 1)]
    names = [name for name in names if is_name(name)]
    if not names or names[0] != pieces[0]:  # 4.txt, 第4条.txt: `show 4:2` must stay article 4
        names.insert(0, f"doc-{pieces[0]}"[:MAX_NAME])
    return list(dict.fromkeys(name for name in names if is_name(name))) or ["doc"]


def name_for(path: str, taken=lambda name: False) -> str:
    """A document's short name from its file name (`bbnj-2023.zh.cleaned.txt` → `bbnj-2023`),
    longer where `taken(name)` says a shorter one is another's; a number after it at last."""
    names = names_for(path)
    for name in names:
        if not taken(name):
            return name
    number = 2
    while taken(f"{names[0]}-{number}"):
        number += 1
    return f"{names[0]}-{number}"


def is_name(text: str) -> bool:
    """Is `text` a name a document may have (in the library, or across the documents of a run)?
    Not one the reference grammar reads (4, 8bis, preamble, 第4条, 序言): `4:2` is article 4.2."""
    return bool(_NAME.fullmatch(text)) and not reads_as_reference(text)


def reads_as_reference(text: str) -> bool:
    """Does the reference grammar read `text` as a unit of the loaded document (4, preamble,
    第4条, 附件一, 刑法第4条), rather than as a name or a title alone (刑法)?"""
    from ..errors import ReferenceSyntaxError
    from ..grammar.references import parse_reference

    try:
        parse_reference(text)
    except ReferenceSyntaxError:
        pass
    else:
        return True
    if text.isascii():
        return False
    from ..grammar.read import read_request  # a citation in Chinese: 第四条, 序言, 刑法第4条

    try:
        return read_request(text).how != "alone"
    except ReferenceSyntaxError:
        return False


def check_name(name: str) -> str:
    """The name, composed (see `normal`), or LibraryError saying why it cannot be one."""
    name = normal(name)
    if not _NAME.fullmatch(name):
        raise LibraryError(
            f"cannot name a document {name!r}: use letters (of any script), digits, '.', '_' and '-', "
            f"at most {MAX_NAME} (e.g. --name unclos, --name 刑法)"
        )
    if reads_as_reference(name):
        other = f"doc-{name}"[:MAX_NAME]
        raise LibraryError(
            f"cannot name a document {name!r}: it reads as a reference ({name}:2 would be read as one, "
            f"not as a unit of the document); choose another, e.g. --name {other if is_name(other) else 'doc'}"
        )
    return name
