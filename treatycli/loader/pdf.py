"""A PDF's text layer, read with PDFium (pypdfium2): the text of each page, in order.

A PDF is text only where its fonts map their codes to characters. Where they do not (a font
subset without a ToUnicode table, glyphs with private names), an extractor gives codes that
stand for nothing: the French BBNJ Agreement's cover reads '(6ௗ1$7,21681,(6685'. PDFium says
which characters it could not map; a text layer where many could not is refused, never loaded
as garbage. A PDF with no text at all is a scan, refused too.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from .. import limits
from ..errors import DocumentError

# a text layer is refused when more than this share of its characters has no Unicode mapping
BROKEN_SHARE = 0.2
# the characters of a page looked at for a Unicode map (at most, spread over the page)
SAMPLE_CHARS = 256
# PDF files start with this, whatever their name
MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def pdf_pages(data: bytes, name: str, max_size: int = limits.DEFAULT_MAX_SIZE) -> list[str]:
    """The text of each page. DocumentError for a PDF that cannot be read, holds no text, or
    whose text is codes with no characters behind them; for one of more pages than
    limits.MAX_PDF_PAGES, or whose text is more than `max_size` bytes (UTF-8, pages joined
    by a line break), found as the pages are read: a small file can hold a huge text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    with _interrupts_held() as interrupted:
        # PDFium's error code is the last one it set, and a file it refuses without a parse
        # error (no page tree, an empty one) sets none: the code would be that of an earlier
        # file (a password!). So set first one that bytes never get, a file that cannot be opened.
        raw.FPDF_LoadDocument(b"", None)
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise _unopened(name, error) from None
        try:
            pages, objects, sampled, unmapped = _read_pages(pdf, name, max_size, interrupted)
        finally:
            pdf.close()
    if not any(text.strip() for text in pages):
        if not objects:  # nothing at all on any page: not even an image to run OCR on
            blank = "its page is blank" if len(pages) == 1 else f"its {len(pages):,} pages are blank"
            raise DocumentError(f"{name}: the PDF has no text: {blank}; give its text instead")
        raise DocumentError(f"{name}: the PDF has no text layer (a scan?): run OCR on it, or give its text")
    if unmapped > BROKEN_SHARE * sampled:
        raise DocumentError(
            f"{name}: the PDF's text layer is broken: {unmapped:,} of {sampled:,} characters looked at"
            " come from fonts without a Unicode map, and would read as garbage; run OCR on it, or give its text"
        )
    return pages


@contextmanager
def _interrupts_held():
    """Ctrl-C (SIGINT) held while PDFium's objects are open, and raised once they are closed:
    a KeyboardInterrupt inside pypdfium2 (as ctypes converts an argument, as it closes a page)
    is an 'internal error', or leaves its tracker an object to warn of at exit. Yields a
    function that says whether Ctrl-C was pressed, for the reading to stop at the next page.
    Held only where Python's own handler is set, in the main thread (signals go there)."""
    import signal
    import threading

    heard: list[int] = []
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield heard.__len__
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: heard.append(number))
    try:
        yield heard.__len__
    finally:
        signal.signal(signal.SIGINT, previous)
        if heard:
            raise KeyboardInterrupt  # an interrupt wins over a refusal: exit 130


def _read_pages(pdf, name: str, max_size: int, interrupted) -> tuple[list[str], int, int, int]:
    """(the text of each page, the objects on them, characters looked at for a Unicode map,
    those without one); each page and its text closed as soon as it is read, also when
    reading it fails. A PDF without pages, or of more than limits.MAX_PDF_PAGES, is a
    DocumentError, and so is a page PDFium cannot load (a damaged file) and text past
    `max_size` bytes: each page's characters are counted before its text is taken (two
    characters are a byte at least: a line break), and its bytes once it is. Stops, with
    what it has read, when `interrupted()` says Ctrl-C was pressed."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    count = len(pdf)
    if count == 0:
        raise _no_pages(name)
    if count > limits.MAX_PDF_PAGES:
        raise DocumentError(
            f"{name}: the PDF has {count:,} pages, over the {limits.MAX_PDF_PAGES:,}-page limit:"
            " split it, or give its text"
        )
    pages, objects, sampled, unmapped, size = [], 0, 0, 0, -1  # -1: no line break before the first page
    for index in range(count):
        if interrupted():
            break
        try:
            page = pdf[index]
            try:
                objects += raw.FPDFPage_CountObjects(page)
                text_page = page.get_textpage()
                try:
                    chars = text_page.count_chars()
                    if size + 1 + chars // 2 > max_size:
                        raise limits.too_large(name, None, max_size, "its text is ")
                    sample = range(0, chars, max(1, chars // SAMPLE_CHARS))  # a bounded cost a page
                    unmapped += sum(raw.FPDFText_HasUnicodeMapError(text_page, i) == 1 for i in sample)
                    sampled += len(sample)
                    text = text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                    size += 1 + len(text.encode("utf-8"))
                    if size > max_size:
                        raise limits.too_large(name, None, max_size, "its text is ")
                    pages.append(text)
                finally:
                    text_page.close()
            finally:
                page.close()
        except pdfium.PdfiumError as error:
            raise _unreadable(name, f"page {index + 1}: {_reason(error)}") from None
    return pages, objects, sampled, unmapped


def _reason(error: Exception) -> str:
    """What PDFium said, as a clause: 'Failed to load document (PDFium: Data format error).'
    is 'data format error', 'Failed to load page.' 'failed to load page'."""
    text = str(error).strip().rstrip(".")
    inner = re.search(r"\(PDFium: ([^)]*)\)", text)
    text = inner.group(1) if inner else text
    return text[:1].lower() + text[1:]


def _unopened(name: str, error) -> DocumentError:
    """The error for a PDF PDFium would not open: locked by a password, without pages, or not
    a PDF PDFium can parse."""
    import pypdfium2.raw as raw

    if error.err_code == raw.FPDF_ERR_PASSWORD:
        return DocumentError(
            f"{name}: the PDF is password-protected: save a copy without the password"
            " (qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf), or give its text"
        )
    if error.err_code == raw.FPDF_ERR_FILE:  # refused with no parse error: no page tree, or an empty one
        return _no_pages(name)
    return _unreadable(name, _reason(error))


def _no_pages(name: str) -> DocumentError:
    return DocumentError(f"{name}: the PDF has no pages: give a PDF with the text, or its text")


def _unreadable(name: str, reason: str) -> DocumentError:
    return DocumentError(f"{name}: cannot read it as a PDF ({reason}): give its text instead")
