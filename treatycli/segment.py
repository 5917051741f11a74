"""jieba's segmentation of a document's units, with the document's own names kept whole.

Imported only when no cached result fits (words.py, summaries.py): jieba takes about a second
to start. The names (states such as 塔吉克斯坦共和国, organisations, instruments such as
集体安全条约) are added to jieba's dictionary first, so that a name stays one word.

jieba's own start-up cache is never used: by default it lives in the shared temporary
directory, is read with marshal whoever wrote it, and a failed write prints a traceback. Its
prefix dictionary (with the parts of speech keywords.py weighs by) is kept in treatycli's
cache instead, and used only when its digest matches.
"""

from __future__ import annotations

import re
from collections import namedtuple

from . import cache
from .mentions import Names, discover
from .script import HAN
from .units import Unit
from .vocabulary import LANGUAGES

_ZH = LANGUAGES["zh"]
_CJK = HAN[1:-1]  # the ranges, to put in a class with others
# PDF text lost its 《》 and “” and left spaces: a name stands between spaces or quotes; it ends
# with the head noun of an instrument or an organisation (the text is simplified first)
_QUOTED = re.compile(rf"[《“「]([{_CJK}·]{{2,30}})[》”」]")
_HEADS = sorted((*_ZH.treaties, *_ZH.declarations, *_ZH.organizations), key=len, reverse=True)
_SPACED = re.compile(rf"(?:(?<=\s)|^)([{_CJK}]{{2,28}}(?:{'|'.join(_HEADS)}))(?=\s|$)")
_STATE_SUFFIXES = _ZH.state_suffixes
_CJK_WORD = re.compile(rf"[{_CJK}]{{2,}}")

DICTIONARY_FORMAT = "treatycli-jieba-dictionary/4"
_DICTIONARY_FILE = "jieba-dictionary.bin"


def document_names(texts: list[str], tokenize=None, found: Names | None = None) -> list[str]:
    """Names the document uses that jieba should keep whole: quoted titles, instruments and
    organisations (mentions.py, or `found` if the caller has them), names set off by spaces
    where PDF text lost the quotes, and, given a tokenizer, states (a name token, then
    联邦/共和国/王国: 俄罗斯联邦, 塔吉克斯坦共和国)."""
    found = found or discover(texts, "zh")
    names = {name for name in found.all() if not any(c.isspace() for c in name)}
    for text in texts:
        for pattern in (_QUOTED, _SPACED):
            names.update(match.group(1) for match in pattern.finditer(text))
    if tokenize is not None:
        from jieba import re_han_default

        # jieba segments each run of Chinese on its own: only the runs that hold a suffix matter
        blocks = {block for text in texts for block in re_han_default.findall(text)}
        for block in blocks:
            if not any(suffix in block for suffix in _STATE_SUFFIXES):
                continue
            tokens = [token for token, _, _ in tokenize(block)]
            for before, token in zip(tokens, tokens[1:], strict=False):
                if token in _STATE_SUFFIXES and _CJK_WORD.fullmatch(before) and not before.endswith(token):
                    names.add(before + token)
    return sorted(names)


def _jieba():
    """jieba, imported without pkg_resources. jieba's _compat imports it only to find its own
    files, which it opens by path without it; imported, it took 70 ms and 10 MiB, a new
    setuptools warns that it is deprecated, and its parser's frames held on to the frames
    that imported jieba, with their locals (the refs of every unit of a document)."""
    import sys

    blocked = "jieba" not in sys.modules and "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # ImportError: jieba opens its files by path
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


def dictionary_path() -> str:
    import os

    jieba = _jieba()
    return os.path.join(os.path.dirname(os.path.abspath(jieba.__file__)), jieba.DEFAULT_DICT_NAME)


def _dictionary_identity(path: str) -> str:
    import os

    jieba = _jieba()
    info = os.stat(path)
    return f"jieba {jieba.__version__} {path} {info.st_size} {info.st_mtime_ns}"


