"""Units → citations in the forms people paste: 《…条约》（1999年4月16日，莫斯科）第4条第2款,
`Title, art. 4(2)`, `arts. 1, 4 and 7`. The inverse of read.py and resolve.py: every form written here
is read back to the same units (tests/test_cite.py holds them together).

Each unit is cited by the chain of units above it (第4条 → 第2款 → 第（二）项), every piece
written as the document writes it where that matters (第十七条之一, 8 bis, 第二编, Part XII).
Several units are cited compactly: neighbours in document order make a range, and a list leaves
out what an element shares with the one before it (第4条第1款、第2款; art. 4(1) and (2)).
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import TreatyError
from ..numerals import CHINESE_NUMERAL_CHARS, LATIN_NAMES, chinese_numeral, roman
from ..script import is_wide
from ..units import Unit
from ..vocabulary import LANGUAGES, TRADITIONAL, convention_of, hierarchy, inserted_after_word
from ..vocabulary import language as vocabulary_language
from .resolve import enclosing
from .tokens import alternatives, label_core

_ZH, _EN = LANGUAGES["zh"], LANGUAGES["en"]

STYLES = ("zh", "en", "short", "md")
NUMERALS = ("arabic", "chinese")
RANGE_FROM = 3  # neighbours from three on make a range (第3条至第5条); two read better listed (第3、4条)
_MONTHS = [month.capitalize() for month in _EN.months]
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")
_ORDERED_LIST = re.compile(r"^(\d+)\.")


class CiteOptions(
    namedtuple("CiteOptions", "style numerals date quote", defaults=(None, "arabic", True, False))
):
    """`style` None is the document's own language (zh or en)."""

    __slots__ = ()


class Citation(namedtuple("Citation", "ref citation short text title signed")):
    """One citation as `cite --json` prints it: `ref` in the reference grammar, `citation` in
    the style chosen, `short` without the title, `text` the units' text, `signed` (date, place)."""

    __slots__ = ()


def _chinese_words(doc) -> dict[str, str]:
    """The words a Chinese citation names article, paragraph and item with: those the loader
    recorded for a Chinese document; the vocabulary's, in the document's script, for one
    built in code without them, or for a citation in Chinese of a document in another language."""
    if doc.language != "zh":
        words = hierarchy("zh", "hans")
    else:
        words = doc.decisions.hierarchy or hierarchy("zh", doc.decisions.script)
    return dict(zip(("article", "paragraph", "item"), words, strict=True))


