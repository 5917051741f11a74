"""Caches that cannot hurt: whatever is (or is not) in the cache directory, `grep -w` gives
the same answer and prints nothing more. The expected answer is read from the fixture:
条约 stands as a word of its own in articles 1, 2 and 3 of zh-statute.txt (in the title it
is part of 条约法)."""

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycli import __version__, cache, snapshot, words
from treatycli.loader import load_document
from treatycli.search import leaves_in_scope
from treatycli.units import build_units

from .conftest import FIXTURES, ROOT, kept_file_of, packed, read_kept, write_kept

DOC = str(FIXTURES / "zh-statute.txt")
ARGS = ["--doc", DOC, "grep", "-w", "-o", "条约"]
EXPECTED = ["1.1\t条约", "2.1\t条约", "3.1\t条约"]


@pytest.fixture(scope="session")
def jieba_dictionary(tmp_path_factory):
    """jieba's prefix dictionary as the cache keeps it, built once for the session (if the
    code under test keeps one), to copy into each test's own cache directory."""
    from treatycli import segment

    folder = tmp_path_factory.mktemp("dictionary")
    patch = pytest.MonkeyPatch()
    patch.setenv("TREATYCLI_CACHE_DIR", str(folder))
    try:
        if hasattr(segment, "new_tokenizer"):
            segment.new_tokenizer()
    finally:
        patch.undo()
    return list(folder.iterdir())


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, jieba_dictionary):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    for path in jieba_dictionary:
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(folder))
    return folder


def _record_path(folder) -> str:
    root = build_units(load_document(DOC))
    return str(folder / f"words-{words.units_digest(leaves_in_scope(root, [root]))}.marshal")


def _planted(units) -> dict:
    root = build_units(load_document(DOC))
    leaves = leaves_in_scope(root, [root])
    return {"format": words.FORMAT, "treatycli": __version__, "sha256": words.units_digest(leaves),
            "names": [], "units": units(leaves)}  # fmt: skip


def _run_elsewhere(env_updates: dict, timeout: float = 60, limit_memory: bool = False):
    """treatycli in a fresh interpreter, for what could hang or exhaust this one."""
    code = (
        "import resource, sys\n"
        + ("resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))\n" if limit_memory else "")
        + "from treatycli.main import run\n"
        + f"sys.exit(run({ARGS!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env_updates}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize("where", ["/dev/null", "a file", "home is a file"])
def test_a_cache_directory_that_cannot_be_made_is_done_without(where, cli, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory\n", encoding="utf-8")
    if where == "home is a file":
        monkeypatch.delenv("TREATYCLI_CACHE_DIR", raising=False)
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        monkeypatch.setenv("HOME", str(blocker))
    else:
        monkeypatch.setenv("TREATYCLI_CACHE_DIR", "/dev/null" if where == "/dev/null" else str(blocker))
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")


def test_a_cache_directory_that_cannot_be_written_is_silent(cache_dir):
    """As in a read-only home: creating any file fails (what is there can still be read).
    jieba's "Dump cache file failed" traceback must not reach stderr either."""
    folder = cache_dir
    code = (
        "import errno, os, sys\n"
        "real_open = os.open\n"
        "def no_creating(path, flags, *args, **kwargs):\n"
        "    if flags & os.O_CREAT:\n"
        "        raise PermissionError(errno.EACCES, 'Permission denied', path)\n"
        "    return real_open(path, flags, *args, **kwargs)\n"
        "os.open = no_creating\n"
        "from treatycli.main import run\n"
        f"sys.exit(run({ARGS!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYCLI_CACHE_DIR": str(folder), "TMPDIR": str(folder)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (0, EXPECTED, "")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: _planted(lambda leaves: {leaf.ref: [] for leaf in leaves}), id="empty lengths"),
        pytest.param(lambda: _planted(lambda leaves: {leaf.ref: [1, 1] for leaf in leaves}), id="all ones"),
        pytest.param(lambda: _planted(lambda leaves: {leaf.ref: "12" for leaf in leaves}), id="strings"),
        pytest.param(lambda: b"[" * 100_000 + b"]" * 100_000, id="not sealed"),
        pytest.param(lambda: kept_file_of(snapshot.KEPT, b"[" * 100_000), id="sealed as another kind"),
        pytest.param(lambda: _sealed(b"[\x01\x00\x00\x00" * 100_000 + b"N"), id="nested past the stack"),
        pytest.param(lambda: _sealed(b"\xffgarbage"), id="not marshal"),
    ],
)
def test_a_record_that_does_not_fit_is_ignored_and_rebuilt(content, cli, cache_dir):
    value = content()
    path = Path(_record_path(cache_dir))
    if isinstance(value, bytes):
        path.write_bytes(value)
    else:
        write_kept(path, value)
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")
    rebuilt = read_kept(path)["units"]
    root = build_units(load_document(DOC))
    for leaf in leaves_in_scope(root, [root]):  # a segmentation of each text, whole
        assert all(size > 0 for size in rebuilt[leaf.ref]) and sum(rebuilt[leaf.ref]) == len(leaf.text)


