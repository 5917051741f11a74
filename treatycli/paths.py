"""Where treatycli keeps its files for the user: the cache (cache.py) and the library
(library/store.py), in the platform's user directories as platformdirs names them (on Linux
$XDG_CACHE_HOME and $XDG_DATA_HOME when absolute, else ~/.cache and ~/.local/share), unless
$TREATYCLI_CACHE_DIR or $TREATYCLI_LIBRARY names the place.

platformdirs is imported only when a path is needed (about 7 ms, most of it pathlib): never by
a lookup in the built-in treaty.
"""

from __future__ import annotations

import os

APP = "treatycli"


def _xdg(variable: str) -> bool:
    """Is $variable an absolute path? A relative one is ignored, as the XDG specification says
    (platformdirs ignores it too)."""
    return os.path.isabs(os.environ.get(variable, ""))


def _has_home() -> bool:
    """Is there a home directory? A relative HOME is none (platformdirs would take the
    password database's instead)."""
    return os.path.isabs(os.path.expanduser("~"))


def cache_dir() -> str | None:
    """$TREATYCLI_CACHE_DIR, else the user's cache directory for treatycli; None when there is
    no home to put it in."""
    explicit = os.environ.get("TREATYCLI_CACHE_DIR")
    if explicit:
        return os.path.abspath(explicit)
    if not _xdg("XDG_CACHE_HOME") and not _has_home():
        return None
    from platformdirs import user_cache_dir

    try:
        return user_cache_dir(APP, appauthor=False)
    except RuntimeError:  # platformdirs found no home either
        return None


def library_path() -> str | None:
    """$TREATYCLI_LIBRARY, else library.db in the user's data directory for treatycli; None
    when there is no home to put it in."""
    explicit = os.environ.get("TREATYCLI_LIBRARY")
    if explicit:
        return explicit
    if not _xdg("XDG_DATA_HOME") and not _has_home():
        return None
    from platformdirs import user_data_dir

    try:
        return os.path.join(user_data_dir(APP, appauthor=False), "library.db")
    except RuntimeError:
        return None