def _cached_dictionary(identity: str, limit: int) -> bytes | None:
    """jieba's prefix dictionary as we stored it (marshal of (FREQ, total, tags)), or None. The
    payload is handed on only when its SHA-256 is the one our header recorded (cache.sealed)."""
    payload = cache.unsealed(cache.read_bytes(_DICTIONARY_FILE, limit), _header(identity))
    return None if payload is None else payload.tobytes()


def _store_dictionary(identity: str, payload: bytes) -> bool:
    """Was it stored?"""
    return cache.write_bytes(_DICTIONARY_FILE, *cache.sealed(_header(identity), payload))


def _header(identity: str) -> str:
    """The format and the dictionary's identity (whose path may hold any character), as ASCII."""
    import json

    return json.dumps([DICTIONARY_FORMAT, identity])


# A process that makes a second tokenizer (several documents in a run, a script, the tests)
# keeps an untouched copy of the dictionary from then on, and each tokenizer after it copies
# that (its strings shared). The first keeps nothing but where the dictionary could not be
# stored (an unwritable cache), its payload: the file would not give it back. A first
# summarise held that payload (10 MiB) to its end.
_made: set[str] = set()  # the dictionaries a tokenizer was made with
_payloads: dict[str, bytes] = {}  # of the dictionaries that could not be stored
_pristine: dict[str, tuple[dict, int, dict]] = {}


def _unpack(payload: bytes):
    """(FREQ, total, tags) from a payload, or None if it is not that."""
    import marshal

    try:
        freq, total, tags = marshal.loads(payload)
    except (ValueError, TypeError, EOFError, MemoryError):  # MemoryError: a size made up
        return None
    if type(freq) is not dict or type(total) is not int or total <= 0 or not freq or type(tags) is not dict:
        return None
    return freq, total, tags


def prefix_dictionary(text: str):
    """What jieba's gen_pfdict makes of a dictionary of "word frequency tag" lines — every
    word's frequency, 0 for each prefix that is not a word, the total — in a third of its
    time, with the part of speech of each word not tagged as a noun (the others are nouns:
    keywords.py weighs by it). None if the text is not in that form."""
    import sys

    fields = text.split()
    if len(fields) % 3:
        return None
    words = fields[0::3]
    try:
        counts = [int(count) for count in fields[1::3]]
    except ValueError:
        return None
    freq = dict.fromkeys({word[:end] for word in words for end in range(1, len(word))}, 0)
    freq.update(zip(words, counts, strict=True))
    tags = {
        word: sys.intern(tag)
        for word, tag in zip(words, fields[2::3], strict=True)
        if not tag.startswith("n")
    }
    return freq, sum(counts), tags  # interned, marshal writes each tag once


def _build(path: str, tokenizer):
    with open(path, encoding="utf-8") as file:
        built = prefix_dictionary(file.read())
    if built is None:
        with open(path, "rb") as file:
            built = (*tokenizer.gen_pfdict(file), {})
    return built


def new_tokenizer():
    """A jieba Tokenizer with the default dictionary loaded, from our cache when it fits, and
    the parts of speech of the words that are not nouns."""
    import marshal
    import os

    tokenizer = _jieba().Tokenizer()
    path = dictionary_path()
    identity = _dictionary_identity(path)
    pristine = _pristine.get(identity)
    if pristine is None:
        # marshal takes about twice the bytes of the dictionary's text
        payload = _payloads.pop(identity, None) or _cached_dictionary(
            identity, limit=4 * os.path.getsize(path) + (1 << 20)
        )
        loaded = _unpack(payload) if payload is not None else None
        if loaded is None:
            loaded = _build(path, tokenizer)
            payload = marshal.dumps(loaded)
            if not _store_dictionary(identity, payload) and identity not in _made:
                _payloads[identity] = payload
        if identity in _made:  # the second: kept untouched for it and those after it
            pristine = _pristine[identity] = loaded
        _made.add(identity)
    if pristine is not None:  # add_word changes the tokenizer's dictionary: a copy of it
        loaded = (dict(pristine[0]), *pristine[1:])
    tokenizer.FREQ, tokenizer.total, tags = loaded
    tokenizer.initialized = True
    return tokenizer, tags


