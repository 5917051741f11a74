"""Bytes → text: BOMs first, then UTF-8, then the Chinese legacy encodings by plausibility."""

from __future__ import annotations

import codecs

from ..errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters frequent in Chinese legal text, in both scripts: text decoded with the wrong
# legacy codec turns into rare characters and symbols instead.
_COMMON = set(
    "的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發"
    "年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着等部度家力里裡如"
    "条條约約协協议議款项項第章节節缔締本应應其或各及与與并並合作关關系係政府联聯盟双雙方权權利务務"
)


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch in _COMMON or ch.isascii())
    return good / len(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > len(sample) // 20


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with; line ends normalised to \\n."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DocumentError(
                f"unknown encoding {encoding!r}: try utf-8, utf-16, gb18030 or big5"
            ) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise DocumentError(
                f"{name}: not valid {encoding} at byte {error.start} "
                "(drop --encoding to detect it, or name another)"
            ) from None
        return _normalise(text, name), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(codec), name), codec
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{name}: starts with a {codec} byte-order mark but is not valid {codec} "
                    "(re-save it, or pass --encoding)"
                ) from None
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty (give a file with the treaty's text)")
    if _looks_binary(data):
        raise DocumentError(f"{name}: looks like a binary file, not text (give a .txt export)")
    try:
        return _normalise(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), codec, text))
    if not candidates:
        raise DocumentError(
            f"{name}: not UTF-8, UTF-16, GB18030 or Big5 text (pass --encoding NAME if you know it)"
        )
    _, codec, text = max(candidates)
    return _normalise(text, name), codec


def _normalise(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text.strip():
        raise DocumentError(f"{name}: the file holds no text (give a file with the treaty's text)")
    return text
