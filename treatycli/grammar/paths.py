"""Tokens joined into paths down a document.

A token continues the path before it (第4条 → 第2款: paragraph 2 of article 4), or, after a
separator (、 , ; 和 and: a list; 至 – to: a range), starts the next path from what the one
before already says: 第2款 after 第4条第1款 is a paragraph of 第4条, the 7 of "arts. 1, 4 and
7" an article, the (2) of "art. 4(1) and (2)" a paragraph, 第二章 after 第一编第一章 a chapter
of 第一编. A unit may also come before the one it lies in: "paragraph 2 of article 5". A key
(4.2, part2) is a whole path; a bare number after it is another key (1,4,7; 3.1-2 is 3.1 to
3.2).

In running text (`relative`), a path may begin where a clause stands: 第2款 or 本条第2款 is a
paragraph of the clause's own article, 前款 the paragraph before it, "paragraph 1 of this
article" likewise.
"""

from __future__ import annotations

import re

from ..numerals import MAX_DIGITS
from ..vocabulary import every
from .tokens import Step, alternatives, token_at

_NAMED_TOP = ("preamble", "title", "letter", "signatures", "signing", "agenda", "resolution", "all")
_TOP = {"article", "division", "annex", "key"} | {f"named:{name}" for name in _NAMED_TOP}
_CHILDREN = {
    "article": {"numbered", "labelled", "named:title"},
    "numbered": {"labelled"},
    "named:preamble": {"numbered", "named:parties", "named:formula"},
    "named:letter": {"numbered", "named:title", "named:signatures"},
    "named:resolution": {"numbered", "named:title", "named:preamble"},
    "named:agenda": {"numbered"},
    "named:signatures": {"numbered"},
    "annex": {"numbered", "section", "labelled"},
    "section": {"numbered"},
    "division": {"division"},
    "relative": {"numbered", "labelled"},
}
# what may stand first in a path that names the unit it lies in after it ("paragraph 2 of …")
_CHILD_FIRST = {"numbered", "labelled", "attached"}

_separator: re.Pattern | None = None


def separator_pattern() -> re.Pattern:
    """What joins tokens: a range, a comma, a list word, or `of`; words end at a letter."""
    global _separator
    if _separator is None:

        def words(field: str, leave_out=()) -> str:
            found = [w for w in every(field) if w not in leave_out]
            return "|".join(
                re.escape(w) + ("(?![a-z])" if w[-1:].isalpha() and w.isascii() else "")
                for w in sorted(found, key=len, reverse=True)
            )

        ranges = words("range_words") + "|~"
        # `of` said by a word (of, de, من), or by the case of the next unit's word (статьи 8),
        # which is left for the token
        of = [f"(?:{words('of')})"] if every("of") else []
        of += [f"(?={alternatives(every('genitives'))} )"] if every("genitives") else []
        _separator = re.compile(
            rf" ?(?:(?P<range>{ranges})|(?P<comma>,)|(?P<list>{words('list_words', leave_out=(',',))})"
            + (rf"|(?P<of>{'|'.join(of)})" if of else "")
            + ") ?"
        )
    return _separator


def read_paths(text: str, start: int, relative: bool = False, original: str | None = None):
    """Paths read from `start` of a normalised text: (elements, end), or None when none starts
    there. An element is a path (a tuple of Steps) or, for a range, a pair of them."""
    path = _Path(relative)
    position = end = start
    separators = separator_pattern()
    while True:
        at = position + (text[position : position + 1] == " ")
        joined = None
        if at >= len(text):
            break
        if path.steps:
            found = separators.match(text, at)
            if found:
                joined = found.lastgroup
                at = found.end()
        token = token_at(text, at, original)
        if token is None:
            break
        pieces, token_end = token
        for piece_joined, steps in pieces:
            if not path.accept(steps, piece_joined or joined):
                break
        else:
            position = end = token_end
            continue
        break
    elements = path.finish()
    return (elements, end) if elements else None


def ends_of(element) -> tuple:
    """The paths of an element: itself, or the two ends of a range."""
    return (element,) if isinstance(element[0], Step) else element