def _sealed(head: bytes) -> bytes:
    """A words record's file around `head`, checksum right: what reads it must check it."""
    return kept_file_of(words.KEPT, head)


class _Stuck(Exception):
    """Not an OSError: nothing may take it for a failed read."""


def test_a_fifo_in_place_of_a_record_is_skipped(cli, cache_dir):
    import signal

    os.mkfifo(_record_path(cache_dir))

    def stuck(signum, frame):
        raise _Stuck("blocked opening the FIFO")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        result = cli(*ARGS)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")


def test_a_huge_file_in_place_of_a_record_is_skipped(cache_dir):
    with open(_record_path(cache_dir), "wb") as file:
        file.truncate(1 << 32)  # sparse: 4 GiB that take no room on disk
    done = _run_elsewhere({"TREATYCLI_CACHE_DIR": str(cache_dir)}, limit_memory=True)
    assert (done.returncode, done.stdout.splitlines(), done.stderr) == (0, EXPECTED, "")


def test_a_planted_jieba_cache_is_never_read(cli, cache_dir, tmp_path, monkeypatch):
    """jieba's own start-up cache (marshal, by default in the shared temporary directory):
    one that makes 条约的 a word would hide the 条约 of article 1."""
    import tempfile

    poisoned = marshal.dumps(({"条": 0, "条约": 0, "条约的": 10**9}, 10**9))
    shared = tmp_path / "tmp"
    shared.mkdir()
    for folder in (cache_dir, shared):
        (folder / "jieba.cache").write_bytes(poisoned)
    for path in cache_dir.glob("jieba-*"):
        path.unlink()  # the dictionary is built afresh, beside the planted file
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")


def test_a_symlinked_cache_directory_is_not_followed(cli, tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "link"))
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")
    assert list(real.iterdir()) == []


@pytest.mark.parametrize("mode", [0o777, 0o770])
def test_a_cache_directory_others_can_write_is_not_used(mode, cli, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    planted = _planted(lambda leaves: {leaf.ref: [] for leaf in leaves})
    path = _record_path(shared)
    write_kept(Path(path), planted)
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(shared))
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")
    assert [p.name for p in shared.iterdir()] == [os.path.basename(path)]


def test_a_relative_xdg_cache_home_is_ignored(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TREATYCLI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = cli(*ARGS)
    assert (result.code, result.lines, result.err) == (0, EXPECTED, "")
    assert not (tmp_path / "relative-cache").exists()
    assert list((tmp_path / "home" / ".cache" / "treatycli").glob("words-*.marshal"))


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError], ids=["Ctrl-C", "rename fails"])
def test_an_interrupted_or_failed_write_leaves_no_temporary_file(failure, cli, cache_dir, monkeypatch):
    def replace(*args, **kwargs):
        raise failure()

    monkeypatch.setattr(os, "replace", replace)
    result = cli(*ARGS)
    if failure is KeyboardInterrupt:
        assert result.code == 130
    else:
        assert (result.code, result.lines, result.err) == (0, EXPECTED, "")
    assert [path.name for path in cache_dir.iterdir() if path.name.endswith(".tmp")] == []


