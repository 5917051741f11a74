"""The UN's other languages (issue 20): French, Spanish, Russian and Arabic texts of the BBNJ
Agreement (tests/SOURCES.md) read into the same model, cited and searched in their own words.

Expected values are read off the fixtures."""

import pytest

from treatycli.loader import load_document

from .conftest import FIXTURES

FR, ES, RU, AR = (
    FIXTURES / name for name in ("fr-bbnj.pdftext.txt", "es-bbnj.txt", "ru-bbnj.txt", "ar-bbnj.ocr.txt")
)


@pytest.mark.parametrize(
    "path, language, script, keys, parts",
    [
        (FR, "fr", "latn", ["1", "2", "3", "4", "5", "7", "9"], ["part1", "part2"]),
        (ES, "es", "latn", ["1", "2", "3", "5", "7", "9"], ["part1", "part2"]),
        (RU, "ru", "cyrl", ["1", "2", "3", "7", "8", "9"], ["part1", "part2"]),
        (AR, "ar", "arab", ["1", "2", "3", "5", "6", "10"], []),
    ],
)
def test_each_language_reads_its_articles_and_parts(path, language, script, keys, parts):
    doc = load_document(path)
    assert (doc.language, doc.decisions.script) == (language, script)
    assert [a.key for a in doc.articles] == keys
    # the OCR text spells 第一部分's word الجزع for الجزء: no part is read there
    assert [d.ref for d in doc.divisions] == parts


def test_french_article_premier_and_its_formula():
    doc = load_document(FR)
    first = doc.article(1)
    assert (first.heading, first.title) == ("Article premier", "Emploi des termes")
    assert doc.preamble.formula == "Sont convenues de ce qui suit :"
    assert doc.preamble.parties == "Les Parties au présent Accord,"
    # a caption wrapped over four lines, then paragraph 1. on a line of its own
    assert doc.article(5).title.startswith("Relation entre le présent Accord et la Convention,")
    assert [p.text[:2] for p in doc.article(5).paragraphs] == ["1.", "2.", "3."]
    assert [i.label for i in doc.article(7).paragraphs[0].items] == ["a)", "b)", "c)"]


def test_french_article_1er_is_article_1(tmp_path):
    doc = tmp_path / "traite.txt"
    doc.write_text(
        "TRAITÉ\n\nArticle 1er\nObjet\nLes Parties coopèrent.\n\nArticle 2\nLes Parties se consultent.\n",
        encoding="utf-8",
    )
    first = load_document(doc).article(1)
    assert (first.heading, first.title, first.paragraphs[0].text) == (
        "Article 1er",
        "Objet",
        "Les Parties coopèrent.",
    )


def test_words_before_printed_paragraphs_are_paragraph_zero():
    # Статья 1: "Для целей настоящего Соглашения:" then 1. and 2.: 1.2 is the paragraph printed 2.
    doc = load_document(RU)
    assert [(p.number, p.text[:2]) for p in doc.article(1).paragraphs] == [(0, "Уп"), (1, "1."), (2, "2.")]


def test_long_capitalised_part_titles_are_titles():
    doc = load_document(ES)
    assert doc.divisions[1].title == (
        "RECURSOS GENÉTICOS MARINOS, INCLUIDA LA PARTICIPACIÓN JUSTA Y EQUITATIVA EN LOS BENEFICIOS"
    )
    assert doc.unassigned == []


@pytest.mark.parametrize(
    "path, reference, refs",
    [
        (FR, "article premier", None), (FR, "art. 5, paragraphe 2", ["5.2"]), (FR, "paragraphe 3 de l'article 5", ["5.3"]),
        (FR, "partie II", ["9.title", "9.1", "9.1.1"]),
        (ES, "artículo 5(2)", ["5.2"]), (ES, "párrafo 3 del artículo 5", ["5.3"]), (ES, "articulos 2 a 3", ["2.1", "3.1"]),
        (RU, "статья 8", ["8.title", "8.1", "8.2"]), (RU, "ст. 8(2)", ["8.2"]), (RU, "Статья 1, пункт 2", ["1.2"]),
        (AR, "المادة 3", ["3.1"]),
        # the Arabic comma is a comma, as in art. 5, paragraph 2: one paragraph, not a list
        (AR, "المادة 6، الفقرة 2", ["6.2"]),
        # و joins a list, on its own or on the number it joins; المادتان names two articles
        (AR, "المواد 1 و 3", ["1.1", "3.1"]), (AR, "المادتان 1 و2", ["1.1", "2.1"]),
        # a paragraph before the article it lies in: من (of), or the article's word in the genitive
        (AR, "الفقرة 2 من المادة 6", ["6.2"]), (RU, "пункт 2 статьи 8", ["8.2"]),
        (FR, "art. 1er", None), (FR, "article 1er", None),
    ],
)  # fmt: skip
def test_references_in_each_language(cli, path, reference, refs):
    shown = cli("--doc", str(path), "show", reference)
    if refs is None:  # article premier: the whole of article 1
        refs = [line.split("\t")[0] for line in cli("--doc", str(path), "show", "1").lines]
    assert (shown.code, [line.split("\t")[0] for line in shown.lines]) == (0, refs)


