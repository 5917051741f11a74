"""The citation grammar: a citation's text → a Request (read.py), before the document is loaded.

    [words that lead into it] [title] [(date, place)] pinpoints [rest of the sentence]

Pinpoints are tokens (第4条, 第2款, 第（二）项, art. 4, (2), recital 3, Part XII, 附件1, 序言)
joined by separators (、 , ; 和 and: a list; 至 – to: a range). A token after a separator
starts from what the path before it says: 第2款 after 第4条第1款 is a paragraph of 第4条, the 7
of "arts. 1, 4 and 7" an article, the (2) of "art. 4(1) and (2)" a paragraph.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import ReferenceSyntaxError
from ..numerals import CHINESE_NUMERAL_CHARS, parse_number, roman
from ..refs import EXAMPLES, Reference, parse_references
from .forms import LATIN_ORDINALS, SIMPLIFIED, ZH_DIVISION_KINDS, ZH_NAMES, label_core
from .request import Request, Step

MAX_CITATION_CHARS = 500  # a citation in a sentence, not a page: reading tries each place it could start
CITATION_EXAMPLES = "《条约》第4条第2款, 第4条第1款、第2款, Title, art. 4(2), arts. 3–5"

_N = rf"[0-9{CHINESE_NUMERAL_CHARS}]{{1,8}}"
_ROMAN = r"[ivxlc]{1,7}"
_LATIN = "|".join(LATIN_ORDINALS)
_ZH_NAMED = {word: name for name, word in ZH_NAMES.items()} | {"全部": "all"}
_TOKENS = re.compile(
    "|".join(
        (
            rf"第(?P<zh_articles>{_N}(?:[、,]{_N})+)条",
            rf"第(?P<zh_from>{_N})(?:至|到|~|–)(?P<zh_to>{_N})条",  # 第15-1條 is an inserted article
            rf"第(?P<zh_article>{_N})(?:-(?P<zh_dash>\d{{1,3}}))?条(?:之(?P<zh_insert>{_N}))?",
            rf"第(?P<zh_numbered>{_N})(?:款|段)",
            rf"第(?:\((?P<zh_label>[0-9a-z{CHINESE_NUMERAL_CHARS}]{{1,4}})\)|(?P<zh_item>{_N}))项",
            rf"第(?P<zh_division>{_N})(?P<zh_kind>分编|编|部分|章|节)",
            rf"附件(?P<zh_annex>{_N})?",
            r"项目(?P<zh_agenda_item>\d{1,4})",
            r"签名(?P<zh_signatory>\d{1,3})",
            "(?P<zh_named>" + "|".join(_ZH_NAMED) + ")",
            rf"(?:articles?|arts?)\.? ?(?P<en_article>\d{{1,4}})(?: ?(?P<en_latin>{_LATIN}))?(?![a-z0-9])",
            r"(?:paragraphs?|paras?\.?|§) ?(?P<en_para>\d{1,4})(?![0-9])",
            r"recitals? ?(?P<en_recital>\d{1,4})(?![0-9])",
            r"items? ?(?P<en_item>\d{1,4})(?![0-9])",
            r"signator(?:y|ies) ?(?P<en_signatory>\d{1,3})(?![0-9])",
            rf"(?P<en_kind>subbook|part|chapter|book|section)s? ?(?P<en_division>\d{{1,3}}|{_ROMAN})(?![a-z0-9])",
            rf"annex(?:es)?(?P<en_annex_word>)(?: ?(?P<en_annex>\d{{1,3}}|{_ROMAN}))?(?![a-z0-9])",
            r"(?P<en_named>preamble|parties|formula|title|letter|signatures|signing|agenda|resolution|all)(?![a-z0-9])",
            rf"\((?P<attached>[0-9]{{1,3}}|[a-z]{{1,4}}|[{CHINESE_NUMERAL_CHARS}]{{1,4}})\)",
            rf"(?P<number>\d{{1,4}})(?: ?(?P<number_latin>{_LATIN}))?(?![a-z0-9.])",
        )
    )
)
_SEPARATOR = re.compile(
    r" ?(?:(?P<range>至|到|–|—|-|~|to(?![a-z]))|(?P<comma>,)|(?P<list>、|;|以及|和|及|与|或|and(?![a-z])|&)) ?"
)
# what a citation's text before its pinpoints may not hold: an article or paragraph of its own
_PINPOINT_WORDS = re.compile(rf"第{_N}(?:条|款|段|项)|(?<![a-z])(?:art|article|para|paragraph)s?\.? ?\d")
_LOOKS_LIKE_A_REFERENCE = re.compile(rf"\d|第{_N}|(?:art|article|para|recital|part|chapter|annex)\.? ?\d")


_QUOTATION = re.compile(r"[:：]\s*[“「『\"].*$", re.S)
_PARENTHETICAL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_DATED = re.compile(r"[(（][^()（）]*\d{4}[^()（）]*[)）]")
_TAIL_PUNCTUATION = re.compile(r"[\s.,;:。，；：、)）]*")


_TOP = {"article", "division", "annex"} | {f"named:{n}" for n in
        ("preamble", "title", "letter", "signatures", "signing", "agenda", "resolution", "all")}  # fmt: skip
_CHILDREN = {
    "article": {"numbered", "labelled"},
    "numbered": {"labelled"},
    "named:preamble": {"numbered", "named:parties", "named:formula"},
    "named:letter": {"numbered", "named:title", "named:signatures"},
    "named:resolution": {"numbered", "named:title", "named:preamble"},
    "named:agenda": {"numbered"},
    "named:signatures": {"numbered"},
    "annex": {"numbered", "section", "labelled"},
    "section": {"numbered"},
    "division": {"division"},
}


def read_citation(text: str, grammar_failure: ReferenceSyntaxError) -> Request:
    """`text` read as a citation; `grammar_failure` (the reference grammar's) if it is none."""
    normal = _normal(text)
    if len(normal) > MAX_CITATION_CHARS:
        raise ReferenceSyntaxError(
            f"cannot read reference {text[:40]!r}…: a citation is at most {MAX_CITATION_CHARS} characters"
            " (a quoted text after it aside)"
        )
    found = _split(normal)
    if found is not None:
        return found._replace(text=text)
    alone = _PARENTHETICAL.sub("", normal).strip(" ,")
    if alone and _may_be_a_title(normal, alone):
        return Request(text, alone.strip("《》"), "alone", [Reference(("all",))])
    if "try" in str(grammar_failure):
        raise ReferenceSyntaxError(f"cannot read reference {text!r}: try {EXAMPLES}, {CITATION_EXAMPLES}")
    raise grammar_failure


def _normal(text: str) -> str:
    """One line, NFKC, lower case, the vocabulary in simplified characters, no space beside a
    Chinese character; a Markdown quotation (`cite --style md`) and a quoted text left out."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    text = " ".join(lines).strip().removeprefix("—").removeprefix("--")
    text = unicodedata.normalize("NFKC", text).translate(SIMPLIFIED).lower()
    text = _QUOTATION.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" (?=[^\x00-\x7f–—§])|(?<=[^\x00-\x7f–—§]) ", "", text)


# Division headings without 第N: a named book or part (物权编, 总则部分), a topic (一、管辖).
_DIVISION_AS_WRITTEN = re.compile(
    r"[\u4e00-\u9fff]{1,12}(?:编|分编|部分)|[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff]{0,20}"
)


def _may_be_a_title(normal: str, alone: str) -> bool:
    """A text with no pinpoints is read as a title alone (the whole document) if it looks like
    one: in 《》, dated, naming an instrument, or two words or more; or as a division heading
    the document may write so (物权编, 一、管辖), which only the document can tell; not a
    broken reference."""
    from .titles import names_a_document

    if "《" in normal or _DATED.search(normal):
        return True
    if _LOOKS_LIKE_A_REFERENCE.match(alone):
        return False
    if _DIVISION_AS_WRITTEN.fullmatch(alone):
        return True
    return names_a_document(alone) or len(re.findall(r"[a-z]+", alone)) >= 2


def _split(text: str) -> Request | None:
    """Where the pinpoints start: the first place from which they run to the end of the text;
    else the first from which they run to words without a number (the rest of a sentence)."""
    for to_the_end in (True, False):
        for start in range(len(text)):
            if start and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start] == " "):
                continue
            before = text[:start]
            if _PINPOINT_WORDS.search(before):
                break
            read = _read_at(text, start, to_the_end)
            if read is not None:
                return _with_title(before, *read)
    return None


def _read_at(text: str, start: int, to_the_end: bool):
    """(elements, rest) read from `start`, or None."""
    previous = text[:start].rstrip()
    if text[start].isdigit() and (not previous or previous[-1] in "》),:"):
        try:
            return parse_references([text[start:]]), ""
        except ReferenceSyntaxError:
            pass
    parsed = _parse(text, start)
    if parsed is None:
        return None
    elements, end = parsed
    rest = text[end:]
    if _TAIL_PUNCTUATION.fullmatch(rest):
        return elements, ""
    if to_the_end or re.search(r"\d|第", rest):
        return None
    return elements, rest


def _with_title(before: str, elements: list, rest: str) -> Request:
    before = before.strip()
    comma = before.endswith(",")
    while (trimmed := _PARENTHETICAL.sub("", before.rstrip(" ,"))) != before:
        before = trimmed
    title, how = None, ""
    if "《" in before:
        opening = before.index("《")
        closing = _closing_mark(before, opening)
        if closing is not None and not before[closing + 1 :].strip(" ,"):
            title, how = before[opening + 1 : closing], "marked"
    if title is None and comma:
        title, how = before, "marked"
    elif title is None and before:
        title, how = before, "lead-in"
    of = re.match(r" ?of (?P<title>.+)$", rest)
    if of:
        title, how = of.group("title").strip(" .,;"), "marked"
    return Request("", title or None, how if title else "", elements)


def _closing_mark(text: str, opening: int) -> int | None:
    """The 》 that closes the 《 at `opening`, 《》 nested inside it counted."""
    depth = 0
    for index in range(opening, len(text)):
        depth += {"《": 1, "》": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


# -- pinpoints: tokens and how they join --------------------------------------------------------


def _number(text: str) -> int:
    value = parse_number(text)
    if value is None:
        value = roman(text.upper()) or 0
    return value


def _token(text: str, position: int) -> list | None:
    """The steps of the token at `position`, as (separator, [Step, ...]) pieces (第1、4、7条 is
    three articles joined as a list), and where it ends; None if no token starts there."""
    match = _TOKENS.match(text, position)
    if match is None:
        return None
    g = {key: value for key, value in match.groupdict().items() if value is not None}
    if "zh_articles" in g:
        numbers = re.split(r"[、,]", g["zh_articles"])
        pieces = [("list", [Step("article", _number(n))]) for n in numbers]
        return [(None, pieces[0][1]), *pieces[1:]], match.end()
    if "zh_from" in g:
        first, last = Step("article", _number(g["zh_from"])), Step("article", _number(g["zh_to"]))
        return [(None, [first]), ("range", [last])], match.end()
    return [(None, _steps(g))], match.end()


def _steps(g: dict) -> list[Step]:
    if "zh_article" in g:
        ordinal = int(g["zh_dash"]) if "zh_dash" in g else _number(g.get("zh_insert", "0"))
        return [Step("article", _number(g["zh_article"]), ordinal=ordinal)]
    if "en_article" in g:
        return [Step("article", int(g["en_article"]), ordinal=LATIN_ORDINALS.get(g.get("en_latin", ""), 0))]
    for key in (
        "zh_numbered",
        "zh_item",
        "zh_agenda_item",
        "en_para",
        "en_recital",
        "en_item",
        "en_signatory",
    ):
        if key in g:
            kind = "labelled" if key == "zh_item" else "numbered"
            return [Step(kind, _number(g[key]), g[key] if kind == "labelled" else "")]
    if "zh_label" in g:
        return [Step("labelled", name=label_core(g["zh_label"]))]
    if "zh_signatory" in g:
        return [Step("named", name="signatures"), Step("numbered", int(g["zh_signatory"]))]
    if "zh_division" in g:
        return [Step("division", _number(g["zh_division"]), ZH_DIVISION_KINDS[g["zh_kind"]])]
    if "en_division" in g:
        return [Step("division", _number(g["en_division"]), g["en_kind"])]
    if "zh_annex" in g or "en_annex_word" in g:
        raw = g.get("zh_annex") or g.get("en_annex")
        return [Step("annex", _number(raw) if raw else None)]
    if "zh_named" in g:
        return [Step("named", name=_ZH_NAMED[g["zh_named"]])]
    if "en_named" in g:
        return [Step("named", name=g["en_named"])]
    if "attached" in g:
        return [Step("attached", name=label_core(g["attached"]), attached=True)]
    return [Step("number", int(g["number"]), ordinal=LATIN_ORDINALS.get(g.get("number_latin", ""), 0))]


def _parse(text: str, start: int):
    """Pinpoints from `start`: (elements, end), or None when none starts there."""
    path = _Path()
    position = end = start
    while True:
        at = position + (text[position : position + 1] == " ")
        separator = None
        if path.steps:
            found = _SEPARATOR.match(text, at)
            if found:
                separator = found.lastgroup
                at = found.end()
        token = _token(text, at)
        if token is None:
            break
        pieces, token_end = token
        if not all(path.accept(steps, joined or separator) for joined, steps in pieces):
            break
        position = end = token_end
    elements = path.finish()
    return (elements, end) if elements else None


class _Path:
    """Citation paths as the tokens arrive: a token continues the current path (第4条 → 第2款),
    or, after a separator, starts the next one from what the current one already says
    (第4条第1款、第2款: 第2款 is a paragraph of 第4条)."""

    def __init__(self):
        self.steps: list[Step] = []
        self.done: list[tuple[str | None, tuple]] = []  # (how joined to the one before, path)
        self.joined: str | None = None
        self.failed = False

    def accept(self, steps: list[Step], separator: str | None) -> bool:
        if not self.steps:
            first = self._placed(None, steps[0])
            if first is None or first.slot not in _TOP:
                return False
            self.steps = [first, *steps[1:]]
            return True
        if separator is None or (separator == "comma" and steps[0].kind not in ("number", "attached")):
            continued = self._continued(steps)
            if continued is not None:
                self.steps = continued
                return True
            if separator is None:
                return False
        following = self._following(steps)
        if following is None:
            return False
        if separator == "range" and self.joined == "range":
            self.failed = True  # 3至5至7
            return False
        self.done.append((self.joined, tuple(self.steps)))
        self.steps, self.joined = following, ("range" if separator == "range" else "list")
        return True

    @staticmethod
    def _placed(parent: Step | None, step: Step) -> Step | None:
        """`step` as a child of `parent`: (2) is a paragraph of an article and (b) an item of a
        paragraph; 第2节 is a section of an annex and a division elsewhere."""
        if step.kind == "attached":
            if parent is None or parent.kind not in ("article", "numbered", "annex"):
                return None
            if parent.kind == "article" and step.name.isdigit():
                return Step("numbered", int(step.name), attached=True)
            return Step("labelled", name=step.name, attached=True)
        if (
            step.kind == "division"
            and step.name == "section"
            and parent is not None
            and parent.kind == "annex"
        ):
            return Step("section", step.number)
        if step.kind == "number":
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
                    return [*before[:index], old._replace(number=step.number, ordinal=step.ordinal)]
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
        paths = [*self.done, (self.joined, tuple(self.steps))]
        elements: list = []
        for joined, steps in paths:
            if joined == "range":
                elements[-1] = (elements[-1], steps)
            else:
                elements.append(steps)
        return elements