class _BreaksAtItem(list):
    """A record's chunked list whose reading breaks once `at` items were read (a piece on)."""

    def __init__(self, items, at, failure):
        super().__init__(items)
        self.at, self.failure = at, failure

    def __iter__(self):
        for index, item in enumerate(super().__iter__()):
            if index == self.at:
                raise self.failure
            yield item


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), ValueError("unmarshallable object")])
def test_a_record_that_breaks_off_while_its_pieces_are_written_leaves_nothing(
    failure, cache_dir, monkeypatch
):
    """Pieces are written as they are made, to a temporary file, before the head: a write
    stopped among them leaves no file, and the record kept before stays as it was."""
    from treatycli import folded

    monkeypatch.setattr(cache, "CHUNK_ITEMS", 2)
    key = "ab" * 32
    folded.KEPT.write(key, folded.KEPT.record({"texts": ["a", None, "b"]}, key))
    (kept,) = cache_dir.glob("folded-*.marshal")
    before = sorted(path.name for path in cache_dir.iterdir())
    content = kept.read_bytes()
    texts = _BreaksAtItem(["c", "d", "e", "f", "g"], 4, failure)
    with pytest.raises(type(failure)):
        folded.KEPT.write(key, folded.KEPT.record({"texts": texts}, key))
    assert sorted(path.name for path in cache_dir.iterdir()) == before
    assert kept.read_bytes() == content and read_kept(kept)["texts"] == ["a", None, "b"]


# keys as a record's are (refs), and others: the head lists a piece's string keys as one string
_KEYS = st.one_of(st.text(max_size=3), st.text(alphabet="a\n", max_size=3), st.integers(0, 3))


@given(
    st.dictionaries(_KEYS, st.integers(), max_size=12),
    st.sets(_KEYS, max_size=6),
    st.integers(1, 4),
    st.randoms(use_true_random=False),
)
def test_a_dict_read_for_some_keys_holds_those_of_them_it_has(entries, wanted, size, shuffled):
    """Of a dict kept in pieces, read_cached with `wanted` gives the wanted entries it holds
    (and only them), whatever the pieces' size and its keys (with line breaks, not strings);
    `streamed`, a mapping of the same entries in the order written, read again from the file
    (held open: removed since), in any order."""
    import tempfile

    kind = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="entries", piece_items=size)
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        Path(folder, "model-k.marshal").write_bytes(packed(kind, kind.record({"entries": entries})))
        previous = os.environ.get("TREATYCLI_CACHE_DIR")
        os.environ["TREATYCLI_CACHE_DIR"] = folder
        try:
            read = kind.read_cached("k", 10**6, lambda r: True, wanted)
            streamed = kind.read_cached("k", 10**6, lambda r: True, wanted, streamed=True)
        finally:
            os.environ.pop("TREATYCLI_CACHE_DIR")
            if previous is not None:
                os.environ["TREATYCLI_CACHE_DIR"] = previous
    expected = {key: value for key, value in entries.items() if key in wanted}
    assert read == kind.record({"entries": expected})
    held = streamed.pop("entries")
    assert isinstance(held, cache.KeptEntries) and streamed == kind.record({})
    keys = list(expected)
    assert list(held) == keys and len(held) == len(keys)
    shuffled.shuffle(keys)
    assert {key: held[key] for key in keys} == expected
    assert all(key in held for key in keys) and not any(key in held for key in entries if key not in wanted)


@given(st.lists(st.integers(), max_size=12), st.integers(1, 4), st.integers(-1, 12))
def test_a_list_read_with_an_item_maker_holds_what_it_makes_as_each_piece_is_read(items, size, refused):
    """`item(value)` makes what a chunked list holds of each item, a piece's items before the
    next piece is read (a kept model's articles: the tuples of all of them were held beside
    the model); None for one, and the record is not read."""
    import tempfile

    kind = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="entries", piece_items=size)
    data = packed(kind, kind.record({"entries": items}))
    events: list[tuple] = []

    def item(value):
        events.append(("made", value))
        return None if value == refused else ("made", value)

    def loads(data):
        value = real_loads(data)
        if type(value) is list:
            events.append(("piece", len(value)))
        return value

    real_loads, marshal.loads = marshal.loads, loads
    try:
        with tempfile.TemporaryFile() as file:
            file.write(data)
            file.flush()
            record = kind.load(cache.FileReader(file.fileno(), len(data)), item=item)
    finally:
        marshal.loads = real_loads
    pieces = [items[start : start + size] for start in range(0, len(items), size)]
    if refused in items:
        assert record is None
        return
    assert record == kind.record({"entries": [("made", value) for value in items]})
    assert events == [
        event for piece in pieces for event in [("piece", len(piece)), *(("made", value) for value in piece)]
    ]


