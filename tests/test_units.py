"""The unit tree's lookups (units.UnitIndex) on a tree whose articles make their paragraphs
only when asked (units.ArticleUnit): the same answers as on a tree made whole first."""

import random

import pytest

from treatycli.loader import load_document
from treatycli.units import ArticleUnit, build_units

from .conftest import FIXTURES

DOCUMENTS = sorted(FIXTURES.glob("*.txt"))


def _parents_by_walking(root) -> dict[int, object]:
    """A unit's id -> its parent, by walking the tree made whole."""
    parents = {}
    for unit in root.walk():
        for child in unit.children:
            parents[id(child)] = unit
    return parents


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_units_parent_is_found_whatever_was_made_first(path):
    """Asked in random order, some articles' paragraphs made before the table of parents and
    some after: every unit's parent is the one a walk of the whole tree finds."""
    root = build_units(load_document(path))
    articles = [unit for unit in root.children if isinstance(unit, ArticleUnit)]
    chance = random.Random(path.name)
    for article in chance.sample(articles, len(articles) // 2):
        article.children  # made before the table  # noqa: B018
    index = root.index
    if articles:
        assert index.parent(articles[0]) is root  # the table is built now
    expected = _parents_by_walking(root)  # makes every other article's paragraphs
    units = [unit for unit in root.walk() if unit is not root]
    chance.shuffle(units)
    for unit in units:
        assert index.parent(unit) is expected[id(unit)], unit.ref


def test_an_article_is_made_only_when_its_paragraphs_are_asked_for():
    """Citing a paragraph of one article makes that article's paragraphs, no other's."""
    from treatycli.grammar.read import read_requests
    from treatycli.grammar.resolve import Finder, resolve_request
    from treatycli.grammar.write import CiteOptions, Writer

    root = build_units(load_document())  # the built-in treaty: article 4 has two paragraphs
    (request,) = read_requests(["4.2"])
    (unit,) = resolve_request(root, request, Finder(root))
    assert Writer(root, CiteOptions(None, "arabic", True, False)).cite([unit]).ref == "4.2"
    made = [article.ref for article in root.children if isinstance(article, ArticleUnit) and article.made]
    assert made == ["4"]


def test_showing_every_article_one_at_a_time_keeps_only_the_paragraphs_made_before():
    """show all writes an article at a time: the paragraphs made for it go once the next one
    is asked for, those made before (article 4's, by a citation) stay as they were."""
    from treatycli.units import one_at_a_time

    root = build_units(load_document())
    article = next(unit for unit in root.children if unit.ref == "4")
    before = article.children  # made before the walk
    seen = [(unit.ref, [leaf.ref for leaf in unit.leaves()]) for unit in one_at_a_time(root.children)]
    made = [article.ref for article in root.children if isinstance(article, ArticleUnit) and article.made]
    assert made == ["4"] and article.children is before
    # and each article showed its paragraphs, as a walk of the whole tree finds them
    assert seen == [
        (unit.ref, [leaf.ref for leaf in unit.leaves()]) for unit in build_units(load_document()).children
    ]
    assert ("4", ["4.1", "4.2"]) in seen


def test_a_forgotten_article_finds_its_new_children_by_key():
    """forget() lets an article's children go with the table child() keeps of them: the next
    lookup finds one of the children made again, not one let go."""
    root = build_units(load_document())
    article = next(unit for unit in root.children if unit.ref == "4")
    first = article.child("1"), article.child("2")  # the second lookup builds the table
    article.forget()
    assert not article.made
    found = article.child("2")
    assert any(found is child for child in article.children) and found is not first[1]


def test_an_article_units_label_is_made_from_its_article_when_asked_for():
    """An article's label (第4条 in the built-in treaty, as the README cites it; 第一百二十条之一
    for an inserted one, its own heading) is made when asked for, not held by each of a
    large document's article units; one given to the unit is kept."""
    from treatycli import units

    root = build_units(load_document())
    articles = [unit for unit in root.children if isinstance(unit, ArticleUnit)]
    assert [unit.label for unit in articles[:4]] == ["第1条", "第2条", "第3条", "第4条"]
    assert all(units._LABEL.__get__(unit) is None for unit in articles)
    inserted = build_units(load_document(FIXTURES / "zh-criminal-law-web.txt"))
    labels = [unit.label for unit in inserted.children if isinstance(unit, ArticleUnit)]
    assert "第一百二十条之一" in labels
    articles[3].label = "Article four"
    assert articles[3].label == "Article four" and articles[2].label == "第3条"


def _made(root) -> list[str]:
    return [unit.ref for unit in root.children if isinstance(unit, ArticleUnit) and unit.made]


@pytest.mark.parametrize("path", [None, *DOCUMENTS], ids=lambda p: p.name if p else "seed")
def test_the_units_of_a_kind_are_those_a_walk_of_the_whole_tree_finds(path):
    """of_kind, asked first on a tree whose articles are not made: for every kind, the units
    (the very objects) a walk of the whole tree finds, in its order; and articles and divisions
    are found without making any article's paragraphs."""
    root = build_units(load_document(path))
    index = root.index
    kinds = ["article", "division", "annex", "recital", "paragraph", "item", "article-title"]
    found = {kind: index.of_kind(kind) for kind in kinds[:4]}
    assert _made(root) == []
    found.update((kind, index.of_kind(kind)) for kind in kinds[4:])
    walked = [unit for unit in root.walk() if unit is not root]
    for kind in {unit.kind for unit in walked} | set(kinds):
        expected = [unit for unit in walked if unit.kind == kind]
        got = found.get(kind) or index.of_kind(kind)
        assert [id(unit) for unit in got] == [id(unit) for unit in expected], kind


@pytest.mark.parametrize("wide", [False, True], ids=["walked", "placed"])
@pytest.mark.parametrize("path", [None, *DOCUMENTS], ids=lambda p: p.name if p else "seed")
def test_a_range_is_the_units_of_its_kind_between_its_ends(path, wide, monkeypatch):
    """A range of two refs of one kind, in either order and on a fresh tree each time: the
    units of that kind a walk of the whole tree finds from the one to the other, or the error
    that it runs backwards, whether the parts between its ends are walked or it is found
    among every unit of its kind (`wide`: as a range wider than LOCAL_SPAN is); and a range
    within one article makes that article's paragraphs only."""
    from treatycli import units
    from treatycli.errors import ReferenceSyntaxError
    from treatycli.grammar.references import RangeReference, parse_reference, resolve

    if wide:
        monkeypatch.setattr(units, "LOCAL_SPAN", -1)
    document = load_document(path)
    walked = [unit for unit in build_units(document).walk()][1:]
    by_kind: dict[str, list[str]] = {}
    for unit in walked:
        by_kind.setdefault(unit.kind, []).append(unit.ref)
    chance = random.Random(f"ranges {path}")
    pairs = []
    for kind, refs in sorted(by_kind.items()):
        if len(set(refs)) < len(refs):
            continue  # a ref two units share (damaged numbering) names the first: not a range's end
        pairs += [(kind, refs, chance.choice(refs), chance.choice(refs)) for _ in range(12)]
    articles = [unit for unit in walked if unit.kind == "article" and len(unit.children) > 1]
    if "paragraph" in by_kind and len(set(by_kind["paragraph"])) == len(by_kind["paragraph"]):
        for article in chance.sample(articles, min(len(articles), 3)):  # within one article
            ends = [child.ref for child in article.children if child.kind == "paragraph"]
            pairs.append(("paragraph", by_kind["paragraph"], ends[0], ends[-1]))
    made_one = False
    for kind, refs, first, last in pairs:
        root = build_units(document)
        wanted = RangeReference(parse_reference(first), parse_reference(last))
        if refs.index(last) < refs.index(first):
            with pytest.raises(ReferenceSyntaxError, match="runs backwards"):
                resolve(root, wanted)
            continue
        got = [unit.ref for unit in resolve(root, wanted)]
        assert got == refs[refs.index(first) : refs.index(last) + 1], (first, last)
        article = first.split(".")[0]
        if kind == "paragraph" and article == last.split(".")[0] and article[:1].isdigit() and not wide:
            assert _made(root) == [article]
            made_one = True
    assert made_one or wide or not articles or "paragraph" not in by_kind
