import os
import sys
import tempfile

# What a run keeps (compiled modules, Hypothesis's files) goes to a folder of its own, outside
# the checkout, removed at the end; set before treatycli is imported, and for the treatycli
# processes the tests start.
_SCRATCH = tempfile.mkdtemp(prefix="treatycli-tests-")
sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(_SCRATCH, "pycache")
# …and compiled once there, whatever the environment says (PYTHONDONTWRITEBYTECODE=1 would make
# every treatycli process a test starts compile the package again: a third of the suite's time)
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
# Modules load documents as they are imported, before any test's own home is set: they get this
# one, so that nothing the suite runs reads or writes the user's caches or library.
os.environ["HOME"] = os.path.join(_SCRATCH, "home")
for _name in ("TREATYCLI_CACHE_DIR", "TREATYCLI_LIBRARY", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ.pop(_name, None)

import json  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import _pytest.assertion.rewrite as _rewrite  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

from treatycli import output  # noqa: E402
from treatycli.loader import load_document  # noqa: E402
from treatycli.main import run  # noqa: E402

pytest_plugins = ["pytester"]  # tests/test_suite.py runs a suite of its own
FIXTURES = Path(__file__).parent / "fixtures"

# Property tests run the same examples every time, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search new examples while developing. Tests that must search
# anew on every run (`explores`) say so. No example database: nothing is written in the checkout.
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
set_hypothesis_home_dir(os.path.join(_SCRATCH, "hypothesis"))
# new examples on every run, each reported with the seed that reproduces it (--hypothesis-seed)
explores = settings(derandomize=False, database=None)
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


def kept_files(folder: Path, prefix: str) -> list[Path]:
    """The records of one kind (`model-`, `words-`…) that the cache in `folder` keeps."""
    return sorted(Path(folder).glob(f"{prefix}*.marshal"))


def read_kept(path: Path) -> dict:
    """A kept record as it was written (cache.Records.pack), unchecked but for its checksums."""
    record = unpack_kept(_records_of(path), path.read_bytes())
    assert record is not None, f"{path.name} is not a whole record"
    return record


def unpack_kept(kind, data: bytes):
    """What kind.load reads from a cache file of these bytes (None: not a whole record)."""
    import tempfile

    from treatycli import cache

    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.flush()
        return kind.load(cache.FileReader(file.fileno(), len(data)))


def write_kept(path: Path, record) -> None:
    """Keep `record` at `path` as the cache would have written it, checksums and all: what
    reads it must then check its content."""
    path.write_bytes(packed(_records_of(path), record))


def packed(kind, record) -> bytes:
    """The bytes of the cache file `kind` (cache.Records) writes for `record`: a header
    line, the pieces, then the head that lists them."""
    from treatycli import cache

    pieces, head = kind.pack(record)
    body = b"".join(pieces)  # made first: the head lists them
    header, payload = cache.sealed(kind._identity(), head())
    return header + body + payload


def kept_file_of(kind, head: bytes) -> bytes:
    """A file of this kind of record whose head is `head`, its checksum right: raw bytes
    (not marshal, or marshal of anything) that reading must check beyond its checksum."""
    from treatycli import cache

    return b"".join(cache.sealed(kind._identity(), head))


def _records_of(path: Path):
    from treatycli import folded, searchable, snapshot, summaries, words

    kinds = (snapshot.KEPT, words.KEPT, summaries.KEPT, folded.KEPT, searchable.KEPT)
    return next(kind for kind in kinds if path.name.startswith(kind.prefix))


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


@pytest.fixture
def regex_scans(monkeypatch):
    """The scans grep's regular expressions make of a text (search, finditer, …), one entry
    each, of the patterns compiled from here on."""
    import regex

    scans: list[str] = []
    real = regex.compile

    class Counted:
        def __init__(self, compiled):
            self.compiled = compiled

        def __getattr__(self, name):
            method = getattr(self.compiled, name)
            if name not in ("search", "match", "fullmatch", "finditer", "findall"):
                return method

            def scan(*args, **kwargs):
                scans.append(name)
                return method(*args, **kwargs)

            return scan

    monkeypatch.setattr(regex, "compile", lambda *args, **kwargs: Counted(real(*args, **kwargs)))
    return scans


# -- no test passes having checked nothing ------------------------------------------------------

_checks = {"count": 0}


def _count_passing_assert() -> bool:
    """Called by every passing assert of the rewritten test modules (enable_assertion_pass_hook):
    count it, and say no hook wants its explanation, which would cost a repr of its operands.
    Should pytest stop calling this, every test fails as having checked nothing: never silently."""
    _checks["count"] += 1
    return False


_rewrite._check_if_assertion_pass_impl = _count_passing_assert


_raises = pytest.raises


class _CountedRaises:
    """pytest.raises, counted as a check when the exception it expects was raised."""

    def __init__(self, context):
        self.context = context

    def __enter__(self):
        return self.context.__enter__()

    def __exit__(self, *exception):
        handled = self.context.__exit__(*exception)
        if handled:
            _checks["count"] += 1
        return handled


def _counted_raises(*args, **kwargs):
    context = _raises(*args, **kwargs)
    if not hasattr(context, "__exit__"):  # the callable form: it raised what it expected
        _checks["count"] += 1
        return context
    return _CountedRaises(context)


pytest.raises = _counted_raises


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _checks["count"] = 0
    result = yield
    if _checks["count"] == 0:
        pytest.fail(f"{item.nodeid} passed without checking anything (no assert ran, no pytest.raises)")
    return result


# -- the suite writes nothing into the checkout --------------------------------------------------

_LEFT_ALONE = {".git", ".venv", "build", "__pycache__"}  # made by installing, not by the tests


def _checkout_files() -> set[str]:
    found = set()
    for parent, folders, files in os.walk(ROOT):
        folders[:] = [f for f in folders if f not in _LEFT_ALONE and not f.endswith(".egg-info")]
        found.update(os.path.join(parent, name) for name in files)
        found.update(os.path.join(parent, name) + "/" for name in folders)
    return found


def pytest_sessionstart(session):
    session.config.stash[_BEFORE] = _checkout_files()


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_SCRATCH, ignore_errors=True)
    made = sorted(_checkout_files() - session.config.stash[_BEFORE])
    if made:
        session.exitstatus = 1
        print(f"\nthe tests wrote into the checkout: {', '.join(made[:10])}", file=sys.stderr)


_BEFORE = pytest.StashKey[set]()