@given(st.dictionaries(st.text(max_size=3), st.integers(), max_size=6))
def test_a_dict_read_with_an_item_maker_is_read_as_without_it(entries):
    """`item` is a list's: a dict's entries are made by `entry` alone."""
    import tempfile

    kind = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="entries", piece_items=2)
    data = packed(kind, kind.record({"entries": entries}))
    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.flush()
        record = kind.load(cache.FileReader(file.fileno(), len(data)), item=lambda value: None)
    assert record == kind.record({"entries": entries})


_PAIRS = cache.Records(
    "treatycli-test/1", "model-", os.devnull, chunked="entries", piece_items=2
)  # small pieces: many of them


def _streamed(kind, folder, entries: dict, wanted: set, **read):
    """The entries `wanted` of a record of `entries` kept in `folder`, read streamed (None: the
    record was not read)."""
    Path(folder, "model-k.marshal").write_bytes(packed(kind, kind.record({"entries": entries})))
    record = kind.read_cached("k", 10**6, lambda r: True, wanted, streamed=True, **read)
    return None if record is None else record["entries"]


def test_a_dict_read_streamed_reads_each_piece_once_in_order_and_checks_each_entry_first(cache_dir):
    """Asked for in the order written, each piece of a streamed dict is read once more; each
    entry was given to `entry` as it was first read, and a record with one it refuses is not
    read at all."""
    kind = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="entries", piece_items=3)
    entries = {f"k{n}": n for n in range(20)}
    wanted = {f"k{n}" for n in range(20) if n % 2}
    seen = []
    held = _streamed(
        kind, cache_dir, entries, wanted, entry=lambda key, value: seen.append(key) or value * 10
    )
    assert seen == [f"k{n}" for n in range(20) if n % 2]
    pieces = []
    original = cache.KeptEntries._piece
    cache.KeptEntries._piece = lambda self, number: pieces.append(number) or original(self, number)
    try:
        assert [held[key] for key in held] == [n * 10 for n in range(20) if n % 2]
    finally:
        cache.KeptEntries._piece = original
    assert pieces == sorted(set(pieces)) and len(pieces) == 7  # pieces of 3: k0-k2 ... k18-k19
    assert (
        _streamed(kind, cache_dir, entries, wanted, entry=lambda key, value: None if value == 13 else value)
        is None
    )


@pytest.mark.parametrize("made_again", [False, True])
def test_a_dict_read_streamed_that_changes_on_the_disk_is_never_read_wrong(cache_dir, made_again):
    """A file changed in place (not replaced, as the cache always writes) after its entries
    were checked: asked for again they are made again by `lost()`, or without it refused
    with the way out; never read wrong."""
    kind = _PAIRS
    entries = {f"k{n}": f"value {n}" for n in range(8)}
    again = {key: value.upper() for key, value in entries.items()}  # told apart from the file's
    lost = (lambda: again) if made_again else None
    held = _streamed(kind, cache_dir, entries, set(entries), lost=lost)
    assert held["k0"] == "value 0"
    path = Path(cache_dir, "model-k.marshal")
    data = path.read_bytes()
    at = data.index(b"value 5")
    with open(path, "r+b") as file:  # the same file, written over
        file.seek(at)
        file.write(b"VALUE 9")
    assert held["k1"] == "value 1"  # its piece is held
    if made_again:
        assert [held[key] for key in ("k5", "k2", "k7", "k0")] == ["VALUE 5", "VALUE 2", "VALUE 7", "VALUE 0"]
        return
    with pytest.raises(cache.TreatyError, match="changed on the disk.*run the command again"):
        held["k5"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open descriptors in /proc")
def test_a_dict_read_streamed_holds_one_descriptor_until_it_goes(cache_dir):
    """The file stays open while the entries may be read again, and is closed once they go."""
    kind = _PAIRS

    def open_now() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_now()
    held = _streamed(kind, cache_dir, {f"k{n}": n for n in range(9)}, {"k1", "k8"})
    assert open_now() == before + 1 and held["k8"] == 8
    del held
    assert open_now() == before


def test_a_dict_read_streamed_without_a_descriptor_left_is_read_whole(cache_dir, monkeypatch):
    """No file descriptor to keep the file open with: the entries are read now, and held."""
    kind = _PAIRS
    entries = {f"k{n}": n for n in range(9)}

    def no_descriptor(handle):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(cache.os, "dup", no_descriptor)
    held = _streamed(kind, cache_dir, entries, {"k1", "k4", "k8"})
    assert type(held) is dict and held == {"k1": 1, "k4": 4, "k8": 8}


def test_the_cache_directory_is_private(cli, cache_dir, tmp_path, monkeypatch):
    fresh = tmp_path / "fresh" / "treatycli"
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(fresh))
    assert cli(*ARGS).lines == EXPECTED
    assert fresh.stat().st_mode & 0o777 == 0o700
    assert all(path.stat().st_mode & 0o077 == 0 for path in fresh.iterdir())