@pytest.mark.parametrize(
    "name, divisions, last_paragraph",
    [
        ("ru-parts.txt", [("part1", "ЧАСТЬ ПЕРВАЯ", "ОБЩИЕ ПОЛОЖЕНИЯ"), ("part2", "ЧАСТЬ ВТОРАЯ", "ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ")],
         "2. Стороны обмениваются информацией."),
        ("fr-chapters.txt", [("chapter1", "CHAPITRE PREMIER", "DISPOSITIONS GÉNÉRALES"),
                             ("chapter2", "CHAPITRE DEUXIÈME", "DISPOSITIONS FINALES")],
         "2. Les Parties échangent des informations."),
        ("es-parts.txt", [("part1", "PARTE PRIMERA", "DISPOSICIONES GENERALES"), ("part2", "PARTE SEGUNDA", "DISPOSICIONES FINALES")],
         "2. Las Partes intercambian información."),
    ],
)  # fmt: skip
def test_division_headings_numbered_in_words_are_divisions(cli, name, divisions, last_paragraph):
    # each fixture: two divisions numbered in ordinal words, articles 1 and 2 in the first, 3 in the second
    doc = load_document(FIXTURES / name)
    assert [(d.ref, d.heading, d.title) for d in doc.divisions] == divisions
    assert [a.division for a in doc.articles] == [divisions[0][0], divisions[0][0], divisions[1][0]]
    assert not [r for r in doc.preamble.recitals if divisions[0][1] in r]  # not the preamble's text
    assert doc.article(2).paragraphs[-1].text == last_paragraph  # nor glued to an article's
    cited = cli("--doc", str(FIXTURES / name), "cite", "--style", "short", divisions[1][0])
    assert cited.out.strip() == divisions[1][1].capitalize()  # Часть вторая: the heading, in lower case
    assert (
        cli("--doc", str(FIXTURES / name), "show", cited.out.strip()).lines
        == cli("--doc", str(FIXTURES / name), "show", "3").lines
    )


def test_a_part_numbered_in_words_is_cited_as_its_heading_and_read_back(cli):
    # ar-parts.txt: الجزء الأول holds articles 1 and 2, الجزء الثاني article 3
    doc = str(FIXTURES / "ar-parts.txt")
    citation = cli("--doc", doc, "cite", "part1")
    assert (citation.code, citation.out.strip()) == (0, "اتفاق الصداقة والتعاون, الجزء الأول")
    for reference in (citation.out.strip(), "الجزء الأول"):
        shown = cli("--doc", doc, "show", reference)
        assert (shown.code, [line.split("\t")[0] for line in shown.lines]) == (
            0,
            ["1.title", "1.1", "2.title", "2.1", "2.2"],
        )
    assert [line.split("\t")[0] for line in cli("--doc", doc, "show", "الجزء الثاني").lines] == [
        "3.title",
        "3.1",
    ]


@pytest.mark.parametrize("refs, citation", [("2,3", "المواد 2 و 3"), ("6.1,6.2", "المادة 6(1) و (2)")])
def test_arabic_lists_are_joined_with_wa_and_read_back(cli, refs, citation):
    cited = cli("--doc", str(AR), "cite", "--style", "short", refs)
    assert (cited.code, cited.out.strip()) == (0, citation)
    assert [line.split("\t")[0] for line in cli("--doc", str(AR), "show", citation).lines] == [
        f"{ref}.1" if "." not in ref else ref for ref in refs.split(",")
    ]


