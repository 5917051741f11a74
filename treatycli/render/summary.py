"""Figures that every output form shows the same way: headlines, lengths, counts."""

from __future__ import annotations

import re

from ..model import Article, Document

_CLAUSE_END = re.compile(r"[,，;；。:：]")
HEADLINE_CHARS = 24


def headline(article: Article) -> str:
    """The article's opening words: its first clause, or the first few characters of it."""
    first = article.paragraphs[0].text if article.paragraphs else ""
    end = _CLAUSE_END.search(first)
    if end and end.start() <= HEADLINE_CHARS + 6:
        return first[: end.start()]
    limit = HEADLINE_CHARS * 2 if first.isascii() else HEADLINE_CHARS
    if len(first) <= limit:
        return first
    if first.isascii():
        return first[:limit].rsplit(" ", 1)[0] + "…"
    return first[:limit] + "…"


def article_chars(article: Article) -> int:
    return sum(len(p.text) for p in article.paragraphs)


def counts(doc: Document) -> dict:
    return {
        "articles": len(doc.articles),
        "paragraphs": sum(len(a.paragraphs) for a in doc.articles),
        "recitals": len(doc.preamble.recitals) if doc.preamble else 0,
        "agenda_items": len(doc.agenda),
        "signatories": len(doc.signatories),
        "divisions": len(doc.divisions),
        "annexes": len(doc.annexes),
        "unassigned": len(doc.unassigned),
    }
