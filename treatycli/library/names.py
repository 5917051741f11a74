"""The names documents go by, in the library and across the documents of a run: made from
file names, and never one the reference grammar reads (`show 4:2` is article 4.2, whatever
the library holds)."""

from __future__ import annotations

import os
import re

from ..errors import LibraryError

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def names_for(path: str) -> list[str]:
    """The names a file may go by, shortest first: its file name up to a dot, then up to the
    next (`treaty.zh.txt`: treaty, treaty.zh), so that two language versions, or two files of
    one name in different folders, can each have one."""
    pieces = [
        re.sub(r"[^A-Za-z0-9_-]+", "-", piece).strip("-_") for piece in os.path.basename(path).split(".")
    ]
    if not pieces[0]:
        return ["doc"]  # 条约.txt, .hidden: nothing of the name can be written in a name
    names = [".".join(p for p in pieces[:n] if p)[:64] for n in range(1, len(pieces) + 1)]
    names = [name for name in names if is_name(name)]
    if not names or names[0] != pieces[0]:  # 4.txt, preamble.txt: `show 4:2` must stay article 4
        names.insert(0, f"doc-{pieces[0]}"[:64])
    return list(dict.fromkeys(name for name in names if is_name(name)))


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
    Not one the reference grammar reads (4, 8bis, preamble, annex1): `4:2` is article 4.2."""
    return bool(_NAME.fullmatch(text)) and not reads_as_reference(text)


def reads_as_reference(text: str) -> bool:
    from ..errors import ReferenceSyntaxError
    from ..grammar.references import parse_reference

    try:
        parse_reference(text)
    except ReferenceSyntaxError:
        return False
    return True


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise LibraryError(
            f"cannot name a document {name!r}: use letters, digits, '.', '_' and '-' (e.g. --name unclos)"
        )
    if reads_as_reference(name):
        raise LibraryError(
            f"cannot name a document {name!r}: it reads as a reference ({name}:2 would be {name}.2); "
            f"choose another, e.g. --name doc-{name}"
        )
    return name