class Segmentation(namedtuple("Segmentation", "tokens_of names frequencies total tags")):
    """`tokens_of(ref)`: jieba's tokens (word, start, end) of the unit with that ref, made when
    asked for, once (the unit's simplified text then goes); the names added to its
    dictionary, the word frequencies of that dictionary with their total, and the parts of
    speech of the words it does not tag as nouns."""

    __slots__ = ()


def tokenize(units: list[Unit], found: Names | None = None, made=None) -> Segmentation:
    """Imports jieba. `found`: the names mentions.py found in these units, if known; `made`:
    new_tokenizer()'s, if it was called already.

    jieba's dictionary is in simplified characters: a traditional text is segmented as its
    simplified form (OpenCC's table maps one character to one, so every offset holds) and each
    token is the source's own characters at those offsets. A unit's tokens are made when
    asked for: every unit's, held at once as tuples, took 36 MiB a MB of text; and each
    unit's simplified text goes once they are (held to the end, 1 MiB a MB)."""
    tokenizer, tags, names, simplified = _prepared(units, found, made)
    originals = {unit.ref: unit.text for unit in units if unit.text}

    def tokens_of(ref: str) -> list[tuple[str, int, int]]:
        original = originals.pop(ref)
        return [
            (original[start:end], start, end) for _, start, end in tokenizer.tokenize(simplified.pop(ref))
        ]

    return Segmentation(tokens_of, names, tokenizer.FREQ, tokenizer.total, tags)


def _prepared(units: list[Unit], found: Names | None, made=None):
    """(jieba's tokenizer with the document's names added, the parts of speech, the names,
    each unit's text in simplified characters by ref). `made`: new_tokenizer()'s, if known."""
    from .fold import traditional_to_simplified

    simplify = traditional_to_simplified().translation()
    tokenizer, tags = made if made is not None else new_tokenizer()
    # a text already simplified (most Chinese) is held once, not beside a copy of itself
    simplified = {unit.ref: _translated(unit.text, simplify) for unit in units if unit.text}
    names = sorted(
        {
            name.translate(simplify)
            for name in document_names(list(simplified.values()), tokenizer.tokenize, found)
        }
    )
    for name in names:
        tokenizer.add_word(name)
    return tokenizer, tags, names, simplified


def _translated(text: str, table: dict) -> str:
    """text.translate(table), or `text` itself where that changes nothing."""
    translated = text.translate(table)
    return text if translated == text else translated


def segment(units: list[Unit]) -> tuple[dict[str, list[int]], list[str]]:
    """Token lengths per unit ref, and the names added to the dictionary. Imports jieba.
    The lengths are taken as jieba makes its tokens, which are not kept: a million of them,
    as tuples, took 200 MiB."""
    tokenizer, _, names, simplified = _prepared(units, None)
    return {
        ref: token_lengths(text, (end for _, _, end in tokenizer.tokenize(text)))
        for ref, text in simplified.items()
    }, names


def token_lengths(text: str, ends) -> list[int]:
    """The lengths of the words of `text` whose tokens end at `ends` (ascending): jieba cuts the
    words of other scripts written with spaces (Сторонами, معاهدة, Ｐａｒｔｉｅｓ) to letters,
    and each such word is one word here (a token that ends inside one does not end a word)."""
    import re

    from .script import SPACED_WORD

    spaced = re.compile(f"(?:{SPACED_WORD}){{2,}}").finditer(text)
    word = next(spaced, None)
    sizes, start = [], 0
    for end in ends:
        while word is not None and word.end() <= end:
            word = next(spaced, None)
        if word is not None and word.start() < end:  # inside it: end < word.end() here
            continue
        sizes.append(end - start)
        start = end
    return sizes
