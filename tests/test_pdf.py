"""PDF input (issue 20): a PDF's text layer read as its text would be, the page each article
stands on kept, and a text layer that would read as garbage refused.

The PDFs are written here by tools/make_pdf.py from the fixtures, so every expected value is
read off a fixture and the lines per page the test chose."""

import importlib.util

import pytest

from treatycli.loader import load_document

from .conftest import FIXTURES, ROOT


def _make_pdf():
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pdf_bytes


pdf_bytes = _make_pdf()
TREATY = FIXTURES / "en-treaty.txt"
LINES_PER_PAGE = 12


def _pdf(tmp_path, lines: list[str], name="treaty.pdf", **options):
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    path = tmp_path / name
    path.write_bytes(pdf_bytes(pages, **options))
    return path


def test_a_pdf_reads_as_its_text_does_with_the_page_of_each_article(cli, tmp_path):
    lines = TREATY.read_text(encoding="utf-8").splitlines()
    path = _pdf(tmp_path, lines)
    text, pdf = load_document(TREATY), load_document(path)
    assert pdf.source.encoding == "pdf"
    assert [a.key for a in pdf.articles] == [a.key for a in text.articles]
    assert [[p.text for p in a.paragraphs] for a in pdf.articles] == [
        [p.text for p in a.paragraphs] for a in text.articles
    ]
    # the page of each heading: its line in the fixture, LINES_PER_PAGE lines a page
    pages = {
        line.strip(): n // LINES_PER_PAGE + 1 for n, line in enumerate(lines) if line.startswith("Article ")
    }
    records = cli("--doc", str(path), "show", "1-3", "--json").json
    assert [(r["ref"], r["page"]) for r in records] == [(a.key, pages[a.heading]) for a in text.articles]
    assert all(a.page is None for a in text.articles)  # a text file has no pages


def test_a_pdf_whose_fonts_have_no_unicode_map_is_refused(cli, tmp_path):
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines(), broken=True)
    result = cli("--doc", str(path), "list")
    assert (result.code, result.out) == (2, "")
    assert "text layer is broken" in result.err and result.err.count("\n") == 1


def test_a_pdf_without_text_and_one_that_is_no_pdf_are_refused(cli, tmp_path):
    scan = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines(), name="scan.pdf", scan=True)
    result = cli("--doc", str(scan), "list")
    assert (result.code, result.out) == (2, "") and "no text layer (a scan?): run OCR" in result.err
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4\nthis is not a PDF\n")
    result = cli("--doc", str(fake), "list")
    assert (result.code, result.out) == (2, "") and "cannot read it as a PDF" in result.err


def _refusal(cli, path) -> str:
    """The one line of stderr that refuses `path`, its name and the tool's taken off."""
    result = cli("--doc", str(path), "list")
    assert (result.code, result.out, result.err.count("\n")) == (2, "", 1)
    prefix = f"treatycli: {path}: "
    assert result.err.startswith(prefix)
    return result.err[len(prefix) : -1]


@pytest.mark.parametrize("pages", [0, 1, 3])
def test_a_pdf_without_pages_or_with_blank_pages_says_so(cli, tmp_path, pages):
    path = tmp_path / "blank.pdf"
    path.write_bytes(pdf_bytes([[] for _ in range(pages)]))
    said = {0: "the PDF has no pages", 1: "its page is blank", 3: f"its {pages} pages are blank"}[pages]
    message = _refusal(cli, path)
    assert said in message and "scan" not in message and "give" in message


def test_a_password_protected_pdf_says_so_and_how_to_read_it(cli, tmp_path):
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines(), locked=True)
    message = _refusal(cli, path)
    assert message.startswith("the PDF is password-protected: ") and "give its text" in message


def test_each_pdf_of_a_folder_is_refused_for_its_own_fault(cli, tmp_path, monkeypatch):
    # PDFium keeps its last error: a PDF it refuses without one must not get the one before
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    folder = tmp_path / "folder"
    folder.mkdir()
    locked = _pdf(folder, TREATY.read_text(encoding="utf-8").splitlines(), name="a-locked.pdf", locked=True)
    empty = folder / "b-empty.pdf"
    empty.write_bytes(pdf_bytes([]))
    result = cli("library", "add", str(folder))
    assert result.code == 2 and result.err.splitlines()[:2] == [
        f"treatycli: {locked}: {_refusal(cli, locked)}",
        f"treatycli: {empty}: {_refusal(cli, empty)}",
    ]
    assert "password" in result.err.splitlines()[0] and "no pages" in result.err.splitlines()[1]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "page"])