def test_the_cached_jieba_dictionary_is_the_one_jieba_builds():
    """segment.py builds jieba's prefix dictionary itself (three times faster): it must be
    jieba's own, on a sample of its dict.txt."""
    import io

    import jieba

    from treatycli import segment

    with open(segment.dictionary_path(), encoding="utf-8") as file:
        sample = "".join(line for _, line in zip(range(30_000), file, strict=False))
    freq, total, tags = segment.prefix_dictionary(sample)
    assert (freq, total) == jieba.Tokenizer().gen_pfdict(io.BytesIO(sample.encode("utf-8")))
    assert tags and all(not tag.startswith("n") for tag in tags.values())
    assert segment.prefix_dictionary("word 12\n") is None  # not word, frequency, tag: jieba reads it


def test_temporary_files_of_killed_runs_are_removed_when_the_cache_is_written(cli, cache_dir):
    # a killed run left its temporary file in the cache forever (a model of a large document is
    # a large file); the cache's own directory holds nothing but ours
    import time

    earlier = cache_dir / f".model-{'ab' * 32}.marshal.4242.0a1b2c3d.tmp"  # the name a run wrote before
    recent = cache_dir / f".model-{'cd' * 32}.marshal.4243.0a1b2c3d.tmp"  # it may be writing still
    for path in (earlier, recent):
        path.write_bytes(b"{")
    day_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(earlier, (day_ago, day_ago))
    assert cli("--doc", str(FIXTURES / "zh-chapters.txt"), "list").code == 0  # a new model, written
    left = sorted(path.name for path in cache_dir.iterdir() if path.name.endswith(".tmp"))
    assert left == [recent.name]


_PIECES = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="items")
_ENTRIES = cache.Records("treatycli-test/1", "model-", os.devnull, chunked="entries")


@given(
    st.lists(st.text(max_size=5), max_size=30),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=12),
    st.integers(min_value=1, max_value=7),
    st.data(),
)
def test_a_record_written_in_pieces_reads_back_whole_and_any_change_is_seen(items, entries, size, data):
    """Read from the cache as every run reads it (read_cached), a list or a dict in pieces of
    any size is read back whole; a byte changed anywhere, the file cut short or grown, and
    the record is not read."""
    import tempfile

    real = cache.CHUNK_ITEMS
    cache.CHUNK_ITEMS = size
    try:
        records = [(_PIECES, _PIECES.record({"title": "t", "items": items})),
                   (_ENTRIES, _ENTRIES.record({"title": "t", "entries": entries}))]  # fmt: skip
        files = [(kind, record, packed(kind, record)) for kind, record in records]
    finally:
        cache.CHUNK_ITEMS = real
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o700)
        previous = os.environ.get("TREATYCLI_CACHE_DIR")
        os.environ["TREATYCLI_CACHE_DIR"] = folder
        try:
            for kind, record, written in files:
                at = data.draw(st.integers(min_value=0, max_value=len(written) - 1))
                changed = (
                    written[:at] + bytes([written[at] ^ data.draw(st.integers(1, 255))]) + written[at + 1 :]
                )
                for content, expected in (
                    (written, record),
                    (changed, None),
                    (written[:at], None),
                    (written + b"x", None),
                ):
                    Path(folder, "model-k.marshal").write_bytes(content)
                    assert kind.read_cached("k", 10**6, lambda r: True) == expected
        finally:
            os.environ.pop("TREATYCLI_CACHE_DIR")
            if previous is not None:
                os.environ["TREATYCLI_CACHE_DIR"] = previous