@pytest.mark.parametrize(
    "name, citation",
    [
        ("fr-chapters.txt", "art. 2, titre"),
        ("es-parts.txt", "art. 2, título"),
        ("ru-parts.txt", "ст. 2, название"),
        ("ar-parts.txt", "المادة 2, العنوان"),
    ],
)
def test_an_article_s_title_is_cited_in_the_document_s_language(cli, name, citation):
    doc = str(FIXTURES / name)
    cited = cli("--doc", doc, "cite", "--style", "short", "2.title")
    assert (cited.code, cited.out.strip()) == (0, citation)
    assert cli("--doc", doc, "show", citation).lines == [
        f"2.title\t{load_document(FIXTURES / name).article(2).title}"
    ]


@pytest.mark.parametrize("path, pinpoint", [(ES, ", art. 5(2)"), (RU, ", ст. 5(2)"), (FR, ", art. 5(2)")])
def test_citations_in_the_documents_words_read_back(cli, path, pinpoint):
    doc = str(path)
    key = "8.2" if path == RU else "5.2"
    citation = cli("--doc", doc, "cite", key).out.strip()
    assert citation.endswith(pinpoint.replace("5", key[0]))
    assert cli("--doc", doc, "show", citation).lines[0].split("\t")[0] == key


def test_search_folds_accents_with_case(cli):
    doc = str(FR)
    # coopération, written without its accent and in capitals
    assert [line.split("\t")[0] for line in cli("--doc", doc, "grep", "-i", "COOPERATION").lines] == ["2.1"]
    assert cli("--doc", doc, "grep", "cooperation").code == 1  # without -i the accent counts


def test_word_search_by_unicode_word_boundaries(cli):
    doc = str(RU)
    # Сторон is not a word of this text; Стороны is, at the start of 8.1 and 8.2
    assert cli("--doc", doc, "grep", "-w", "Сторон").code == 1
    assert [line.split("\t")[0] for line in cli("--doc", doc, "grep", "-w", "-c", "Стороны").lines][:1] != []
    found = [line.split("\t")[0] for line in cli("--doc", doc, "grep", "-w", "Стороны").lines]
    assert "8.1" in found and "8.2" in found


# -- side by side ---------------------------------------------------------------------------------


def test_parallel_aligns_units_by_reference_and_says_what_one_version_lacks(cli):
    args = ["--doc", str(ES), "--doc", str(RU), "show", "3", "8", "--parallel"]
    es, ru = load_document(ES), load_document(RU)
    # the Spanish excerpt has no article 8, the Russian one both
    assert cli(*args).lines == [
        f"3.1\tes-bbnj\t{es.article(3).paragraphs[0].text}",
        f"3.1\tru-bbnj\t{ru.article(3).paragraphs[0].text}",
        "8.title\tes-bbnj\t[missing]",
        f"8.title\tru-bbnj\t{ru.article(8).title}",
        "8.1\tes-bbnj\t[missing]",
        f"8.1\tru-bbnj\t{ru.article(8).paragraphs[0].text}",
        "8.2\tes-bbnj\t[missing]",
        f"8.2\tru-bbnj\t{ru.article(8).paragraphs[1].text}",
    ]
    records = cli(*args, "--json").json
    assert records[1] == {
        "ref": "8.title",
        "kind": "article-title",
        "texts": {"es-bbnj": None, "ru-bbnj": ru.article(8).title},
    }
    table = cli(*args, "--markdown").lines
    assert table[:2] == ["| ref | es-bbnj | ru-bbnj |", "|---|---|---|"]
    assert table[3] == f"| 8.title | *[missing]* | {ru.article(8).title} |"


def test_parallel_needs_two_documents_and_a_reference_one_of_them_has(cli):
    one = cli("--doc", str(ES), "show", "3", "--parallel")
    assert (one.code, one.out) == (2, "") and "two or more" in one.err
    nowhere = cli("--doc", str(ES), "--doc", str(RU), "show", "60", "--parallel")
    assert (nowhere.code, nowhere.out) == (2, "") and "no article 60" in nowhere.err
    alone = cli("--doc", str(ES), "show", "3", "--markdown")
    assert (alone.code, alone.out) == (2, "") and "--parallel" in alone.err


def _articles_in(path) -> dict[str, list[str]]:
    """The article numbers a fixture's headings give (Artículo 5, Статья 8), read off the text."""
    import re

    text = path.read_text(encoding="utf-8")
    return re.findall(r"^(?:Artículo|Статья) (\d+)$", text, flags=re.MULTILINE)


def _rows(lines):
    """(ref, document, missing?) of each line of `show --parallel`."""
    return [(ref, doc, text == "[missing]") for ref, doc, text in (line.split("\t") for line in lines)]


