"""Which titles name the loaded document: its full title, or a short form of it.

A citation may name its document by the full title or a short form, never by a title that
belongs to another document: a citation of 《民法典》 read against 中华人民共和国刑法 is an error,
not a silent match. Both sides are compared folded (width, 繁/简, case, spacing, 《》 and 〈〉).

Short forms of a Chinese title (中华人民共和国刑法, 俄罗斯联邦和塔吉克斯坦之间关于二十一世纪结盟合作的条约):
- the title without a leading state name (one ending in 共和国, 联邦, 王国 or 合众国, not joined
  to a second one by 和/与/及): 刑法;
- the title's subject, after its last 关于: 二十一世纪结盟合作的条约;
- either of these, or the title, without the 的 before the instrument noun: 二十一世纪结盟合作条约;
- the instrument noun the title ends with (`ZH_INSTRUMENTS`), alone or after 本, 该 or 此: 条约,
  本条约, 本法 (as "the Treaty" names an English one).

An English title is named by any of its key words (its words other than `EN_IGNORED`), in any
order, that include its instrument noun (its first word in `EN_INSTRUMENTS`, if it has one):
for TREATY OF FRIENDSHIP BETWEEN ARCADIA AND BOREALIA, "the Treaty", "Treaty of Friendship",
"the Arcadia–Borealia Treaty"; not "the Convention", nor "Friendship".
"""

from __future__ import annotations

import re

from ..fold import fold, fold_case
from ..script import HAN, has_wide
from ..vocabulary import LANGUAGES
from .tokens import alternatives

_ZH = LANGUAGES["zh"]
_WORDED = [language for code, language in LANGUAGES.items() if code != "zh"]  # written in words
# Instrument nouns a Chinese title ends with, longest first so that 法典 is found before 法.
ZH_INSTRUMENTS = _ZH.instruments
# The instrument nouns of the languages written in words (treaty, traité, tratado, договор),
# folded as titles are compared: no case, no accents.
EN_INSTRUMENTS = frozenset(fold_case(noun) for language in _WORDED for noun in language.instruments)
# Words that do not tell one title from another, and the words a sentence leads into a citation with.
EN_IGNORED = frozenset(
    fold_case(word)
    for language in _WORDED
    for word in (*language.title_words, *language.own, *language.lead_ins, *language.determiners)
)
# Words a Chinese sentence leads into a citation with: 根据刑法第二百六十三条的规定,
# 被告人的行为符合刑法第一百二十一条, 我国刑法第…, 现行刑法第…
ZH_LEAD_INS = frozenset(_ZH.lead_ins)
# a state's name first (中华人民共和国刑法), not one joined to a second (俄罗斯联邦和塔吉克斯坦…)
_STATE = re.compile(
    rf"^(?:{HAN}{{1,12}}?{alternatives(_ZH.state_suffixes)})(?!{alternatives((*_ZH.list_words, '同'))})"
)
_MARKS = re.compile(r"[\s《》〈〉<>\"'“”‘’「」『』]")
_PUNCTUATION = frozenset(",.;:!?，。；：！？、()（）")


def zh_key(text: str) -> str:
    return _MARKS.sub("", fold(text, ignore_case=True).text)


def _en_words(text: str) -> list[str]:
    """The words of a title written in words (any script: Latin, Cyrillic, Arabic), folded."""
    return [w for w in re.findall(r"[^\W_]+", fold(text, ignore_case=True).text) if w not in EN_IGNORED]


def is_chinese(text: str) -> bool:
    return has_wide(text)


def zh_instrument(key: str) -> str | None:
    return next((noun for noun in ZH_INSTRUMENTS if key.endswith(noun)), None)


_QUALIFIER = re.compile(r"\([^()]{1,8}\)$")  # 中华人民共和国刑法（节录）, …（2020年修正）, …（草案）


def zh_short_forms(title: str) -> list[str]:
    """The forms that name a Chinese title, folded, the full title first; a qualifier in
    brackets at its end (（节录）, （修正）) may be left out."""
    key = zh_key(title)
    bare = _QUALIFIER.sub("", key)
    if bare != key and bare:
        return list(dict.fromkeys([key, *zh_short_forms(bare)]))
    noun = zh_instrument(key)
    forms = [key]
    if state := _STATE.match(key):
        forms.append(key[state.end() :])
    if "关于" in key:
        forms.append(key[key.rindex("关于") + 2 :])
    if noun:
        forms += [f[: -len(noun) - 1] + noun for f in forms if f.endswith("的" + noun)]
        forms += [noun] + [own + noun for own in _ZH.own]
    return list(dict.fromkeys(form for form in forms if form))