def test_a_large_record_is_read_a_piece_at_a_time(tmp_path, monkeypatch):
    """The file of a record of 20,000 items is never read whole: each read is of a piece; and
    a head that says it is longer than the file is not read (nor its length allocated)."""
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    record = _PIECES.record({"title": "t", "items": [f"paragraph {n} " * 4 for n in range(20_000)]})
    _PIECES.write("k", record)
    (kept,) = (tmp_path / "cache").glob("model-k.marshal")
    reads = []
    real, real_last = cache.FileReader.__call__, cache.FileReader.last

    def spied(self, size):
        reads.append(size)
        return real(self, size)

    def spied_last(self, size):  # the head, written after the pieces
        reads.append(size)
        return real_last(self, size)

    monkeypatch.setattr(cache.FileReader, "__call__", spied)
    monkeypatch.setattr(cache.FileReader, "last", spied_last)
    assert _PIECES.read_cached("k", 10**9, lambda r: True) == record
    header = kept.read_bytes().split(b"\n", 1)[0]
    assert len(header) + 1 + sum(reads) == kept.stat().st_size and max(reads) < kept.stat().st_size / 8
    without_length = header.decode().rsplit(" ", 1)[0]  # its digest and identity
    kept.write_bytes(f"{without_length} 999999999999\n".encode() + b"\0" * 1000)  # a head too long to be
    reads.clear()
    assert _PIECES.read_cached("k", 10**9, lambda r: True) is None
    assert reads == [999999999999]  # asked for, and refused without reading


def test_a_record_is_read_the_same_where_there_is_no_preadv(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    record = _PIECES.record({"title": "t", "items": [f"paragraph {n}" for n in range(5000)]})
    _PIECES.write("k", record)
    monkeypatch.setattr(cache, "_PREADV", False)
    assert _PIECES.read_cached("k", 10**9, lambda r: True) == record


@pytest.mark.parametrize(
    "shape, pieces",
    [("dict", [["ab", "cd"]]), ("list", [{"a": 1}]), ("weird", [["a"]]), ("dict", [[("a", 1), ("b",)]])],
    ids=["dict of strings", "list of a dict", "unknown shape", "a pair short"],
)
def test_pieces_of_another_shape_than_written_are_not_read(shape, pieces, tmp_path, monkeypatch):
    """Pieces whose SHA-256s are right but which pack would not have written."""
    import marshal

    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path))
    tmp_path.chmod(0o700)
    written = [marshal.dumps(piece) for piece in pieces]
    listed = [(len(piece), cache._digest(piece)) for piece in written]
    head = marshal.dumps((_ENTRIES.record({"title": "t"}), listed, shape))
    (tmp_path / "model-k.marshal").write_bytes(kept_file_of(_ENTRIES, head) + b"".join(written))
    assert _ENTRIES.read_cached("k", 10**6, lambda r: True) is None


@given(st.binary(max_size=40), st.data())
def test_a_sealed_payload_is_unsealed_whole_and_any_change_is_seen(payload, data):
    """The jieba dictionary's file: the header line a Records head stands behind too."""
    written = b"".join(cache.sealed("treatycli-test/1 x", payload))
    assert bytes(cache.unsealed(written, "treatycli-test/1 x")) == payload
    assert cache.unsealed(written, "treatycli-test/2 x") is None
    at = data.draw(st.integers(min_value=0, max_value=len(written) - 1))
    changed = written[:at] + bytes([written[at] ^ data.draw(st.integers(1, 255))]) + written[at + 1 :]
    assert cache.unsealed(changed, "treatycli-test/1 x") is None
    assert cache.unsealed(written[:at], "treatycli-test/1 x") is None
    assert cache.unsealed(written + b"x", "treatycli-test/1 x") is None