@pytest.mark.parametrize("reference", ["1,8", "5-8", "7-9", "3-5"])
def test_a_list_or_range_is_missing_only_where_a_version_lacks_its_units(cli, reference):
    """Each article of a list, each article of a range, is found in each version alone: the
    Spanish excerpt has 1, 3, 5 and 7 but no 8, the Russian one 1, 3, 7 and 8 but no 5."""
    has = {"es-bbnj": _articles_in(ES), "ru-bbnj": _articles_in(RU)}
    assert "8" not in has["es-bbnj"] and "5" not in has["ru-bbnj"]
    if "-" in reference:
        low, high = map(int, reference.split("-"))
        wanted = {str(n) for n in range(low, high + 1)}
    else:
        wanted = set(reference.split(","))
    rows = _rows(cli("--doc", str(ES), "--doc", str(RU), "show", reference, "--parallel").lines)
    articles = [ref.split(".")[0] for ref, _, _ in rows]
    assert set(articles) == wanted & (set(has["es-bbnj"]) | set(has["ru-bbnj"]))
    assert articles == sorted(articles, key=int)  # 8, which only the second has, after 7
    for ref, doc, missing in rows:  # an excerpt may lack a paragraph too, not only articles
        assert missing or ref.split(".")[0] in has[doc], (ref, doc)
    shown = {(ref.split(".")[0], doc) for ref, doc, missing in rows if not missing}
    assert shown == {(article, doc) for doc in has for article in has[doc] if article in wanted}


def test_a_reference_no_version_has_is_an_error_beside_one_they_have(cli):
    done = cli("--doc", str(ES), "--doc", str(RU), "show", "99", "3", "--parallel")
    assert (done.code, done.out) == (2, "")
    assert "es-bbnj: no article 99" in done.err and "ru-bbnj: no article 99" in done.err


def test_references_qualified_by_a_document_of_the_run_show_in_every_one(cli):
    """What grep prints across documents (es-bbnj:3) is read as the unit to set side by side."""
    plain = cli("--doc", str(ES), "--doc", str(RU), "show", "3", "--parallel")
    qualified = cli("--doc", str(ES), "--doc", str(RU), "show", "es-bbnj:3", "ru-bbnj:3", "--parallel")
    assert (qualified.code, qualified.lines) == (0, plain.lines) and plain.lines
    other = cli("--doc", str(ES), "--doc", str(RU), "show", "zh-statute:1", "--parallel")
    assert (other.code, other.out) == (2, "") and "'zh-statute' is not one of the documents" in other.err


def test_a_citation_with_one_versions_title_names_them_all_and_one_with_none_is_an_error(cli):
    es = load_document(ES)
    cited = cli("--doc", str(ES), "--doc", str(RU), "show", f"{es.title}, art. 3", "--parallel")
    assert [(ref, doc) for ref, doc, missing in _rows(cited.lines) if not missing] == [
        ("3.1", "es-bbnj"),
        ("3.1", "ru-bbnj"),
    ]
    wrong = cli("--doc", str(ES), "--doc", str(RU), "show", "Tratado de Nada, art. 3", "--parallel")
    assert (wrong.code, wrong.out) == (2, "") and "none of the documents read" in wrong.err


