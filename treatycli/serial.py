"""The model as JSON-ready data, and back: the export's format (treatycli/1) is the whole
model, so a document kept as that record (snapshot.py) is rebuilt without the loader. And the
model as plain tuples, and back: what the cache keeps of it (marshal, cache.Records), where
each record is the tuple of its stored fields, in order (its JSON object took three times the
memory to read).

Nothing here names a field: the writer and the reader, which checks the record as it reads it
(a kept record is never trusted to be well-formed), are derived from the declarations in
model.py, once per record class, when first needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter, itemgetter

from .model import BOOL, INT, SOURCE, TEXT, Article, Document, Source, stored

FORMAT = "treatycli/1"


def model_record(doc: Document) -> dict:
    """The whole model. Absent parts are null or empty, never missing keys."""
    return {"format": FORMAT, **_writer(Document)(doc)}


def document_from_record(record: dict, source: Source) -> Document:
    """The Document model_record was made from (`source` where the bytes are now). Raises
    KeyError, TypeError or ValueError on a record of another shape: a missing key, a value of
    another type, a list where a record belongs…"""
    return _reader(Document)(record, source)


def model_tuples(doc: Document) -> tuple:
    """The model positionally but for its articles, which article_tuples makes: each record
    the tuple of its stored fields, in their declared order, lists and tuples as tuples, the
    rest as it is (strings, numbers, None); the articles' field empty."""
    return _tuple_writer(Document)(doc)


def article_tuples(doc: Document) -> Iterator[tuple]:
    """Each article of the model positionally, as model_tuples writes a record, made as it is
    asked for: every article's, made at once, were held beside the model they are made of."""
    return map(_tuple_writer(Article), doc.articles)


def article_from_tuple(value: tuple) -> Article:
    """The Article article_tuples made `value` of; raises TypeError or ValueError on a value of
    another shape. A kept model's articles are made with it as each piece of them is read: the
    tuples of all of them, held until the model was made, were 2.8 MB of a 5 MB document's."""
    return _tuple_reader(Article)(value)


def document_from_tuples(value: tuple, source: Source) -> Document:
    """The Document model_tuples was made from, its articles' tuples in their field (`source`
    where the bytes are now). Raises
    TypeError or ValueError on a value of another shape, as document_from_record does."""
    return _tuple_reader(Document)(value, source)


def valid_model(value) -> bool:
    """Has `value` the shape of a model_record, every field of the type it is read as?"""
    return valid(Document, value)


def record(value) -> dict:
    """Any record of the model (an Item, a Signatory…) as its JSON record."""
    return _writer(type(value))(value)


def read(cls, value):
    """The record of this class (not a Document) that `record` wrote as `value`; raises
    KeyError, TypeError or ValueError on a value of another shape."""
    return _reader(cls)(value)


def valid(cls, value) -> bool:
    """Has `value` the shape of a JSON record of this class, every field of the type it is
    read as?"""
    read = _reader(cls)
    try:
        read(value, None) if cls is Document else read(value)
    except (KeyError, TypeError, ValueError):
        return False
    return True


def fields(value, **given) -> dict:
    """A record's stored fields as JSON, in order, with the values `given` in place of some
    (`show --json` puts units, with their refs, in place of paragraphs)."""
    return {
        f.json: given[f.name] if f.name in given else _convert(_writer(f.kind), getattr(value, f.name))
        for f in stored(type(value)._shape)
    }


def layout_record(layout) -> dict:
    """The layout step's decisions, by name (model.Layout says what each means): the record
    under the document's `layout_decisions`, without the name it gives as `layout`."""
    return _writer(type(layout), _lifted(Document, "decisions"))(layout)


def _lifted(cls, name: str) -> tuple[str, ...]:
    return tuple(f.lift[0] for f in cls._shape if f.name == name and f.lift)


def _convert(write, value):
    return value if write is None else write(value)


# -- derived from the declarations -----------------------------------------------------------

_WRITERS: dict = {}
_READERS: dict = {}


def _writer(kind, omit: tuple[str, ...] = ()):
    """A function from a model value of this kind to its JSON value; None where they are the same."""
    if isinstance(kind, tuple):
        return _wrapped(kind[0], _writer(kind[1]), list)
    if not isinstance(kind, type):
        return None
    write = _WRITERS.get((kind, omit))
    if write is None:
        write = _WRITERS[kind, omit] = _record_writer(kind, omit)
    return write


