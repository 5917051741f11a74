"""Where the cache and the library live: platformdirs' user directories, as the README says,
with treatycli's own variables first, a relative XDG variable ignored, and no home no place."""

import os
import subprocess
import sys

import pytest

from treatycli import paths
from treatycli.errors import LibraryError
from treatycli.library.store import Library

from .conftest import ROOT


@pytest.fixture
def home(tmp_path, monkeypatch):
    for variable in ("TREATYCLI_CACHE_DIR", "TREATYCLI_LIBRARY", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_the_linux_defaults_are_under_home(home):
    assert paths.cache_dir() == str(home / ".cache" / "treatycli")
    assert paths.library_path() == str(home / ".local" / "share" / "treatycli" / "library.db")


def test_an_absolute_xdg_variable_is_followed_and_a_relative_one_ignored(home, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.cache_dir() == str(tmp_path / "cache" / "treatycli")
    assert paths.library_path() == str(tmp_path / "data" / "treatycli" / "library.db")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("XDG_DATA_HOME", "relative")
    assert paths.cache_dir() == str(home / ".cache" / "treatycli")
    assert paths.library_path() == str(home / ".local" / "share" / "treatycli" / "library.db")


def test_treatycli_variables_come_first(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", "here")
    monkeypatch.setenv("TREATYCLI_LIBRARY", "mine.db")
    assert paths.cache_dir() == str(tmp_path / "here")  # made absolute, as before
    assert paths.library_path() == "mine.db"  # as given


def test_no_home_no_cache_and_no_library(home, monkeypatch):
    monkeypatch.setenv("HOME", "relative-home")  # platformdirs would fall back on /etc/passwd
    assert paths.cache_dir() is None
    assert paths.library_path() is None
    with pytest.raises(LibraryError, match="no home directory.*TREATYCLI_LIBRARY"):
        Library()


def test_a_lookup_in_the_built_in_treaty_does_not_import_platformdirs():
    code = (
        "import sys\n"
        "from treatycli.main import run\n"
        "code = run(['show', '4'])\n"
        "sys.exit('platformdirs imported' if 'platformdirs' in sys.modules else code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