def test_an_article_with_no_text_is_shown_empty_not_dropped(cli, tmp_path):
    text = "TREATY OF FRIENDSHIP\n\nArticle 1\n\nArticle 2\nThe Parties shall cooperate.\n"
    for name in ("c.txt", "d.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    c, d = str(tmp_path / "c.txt"), str(tmp_path / "d.txt")
    assert cli("--doc", c, "show", "1").lines == ["1\t"]
    both = cli("--doc", c, "--doc", d, "show", "1-2", "--parallel")
    assert (both.code, both.lines) == (
        0,
        ["1\tc\t", "1\td\t", "2.1\tc\tThe Parties shall cooperate.", "2.1\td\tThe Parties shall cooperate."],
    )
    assert cli("--doc", c, "--doc", d, "show", "1", "--parallel", "--json").json[0]["texts"] == {
        "c": "",
        "d": "",
    }
    both = cli("--doc", c, "--doc", d, "show", "1", "--parallel", "--json", "--markdown")
    assert (both.code, both.out) == (2, "")


def test_the_parallel_markdown_table_escapes_text_as_the_export_does(cli, tmp_path):
    text = "TREATY\n\nArticle 1\nA *star* and a_name <b> | bar\n"
    for name in ("c.txt", "d.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = cli(
        "--doc",
        str(tmp_path / "c.txt"),
        "--doc",
        str(tmp_path / "d.txt"),
        "show",
        "1",
        "--parallel",
        "--markdown",
    )
    cell = r"A \*star\* and a\_name \<b\> \| bar"
    assert table.lines[2] == f"| 1.1 | {cell} | {cell} |"


_EN = """TREATY OF FRIENDSHIP

Article 1
The Parties shall cooperate.

Article 2
First paragraph.

Article 3
Three.

Article 4
Four.

Article 5
Five.
"""
_FR = """TRAITÉ D'AMITIÉ

Article premier
Les Parties coopèrent.

Article 2
Premier alinéa.

Article 2 bis
Article inséré.

Article 3
Trois.

Article 6
Six.
"""


@pytest.fixture
def versions(tmp_path):
    (tmp_path / "en.txt").write_text(_EN, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(_FR, encoding="utf-8")
    return ["--doc", str(tmp_path / "en.txt"), "--doc", str(tmp_path / "fr.txt")]


@pytest.mark.parametrize(
    "references, articles",
    [
        (["2bis-3"], ["2bis", "3"]),  # the English lacks 2 bis, the French has both ends
        (["2-2bis"], ["2", "2bis"]),
        (["4-6"], ["4", "5", "6"]),  # the French 6, which the English lacks, after its 4 and 5
        (["all"], ["1", "2", "2bis", "3", "4", "5", "6"]),
        (["6", "4"], ["6", "4"]),  # references in the order asked
    ],
)
def test_parallel_ranges_with_inserted_articles_and_the_order_of_units(cli, versions, references, articles):
    done = cli(*versions, "show", *references, "--parallel")
    rows = _rows(done.lines)
    shown = [ref.split(".")[0] for ref, _, _ in rows]
    assert list(dict.fromkeys(key for key in shown if key[0].isdigit())) == articles
    has = {"en": {"1", "2", "3", "4", "5"}, "fr": {"1", "2", "2bis", "3", "6"}}
    for ref, doc, missing in rows:
        if ref[0].isdigit():
            assert missing == (ref.split(".")[0] not in has[doc]), (ref, doc)


def test_articles_another_version_adds_stand_among_the_articles_not_before_the_preamble(cli, tmp_path):
    (tmp_path / "x.txt").write_text(
        "TREATY X\n\nThe Parties,\n\nHave agreed as follows:\n\nArticle 1\nOne x.\n\nArticle 3\nThree x.\n\n"
        "Article 5\nFive x.\n\nDONE at Paris.\n\nANNEX I\nAnnex text x.\n",
        encoding="utf-8",
    )
    (tmp_path / "y.txt").write_text(
        "TREATY Y\n\nArticle 2\nTwo y.\n\nArticle 3\nThree y.\n\nArticle 3 bis\nThreebis y.\n\n"
        "Article 6\nSix y.\n\nANNEX I\nAnnex text y.\n",
        encoding="utf-8",
    )
    for first, second in (("x", "y"), ("y", "x")):
        done = cli(
            "--doc",
            str(tmp_path / f"{first}.txt"),
            "--doc",
            str(tmp_path / f"{second}.txt"),
            "show",
            "all",
            "--parallel",
        )
        heads = list(dict.fromkeys(line.split("\t")[0].split(".")[0] for line in done.lines))
        articles = ["1", "2", "3", "3bis", "5", "6"]
        assert heads[heads.index("1") : heads.index("1") + len(articles)] == articles, (first, heads)
        assert heads.index("annex1") > heads.index("6") and heads.index("title") < heads.index("1")
        if "preamble" in heads:
            assert heads.index("preamble") < heads.index("1"), (first, heads)


def test_the_language_is_told_from_the_first_characters_however_long_a_line():
    """A text of one long line is told by its first LANGUAGE_SAMPLE characters, as one of many
    lines is: counting every character of a 5 MB line made a string of each (130 MiB)."""
    from treatycli.loader.layout import LANGUAGE_SAMPLE, text_language
    from treatycli.loader.lines import split_lines

    english = "the parties of the treaty " * (LANGUAGE_SAMPLE // 26 + 1)
    russian = "Стороны договора " * (2 * LANGUAGE_SAMPLE // 17)
    told = [
        text_language(split_lines(text))
        for text in (english + russian, f"{english}\n{russian}", russian + english)
    ]
    assert told == ["en", "en", "ru"]