def _wrapped(wrapper: str, inner, sequence):
    """The writer of an optional value, or of a list or tuple of values, whose values `inner`
    writes (None: as they are), a sequence written as `sequence` (list for JSON, tuple for the
    positional form)."""
    if wrapper == "optional":
        return None if inner is None else _optional(inner)
    return sequence if inner is None else lambda values: sequence(map(inner, values))


def _optional(convert):
    return lambda value: None if value is None else convert(value)


def _record_writer(cls, omit: tuple[str, ...]):
    if cls is Document:
        return _document_writer()
    fields = stored(cls._shape)
    first = [(f.json, f.compute) for f in cls._shape if f.kind is None]  # model.record puts them first
    kept = [(index, f) for index, f in enumerate(fields) if f.name not in omit]
    keys = tuple(f.json for _, f in kept)
    pick = itemgetter(*(index for index, _ in kept)) if omit else None
    converted = [(f.json, index, *_each(f.kind)) for index, f in kept if _writer(f.kind) is not None]

    def write(value):
        out = dict(zip(keys, pick(value) if pick else value, strict=True))
        for key, index, convert, many in converted:
            out[key] = list(map(convert, value[index])) if many else convert(value[index])
        return out

    if not first:
        return write

    def write_computed(value):
        out = {key: compute(value) for key, compute in first}
        out.update(write(value))
        return out

    return write_computed


def _document_writer():
    entries = []
    for f in Document._shape:
        if f.kind is None:
            entries.append((f.json, f.compute))
            continue
        get = attrgetter(f.name)
        if f.lift:
            entries.append((f.lift[1], attrgetter(f"{f.name}.{f.lift[0]}")))
        write = _writer(f.kind, f.lift[:1] if f.lift else ())
        entries.append((f.json, get if write is None else _then(get, write)))
    return lambda doc: {key: get(doc) for key, get in entries}


def _each(kind) -> tuple:
    """(writer, many): a list or tuple of records is written record by record (saving a call)."""
    if isinstance(kind, tuple) and kind[0] != "optional" and isinstance(kind[1], type):
        return _writer(kind[1]), True
    return _writer(kind), False


def _then(get, write):
    return lambda value: write(get(value))


class _Shape(ValueError):
    """A JSON value of another shape than the declaration's."""


_RIGHT = {
    SOURCE: lambda value: isinstance(value, str),
    TEXT: lambda value: isinstance(value, str),
    INT: lambda value: isinstance(value, int) and not isinstance(value, bool),
    BOOL: lambda value: isinstance(value, bool),
}


def _reader(kind):
    """A function from a JSON value to the model value of this kind, which raises ValueError
    (or KeyError, TypeError) on a value of another shape: reading a record checks it."""
    if kind in _RIGHT:
        right = _RIGHT[kind]
        return lambda value: value if right(value) else _wrong()
    wrapper, inner = kind if isinstance(kind, tuple) else (None, kind)
    if wrapper == "optional":
        read = _reader(inner)
        return _optional(read)
    if wrapper is not None:
        made = tuple if wrapper == "tuple" else list
        if inner in (SOURCE, TEXT):
            return lambda values: made(values) if _is_strings(values) else _wrong()
        read = _reader(inner)
        return lambda values: made(map(read, values)) if isinstance(values, list) else _wrong()
    found = _READERS.get(kind)
    if found is None:
        found = _READERS[kind] = _record_reader(kind)
    return found


def _record_reader(cls):
    """The record of this class in a JSON object, its fields checked as they are read: those
    of a kind that needs no conversion in place, the others by their kind's reader."""
    fields = stored(cls._shape)
    keys = [f.json for f in fields]
    values = itemgetter(*keys) if len(keys) > 1 else lambda record: (record[keys[0]],)
    texts, checks, optional, converted = [], [], [], []
    for index, f in enumerate(fields):
        if f.kind in (SOURCE, TEXT):
            texts.append(index)
        elif f.kind in _RIGHT:
            checks.append((index, _RIGHT[f.kind]))
        elif isinstance(f.kind, tuple) and f.kind[0] == "optional" and f.kind[1] in _RIGHT:
            optional.append((index, _RIGHT[f.kind[1]]))
        else:
            converted.append((index, _reader(f.kind)))
    lifted = [(f.json, f.lift) for f in fields if f.lift]

    def read(record):
        if not isinstance(record, dict):
            raise _Shape(cls.__name__)
        for key, (name, owner_key) in lifted:  # the document's layout: its Layout's name
            record = {**record, key: {**record[key], name: record[owner_key]}}
        out = list(values(record))
        for index in texts:
            if not isinstance(out[index], str):
                raise _Shape(keys[index])
        for index, right in checks:
            if not right(out[index]):
                raise _Shape(keys[index])
        for index, right in optional:
            if out[index] is not None and not right(out[index]):
                raise _Shape(keys[index])
        for index, convert in converted:
            out[index] = convert(out[index])
        return out

    return _making(cls, fields, read)


