"""A PDF's text layer, read with PDFium (pypdfium2): the text of each page, in order.

A PDF is text only where its fonts map their codes to characters. Where they do not (a font
subset without a ToUnicode table, glyphs with private names), an extractor gives codes that
stand for nothing: the French BBNJ Agreement's cover reads '(6ௗ1$7,21681,(6685'. PDFium says
which characters it could not map; a text layer where many could not is refused, never loaded
as garbage. A PDF with no text at all is a scan, refused too.
"""

from __future__ import annotations

from ..errors import DocumentError

# a text layer is refused when more than this share of its characters has no Unicode mapping
BROKEN_SHARE = 0.2
# the characters of a page looked at for a Unicode map (at most, spread over the page)
SAMPLE_CHARS = 256
# PDF files start with this, whatever their name
MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def pdf_pages(data: bytes, name: str) -> list[str]:
    """The text of each page. DocumentError for a PDF that cannot be read, holds no text, or
    whose text is codes with no characters behind them."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _unreadable(name, error) from None
    try:
        pages, sampled, unmapped = _read_pages(pdf)
    except pdfium.PdfiumError as error:  # a page or its text that PDFium cannot load: a damaged file
        raise _unreadable(name, error) from None
    finally:
        pdf.close()
    if not any(text.strip() for text in pages):
        raise DocumentError(f"{name}: the PDF has no text layer (a scan?): run OCR on it, or give its text")
    if unmapped > BROKEN_SHARE * sampled:
        raise DocumentError(
            f"{name}: the PDF's text layer is broken: {unmapped:,} of {sampled:,} characters looked at"
            " come from fonts without a Unicode map, and would read as garbage; run OCR on it, or give its text"
        )
    return pages


def _read_pages(pdf) -> tuple[list[str], int, int]:
    """(the text of each page, characters looked at for a Unicode map, those without one);
    each page and its text closed as soon as it is read, also when reading it fails."""
    import pypdfium2.raw as raw

    pages, sampled, unmapped = [], 0, 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            text_page = page.get_textpage()
            try:
                count = text_page.count_chars()
                sample = range(0, count, max(1, count // SAMPLE_CHARS))  # a bounded cost a page
                unmapped += sum(raw.FPDFText_HasUnicodeMapError(text_page, i) == 1 for i in sample)
                sampled += len(sample)
                pages.append(text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            finally:
                text_page.close()
        finally:
            page.close()
    return pages, sampled, unmapped


def _unreadable(name: str, error: Exception) -> DocumentError:
    return DocumentError(f"{name}: cannot read it as a PDF ({error}): give its text instead")