def test_what_pdfium_says_of_a_pdf_it_cannot_read_is_one_clause(cli, tmp_path, damage):
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    data = path.read_bytes()
    path.write_bytes(
        {
            "truncated": data[: len(data) // 2],
            "garbage": b"%PDF-1.4\n" + bytes(100),
            "page": _damaged(data, 1),
        }[damage]
    )
    message = _refusal(cli, path)
    reason = message.removeprefix("cannot read it as a PDF (").removesuffix("): give its text instead")
    assert reason not in (message, "") and "(" not in reason and not reason.endswith(".")


def test_library_add_reads_a_pdf(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines(), name="arcadia.pdf")
    assert cli("library", "add", str(path)).code == 0
    shown = cli("show", "arcadia:2.2")
    assert (shown.code, shown.lines) == (
        0,
        [f"arcadia:2.2\t{load_document(TREATY).article(2).paragraphs[1].text}"],
    )


@pytest.mark.parametrize("limit", ["100", "1K"])
def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read(cli, tmp_path, limit):
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    result = cli("--max-size", limit, "--doc", str(path), "list")
    assert (result.code, result.out) == (2, "") and "limit" in result.err


def test_a_pdfs_model_is_kept_and_read_back_as_it_was_read(tmp_path, monkeypatch):
    from treatycli import snapshot

    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    read = load_document(path)
    kept = snapshot.load(path.read_bytes(), str(path), None)
    assert kept is not None and kept.source.encoding == "pdf"
    assert [(a.key, a.page, [p.text for p in a.paragraphs]) for a in kept.articles] == [
        (a.key, a.page, [p.text for p in a.paragraphs]) for a in read.articles
    ]


def _damaged(data: bytes, page: int) -> bytes:
    """The PDF with the object of its `page`-th page (from 1) zeroed: what a bad sector or a
    broken download leaves; PDFium opens the file and fails on that page."""
    at = -1
    for _ in range(page):
        at = data.index(b"/Type /Page ", at + 1)
    end = data.index(b"endobj\n", at) + len(b"endobj\n")
    start = data.rindex(b"endobj\n", 0, at) + len(b"endobj\n")  # the object before it ends here
    return data[:start] + bytes(end - start) + data[end:]


def test_a_pdf_with_a_damaged_page_is_refused_in_one_line(cli, tmp_path):
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    path.write_bytes(_damaged(path.read_bytes(), 2))
    result = cli("--doc", str(path), "list")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"treatycli: {path}: cannot read it as a PDF (")
    assert result.err.count("\n") == 1
    assert "give its text" in result.err and "internal error" not in result.err


