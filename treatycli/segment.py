"""jieba's segmentation of a document's units, with the document's own names kept whole.

Imported only when no cached segmentation fits (words.py): jieba takes about a second to
start. The names (states such as 塔吉克斯坦共和国, organisations, instruments such as
集体安全条约) are added to jieba's dictionary first, so that a name stays one word.
"""

from __future__ import annotations

import re

from .units import Unit

_CJK = "\u4e00-\u9fff"
# PDF text lost its 《》 and “” and left spaces: a name stands between spaces or quotes
_QUOTED = re.compile(rf"[《“「]([{_CJK}·]{{2,30}})[》”」]")
_SPACED = re.compile(
    rf"(?:(?<=\s)|^)([{_CJK}]{{2,28}}(?:条约|協定|协定|公约|宪章|议定书|文件|组织|联合体|联盟|委员会|理事会))(?=\s|$)"
)
_STATE_SUFFIXES = {"联邦", "共和国", "王国", "聯邦", "共和國"}
_CJK_WORD = re.compile(rf"[{_CJK}]{{2,}}")


def document_names(texts: list[str], tokenize=None) -> list[str]:
    """Names the document uses that jieba should keep whole: quoted titles, instruments and
    organisations set off by spaces where PDF text lost the quotes, and, given a tokenizer,
    states (a name token, then 联邦/共和国/王国: 俄罗斯联邦, 塔吉克斯坦共和国)."""
    names: set[str] = set()
    for text in texts:
        for pattern in (_QUOTED, _SPACED):
            names.update(match.group(1) for match in pattern.finditer(text))
        if tokenize is not None:
            tokens = [token for token, _, _ in tokenize(text)]
            for before, token in zip(tokens, tokens[1:], strict=False):
                if token in _STATE_SUFFIXES and _CJK_WORD.fullmatch(before) and not before.endswith(token):
                    names.add(before + token)
    return sorted(names)


def segment(units: list[Unit], jieba_dir: str | None = None) -> tuple[dict[str, list[int]], list[str]]:
    """Token lengths per unit ref, and the names added to the dictionary. Imports jieba."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    if jieba_dir:
        tokenizer.tmp_dir = jieba_dir  # jieba's own start-up cache, kept out of the shared /tmp
    names = document_names([unit.text for unit in units if unit.text], tokenizer.tokenize)
    for name in names:
        tokenizer.add_word(name)
    lengths = {}
    for unit in units:
        if unit.text:
            lengths[unit.ref] = [end - start for _, start, end in tokenizer.tokenize(unit.text)]
    return lengths, names
