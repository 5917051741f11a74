"""Bytes on disk → a Document, whatever the layout; the built-in treaty when no path is given."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DocumentError
from ..model import Document
from .decode import decode_bytes
from .parse import parse_text

BUILTIN_NAME = "ru-tj-allied-cooperation-1999.zh.txt"
BUILTIN_PATH = Path(__file__).resolve().parent.parent / "data" / BUILTIN_NAME


def read_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        if path.is_dir():
            raise DocumentError(f"{shown} is a directory: give the path of a treaty text file")
        return path.read_bytes()
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
    from hashlib import sha256

    from ..model import Source

    file = Path(path) if path is not None else BUILTIN_PATH
    data = read_bytes(file)
    text, used = decode_bytes(data, str(file), encoding)
    name = BUILTIN_NAME if path is None else str(path)
    return parse_text(text, Source(name=name, sha256=sha256(data).hexdigest(), encoding=used))
