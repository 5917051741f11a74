"""Texts taken a bounded number of characters at a time: what is joined at once is that many
and at most one text more, not the document's text (unless it is one text)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def batched(texts: Iterable[str], characters: int) -> Iterator[list[str]]:
    """The texts in order, in lists that each end at the text that brings them to `characters`
    characters (the last may hold fewer; none is empty)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= characters:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