def _zh_date(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _en_date(iso: str, language=None) -> str:
    """3 March 2001, or the day, month and year in the words of a language written in words
    (19 juin 2023; the months of a language without them in English)."""
    year, month, day = (int(part) for part in iso.split("-"))
    months = language.months if language is not None and language.months else _EN.months
    name = months[month - 1]
    return f"{day} {name.capitalize() if months is _EN.months else name} {year}"


def _join_en(values: list[str], language=None) -> str:
    """1, 4 and 7: with the language's last word for a list (et, y, и), English's where it has none."""
    words = [w for w in (language or _EN).list_words if w.isalpha()] or ["and"]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" {words[0]} " + values[-1]


def _plural(noun: str, language=None) -> str:
    """The word for several units, as the vocabulary gives it (art. → arts., annex → annexes)."""
    for form in (*(language or _EN).units.values(), *(language or _EN).divisions.values()):
        if form.words[0] == noun and form.plural:
            return form.plural[0]
    return noun + "s" if noun.isascii() else noun


class _EnPiece(namedtuple("_EnPiece", "noun value attached")):
    """A unit's own piece of an English citation: `noun` and `value` (art., 4), or a value that
    is attached to the piece before it ((2), (b)); `noun` None for a piece that is only a word."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.noun} {self.value}" if self.noun else self.value


# a division's heading that says its number, an inserted one's ordinal too (第五章, 第五章之一)
_NUMBERED_DIVISION = re.compile(
    rf"第[\d{CHINESE_NUMERAL_CHARS}]+"
    rf"{alternatives(w for form in _ZH.divisions.values() for w in (*form.words, *(x.translate(TRADITIONAL) for x in form.words)))}"
    rf"(?:{alternatives(inserted_after_word(_ZH))}[\d{CHINESE_NUMERAL_CHARS}]+)?"
)


_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")


def _is_roman(word: str) -> bool:
    """A Roman numeral as written canonically (XI, XIV; not CIVIL, which its letters spell)."""
    value = roman(word) if _ROMAN_NUMERAL.fullmatch(word) else None
    return value is not None and 0 < value < 400 and _to_roman(value) == word


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, number)
        out += letters * count
    return out


def title_case(title: str | None) -> str | None:
    """A title printed in capitals as a citation writes it: AGREEMENT RELATING TO THE
    IMPLEMENTATION OF PART XI → Agreement relating to the Implementation of Part XI (the
    words that do not tell titles apart in lower case, but first; Roman numerals and
    bracketed acronyms kept)."""
    if not title or not title.isupper() or not title.isascii():
        return title
    minor = set(_EN.title_words)
    words = []
    for n, word in enumerate(title.split(" ")):
        if _is_roman(word) or (word[:1] == "(" and word[-1:] == ")"):
            words.append(word)  # PART XI; (ICSANT), an acronym
        elif n and word.lower() in minor:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


class Writer:
    """Citations of one document's units."""

    def __init__(self, root: Unit, options: CiteOptions):
        self.root, self.doc, self.options = root, root.node, options
        self.language = "zh" if self.doc.language == "zh" else "en"
        self.style = options.style or self.language
        self.traditional = self.doc.decisions.script == "hant"
        # the words of a citation written in words: the document's language's (art., ст.,
        # المادة), English's for a Chinese one
        self.worded = _EN if self.doc.language == "zh" else vocabulary_language(self.doc.language)
        # the title the library was given for it (library add --title), else its own, in title
        # case where the document prints it in capitals
        self.title = getattr(self.doc.source, "title", None) or title_case(self.doc.title)
        self.words = _chinese_words(self.doc)
        # how an item's label is written in a citation: 第（一）项; None: by number, 第1款 in Taiwan
        words = tuple(self.words.values())
        self.item_label = (convention_of("zh", words) or _ZH.conventions[0]).item
        self.index = root.index  # parents, and the order a range is resolved in (units.UnitIndex)
        self._divisions = {d.ref: d for d in self.doc.divisions}
        self._listing = False  # a pinpoint of several elements is being written

    # -- the chain of units a unit is cited by --------------------------------------------------

    def chain(self, unit: Unit) -> list:
        """The units from the top down to `unit`; a division is preceded by those it lies in."""
        chain = []
        while unit is not self.root:
            chain.append(unit)
            unit = self.index.parent(unit)
        chain.reverse()
        if chain and chain[0].kind == "division":  # Division records, cited by their headings too
            chain[:0] = [self._divisions[ref] for ref in enclosing(chain[0].ref, self._divisions)]
        return chain

    # -- pieces -----------------------------------------------------------------------------------

    def _number(self, number: int) -> str:
        return chinese_numeral(number) if self.options.numerals == "chinese" else str(number)

    def _zh_division(self, division) -> str:
        """A division as its heading writes it; in a list or range, one whose heading has no
        number (物权编, a topic 一、管辖) by its number, which a list can hold unambiguously."""
        heading = re.sub(r"\s+", "", division.heading)
        if self._listing and not _NUMBERED_DIVISION.fullmatch(heading) and division.kind in _ZH.divisions:
            return self._tr(_ZH.divisions[division.kind].write(self._number(division.number)))
        return heading

    def _parent_kind(self, unit) -> str | None:
        parent = self.index.parent(unit) if isinstance(unit, Unit) else None
        return parent.kind if parent is not None else None

    def zh_piece(self, unit) -> str:
        if not isinstance(unit, Unit):  # an outer division
            return self._zh_division(unit)
        kind, node = unit.kind, unit.node
        if kind == "article":
            return self._zh_article(node)
        if kind == "division":
            return self._zh_division(node)
        units = _ZH.units
        if kind == "paragraph":
            if self._parent_kind(unit) == "article":
                return units["paragraph"].write(self._number(int(unit.key)), self.words["paragraph"])
            return units["part-paragraph"].write(self._number(int(unit.key)))
        if kind in ("recital", "letter-paragraph"):
            return units["recital" if kind == "recital" else "part-paragraph"].write(
                self._number(int(unit.key))
            )
        if kind == "item":
            label = self._item_label(unit)
            written = (
                self.item_label.format(n=label) if label and self.item_label else self._number(node.number)
            )
            return units["item"].write(written, self.words["item"])
        if kind == "agenda-item":
            return self._tr(units["agenda-item"].write(unit.key))
        if kind == "signatory":
            return unit.key
        if kind == "annex":
            return units["annex"].write(self._number(node.number))
        if kind == "section":
            return self._tr(units["section"].write(self._number(node.number)))
        return self._tr(_ZH.named_word(self._name(unit)))

    def _zh_article(self, article) -> str:
        """第4条; an inserted article as the document numbers it: 第十七条之一, 第15-1條 (or, in
        Chinese numerals, 第十五條之一)."""
        word = self.words["article"]
        number = self._number(article.number)
        form, ordinal = article.insertion, article.ordinal
        if not form:
            return _ZH.units["article"].write(number, word)
        template = _ZH.inserted["N-M" if form == "N-M" and self.options.numerals == "arabic" else "之N"]
        shown = ordinal if form == "N-M" and self.options.numerals == "arabic" else chinese_numeral(ordinal)
        return template.format(n=number, w=word, o=shown)

    def en_piece(self, unit) -> _EnPiece:
        if not isinstance(unit, Unit):
            return _EnPiece(None, self._en_division(unit), False)
        kind, node = unit.kind, unit.node
        units = self.worded.units
        if kind == "article":
            form, ordinal = node.insertion, node.ordinal
            if form and ordinal not in LATIN_NAMES:
                return _EnPiece(None, self._zh_article(node), False)  # as the document writes it
            latin = f" {LATIN_NAMES[ordinal]}" if form else ""
            return _EnPiece(units["article"].words[0], f"{node.number}{latin}", False)
        if kind == "division":
            return _EnPiece(None, self._en_division(node), False)
        if kind == "paragraph" and self._parent_kind(unit) == "article":
            return _EnPiece(None, f"({unit.key})", True)
        if kind in ("paragraph", "letter-paragraph"):
            return _EnPiece(units["part-paragraph"].words[0], unit.key, False)
        if kind == "item":
            return _EnPiece(None, f"({self._item_label(unit) or node.number})", True)
        if kind in ("recital", "agenda-item", "signatory"):
            return _EnPiece(units[kind].words[0], unit.key, False)
        if kind in ("annex", "section"):
            return _EnPiece(units[kind].words[0], str(node.number), False)
        name = self._name(unit)
        return _EnPiece(None, (self.worded.named.get(name) or _EN.named[name])[0], False)

    def _en_division(self, division) -> str:
        if division.ordinal:  # an inserted division, as the document writes it: 第五章之一
            return self._zh_division(division)
        if self.language == "en" and division.heading:
            word, _, rest = division.heading.strip().partition(" ")
            rest = rest.strip()
            if rest.lower() in self.worded.number_words:  # ЧАСТЬ ПЕРВАЯ → Часть первая
                rest = rest.lower()
            return f"{word.capitalize()} {rest}".strip()
        return f"{division.kind.capitalize()} {division.number}"

    def _item_label(self, item: Unit) -> str | None:
        """The item's label without brackets, or None where a sibling has the same label
        ((i) the letter and (i) the roman numeral): then the item is cited by its number."""
        core = label_core(item.node.label)
        siblings = self.index.parent(item).children
        return core if sum(label_core(s.node.label) == core for s in siblings) == 1 else None

    @staticmethod
    def _name(unit: Unit) -> str:
        """The key of a named part: title for letter.title and resolution.title too."""
        return "title" if unit.kind.endswith("title") else unit.key

    def _tr(self, text: str) -> str:
        return text.translate(TRADITIONAL) if self.traditional else text

    # -- one unit, several units --------------------------------------------------------------------

    def _zh_path(self, chain: list, start: int = 0) -> str:
        return "".join(self.zh_piece(unit) for unit in chain[start:])

    def _en_path(self, chain: list, start: int = 0, without_noun: bool = False) -> str:
        """Pieces joined: (2) attached, a part of a part by a space (letter title, agenda item
        33), anything else after a comma (preamble, recital 3). `without_noun` writes the first
        piece's value alone, for a list that says the noun once (arts. 1, 4 and 7)."""
        out, before = "", None
        for unit in chain[start:]:
            piece = self.en_piece(unit)
            if before is not None and not piece.attached:
                spaced = before.noun is None and (piece.noun is None or piece.noun == "item")
                out += " " if spaced and isinstance(unit, Unit) and unit.kind != "division" else ", "
            out += piece.value if before is None and without_noun else str(piece)
            before = piece
        return out

    def runs(self, units: list[Unit]) -> list[tuple[Unit, Unit]]:
        """Units as (first, last) runs of neighbours; a run shorter than RANGE_FROM is split."""
        runs: list[list[Unit]] = []
        for unit in dict.fromkeys(units):  # each unit once, in the order given
            if runs and self._follows(runs[-1][-1], unit):
                runs[-1].append(unit)
            else:
                runs.append([unit])
        out = []
        for run in runs:
            out += [(run[0], run[-1])] if len(run) >= RANGE_FROM else [(unit, unit) for unit in run]
        return out

    def _follows(self, before: Unit, unit: Unit) -> bool:
        return (
            unit.kind == before.kind
            and self.index.position(unit) == self.index.position(before) + 1
            and self._parent_kind(unit) == self._parent_kind(before)
            and (unit.kind != "division" or unit.node.kind == before.node.kind)  # chapter to chapter
        )

    @staticmethod
    def _shared(chain: list, before: list) -> int:
        shared = 0
        while shared < min(len(chain), len(before)) and chain[shared] is before[shared]:
            shared += 1
        return shared

    _ZH_ELIDABLE = frozenset(
        {"paragraph", "recital", "letter-paragraph", "item", "section", "division", "agenda-item"}
    )

    def _zh_elided(self, chain: list, before: list | None) -> str:
        """The chain without what it shares with the one before, where what is left still says
        where it belongs (第2款 after 第4条第1款)."""
        shared = self._shared(chain, before) if before else 0
        # elided after a sibling only: after the unit it lies in (第一编、第一编第一章) it would read
        # as a sibling of that unit
        if (
            0 < shared < min(len(chain), len(before or ()))
            and getattr(chain[shared], "kind", "division") in self._ZH_ELIDABLE
        ):
            return self._zh_path(chain, shared)
        return self._zh_path(chain)

    def _chains(self, runs: list[tuple[Unit, Unit]]) -> list[tuple[list, list | None]]:
        """Each run's chains: (first, last), last None for a run of one."""
        return [(self.chain(first), None if last is first else self.chain(last)) for first, last in runs]

    def zh_pinpoint(self, runs: list[tuple[Unit, Unit]]) -> str:
        self._listing = len(runs) > 1 or any(first is not last for first, last in runs)
        if len(runs) > 1 and all(
            first is last and first.kind == "article" and not first.node.insertion for first, last in runs
        ):
            numbers = "、".join(self._number(first.node.number) for first, _ in runs)
            return _ZH.units["article"].write(numbers, self.words["article"])
        parts, before = [], None
        for first, last in self._chains(runs):
            text = self._zh_elided(first, before)
            if last is not None:
                text += "至" + self._zh_elided(last, first)
            parts.append(text)
            before = last or first
        return "、".join(parts)

    def en_pinpoint(self, runs: list[tuple[Unit, Unit]]) -> str:
        chains = self._chains(runs)
        compact = self._en_compact(chains)
        if compact is not None:
            return compact
        return "; ".join(
            self._en_path(first) + ("" if last is None else " to " + self._en_path(last))
            for first, last in chains
        )

    def _en_compact(self, chains) -> str | None:
        """`arts. 1, 4 and 7`, `arts. 3–5`, `art. 4(1) and (2)`, `preamble, recitals 2 and 3`:
        where every element differs from the others only from one piece on, that piece has the
        same noun (or is attached) in every element, and only attached pieces follow it."""
        every = [chain for pair in chains for chain in pair if chain is not None]
        if len(every) == 1:
            return None
        shared = min(self._shared(chain, every[0]) for chain in every)
        if any(len(chain) <= shared for chain in every):
            return None
        heads = [self.en_piece(chain[shared]) for chain in every]
        noun, attached = heads[0].noun, heads[0].attached
        if any(h.noun != noun or h.attached != attached for h in heads) or not (noun or attached):
            return None
        if any(not self.en_piece(unit).attached for chain in every for unit in chain[shared + 1 :]):
            return None  # annex 1, para. 1 and 2 would read as paragraphs 1 and 2

        def tail(chain: list) -> str:
            return self._en_path(chain, shared, without_noun=True)

        values = [tail(first) + ("" if last is None else "–" + tail(last)) for first, last in chains]
        prefix = self._en_path(every[0][:shared]) if shared else ""
        body = (
            _join_en(values, self.worded)
            if attached
            else f"{_plural(noun, self.worded)} {_join_en(values, self.worded)}"
        )
        if not prefix:
            return body
        return prefix + body if attached else f"{prefix}, {body}"

    def pinpoint(self, runs, language: str) -> str:
        return self.zh_pinpoint(runs) if language == "zh" else self.en_pinpoint(runs)

    # -- the citation -----------------------------------------------------------------------------

    def _signed(self) -> tuple[str | None, str | None] | None:
        signing = self.doc.signing
        return (signing.date, signing.place) if signing and (signing.date or signing.place) else None

    def _head(self, language: str) -> str:
        """The title, and the date and place of signing unless --no-date."""
        title = self.title
        if not title:
            return ""
        signed = self._signed() if self.options.date else None
        if language == "zh":
            date, place = signed or (None, None)
            when = "，".join(filter(None, (date and _zh_date(date), place)))
            name = title.replace("《", "〈").replace("》", "〉")
            return f"《{name}》" + (f"（{when}）" if when else "")
        date, place = signed or (None, None)
        when = ", ".join(filter(None, (date and _en_date(date, self.worded), title_case(place))))
        return title + (f" ({when})" if when else "")

    def _full(self, runs, language: str) -> str:
        head = self._head(language)
        pinpoint = self.pinpoint(runs, language) if runs else ""
        if language == "zh" or not (head and pinpoint):
            return head + pinpoint
        return f"{head}, {pinpoint}"

    def _short(self, runs) -> str:
        if runs:
            return self.pinpoint(runs, self.language)
        title = self.title or ""
        return f"《{title}》" if self.language == "zh" and title else title

    def _quoted(self, text: str) -> str:
        if self.language == "zh":
            return f"「{text}」" if self.traditional else f"“{text}”"
        return f"“{text}”"

    def cite(self, units: list[Unit]) -> Citation:
        """One citation of `units` (the document itself when they are [root])."""
        whole = units == [self.root]
        runs = [] if whole else self.runs(units)
        leaves = [leaf for unit in dict.fromkeys(units) for leaf in unit.leaves()]
        texts = [_leaf_text(leaf) for leaf in leaves]
        short = self._short(runs)
        style = self.style
        if style == "short":
            citation = short
        elif style == "md":
            citation = _blockquote(texts) + "\n\n" + self._full(runs, self.language)
        else:
            citation = self._full(runs, style)
        if not citation:
            raise TreatyError(
                f"{self.doc.source.name} has no title to cite it by: cite parts of it (treatycli cite 1.1)"
            )
        if self.options.quote:
            colon = "：" if self.language == "zh" and style != "en" else ": "
            citation += colon + self._quoted(" ".join(texts).replace("\n", " "))  # one line
        ref = "all" if whole else ",".join(a.ref if a is b else f"{a.ref}-{b.ref}" for a, b in runs)
        signed = self._signed()
        return Citation(ref, citation, short, "\n".join(texts), self.title, signed)


def _leaf_text(leaf: Unit) -> str:
    """A leaf's text as the document writes it: an item with its label."""
    if leaf.kind != "item":
        return leaf.text or ""
    label = leaf.node.label
    if not label:  # the words after a list: an unlabelled item
        return leaf.text or ""
    return label + ("" if is_wide(label[-1]) else " ") + (leaf.text or "")


def _blockquote(texts: list[str]) -> str:
    """A Markdown blockquote, each text a paragraph, Markdown's own characters escaped."""
    paragraphs = [_ORDERED_LIST.sub(r"\1\\.", _MARKDOWN.sub(r"\\\1", t.replace("\n", " "))) for t in texts]
    return "\n>\n".join(f"> {p}" for p in paragraphs)
