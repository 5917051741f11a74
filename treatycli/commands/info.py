"""`info`: title, parties, session and agenda, letter, signing, signatories, layout, counts."""

from __future__ import annotations

from .presentation import emit, renderer
from .selection import load
from .settings import Settings


def run_info(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings, "info")
    emit(
        settings,
        as_json,
        lambda: renderer("records").info_record(doc),
        lambda: [renderer("terminal").info_table(doc)],
        lambda: renderer("plain").info_lines(doc),
    )
    return 0
