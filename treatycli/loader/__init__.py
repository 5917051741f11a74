"""Bytes on disk → a Document, whatever the layout; the built-in treaty when no path is given."""

from __future__ import annotations

import gc
import os

from ..errors import DocumentError
from ..model import Document
from .decode import decode_bytes
from .parse import parse_text

BUILTIN_NAME = "ru-tj-allied-cooperation-1999.zh.txt"
BUILTIN_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", BUILTIN_NAME)


def read_bytes(path: str) -> bytes:
    shown = path
    try:
        if os.path.isdir(path):
            raise DocumentError(f"{shown} is a directory: give the path of a treaty text file")
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise DocumentError(
            f"{shown}: no such file (check the path, or omit --doc for the built-in treaty)"
        ) from None
    except PermissionError:
        raise DocumentError(f"{shown}: permission denied (make the file readable, or copy it)") from None
    except OSError as error:
        raise DocumentError(f"{shown}: cannot read it ({error.strerror or error})") from None


def load_document(path: str | os.PathLike | None = None, encoding: str | None = None) -> Document:
    """Load a treaty text; None means the built-in treaty that ships with the package."""
    from ..model import Source

    file = os.fspath(path) if path is not None else BUILTIN_PATH
    data = read_bytes(file)
    text, used = decode_bytes(data, file, encoding)
    name = BUILTIN_NAME if path is None else file
    # Parsing makes a tuple or two per line and frees nothing: the cyclic garbage collector
    # would only rescan them, again and again, on a large document.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return parse_text(text, Source(name, data, used))
    finally:
        if collecting:
            gc.enable()
