"""The model's shape is declared once (model.py); the JSON record, its reading back, the check
of a kept record and the no-loss walk (strings()) follow the declarations. A document is built
here from the declarations alone, each string a marker of its kind, so that a field the
derivations missed shows as a marker lost, a key missing or a shape let through."""

import copy
import json
from collections import Counter
from hashlib import sha256
from itertools import count

import pytest

from treatycli import cache, folded, serial, snapshot, summaries, words
from treatycli.model import (
    BOOL,
    INT,
    SOURCE,
    TEXT,
    Document,
    Layout,
    Paragraph,
    Source,
    computed,
    field,
    list_of,
    optional,
    record,
    source_strings,
    stored,
    tuple_of,
)

from .test_snapshot import same_model


class Leaf(record("Leaf", field("number", INT, json="n"), field("label", SOURCE), field("kind", TEXT))):
    __slots__ = ()


class Sample(
    record(
        "Sample",
        computed("id", lambda sample: f"s{sample.number}"),
        field("number", INT),
        field("text", SOURCE),
        field("note", optional(SOURCE)),
        field("ref", optional(TEXT)),
        field("flag", BOOL),
        field("lines", list_of(SOURCE)),
        field("tags", tuple_of(TEXT)),
        field("leaves", tuple_of(Leaf)),
        field("first", optional(Leaf)),
        field("more", list_of(Leaf), default=[]),
    )
):
    __slots__ = ()


SAMPLE = Sample(
    number=7, text="正文", note=None, ref="4.2", flag=True, lines=["一", "二"], tags=("a", "b"),
    leaves=(Leaf(1, "（一）", "item"),), first=Leaf(2, "（二）", "item"), more=[Leaf(3, "（三）", "item")],
)  # fmt: skip


def test_a_declared_record_is_written_in_its_order_with_its_json_names():
    assert serial.record(SAMPLE) == {
        "id": "s7", "number": 7, "text": "正文", "note": None, "ref": "4.2", "flag": True,
        "lines": ["一", "二"], "tags": ["a", "b"],
        "leaves": [{"n": 1, "label": "（一）", "kind": "item"}],
        "first": {"n": 2, "label": "（二）", "kind": "item"},
        "more": [{"n": 3, "label": "（三）", "kind": "item"}],
    }  # fmt: skip
    assert list(serial.record(SAMPLE)) == ["id", *Sample._fields]


def test_a_declared_record_reads_back_as_itself():
    written = json.loads(json.dumps(serial.record(SAMPLE)))
    assert serial.valid(Sample, written)
    again = serial.read(Sample, written)
    assert again == SAMPLE and repr(again) == repr(SAMPLE)  # tuples stay tuples, lists lists


def test_the_walk_yields_the_source_strings_of_a_declared_record_and_no_other():
    assert Counter(source_strings(SAMPLE)) == Counter(["正文", "一", "二", "（一）", "（二）", "（三）"])


def test_a_field_added_to_a_declaration_is_written_read_checked_and_walked():
    """The one edit that adds a field: nothing else names it."""
    Noted = record("Paragraph", *Paragraph._shape, field("note", optional(SOURCE), default=None))
    paragraph = Noted(1, "第一款", (), "注")
    written = serial.record(paragraph)
    assert list(written) == ["number", "text", "items", "note"]
    assert serial.valid(Noted, written) and serial.read(Noted, written) == paragraph
    assert not serial.valid(Noted, {key: value for key, value in written.items() if key != "note"})
    assert not serial.valid(Noted, {**written, "note": 1})
    assert sorted(source_strings(paragraph)) == sorted(["第一款", "注"])
    assert source_strings(paragraph._replace(note=None)) == ["第一款"]


@pytest.mark.parametrize(
    "shape",
    [
        (field("a", INT), computed("b", str)),  # a computed field after a stored one
        (field("a", INT, default=0), field("b", INT)),  # a default before a field without
        (field("a", Layout, lift=("name", "layout")),),  # only the document lifts a field
    ],
)
def test_a_declaration_the_derivations_cannot_follow_is_refused(shape):
    with pytest.raises(TypeError):
        record("Wrong", *shape)


def test_a_field_of_no_known_kind_is_refused():
    with pytest.raises(TypeError):
        field("a", "string")


# -- the model itself, built from its declarations ------------------------------------------------


def _value(kind, numbers, strings):
    """A value of this kind, every string a new marker: "S…" for source text, "T…" for others;
    `strings` collects them."""
    if kind in (SOURCE, TEXT):
        marker = f"{'S' if kind == SOURCE else 'T'}{next(numbers)}"
        strings.append(marker)
        return marker
    if kind == INT:
        return next(numbers) % 3 + 1  # an article's ordinal: 1-3 (之一, bis, ter)
    if kind == BOOL:
        return True
    if isinstance(kind, tuple):
        wrapper, inner = kind
        if wrapper == "optional":
            return _value(inner, numbers, strings)
        values = [_value(inner, numbers, strings) for _ in range(2)]
        return tuple(values) if wrapper == "tuple" else values
    return kind(*(_value(f.kind, numbers, strings) for f in stored(kind._shape)))


def _document():
    """A document with every field of every record filled, and the markers it holds."""
    numbers, strings = count(1), []
    fields = {f.name: _value(f.kind, numbers, strings) for f in stored(Document._shape)}
    doc = Document(Source("made.txt", b"", "utf-8"), fields["language"], fields["decisions"])
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc, strings


def test_every_source_string_of_the_model_is_in_strings_once():
    doc, strings = _document()
    sources = [s for s in strings if s.startswith("S")]
    assert len(sources) > 50 and len(sources) < len(strings)
    assert Counter(doc.strings()) == Counter(sources)