def _plain_number(step: Step) -> Step | None:
    """A key that is a bare number (7, 3bis) as a number that stands for one spoken before."""
    if step.kind != "key" or len(step.name) != 1:
        return None
    match = _plain_number_pattern().fullmatch(step.name[0])
    if match is None or len(match.group(1)) > MAX_DIGITS or len(match.group(2) or "") > MAX_DIGITS:
        return None  # past MAX_DIGITS a number is no int (Python's limit): the key stays a key
    latin = match.group(3) or ""
    ordinal = int(match.group(2)) if match.group(2) else _latin_names().get(latin, 0)
    return Step("number", int(match.group(1)), latin, ordinal)


def _latin_names() -> dict[str, int]:
    from .tokens import every_ordinal

    return every_ordinal()


_plain_number_compiled: re.Pattern | None = None


def _plain_number_pattern() -> re.Pattern:
    """7, 7_1, 3bis: built once (a list of keys reads one per key)."""
    global _plain_number_compiled
    if _plain_number_compiled is None:
        _plain_number_compiled = re.compile(rf"(\d+)(?:_(\d+)|({alternatives(_latin_names())}))?")
    return _plain_number_compiled


class _Path:
    """Paths as the tokens arrive (see the module's docstring)."""

    def __init__(self, relative: bool = False):
        self.relative = relative
        self.steps: list[Step] = []
        self.dangling = False  # the path holds children whose parent is still to come
        self.done: list[tuple[str | None, tuple]] = []  # (how joined to the one before, path)
        self.joined: str | None = None
        self.failed = False

    def accept(self, steps: list[Step], separator: str | None) -> bool:
        if not self.steps:
            return self._start(steps)
        if self.dangling:
            return self._dangling(steps, separator)
        if separator == "of":
            return False
        if self.steps[0].kind == "key":
            return self._after_key(steps, separator)
        if steps[0].kind == "key":
            # a bare number stands for one spoken before (arts. 1, 4 and 7), and so does one
            # with its paragraph (arts. 1, 3(1) and 5); any other key, or one after a path with
            # no number (agenda,1), is a path of its own
            head = steps[0].name
            paragraph = (
                head[1:] if len(head) == 2 and head[1].isdigit() and len(head[1]) <= MAX_DIGITS else ()
            )
            number = _plain_number(Step("key", name=head[:1]) if paragraph else steps[0])
            following = self._following([number]) if number is not None and separator else None
            if following is None:
                return self._next(list(steps), separator) if separator else False
            numbered = [Step("numbered", int(paragraph[0]), attached=True)] if paragraph else []
            return self._next([*following, *numbered], separator)
        if separator is None or (separator == "comma" and steps[0].kind not in ("number", "attached")):
            continued = self._continued(steps)
            if continued is not None:
                self.steps = continued
                return True
            if separator is None:
                return False
        following = self._following(steps)
        return following is not None and self._next(following, separator)

    def _start(self, steps: list[Step]) -> bool:
        first = self._placed(None, steps[0])
        if first is not None and (first.slot in _TOP or (self.relative and first.kind == "relative")):
            self.steps = [first, *steps[1:]]
            return True
        if steps[0].kind in _CHILD_FIRST and steps[0].kind != "attached":
            self.steps, self.dangling = list(steps), True
            return True
        return False

    def _dangling(self, steps: list[Step], separator: str | None) -> bool:
        """A path that names children before their parent: more children, or `of` and the parent."""
        if separator is None:
            step = self._placed(self.steps[-1], steps[0])
            if step is None or step.slot not in _CHILDREN.get(self.steps[-1].slot, ()):
                return False
            self.steps += [step, *steps[1:]]
            return True
        if separator != "of":
            if not self.relative:
                return False
            self._anchor()  # 第2款、第3款 where a clause stands: both of its own article
            return self.accept(steps, separator)
        parent = self._placed(None, steps[0])
        if parent is None or not (parent.slot in _TOP or (self.relative and parent.kind == "relative")):
            return False
        path = [parent, *steps[1:]]
        for child in self.steps:
            placed = self._placed(path[-1], child)
            if placed is None or placed.slot not in _CHILDREN.get(path[-1].slot, ()):
                return False
            path.append(placed)
        self.steps, self.dangling = path, False
        return True

    def _after_key(self, steps: list[Step], separator: str | None) -> bool:
        """After a key: another key (1,4,7), or a bare number that ends a range of paragraphs
        (3.1-2 is 3.1 to 3.2)."""
        if separator is None:
            return False
        if steps[0].kind != "key":  # 4.2,preamble: a path of its own, from the top
            first = self._placed(None, steps[0])
            return first is not None and first.slot in _TOP and self._next(list(steps), separator)
        key = steps[0]
        number = _plain_number(key)
        before = self.steps[0].name
        if separator == "range" and number is not None and len(before) > 1 and not number.ordinal:
            key = Step("key", name=(*before[:-1], key.name[0]))
        return self._next([key], separator)

    def _next(self, steps: list[Step], separator: str | None) -> bool:
        """The current path is done; `steps` begins the next, joined by `separator`."""
        if separator == "range" and self.joined == "range":
            self.failed = True  # 3至5至7
            return False
        self.done.append((self.joined, tuple(self.steps)))
        self.steps, self.joined = steps, ("range" if separator == "range" else "list")
        return True

    @staticmethod
    def _placed(parent: Step | None, step: Step) -> Step | None:
        """`step` as a child of `parent`: (2) is a paragraph of an article and (b) an item of a
        paragraph; 第2节 is a section of an annex and a division elsewhere; a key stands only
        at the top."""
        if step.kind == "attached":
            if parent is None or parent.kind not in ("article", "numbered", "annex", "relative"):
                return None
            if parent.kind in ("article", "relative") and step.name.isdigit():
                return Step("numbered", int(step.name), attached=True)
            return Step("labelled", name=step.name, attached=True)
        if (
            step.kind == "division"
            and step.name == "section"
            and parent is not None
            and parent.kind == "annex"
        ):
            return Step("section", step.number)
        if step.kind == "number" or (step.kind == "key" and parent is not None):
            return None
        return step

    def _continued(self, steps: list[Step]) -> list[Step] | None:
        step = self._placed(self.steps[-1], steps[0])
        if step is None or step.slot not in _CHILDREN.get(self.steps[-1].slot, ()):
            return None
        return [*self.steps, step, *steps[1:]]

    def _following(self, steps: list[Step]) -> list[Step] | None:
        """The path a token after a separator starts, from the current one."""
        before, step = self.steps, steps[0]
        if step.kind == "number":  # arts. 1, 4 and 7: the number replaces the last one spoken
            for index in range(len(before) - 1, -1, -1):
                old = before[index]
                if not old.attached and old.number is not None:
                    name = step.name if old.kind == "article" else old.name
                    return [
                        *before[:index],
                        old._replace(number=step.number, ordinal=step.ordinal, name=name),
                    ]
            return None
        if step.kind == "attached":  # art. 4(1) and (2)
            if not before[-1].attached:
                return None
            parent = before[-2] if len(before) > 1 else None
            placed = self._placed(parent, step)
            return [*before[:-1], placed, *steps[1:]] if placed else None
        if step.kind == "division":
            for index, old in enumerate(before):
                if old.kind == "annex" and step.name == "section":
                    return [*before[: index + 1], Step("section", step.number), *steps[1:]]
                if old.kind == "division" and old.name == step.name:
                    return [*before[:index], *steps]
            return list(steps)
        if step.slot in _TOP:
            return list(steps)
        for index in range(len(before) - 1, -1, -1):
            if step.slot in _CHILDREN.get(before[index].slot, ()):
                return [*before[: index + 1], *steps]
        return None

    def finish(self) -> list:
        if self.failed or not self.steps:
            return []
        if self.dangling:
            if not self.relative:
                return []
            self._anchor()
        paths = [*self.done, (self.joined, tuple(self.steps))]
        elements: list = []
        for joined, steps in paths:
            if joined == "range":
                elements[-1] = (elements[-1], steps)
            else:
                elements.append(steps)
        return elements

    def _anchor(self) -> None:
        """Children named with no parent, in running text: of the clause's own article."""
        path = [Step("relative", name="article")]
        for step in self.steps:
            path.append(self._placed(path[-1], step) or step)
        self.steps, self.dangling = path, False
