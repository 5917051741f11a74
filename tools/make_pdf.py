"""Write a text into a PDF of plain pages, for the PDF tests and benchmarks:

    python tools/make_pdf.py SOURCE.txt OUT.pdf [--broken] [--scan] [--locked] [--lines-per-page N] [--repeat N]

Each line of the text is a line of a page (Helvetica, 10 pt, WinAnsi: Latin-1 text only); pages
take `--lines-per-page` lines. `--broken` writes the text in a font whose glyphs have names no
Unicode map knows and no ToUnicode table: what a PDF made from some fonts gives an extractor,
codes that stand for no character. `--scan` draws each page as an image (a grey square) and no
text: what a scanned page gives. `--locked` adds an encryption dictionary whose user password
is not the empty one: what a reader without the password gets (the content is not encrypted;
no password opens it). Written by hand, with no dependency, so that what the tests
read is exactly what they wrote.
"""

from __future__ import annotations

import argparse
import zlib


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


# a grey pixel, as an inline image stretched over a square: a page with an image and no text
_SCAN = b"q 400 0 0 400 100 300 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q"
# the security handler of PDF 1.4 (RC4, 40 bits), with owner and user keys no password gives
_LOCK = b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >> /ID [<%s> <%s>] " % (
    b"11" * 32,
    b"22" * 32,
    b"33" * 16,
    b"33" * 16,
)


def pdf_bytes(
    pages: list[list[str]], broken: bool = False, scan: bool = False, locked: bool = False
) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    if broken:
        names = b" ".join(b"/g%d" % code for code in range(32, 256))
        encoding = add(b"<< /Type /Encoding /Differences [32 " + names + b"] >>")
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding %d 0 R >>" % encoding)
    else:
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # after each page's stream and page object
    kids = []
    for lines in pages:
        stream = [b"BT /F1 10 Tf 12 TL 50 800 Td"]
        stream += [b"(" + _escape(line) + b") Tj T*" for line in lines]
        stream.append(b"ET")
        if scan:
            stream = [_SCAN]
        content = zlib.compress(b"\n".join(stream))
        contents = add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, contents, font)
            )
        )
    add(
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % kid for kid in kids)
        + b"] /Count %d >>" % len(kids)
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< %s/Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        _LOCK if locked else b"",
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--broken", action="store_true")
    parser.add_argument("--scan", action="store_true")
    parser.add_argument("--locked", action="store_true")
    parser.add_argument("--lines-per-page", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with open(args.source, encoding="utf-8") as file:
        lines = file.read().splitlines() * args.repeat
    size = args.lines_per_page
    pages = [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]
    with open(args.out, "wb") as file:
        file.write(pdf_bytes(pages, broken=args.broken, scan=args.scan, locked=args.locked))


if __name__ == "__main__":
    main()
