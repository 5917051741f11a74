"""What a citation asks for, read before the document is loaded: a Request, and the Steps
down the document of a citation path. read.py and parse.py make them, find.py resolves them."""

from __future__ import annotations

from collections import namedtuple

from ..refs import Reference


class Step(namedtuple("Step", "kind number name ordinal attached", defaults=(None, "", 0, False))):
    """One step down a citation: an article (number, insertion ordinal), a numbered child
    (第2款, recital 3), a labelled item ((b), （二）), a named part, a division (name: its kind),
    an annex, an annex section. `attached` marks a step written in brackets after another: (2)."""

    __slots__ = ()

    @property
    def slot(self) -> str:
        return f"named:{self.name}" if self.kind == "named" else self.kind


class Request(namedtuple("Request", "text title how elements")):
    """What one argument asks for, read before the document is loaded. `title` is the title it
    names, if any, and `how`: "marked" (《…》, before a comma, after "of"), "lead-in" (text
    before the pinpoints that may only lead into them: 根据, see) or "alone" (a title and
    nothing else: the whole document). `elements` are the grammar's references, or citation
    paths (a tuple of Steps, or a pair of them for a range) still to be found."""

    __slots__ = ()

    @property
    def whole(self) -> bool:
        return self.elements == [Reference(("all",))]