def _making(cls, fields, read):
    """A reader of records of this class from `read`, which gives a record's checked fields;
    a Document's reader takes the Source too."""
    if cls is Document:
        names = [f.name for f in fields]

        def read_document(value, source):
            doc = Document.__new__(Document)
            doc.source = source
            for name, field_value in zip(names, read(value), strict=True):
                setattr(doc, name, field_value)
            return doc

        return read_document
    new = tuple.__new__
    return lambda value: new(cls, read(value))


def _wrong():
    raise _Shape("a value of another kind")


def _is_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# -- the positional form (model_tuples), derived from the declarations -------------------------

_TUPLE_WRITERS: dict = {}
_TUPLE_READERS: dict = {}
_EXACT = {SOURCE: str, TEXT: str, INT: int, BOOL: bool}  # marshal makes exact types


def _tuple_writer(kind):
    """A function from a model value of this kind to its positional form; None where they are
    the same (a string, a number)."""
    if isinstance(kind, tuple):
        return _wrapped(kind[0], _tuple_writer(kind[1]), tuple)
    if not isinstance(kind, type):
        return None
    write = _TUPLE_WRITERS.get(kind)
    if write is None:
        fields = stored(kind._shape)
        if kind is Document:
            write = _document_tuple_writer(fields)
        else:
            converted = [(index, w) for index, f in enumerate(fields) if (w := _tuple_writer(f.kind))]
            write = tuple if not converted else _converting(converted)
        _TUPLE_WRITERS[kind] = write
    return write


def _same(value):
    return value


def _document_tuple_writer(fields):
    get = attrgetter(*(f.name for f in fields))
    each = [_nothing if f.name == "articles" else _tuple_writer(f.kind) or _same for f in fields]
    return lambda doc: tuple(write(value) for write, value in zip(each, get(doc), strict=True))


def _nothing(value) -> tuple:
    return ()


def _converting(converted):
    def write(value):
        out = list(value)
        for index, convert in converted:
            out[index] = convert(out[index])
        return tuple(out)

    return write


def _tuple_reader(kind):
    """A function from a positional value to the model value of this kind, which raises
    ValueError on a value of another shape: reading a kept model checks it."""
    if kind in _EXACT:
        exact = _EXACT[kind]
        return lambda value: value if type(value) is exact else _wrong()
    wrapper, inner = kind if isinstance(kind, tuple) else (None, kind)
    if wrapper == "optional":
        read = _tuple_reader(inner)
        return _optional(read)
    if wrapper is not None:
        if inner in (SOURCE, TEXT):
            made = _same if wrapper == "tuple" else list
            return lambda values: made(values) if _all_strings(values) else _wrong()
        read = _tuple_reader(inner)
        made = tuple if wrapper == "tuple" else list
        return lambda values: made(map(read, values)) if type(values) is tuple else _wrong()
    found = _TUPLE_READERS.get(kind)
    if found is None:
        found = _TUPLE_READERS[kind] = _tuple_record_reader(kind)
    return found


def _tuple_record_reader(cls):
    """The record of this class in a tuple of its fields, each checked as it is read: strings
    and numbers where they stand, nested records and lists by their kind's reader."""
    fields = stored(cls._shape)
    size = len(fields)
    exact, optional, converted = [], [], []
    for index, f in enumerate(fields):
        if f.kind in _EXACT:
            exact.append((index, _EXACT[f.kind]))
        elif isinstance(f.kind, tuple) and f.kind[0] == "optional" and f.kind[1] in _EXACT:
            optional.append((index, _EXACT[f.kind[1]]))
        else:
            converted.append((index, _tuple_reader(f.kind)))

    def read(value):
        if type(value) is not tuple or len(value) != size:
            raise _Shape(cls.__name__)
        for index, kind in exact:
            if type(value[index]) is not kind:
                raise _Shape(fields[index].name)
        for index, kind in optional:
            if value[index] is not None and type(value[index]) is not kind:
                raise _Shape(fields[index].name)
        if converted:
            value = list(value)
            for index, convert in converted:
                value[index] = convert(value[index])
        return value

    return _making(cls, fields, read)


def _all_strings(values) -> bool:
    return type(values) is tuple and all(type(item) is str for item in values)