def en_instrument(title: str) -> str | None:
    return next((word for word in _en_words(title) if word in EN_INSTRUMENTS), None)


def names_title(named: str, title: str, lead_in: bool = False, short_titles=()) -> bool:
    """Does `named` name the document titled `title`, or by one of `short_titles` (those the
    library was given for it)? With `lead_in`, `named` is the text a sentence puts before a
    citation (根据刑法), which may open with words that lead into it."""
    if any(_names_exactly(named, short, lead_in) for short in short_titles if short):
        return True
    if is_chinese(title):
        if not is_chinese(named):
            return False
        key = zh_key(named)
        for form in zh_short_forms(title):
            if key == form:
                return True
            if lead_in and key.endswith(form) and only_leads_in(key[: -len(form)]):
                return True
        return False
    words, title_words = _en_words(named), set(_en_words(title))
    noun = en_instrument(title)
    return bool(words) and set(words) <= title_words and (noun is None or noun in words)


def _names_exactly(named: str, title: str, lead_in: bool) -> bool:
    """Is `named` this title, folded (after words that lead into a citation, with `lead_in`)?"""
    key, form = zh_key(named), zh_key(title)
    if not form or not key.endswith(form):
        return False
    before = key[: -len(form)]
    if not before:
        return True
    return lead_in and (only_leads_in(before) if is_chinese(before) else not _en_words(before))


def how_well_named(named: str, titles, short_titles=(), lead_in: bool = False) -> int:
    """How a citation's title names a document: 2 by one of its titles (the text's, or the one
    the library was given) or its given short title, whole; 1 by a short form of a title
    (刑法, 条约, the Treaty); 0 not at all. Across documents the best names the document."""
    titles = [title for title in titles if title]
    if any(_names_exactly(named, title, lead_in) for title in (*titles, *short_titles) if title):
        return 2
    return int(any(names_title(named, title, lead_in) for title in titles))


def only_leads_in(text: str) -> bool:
    """Is Chinese text before a citation no title at all: a word that leads into it (根据), or
    a clause that ends in one (犯前款罪的，依照) or in punctuation? Anything else names a document,
    whether or not its title ends with a known instrument noun (民法通则, 刑法修正案)."""
    key = zh_key(text)
    if not key or key in ZH_LEAD_INS or key[-1] in _PUNCTUATION:
        return True
    # a word of two characters or more ends a clause that leads in; a single character only
    # after punctuation: titles end in 同, 见, 经 too (本合同, 指导意见, 道德经)
    return any(key.endswith(word) and (len(word) > 1 or key[-2] in _PUNCTUATION) for word in ZH_LEAD_INS)


def only_leads_into_a_citation(named: str) -> bool:
    """Is the text a sentence puts before a citation's paths (read.py's "lead-in") words that
    only lead into it (根据, see), naming no document? Text holding 《…》 names one, whatever
    follows the 》 (《民法典》: 4.2)."""
    if "《" in named:
        return False
    return only_leads_in(named) if is_chinese(named) else not names_a_document(named)


def names_a_document(text: str) -> bool:
    """Does text before a citation name some document (not necessarily the loaded one)? It does
    when it holds 《…》, ends with a Chinese instrument noun, or holds an English one."""
    if "《" in text or "〈" in text:
        return True
    if is_chinese(text) and zh_instrument(zh_key(text)):
        return True
    return any(word in EN_INSTRUMENTS for word in _en_words(text))


def how_to_name(title: str, short_titles=()) -> str:
    """The ways out, for an error message."""
    given = [short for short in short_titles if short]
    if is_chinese(title):
        return "its title or a short form (" + ", ".join([*given, *zh_short_forms(title)[1:]]) + ")"
    noun = en_instrument(title)
    words = f"key words of it with {noun!r}" if noun else "key words of it"
    return f"its title or {words}" + "".join(f", or {short!r}" for short in given)
