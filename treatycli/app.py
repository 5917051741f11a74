"""The commands themselves, free of any argument parser: the Typer app and the fast path
both call these, so a command behaves the same whichever parsed its arguments."""

from __future__ import annotations

import os
import sys
from collections import namedtuple

from .errors import TreatyError
from .model import Document
from .output import print_rich, to_json, use_rich, write

COLORS = ("auto", "always", "never")


class Settings(namedtuple("Settings", "doc encoding color", defaults=(None, None, "auto"))):
    """Global options: the document to load, its encoding, and the colour choice."""

    __slots__ = ()


def check_color(color: str) -> str:
    if color not in COLORS:
        raise TreatyError(f"--color takes auto, always or never, not {color!r}")
    return color


def load(settings: Settings) -> Document:
    from .loader import load_document

    path = settings.doc if settings.doc is not None else os.environ.get("TREATYCLI_DOC") or None
    doc = load_document(path, settings.encoding)
    if doc.layout == "paragraphs":
        count = len(doc.articles)
        sys.stderr.write(
            f"treatycli: no articles found in {doc.source.name}: its {count} paragraphs are numbered 1-{count}\n"
        )
    return doc


def run_list(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings)
    if as_json:
        from .render.records import list_records

        write(to_json(list_records(doc)))
    elif use_rich(settings.color):
        from .render.terminal import list_table

        print_rich([list_table(doc)], settings.color)
    else:
        from .render.plain import list_lines

        write("\n".join(list_lines(doc)))
    return 0 if doc.articles else 1


def run_show(settings: Settings, references: list[str], as_json: bool = False) -> int:
    from .refs import parse_references, resolve_all
    from .units import build_units

    refs = parse_references(references or ["all"])
    doc = load(settings)
    units = resolve_all(build_units(doc), refs)
    if as_json:
        from .render.records import unit_record

        write(to_json([unit_record(u) for u in units]))
    elif use_rich(settings.color):
        from .render.terminal import unit_renderables

        print_rich(unit_renderables(units), settings.color)
    else:
        from .render.plain import unit_lines

        write("\n".join(unit_lines(units)))
    return 0 if units else 1


def run_info(settings: Settings, as_json: bool = False) -> int:
    doc = load(settings)
    if as_json:
        from .render.records import info_record

        write(to_json(info_record(doc)))
    elif use_rich(settings.color):
        from .render.terminal import info_table

        print_rich([info_table(doc)], settings.color)
    else:
        from .render.plain import info_lines

        write("\n".join(info_lines(doc)))
    return 0


def run_export(settings: Settings, as_json: bool = True) -> int:
    from .render.records import export_record

    write(to_json(export_record(load(settings))))
    return 0
