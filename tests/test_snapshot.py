"""A parsed document kept (snapshot.py): the same model as reading the text, or not used at all."""

import json
import marshal
import os
import subprocess
import sys
from hashlib import sha256
from pathlib import Path
from types import SimpleNamespace

import pytest

from treatycli import cache, snapshot
from treatycli.loader import BUILTIN_NAME, BUILTIN_PATH, load_document, read_document
from treatycli.model import Article, Document, Paragraph, stored
from treatycli.serial import document_from_record

from .conftest import (
    FIXTURES,
    ROOT,
    SHARED,
    kept_file_of,
    kept_files,
    packed,
    read_kept,
    unpack_kept,
    write_kept,
)

TEXTS = sorted(FIXTURES.glob("*.txt")) + [Path(BUILTIN_PATH)]
CORPUS = sorted(SHARED.joinpath("corpus").glob("*.txt")) if SHARED.joinpath("corpus").is_dir() else []


def same_model(one: Document, other: Document) -> None:
    """Every field of the two documents is equal, with the same types (a list is not a tuple)."""
    for name in Document.__slots__:
        if name == "source":
            continue
        mine, theirs = getattr(one, name), getattr(other, name)
        assert mine == theirs, name
        assert repr(mine) == repr(theirs), name


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", os.devnull)


