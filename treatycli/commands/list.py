"""`list`: a row per article: reference, paragraphs, characters, opening words."""

from __future__ import annotations

from .presentation import emit, renderer
from .selection import load
from .settings import Settings


def run_list(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings, "list")
    emit(
        settings,
        as_json,
        lambda: renderer("records").list_records(doc),
        lambda: [renderer("terminal").list_table(doc)],
        lambda: renderer("plain").list_lines(doc),
    )
    return 0 if doc.articles else 1
