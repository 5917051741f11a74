"""The bounds on work that a command line can ask for, in one place: what the README documents."""

DEFAULT_MAX_SIZE = 64 * 1024 * 1024  # far above any real treaty (UNCLOS is about 1 MB), far below harm
DEFAULT_MAX_SIZE_TEXT = "64M"
DEFAULT_REGEX_TIMEOUT = 2.0  # seconds for all -E searches of one run together
# characters of one unit that summarise reads: a longer unit (a document whose text fell into one
# unit) is summarised from its start, so that its keywords and gist cost what any article's do
MAX_SUMMARISED_CHARS = 100_000
MAX_PDF_PAGES = 10_000  # pages of a PDF read, at most: ten times a long code of laws, seconds of PDFium


def too_large(name: str, size: int | None, limit: int, what: str = ""):
    """The DocumentError for a document over --max-size: `size` bytes (None: more than the
    limit, found while reading), `what` says what was counted ("its text is ")."""
    from .errors import DocumentError

    amount = f"{size:,} bytes, over" if size is not None else "more than"
    return DocumentError(
        f"{name}: {what}{amount} the {limit:,}-byte limit (pass --max-size, e.g. --max-size 200M)"
    )