def test_a_document_with_every_field_reads_back_the_same():
    doc, strings = _document()
    written = json.loads(json.dumps(serial.model_record(doc), ensure_ascii=False))
    assert set(strings) <= set(_leaves(written))  # every field was written
    assert serial.valid_model(written)
    same_model(serial.document_from_record(written, doc.source), doc)


def test_the_json_names_are_the_declared_ones():
    doc, _ = _document()
    written = serial.model_record(doc)
    assert list(written)[:5] == ["format", "source", "language", "layout", "layout_decisions"]
    assert "name" not in written["layout_decisions"]
    assert written["layout"] == doc.decisions.name
    assert list(written["agenda"][0]) == ["item", "title"]
    assert list(written["articles"][0]) == ["ref", *type(doc.articles[0])._fields]
    assert written["articles"][0]["ref"] == doc.articles[0].key


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _wrong_values(kind):
    """Values a field of this kind must not hold in JSON."""
    if isinstance(kind, tuple):
        wrapper, inner = kind
        if wrapper == "optional":
            return [value for value in _wrong_values(inner) if value is not None]
        return [None, "S", {}, [None], *([] if inner in (SOURCE, TEXT) else [[1]])]
    if kind in (SOURCE, TEXT):
        return [None, 1, ["S"]]
    if kind == INT:
        return [None, "1", True, 1.5]
    if kind == BOOL:
        return [None, 1, "true"]
    return [None, [], "S", {}]


def _places(kind, value, path=(), omit=()):
    """(path, kind) of every field under a JSON value of this kind, as the declarations say."""
    if isinstance(kind, tuple):
        if value is not None and kind[0] != "optional":
            for index, item in enumerate(value):
                yield from _places(kind[1], item, (*path, index))
        elif value is not None:
            yield from _places(kind[1], value, path)
        return
    if not isinstance(kind, type):
        return
    for f in stored(kind._shape):
        if f.name in omit:
            continue
        if f.lift:  # the document's layout: the name of its Layout
            lifted = next(g for g in f.kind._shape if g.name == f.lift[0])
            yield (*path, f.lift[1]), lifted.kind
        yield (*path, f.json), f.kind
        yield from _places(f.kind, value[f.json], (*path, f.json), f.lift[:1] if f.lift else ())


def _changed(record, path, value=None, delete=False):
    record = copy.deepcopy(record)
    holder = record
    for step in path[:-1]:
        holder = holder[step]
    if delete:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return record


def test_a_record_missing_a_field_or_holding_another_type_is_rejected_quietly():
    doc, _ = _document()
    data = "".join(doc.strings()).encode()
    written = json.loads(json.dumps(serial.model_record(doc)))

    def kept(model):
        return json.dumps({"format": snapshot.FORMAT, "sha256": sha256(data).hexdigest(), "encoding": "utf-8",
                           "guessed": False, "strings": snapshot.strings_digest(doc), "model": model})  # fmt: skip

    assert snapshot.from_json(kept(written), data, "made.txt") is not None
    places = list(_places(Document, written))
    assert len(places) > 100
    for path, kind in places:
        wrong = [_changed(written, path, delete=True)]
        wrong += [_changed(written, path, value) for value in _wrong_values(kind)]
        for model in wrong:
            assert not serial.valid_model(model), path
            assert snapshot.from_json(kept(model), data, "made.txt") is None, path


def test_fields_only_written_are_not_required():
    doc, _ = _document()
    written = serial.model_record(doc)
    for path in [("format",), ("source",), ("articles", 0, "ref")]:
        assert serial.valid_model(_changed(written, path, delete=True)), path


# -- one way to keep a record of a document ----------------------------------------------------


def test_every_kind_of_kept_record_is_pruned_with_the_others():
    from treatycli import searchable

    kept = {snapshot.KEPT.prefix, words.KEPT.prefix, summaries.KEPT.prefix, folded.KEPT.prefix,
            searchable.KEPT.prefix}  # fmt: skip
    assert kept == set(cache.RECORDS)
    with pytest.raises(ValueError):
        cache.Records("test/1", "elsewhere-", "/nonexistent")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(folder))
    return folder


def test_a_kept_record_is_read_back_only_for_its_kind_key_and_version(cache_dir, tmp_path, monkeypatch):
    shipped = tmp_path / "shipped.json"
    kind = cache.Records("test/1", "words-", str(shipped), stamped=True)
    fits = lambda record: isinstance(record.get("units"), dict)  # noqa: E731
    kind.write("k1", kind.record({"units": {}}, "k1"))
    assert kind.read_cached("k1", 1000, fits) == {"format": "test/1", "treatycli": cache.__version__,
                                                  "sha256": "k1", "units": {}}  # fmt: skip
    assert kind.read_cached("k1", 10, fits) is None  # larger than the bound
    assert kind.read_cached("k2", 1000, fits) is None
    (cache_dir / "words-k2.json").write_text(json.dumps(kind.record({"units": {}}, "k1")))
    assert kind.read_cached("k2", 1000, fits) is None  # a record of another key
    other = cache.Records("test/2", "words-", str(shipped), stamped=True)
    assert other.read_cached("k1", 1000, fits) is None  # of another format
    monkeypatch.setattr(cache, "__version__", "0.0.0")
    assert kind.read_cached("k1", 1000, fits) is None  # written by another version
    shipped.write_text(json.dumps(kind.record({"units": {"1": [1]}}, "k1")))
    assert kind.read("k1", 1000, fits)["units"] == {"1": [1]}  # the shipped one first
    assert kind.read("k1", 1000, lambda record: False) is None
