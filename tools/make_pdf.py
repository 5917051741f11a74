"""Write a text into a PDF of plain pages, for the PDF tests and benchmarks:

    python tools/make_pdf.py SOURCE.txt OUT.pdf [--broken] [--lines-per-page N] [--repeat N]

Each line of the text is a line of a page (Helvetica, 10 pt, WinAnsi: Latin-1 text only); pages
take `--lines-per-page` lines. `--broken` writes the text in a font whose glyphs have names no
Unicode map knows and no ToUnicode table: what a PDF made from some fonts gives an extractor,
codes that stand for no character. Written by hand, with no dependency, so that what the tests
read is exactly what they wrote.
"""

from __future__ import annotations

import argparse
import zlib


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: list[list[str]], broken: bool = False) -> bytes:
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
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
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
    parser.add_argument("--lines-per-page", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with open(args.source, encoding="utf-8") as file:
        lines = file.read().splitlines() * args.repeat
    size = args.lines_per_page
    pages = [lines[i : i + size] for i in range(0, len(lines), size)] or [[]]
    with open(args.out, "wb") as file:
        file.write(pdf_bytes(pages, broken=args.broken))


if __name__ == "__main__":
    main()