def test_a_record_is_written_once_to_one_file(tmp_path, monkeypatch):
    """A record's pieces are written as they are made, then its head, into the one file that
    is renamed into place (the head's header line over the space kept for it): no copy of
    the pieces, which a cache short of room could not hold twice."""
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK_ITEMS", 3)
    record = _PIECES.record({"title": "t", "items": [f"paragraph {n}" for n in range(10)]})
    _PIECES.write("warm-up", record)  # the directory made
    created, real = [], os.open

    def spied(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            created.append(path)
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spied)
    _PIECES.write("k", record)
    monkeypatch.setattr(os, "open", real)
    (kept,) = (tmp_path / "cache").glob("model-k.marshal")
    assert len(created) == 1 and kept.read_bytes() == packed(_PIECES, record)
    assert _PIECES.read_cached("k", 10**6, lambda r: True) == record


def test_a_head_lists_a_pieces_string_keys_as_one_string():
    """A string each, a 5 MB document's 40,000 unit refs took 2.4 MiB to read from the head;
    one string a piece, split as the piece is read, holds the same keys (with a line break in
    one, or a key not a string, they stay a tuple)."""
    assert cache._listing(["4", "4.1", ""]) == "4\n4.1\n" and cache._listed_keys("4\n4.1\n") == (
        "4",
        "4.1",
        "",
    )
    assert cache._listing(["a\nb", "c"]) == ("a\nb", "c") and cache._listing(["a", 1]) == ("a", 1)
    assert cache._listed_keys(("a\nb", "c")) == ("a\nb", "c") and cache._listed_keys(["a"]) is None


def test_entries_made_as_they_are_written_are_written_once():
    """Entries and Items are made as a record is written: a second writing of the same record
    would find none left and write an empty dict or list, so it is refused."""
    for made in (cache.Entries(iter([("a", 1)])), cache.Items(iter([1, 2]), 2)):
        assert list(made)
        with pytest.raises(ValueError):
            list(made)


def test_a_run_that_makes_one_tokenizer_does_not_keep_the_dictionary_and_a_second_keeps_it(
    cache_dir, monkeypatch
):
    """A run makes one jieba tokenizer per document: after the first, nothing of the
    dictionary (10 MiB as its payload) is held. The second keeps an untouched copy, and each
    after it copies that, its strings shared (a run of several documents held three sets of
    them when the second unpacked its own); each tokenizer's dictionary is its own."""
    from treatycli import segment

    for name in ("_made", "_payloads", "_pristine"):
        monkeypatch.setattr(segment, name, type(getattr(segment, name))())
    first, _ = segment.new_tokenizer()
    assert segment._payloads == {} and segment._pristine == {}
    second, _ = segment.new_tokenizer()
    (kept,) = segment._pristine.values()
    assert segment._payloads == {} and second.FREQ is not kept[0] and kept[0] == second.FREQ
    first.add_word("缔约双方商定")
    third, _ = segment.new_tokenizer()
    assert first.total > second.total == third.total and len(segment._pristine) == 1
    assert "缔约双方商定" not in second.FREQ and "缔约双方商定" not in third.FREQ
    assert len(third.FREQ) == len(second.FREQ) < len(first.FREQ)
    word = next(iter(kept[0]))  # copied, not unpacked again: one string for each word
    assert next(iter(third.FREQ)) is word and next(iter(second.FREQ)) is word


def test_a_dictionary_that_cannot_be_stored_is_held_for_the_next_tokenizer(tmp_path, monkeypatch):
    """With no cache to store jieba's dictionary in, the first tokenizer of a run holds its
    payload, so that a second one unpacks it rather than building it from jieba's text again."""
    from treatycli import segment

    for name in ("_made", "_payloads", "_pristine"):
        monkeypatch.setattr(segment, name, type(getattr(segment, name))())
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(not_a_folder))
    built = []
    build = segment._build
    monkeypatch.setattr(segment, "_build", lambda *a: built.append(1) or build(*a))
    first, _ = segment.new_tokenizer()
    assert built == [1] and list(segment._payloads) == list(segment._made)
    second, _ = segment.new_tokenizer()
    assert built == [1] and segment._payloads == {} and second.FREQ == first.FREQ
