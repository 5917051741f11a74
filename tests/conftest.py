import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from treatycli import output
from treatycli.loader import load_document
from treatycli.main import run

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests run the same examples every time, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search new examples while developing.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
ROOT = Path(__file__).parent.parent
# The workplace's real documents and schema: ../shared beside the checkout, or where
# TREATYCLI_SHARED says (.ci/run sets it, and then a missing folder fails instead of skipping).
SHARED = Path(os.environ.get("TREATYCLI_SHARED") or ROOT.parent / "shared")


def needs_shared(*parts: str):
    """Skip a test when the shared folder is absent, unless CI said where it must be."""
    present = SHARED.joinpath(*parts).exists()
    if not present and os.environ.get("TREATYCLI_SHARED"):
        raise RuntimeError(f"TREATYCLI_SHARED={SHARED} has no {'/'.join(parts)}")
    return pytest.mark.skipif(not present, reason=f"{'/'.join(parts)} not in {SHARED}")


@pytest.fixture(scope="session")
def seed():
    return load_document()


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch, tmp_path):
    """Deterministic output: no inherited document, colour setting or terminal width; and a
    home of its own, so that nothing a test runs can touch the user's files or caches."""
    for name in ("TREATYCLI_DOC", "TREATYCLI_DEBUG", "TREATYCLI_CACHE_DIR", "TREATYCLI_LIBRARY", "NO_COLOR",
                 "FORCE_COLOR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "_TREATYCLI_COMPLETE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "xterm-256color")


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        return json.loads(self.out)

    @property
    def lines(self):
        return self.out.splitlines()


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run treatycli in-process: cli("show", "4", terminal=False) -> Result."""

    def invoke(*args, terminal=False):
        monkeypatch.setattr(output, "is_terminal", lambda stream=None: terminal)
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def both_paths(capsys, monkeypatch):
    """Run args through the fast path and through Typer: ((code, out, err), (code, out, err)),
    with lines holding the run's elapsed time left out, since that differs between runs."""
    from treatycli import fastpath

    def timeless(text):
        return [line for line in text.splitlines() if '"elapsed_ms"' not in line]

    def invoke(args):
        monkeypatch.setattr(output, "is_terminal", lambda stream=None: False)
        assert fastpath.parse(args) is not None, "the fast path should take these arguments"
        fast_code = run(args)
        fast = capsys.readouterr()
        with monkeypatch.context() as patched:
            patched.setattr(fastpath, "parse", lambda a: None)
            slow_code = run(args)
            slow = capsys.readouterr()
        return (fast_code, timeless(fast.out), fast.err), (slow_code, timeless(slow.out), slow.err)

    return invoke