def test_library_add_and_update_name_a_damaged_pdf_and_go_on(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    lines = TREATY.read_text(encoding="utf-8").splitlines()
    folder = tmp_path / "folder"
    folder.mkdir()
    good, bad = _pdf(folder, lines, name="good.pdf"), _pdf(folder, lines[:-1], name="bad.pdf")
    bad.write_bytes(_damaged(bad.read_bytes(), 1))
    added = cli("library", "add", str(folder))
    assert (added.code, added.lines) == (2, [f"added\tgood\t{good}"])
    errors = added.err.splitlines()
    assert len(errors) == 2 and errors[0].startswith(f"treatycli: {bad}: cannot read it as a PDF (")
    assert errors[1].startswith("treatycli: 1 of 2 files could not be added")
    # update: the file of one document damaged, the other's changed; the other is still read again
    other = _pdf(folder, lines, name="other.pdf")
    assert cli("library", "add", str(other)).code == 0
    good.write_bytes(_damaged(good.read_bytes(), 1))
    _pdf(folder, lines[: len(lines) // 2], name="other.pdf")
    updated = cli("library", "update")
    assert (updated.code, updated.lines) == (2, [f"updated\tother\t{other}"])
    assert f"good: {good}: cannot read it as a PDF" in updated.err


def test_an_encoding_named_for_a_pdf_is_refused_not_ignored(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    for args in (["--doc", str(path), "list"], ["library", "add", str(path)]):
        result = cli("--encoding", "gbk", *args)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith(f"treatycli: {path} is a PDF, and --encoding gbk applies to text files")
    assert cli("library", "list").code == 1  # nothing was added


def test_a_pdfs_text_counts_against_max_size(cli, tmp_path, monkeypatch):
    # one page of the treaty many times over: PDF streams are compressed, so the text read is
    # many times the file, which --max-size let through
    monkeypatch.setenv("TREATYCLI_LIBRARY", str(tmp_path / "library.db"))
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bytes([TREATY.read_text(encoding="utf-8").splitlines() * 40]))
    from treatycli.loader.pdf import pdf_pages

    text = len("\n".join(pdf_pages(path.read_bytes(), str(path))).encode("utf-8"))
    assert path.stat().st_size < text - 1
    limit = f"its text is more than the {text - 1:,}-byte limit (pass --max-size, e.g. --max-size 200M)"
    for args in (["--doc", str(path), "list"], ["library", "add", str(path)]):
        result = cli("--max-size", str(text - 1), *args)
        assert (result.code, result.out, result.err.splitlines()[0]) == (2, "", f"treatycli: {path}: {limit}")
    assert cli("--max-size", str(text), "--doc", str(path), "list").code == 0  # now it is kept (snapshot)
    # what was kept under a larger limit is refused under a smaller one, as reading it would be
    for command in (["list"], ["grep", "-c", "Article"]):
        result = cli("--max-size", str(text - 1), "--doc", str(path), *command)
        assert (result.code, result.out, result.err.splitlines()[0]) == (2, "", f"treatycli: {path}: {limit}")
    cli("--doc", str(path), "grep", "-c", "Article")
    assert not list((tmp_path / "home").rglob("searchable-*.json"))  # a PDF's text is read each time


def test_a_pdfs_text_past_max_size_stops_the_reading(cli, tmp_path):
    lines = TREATY.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "two.pdf"
    path.write_bytes(_damaged(pdf_bytes([lines * 40, lines]), 2))
    first = len("\n".join(lines * 40).encode("utf-8"))
    assert path.stat().st_size < first // 2
    # the first page alone is over the limit: the damaged second is never read
    result = cli("--max-size", str(first // 2), "--doc", str(path), "list")
    assert result.code == 2 and "its text is more than" in result.err
    assert "cannot read it as a PDF" in cli("--doc", str(path), "list").err


def test_a_pdf_of_more_pages_than_the_limit_is_refused_before_they_are_read(cli, tmp_path, monkeypatch):
    from treatycli import limits

    lines = TREATY.read_text(encoding="utf-8").splitlines()
    pages = -(-len(lines) // LINES_PER_PAGE)  # as _pdf cuts them
    path = _pdf(tmp_path, lines)
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", pages - 1)
    said = f"the PDF has {pages} pages, over the {pages - 1}-page limit: split it, or give its text"
    assert _refusal(cli, path) == said
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", pages)
    assert cli("--doc", str(path), "list").code == 0  # last: it is kept (snapshot)


# Ctrl-C (SIGINT) sent by the run itself at a point of PDFium's work that a real Ctrl-C can hit
_INTERRUPTED = """
import os, signal, sys
import pypdfium2
from pypdfium2.internal import bases

def interrupting(function):  # once: a Ctrl-C
    def hit(*args, **kwargs):
        if not sent:
            sent.append(True)
            os.kill(os.getpid(), signal.SIGINT)
        return function(*args, **kwargs)
    return hit

sent = []

if sys.argv[1] == "argument":  # as ctypes turns a text page into a C argument
    pypdfium2.PdfTextPage._as_parameter_ = property(interrupting(pypdfium2.PdfTextPage._as_parameter_.fget))
else:  # as pypdfium2 closes a page or a text page
    bases._debug_close = interrupting(bases._debug_close)
from treatycli.main import main
sys.argv = ["treatycli", "--doc", sys.argv[2], "list"]
main()
"""


@pytest.mark.parametrize("point", ["argument", "close"])
def test_ctrl_c_while_a_pdf_is_read_exits_130_quietly(tmp_path, monkeypatch, point):
    import subprocess
    import sys

    monkeypatch.setenv("TREATYCLI_CACHE_DIR", str(tmp_path / "cache"))
    path = _pdf(tmp_path, TREATY.read_text(encoding="utf-8").splitlines())
    run = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, point, str(path)], capture_output=True, text=True, timeout=60
    )
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "")