def refuse_parsing(monkeypatch):
    """Make reading a text fail, so that a document that still loads came from a snapshot."""

    def parse_lines(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr("treatycli.loader.parse.parse_lines", parse_lines)


ENCODED = {  # the statute fixture saved as editors save it
    "bom": b"\xef\xbb\xbf" + (FIXTURES / "zh-statute.txt").read_bytes(),
    "utf-16": (FIXTURES / "zh-statute.txt").read_text(encoding="utf-8").encode("utf-16"),
    "gb18030-crlf": (FIXTURES / "zh-statute.txt").read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"),
}  # fmt: skip


@pytest.mark.parametrize("path", TEXTS + CORPUS + list(ENCODED), ids=lambda p: getattr(p, "name", p))
def test_record_reads_back_as_the_same_model(path, no_cache):
    data = ENCODED[path] if isinstance(path, str) else path.read_bytes()
    doc = read_document(data, str(path))
    record = json.loads(json.dumps(snapshot.record(doc), ensure_ascii=False))
    assert snapshot._fits(record)
    same_model(document_from_record(record["model"], doc.source), doc)
    same_model(snapshot.from_record(record, sha256(data).hexdigest(), str(path)), doc)  # its text adds up
    # and as the cache keeps it: the model as tuples, in marshal
    kept = unpack_kept(snapshot.KEPT, packed(snapshot.KEPT, snapshot.kept_record(doc)))
    assert snapshot._fits(kept)
    assert type(kept["model"]) is tuple and len(kept["articles"]) == len(doc.articles)
    same_model(snapshot.from_record(kept, sha256(data).hexdigest(), str(path)), doc)


def test_a_record_whose_text_was_changed_is_read_again(cache_dir):
    """Right shape, right hash, but a paragraph's text changed (same length): not used."""
    path = FIXTURES / "zh-statute.txt"
    first = load_document(path)
    (kept,) = kept_files(cache_dir, "model-")
    record = read_kept(kept)
    record["articles"] = _first_paragraph_changed(record["articles"], lambda text: "改" * len(text))
    write_kept(kept, record)
    same_model(load_document(path), first)


def _first_paragraph_changed(articles: list, change) -> list:
    """The kept articles (tuples, fields as model.py declares them) with the text of the
    first one's first paragraph changed."""
    paragraphs, text = _place(Article, "paragraphs"), _place(Paragraph, "text")
    first = articles[0]
    paragraph = list(first[paragraphs][0])
    paragraph[text] = change(paragraph[text])
    return [_replaced(first, paragraphs, (tuple(paragraph), *first[paragraphs][1:])), *articles[1:]]


def _place(cls, name: str) -> int:
    return [f.name for f in stored(cls._shape)].index(name)


def _replaced(values: tuple, index: int, value) -> tuple:
    return (*values[:index], value, *values[index + 1 :])


def test_the_shipped_builtin_model_is_what_the_loader_reads_now(no_cache):
    """Fails when the loader or the seed changed and tools/make_builtin_model.py was not run."""
    shipped = json.loads(Path(snapshot.BUILTIN_MODEL).read_text(encoding="utf-8"))
    now = snapshot.record(read_document(Path(BUILTIN_PATH).read_bytes(), BUILTIN_NAME))
    assert shipped == json.loads(json.dumps(now)), "run python tools/make_builtin_model.py"


def test_the_builtin_treaty_loads_without_the_loader(no_cache):
    code = (
        "import sys\n"
        "from treatycli.loader import load_document\n"
        "doc = load_document()\n"
        "print(len(doc.articles), 'treatycli.loader.parse' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert (done.returncode, done.stdout.split()) == (0, ["12", "False"]), done.stderr


@pytest.mark.parametrize("path", TEXTS[:-1], ids=lambda p: p.name)
def test_a_second_load_reads_the_snapshot(path, cache_dir, monkeypatch):
    first = load_document(path)
    assert kept_files(cache_dir, "model-"), "nothing kept"
    refuse_parsing(monkeypatch)
    again = load_document(path)
    same_model(again, first)
    assert again.source.sha256 == first.source.sha256
    assert (again.source.encoding, again.source.guessed) == (first.source.encoding, first.source.guessed)


def test_a_kept_document_is_found_without_reading_its_bytes_whole(cache_dir, monkeypatch):
    """Its SHA-256, read a block at a time, finds the model kept: the 5 MB a 5 MB document's
    bytes take are never held at once."""
    path = FIXTURES / "zh-chapters.txt"
    first = load_document(path)

    def read_bytes(*args, **kwargs):
        raise AssertionError("the bytes were read whole")

    monkeypatch.setattr("treatycli.loader.read_bytes", read_bytes)
    again = load_document(path)
    same_model(again, first)
    assert again.source.sha256 == sha256(path.read_bytes()).hexdigest()


def test_a_snapshot_is_per_content(tmp_path, cache_dir, monkeypatch):
    """The same path with other bytes is read again, not answered from the old snapshot."""
    path = tmp_path / "treaty.txt"
    path.write_bytes((FIXTURES / "zh-statute.txt").read_bytes())
    load_document(path)
    path.write_bytes((FIXTURES / "en-treaty.txt").read_bytes())
    assert load_document(path).language == "en"


@pytest.mark.parametrize(
    "damage",
    [
        b"not json",
        b"[]",
        b'{"format": "treatycli-model/1"}',
        b"[" * 100000,
        b"\xff\xfe",
        kept_file_of(snapshot.KEPT, b"\xff not marshal"),
        kept_file_of(snapshot.KEPT, b"[\x01\x00\x00\x00" * 100_000 + b"N"),
        kept_file_of(snapshot.KEPT, marshal.dumps(["a list"])),
        kept_file_of(snapshot.KEPT, marshal.dumps(({"format": snapshot.FORMAT}, [(10**9, "0" * 64)]))),
    ],
    ids=[
        "text",
        "list",
        "no-fields",
        "deep",
        "not-utf8",
        "sealed-not-marshal",
        "sealed-deep",
        "sealed-list",
        "a-piece-missing",
    ],
)
def test_a_damaged_snapshot_is_read_again_quietly(damage, cache_dir, capsys):
    path = FIXTURES / "zh-statute.txt"
    first = load_document(path)
    capsys.readouterr()
    (kept,) = kept_files(cache_dir, "model-")
    kept.write_bytes(damage)
    same_model(load_document(path), first)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("key", ["model", "sha256", "strings", "encoding", "guessed"])
def test_a_sealed_snapshot_missing_a_field_is_read_again_quietly(key, cache_dir, capsys):
    path = FIXTURES / "zh-statute.txt"
    first = load_document(path)
    (kept,) = kept_files(cache_dir, "model-")
    record = read_kept(kept)
    del record[key]
    write_kept(kept, record)
    capsys.readouterr()
    same_model(load_document(path), first)
    assert capsys.readouterr() == ("", "")


def test_a_snapshot_that_asks_for_more_memory_than_there_is_is_read_again(cache_dir, monkeypatch):
    """A few bytes of marshal can ask for gigabytes (a tuple of 2**31 items): reading such a
    record, where memory runs out, is reading none."""
    path = FIXTURES / "zh-statute.txt"
    first = load_document(path)

    def loads(data):
        raise MemoryError

    monkeypatch.setattr("marshal.loads", loads)
    same_model(load_document(path), first)


def test_a_snapshot_of_the_wrong_shape_is_read_again(cache_dir):
    """Right format and hash, but a field of another type: not used, and the answer is right."""
    path = FIXTURES / "zh-statute.txt"
    first = load_document(path)
    (kept,) = kept_files(cache_dir, "model-")
    record = read_kept(kept)
    articles, paragraphs = record["articles"], _place(Article, "paragraphs")
    record["articles"] = [_replaced(articles[0], paragraphs, "all of them"), *articles[1:]]
    write_kept(kept, record)
    same_model(load_document(path), first)
    record["articles"] = [list(articles[0]), *articles[1:]]  # a list where a tuple belongs
    write_kept(kept, record)
    same_model(load_document(path), first)
    model = record["model"]
    record["model"] = _replaced(model, _place(Document, "articles"), articles)  # the articles in it too
    write_kept(kept, record)
    same_model(load_document(path), first)
    record["model"], record["articles"] = model, []
    record["sha256"] = "0" * 64  # a record of other bytes
    write_kept(kept, record)
    same_model(load_document(path), first)


def test_an_unwritable_cache_changes_nothing(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(blocker / "cache"))
    path = FIXTURES / "zh-chapters.txt"
    doc = load_document(path)
    assert capsys.readouterr() == ("", "")
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", os.devnull)
    same_model(load_document(path), doc)


def test_kept_documents_stay_within_their_budget(cache_dir, monkeypatch):
    """The least recently used records go once they outgrow the budget; the one just written
    stays; a record dated in the future counts as the oldest."""
    names = ["zh-statute.txt", "en-treaty.txt", "zh-chapters.txt", "zh-hant-treaty.txt"]
    kept = []
    for age, name in enumerate(names, start=1):
        load_document(FIXTURES / name)
        (new,) = set(kept_files(cache_dir, "model-")) - set(kept)
        os.utime(new, ns=(age * 10**9, age * 10**9))  # written in this order, long ago
        kept.append(new)
    load_document(FIXTURES / names[0])  # read again: used now
    cache.prune(cache.RECORDS, kept[0].stat().st_size + kept[3].stat().st_size)
    assert set(kept_files(cache_dir, "model-")) == {kept[0], kept[3]}
    future = cache_dir / "model-future.marshal"
    future.write_bytes(b"{}" * 1000)
    os.utime(future, ns=(4 * 10**18, 4 * 10**18))  # the year 2096
    damaged = FIXTURES / "zh-damaged-numbering.txt"
    with monkeypatch.context() as elsewhere:
        elsewhere.setenv("TREATYCLI_CACHE_DIR", os.devnull)
        written = len(packed(snapshot.KEPT, snapshot.kept_record(load_document(damaged))))
    # room for the new record and the one read last, not for the future one or the one before
    monkeypatch.setattr(cache, "RECORDS_BUDGET", written + kept[0].stat().st_size + 100)
    load_document(damaged)  # storing prunes
    left = set(kept_files(cache_dir, "model-"))
    assert future not in left and kept[3] not in left and kept[0] in left and len(left) == 2
    monkeypatch.setattr(cache, "RECORDS_BUDGET", 0)
    load_document(FIXTURES / "zh-chapters.txt")  # nothing fits in nothing, but what was just written
    (only,) = kept_files(cache_dir, "model-")
    refuse_parsing(monkeypatch)
    load_document(FIXTURES / "zh-chapters.txt")


def test_a_model_is_kept_a_piece_of_articles_at_a_time(cache_dir, monkeypatch):
    """The cache writes a model's articles in pieces, each piece's articles made into tuples
    as it is written: all of them, made at once, were held beside the model. What it reads
    back is the model."""
    from treatycli import serial

    monkeypatch.setattr(snapshot.KEPT, "piece_items", 2)
    write = serial._tuple_writer(Article)
    made: list[int] = []
    monkeypatch.setitem(serial._TUPLE_WRITERS, Article, lambda article: made.append(1) or write(article))
    written_before_each_piece = []
    pack = cache.Records.pack

    def counted(self, record):
        pieces, head = pack(self, record)
        if self is not snapshot.KEPT:
            return pieces, head

        def each():
            for piece in pieces:
                written_before_each_piece.append(len(made))
                yield piece

        return each(), head

    monkeypatch.setattr(cache.Records, "pack", counted)
    path = FIXTURES / "zh-chapters.txt"
    first = load_document(path)
    assert len(first.articles) >= 5 and written_before_each_piece
    assert written_before_each_piece == [
        min(2 * n, len(first.articles)) for n in range(1, len(written_before_each_piece) + 1)
    ]
    refuse_parsing(monkeypatch)
    same_model(load_document(path), first)


def test_a_long_model_is_kept_in_pieces_of_a_few_hundred_articles(cache_dir, monkeypatch):
    """A piece's tuples and its bytes are made, and read, at once: pieces of 2,048 articles
    (cache.CHUNK_ITEMS) were 1.6 MB beside a 5 MB document's model at its first run's peak."""
    articles = 1500
    text = "条约\n\n" + "".join(f"第{n}条\n　　缔约双方将发展合作。\n" for n in range(1, articles + 1))
    path = cache_dir.parent / "long.txt"
    path.write_text(text, encoding="utf-8")
    sizes: list[int] = []
    pack = cache.Records.pack

    def counted(self, record):
        pieces, head = pack(self, record)
        if self is not snapshot.KEPT:
            return pieces, head
        return (sizes.append(len(marshal.loads(piece))) or piece for piece in pieces), head

    monkeypatch.setattr(cache.Records, "pack", counted)
    first = load_document(path)
    assert len(first.articles) == articles and sum(sizes) == articles
    assert len(sizes) >= 3 and max(sizes) <= 512
    refuse_parsing(monkeypatch)
    same_model(load_document(path), first)


def test_a_kept_model_s_articles_are_made_as_each_piece_is_read(cache_dir, monkeypatch):
    """Reading a kept model, a piece's articles are made before the next piece is read: the
    tuples of all of them, held until the model was made, were 2.8 MB of a 5 MB document's."""
    monkeypatch.setattr(snapshot.KEPT, "piece_items", 2)
    path = FIXTURES / "zh-chapters.txt"
    first = load_document(path)
    refuse_parsing(monkeypatch)
    events: list[str] = []
    real_loads, made = marshal.loads, snapshot.article_from_tuple

    def loads(data):
        value = real_loads(data)
        events.append(f"piece of {len(value)}" if type(value) is list else "head")
        return value

    monkeypatch.setattr(marshal, "loads", loads)
    monkeypatch.setattr(snapshot, "article_from_tuple", lambda value: events.append("article") or made(value))
    same_model(load_document(path), first)
    articles = len(first.articles)
    assert articles >= 5
    pieces = [min(2, articles - start) for start in range(0, articles, 2)]
    assert events == ["head"] + [e for n in pieces for e in [f"piece of {n}"] + ["article"] * n]


def test_the_lines_go_before_the_model_is_read_over(monkeypatch):
    """Once the articles are read, the lines (and the text they hold, as large as the model)
    go, before the script and the hierarchy are decided from the model."""
    import gc

    from treatycli.loader import parse
    from treatycli.loader.lines import Lines

    decide, alive = parse.decide_script, []

    def decide_script(doc):
        alive.append(sum(isinstance(thing, Lines) for thing in gc.get_objects()))
        return decide(doc)

    monkeypatch.setattr(parse, "decide_script", decide_script)
    doc = read_document((FIXTURES / "zh-chapters.txt").read_bytes(), "zh-chapters.txt")
    assert alive == [0] and doc.articles


def test_a_small_document_is_kept_without_openssl(cache_dir):
    """A model of a few pieces' worth is hashed by Python's own SHA-256 as it is kept: OpenSSL's
    (hashlib) takes 7 ms to import, and pays only from a MB (cache.sha256_hasher)."""
    code = (
        "import sys\n"
        "from treatycli.loader import load_document\n"
        f"doc = load_document({str(FIXTURES / 'zh-statute.txt')!r})\n"
        "print(len(doc.articles) > 0, '_hashlib' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYCLI_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert (done.returncode, done.stdout.split()) == (0, ["True", "False"]), done.stderr
    assert kept_files(cache_dir, "model-")


def test_the_strings_digest_is_of_the_strings_joined_read_a_piece_at_a_time(monkeypatch):
    """It is SHA-256 of the model's strings joined by NULs, as kept records were checked
    against; hashed a bounded number of characters at a time, whatever the strings' count."""
    articles = 3000
    text = "条约\n\n" + "".join(
        f"第{n}条\n　　缔约双方将在互利的基础上发展合作，第{n}款。\n" for n in range(1, articles + 1)
    )
    doc = read_document(text.encode("utf-8"), "many.txt")
    assert len(doc.articles) == articles
    fed: list[int] = []
    hasher = cache.sha256_hasher

    def counted(*args, **kwargs):
        digest = hasher(*args, **kwargs)
        return SimpleNamespace(
            update=lambda data: fed.append(len(data)) or digest.update(data), hexdigest=digest.hexdigest
        )

    monkeypatch.setattr(cache, "sha256_hasher", counted)
    joined = "\x00".join(doc.strings()).encode("utf-8")
    assert snapshot.strings_digest(doc) == sha256(joined).hexdigest()
    longest = max(len(s.encode("utf-8")) for s in doc.strings())
    assert sum(fed) == len(joined) and len(fed) > 1
    assert max(fed) <= 3 * snapshot._DIGESTED_AT_ONCE + longest + 1
