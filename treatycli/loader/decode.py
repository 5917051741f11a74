"""Bytes → text: BOMs first, then UTF-8, then the legacy encoding the text reads best in."""

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
OPENING = 4096  # bytes looked at to tell text from binary: enough for a page, read before the rest
BINARY_CONTROLS = 0.05  # text has tabs and line ends, rarely other control bytes; binary has many


def _looks_binary(data: bytes) -> bool:
    sample = data[:OPENING]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in sample or controls > BINARY_CONTROLS * len(sample)


def starts_with_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def check_opening(block: bytes, name: str) -> None:
    """Refuse a binary file from its first block, before the rest of it is read."""
    if starts_with_bom(block) or block[:5] == b"%PDF-":  # a PDF is read by loader/pdf.py
        return
    if _looks_binary(block):
        raise DocumentError(f"{name}: looks like a binary file, not text (give a .txt export)")


def text_codec(encoding: str) -> str:
    """The codec `--encoding` names, if it turns bytes into text (not rot13, base64, zlib…)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise DocumentError(f"unknown text encoding {encoding!r}: try utf-8, utf-16, gb18030, big5 or cp1252")
    return info.name


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """The text, the encoding it was read with, and whether that encoding was a guess (no
    BOM, not UTF-8, not named); line ends normalised to \\n."""
    if encoding:
        codec = text_codec(encoding)
        try:
            text = data.decode(codec)
        except UnicodeError as error:
            where = f" at byte {error.start}" if isinstance(error, UnicodeDecodeError) else ""
            raise DocumentError(
                f"{name}: not valid {encoding}{where} (drop --encoding to detect it, or name another)"
            ) from None
        # a byte-order mark is never text, whichever encoding is named: utf-8 keeps it as U+FEFF
        return _normalise(text.removeprefix("\ufeff"), name), encoding, False
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(codec), name), codec, False
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{name}: starts with a {codec} byte-order mark but is not valid {codec} "
                    "(re-save it, or pass --encoding)"
                ) from None
    if not data or data.isspace():  # not data.strip(): a copy of the whole file
        raise DocumentError(f"{name}: the file is empty (give a file with the treaty's text)")
    check_opening(data[:OPENING], name)
    try:
        return _normalise(_utf8(data), name), "utf-8", False
    except UnicodeDecodeError as error:
        cut = error.end == len(data) and error.reason == "unexpected end of data"
        if cut and not data[: error.start].isascii():
            # UTF-8 characters, then one begun in the last bytes: no other encoding is meant
            # (ASCII then one high byte may be cp1252's é at the very end: that is guessed)
            raise DocumentError(
                f"{name}: UTF-8 that ends in the middle of a character, so the file was cut short "
                "(copy or save it again whole)"
            ) from None
    codec, text = _guess(data, name)
    return _normalise(text, name), codec, True


def _utf8(data: bytes) -> str:
    """data.decode("utf-8"), DECODED_AT_ONCE bytes at a time: decoded whole, the 5 MB document's
    text took 11 MiB beside its bytes and itself while it was made. A text that is not UTF-8
    raises the error decoding it whole raises, where it is."""
    if len(data) <= DECODED_AT_ONCE:
        return data.decode("utf-8")
    decoder = codecs.getincrementaldecoder("utf-8")()
    pieces = []
    try:
        with memoryview(data) as view:
            for start in range(0, len(data), DECODED_AT_ONCE):
                pieces.append(decoder.decode(view[start : start + DECODED_AT_ONCE]))
        pieces.append(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        pieces.clear()
        data.decode("utf-8")  # the error, as decoding it whole gives it
        raise
    return "".join(pieces)


DECODED_AT_ONCE = 1 << 20


# Among equally plausible readings, the encodings treaty texts are most often saved in.
_PREFERRED = ("gb18030", "big5", "cp1252", "latin_1", "utf_16", "shift_jis", "euc_kr", "cp1251")
MAX_CHAOS = 0.1  # the share of implausible characters above which a guess is no reading at all


# A Latin-script text whose letters beyond ASCII are this rare is English, French or German
# with a name or two (Genève, Göteborg), whose code page is Windows-1252: in so few letters
# charset-normalizer's language model cannot tell it from Central European (Genčve, cp1250).
RARE_NON_ASCII = 0.03
_LATIN_CODE_PAGES = ("cp1250", "cp1257", "cp775", "cp850", "cp852", "iso8859", "latin", "mac")


def _mostly_ascii_latin(data: bytes, codec: str) -> bool:
    if not codec.startswith(_LATIN_CODE_PAGES):
        return False
    letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122 or b >= 128)
    return bool(letters) and sum(1 for b in data if b >= 128) <= RARE_NON_ASCII * letters


def _guess(data: bytes, name: str) -> tuple[str, str]:
    """The legacy encoding the bytes read best in, by charset-normalizer (imported only here,
    off the path of UTF-8 documents); an error naming --encoding when nothing reads well."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.chaos <= MAX_CHAOS]
    if not matches:
        raise DocumentError(
            f"{name}: cannot tell its encoding (not UTF-8 or UTF-16; pass --encoding NAME, e.g. "
            "gb18030, big5 or cp1252)"
        )

    def rank(match):
        preferred = _PREFERRED.index(match.encoding) if match.encoding in _PREFERRED else len(_PREFERRED)
        return (round(match.chaos, 3), -round(match.coherence, 3), preferred)

    best = min(matches, key=rank)
    codec = "gb18030" if best.encoding in ("gbk", "gb2312", "hz") else best.encoding
    if codec != "cp1252" and _mostly_ascii_latin(data, codec):
        western = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos]
        codec = "cp1252" if western else codec
    try:
        return codec, data.decode(codec)
    except UnicodeDecodeError:  # charset-normalizer read a sample; the whole must decode too
        raise DocumentError(
            f"{name}: reads partly as {codec} but not all of it does (pass --encoding NAME)"
        ) from None


def _normalise(text: str, name: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text or text.isspace():  # not text.strip(): a copy of the whole text
        raise DocumentError(f"{name}: the file holds no text (give a file with the treaty's text)")
    return text
