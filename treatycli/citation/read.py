"""Citations read back, for every command that takes references: what `cite` prints, and
citations as people write them in their own documents.

An argument is read by the reference grammar first (refs.py: 4.2, 第四条第二款, art. 4(2));
what the grammar cannot read is read as a citation (parse.py):

    [words that lead into it] [title] [(date, place)] pinpoints [rest of the sentence]

根据刑法第二百六十三条的规定, 《刑法》第264条第1款, 第4条第1款、第2款, the Convention, art. 5,
arts. 1, 4 and 7, art. 5 of the Treaty, preamble, recital 3. Reading happens in two steps, so
that a malformed reference is an error before any file is read: `read_request` reads the text
alone; `find.resolve_request`, once the document is loaded, checks that the title names it
and finds each pinpoint's unit.
"""

from __future__ import annotations

import re

from ..errors import ReferenceSyntaxError
from ..refs import parse_references
from .request import Request

# -- reading, before the document is loaded -----------------------------------------------------


def read_requests(arguments) -> list[Request]:
    return [read_request(argument) for argument in arguments]


# Lists the reference grammar would misread, leaving them to the citation grammar: an English
# citation's path down divisions ("Part 2, Chapter 3", not parts 2 and chapter 3), and a
# Chinese list of divisions, whose later elements go on from the one before
# (第一编第一章、第二章: chapter 2 of book 1).
_DIVISION_PATH = re.compile(r",\s*(?:sub)?(?:book|part|chapter|section)\s+\w", re.I)
_DIVISION_WORD = re.compile(r"编|編|章|节|節|部分")


def _citation_only(text: str) -> bool:
    """One pass over the text (a 、 followed, anywhere later, by a division word): a pattern
    with `、.*` would start again at every 、, quadratic in a long list."""
    comma = text.find("、")
    return bool(_DIVISION_PATH.search(text) or (comma >= 0 and _DIVISION_WORD.search(text, comma)))


def read_request(text: str) -> Request:
    """One argument, read as a reference or a citation; ReferenceSyntaxError if it is neither."""
    grammar_failure = ReferenceSyntaxError(f"cannot read reference {text!r}")
    try:
        if not _citation_only(text):
            return Request(text, None, "", parse_references([text]))
    except ReferenceSyntaxError as failure:
        if not text.strip():
            raise
        grammar_failure = failure
    from .parse import read_citation  # the citation grammar, only for what the reference grammar cannot read

    return read_citation(text, grammar_failure)
