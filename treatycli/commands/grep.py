"""`grep PATTERN [REF...]`: find clauses in one document, several, or the whole library."""

from __future__ import annotations

from ..errors import TreatyError
from ..limits import DEFAULT_REGEX_TIMEOUT
from ..output import use_rich
from . import presentation
from .presentation import emit, renderer
from .selection import check_syntax, load_for_references, load_selected, open_library, selected, tell, told_of
from .settings import Settings


def run_grep(
    settings: Settings,
    arguments=(),
    regexp=(),
    ignore_case: bool = False,
    extended: bool = False,
    fixed: bool = False,
    word: bool = False,
    exact: bool = False,
    only: bool = False,
    count: bool = False,
    files_with_matches: bool = False,
    refs_only: bool = False,
    max_count: int | None = None,
    context: int = 0,
    after: int | None = None,
    before: int | None = None,
    regex_timeout: float = DEFAULT_REGEX_TIMEOUT,
    as_json: bool = False,
) -> int:
    """grep as typed: PATTERN [REF...], or -e PATTERN (repeated) and then only references.
    Exit 0 when something matched, 1 when nothing did."""
    import time

    from ..search import DOCUMENT_MODES, GrepResult, Matcher, Options

    started = time.perf_counter()
    arguments = list(arguments)
    patterns = list(regexp) or arguments[:1]
    references = arguments if regexp else arguments[1:]
    if not patterns:
        raise TreatyError("grep needs a pattern: treatycli grep 合作 [REF...], or -e PATTERN")
    mode = _mode(only, count, files_with_matches, refs_only)
    before = context if before is None else before
    after = context if after is None else after
    if max_count is not None and max_count < 1:
        raise TreatyError(f"-m takes a number of hits of 1 or more, not {max_count}")
    if before < 0 or after < 0:
        raise TreatyError("-A, -B and -C take a number of units of 0 or more")
    if not 0 < regex_timeout < float("inf"):
        raise TreatyError(f"--regex-timeout takes a number of seconds above 0, not {regex_timeout:g}")
    options = Options(regex=extended, fixed=fixed, ignore_case=ignore_case, exact=exact, words=word)
    matcher = Matcher(patterns, options, regex_timeout)
    if references:
        check_syntax(references)  # a typo fails before any read
    need_spans = as_json or use_rich(settings.color) or mode in ("only", "count", "document-count")
    if mode == "documents" and not need_spans:
        max_count = 1  # a document's first hit names it, as rg -l stops there
    with_context = bool(before or after) and mode not in DOCUMENT_MODES
    search = _GrepSearch(settings, matcher, max_count, need_spans, with_context, mode)
    searched = None
    if settings.library and not settings.doc and not references:
        documents, searched = search.library()
    elif references:
        documents = [
            search.document(name, doc, refs) for name, doc, refs in load_for_references(settings, references)
        ]
    else:
        chosen = selected(settings)
        several = len(chosen) > 1
        documents = [search.whole(s.name if several else None, s) for s in chosen]
    result = GrepResult(patterns, documents, mode, before, after, started, searched)
    emit(
        settings,
        as_json,
        lambda: renderer("records").grep_events(result),
        lambda: renderer("terminal").grep_renderables(result),
        lambda: renderer("plain").grep_lines(result),
        json_lines=True,
    )
    return 0 if result.hit_count else 1


def _mode(only: bool, count: bool, files_with_matches: bool, refs_only: bool) -> str:
    """What grep prints: each matching unit (lines), its matches (only), matches per article
    (count), the references of the matching units (refs), the documents that match
    (documents), or with -l -c the documents and their matches (document-count)."""
    if files_with_matches and count and not (only or refs_only):
        return "document-count"
    chosen = [
        (flag, mode)
        for on, flag, mode in (
            (only, "-o", "only"),
            (count, "-c", "count"),
            (files_with_matches, "-l", "documents"),
            (refs_only, "--refs-only", "refs"),
        )
        if on
    ]
    if len(chosen) > 1:
        given = " and ".join(flag for flag, _ in chosen)
        raise TreatyError(
            f"{given} each choose what to print: give only one of -o, -c, -l and --refs-only "
            "(or -l with -c, for the matches per document)"
        )
    return chosen[0][1] if chosen else "lines"


class _GrepSearch:
    """One search, run over one document or many: the same matcher and rules for each."""

    def __init__(
        self,
        settings: Settings,
        matcher,
        max_count: int | None,
        need_spans: bool,
        with_context: bool,
        mode: str,
    ):
        self.settings, self.matcher, self.max_count, self.mode = settings, matcher, max_count, mode
        self.need_spans, self.with_context = need_spans, with_context

    def _boundaries(self, leaves):
        from ..words import boundaries

        return boundaries(leaves, progress=presentation.spinner(self.settings.color))

    def whole(self, name, source):
        """grep in the whole of one document of the run: a file whose text was searched before
        from the record kept of its units (searchable.py), without its model; else as read."""
        from .. import searchable
        from ..loader import STDIN, file_digest, load_document, source_name

        # the library's index; the built-in is small; standard input can be read only once
        if source.in_library or source.path in (None, STDIN):
            return self.document(name, load_selected(self.settings, source), None)
        encoding, limit = self.settings.encoding, self.settings.max_size
        digest = file_digest(source.path, limit, check_binary=encoding is None)
        shown = source_name(source.path)
        # a PDF's text is read again (and counted against --max-size): its bytes say nothing of it
        kept = None if digest.pdf else searchable.read(digest.sha256, encoding, digest.size)
        if kept is not None:
            tell(shown, kept.told)
            folded = None if self.matcher.exact else kept.folded
            return self._search(name, shown, kept.title, kept.leaves, kept.leaves, folded)
        from ..folded import folded_texts

        doc = load_document(source.path, encoding, limit, digest)
        told = told_of(doc)
        tell(shown, told)
        everything = searchable.units_of(doc)  # as a kept record gives them
        title, read = doc.title, doc.source
        # the model goes before the texts are folded: what is searched is its units' texts
        # (a 5 MB document's, 5 MiB), and both at once were the peak of a first grep
        del doc
        folded = None if self.matcher.exact else folded_texts(everything)
        if read.encoding != "pdf":  # under the bytes read, should the file have changed since
            searchable.keep(read.sha256, encoding, title, everything, folded, told)
        return self._search(name, shown, title, everything, everything, folded)

    def document(self, name, doc, refs):
        """grep in one loaded document, within `refs` (reference strings) or all of it."""
        return self._search(name, doc.source.name, doc.title, *self._units(doc, refs))

    def _units(self, doc, refs):
        """(the document's text units, those within `refs` or all of them, their folded text
        kept from before or None)."""
        from ..folded import KEPT_FROM, folded_texts
        from ..grammar.read import read_requests
        from ..grammar.resolve import resolve_requests
        from ..search import leaves_in_scope
        from ..units import build_units

        root = build_units(doc)
        everything = leaves_in_scope(root, [root])
        leaves = leaves_in_scope(root, resolve_requests(root, read_requests(refs))) if refs else everything
        # the kept folded text is the whole document's: worth reading for much text, and only
        # where the patterns are matched folded (not --exact or -F)
        wide = leaves is everything or sum(len(leaf.text) for leaf in leaves) >= KEPT_FROM
        return everything, leaves, folded_texts(everything) if wide and not self.matcher.exact else None

    def _search(self, name, shown, title, everything, leaves, kept):
        """The hits among `leaves` of a document whose text units are `everything` (their
        folded text `kept`, or None)."""
        from ..search import DocumentHits, found_hits

        edges = self._boundaries(everything) if self.matcher.options.words else None
        if kept is None or leaves is everything:
            folded = kept
        else:  # the kept folded texts of the units searched, in their order
            by_unit = {id(unit): text for unit, text in zip(everything, kept, strict=True)}
            folded = [by_unit[id(unit)] for unit in leaves]
        counted = self.mode in ("count", "document-count")
        # found as they are shown: a grep that matches most of a document holds none of them
        hits = found_hits(leaves, self.matcher, edges, self.max_count, self.need_spans, folded, counted)
        return DocumentHits(name, shown, title, leaves, hits)

    def library(self):
        """grep in every document of the library, through its indexes: only the texts they
        offer are matched, each distinct text once however many units repeat it, and a
        document's other units are read only for context and -w.
        Returns the documents with hits, and how many units the library holds."""
        from ..library.index import search_library, stored_units
        from ..search import DocumentHits, Hit

        shelf = open_library(needs_index=True)  # another version's index folds text otherwise
        try:
            titles = shelf.titles()
            if self.matcher.options.words:
                by_document = self._library_words(shelf)
            else:
                by_document = search_library(shelf, self.matcher, self.need_spans, self.max_count)
            documents = []
            for name, hits in by_document.items():
                # the units searched, which context is counted in: the hits, or all of them
                leaves = stored_units(shelf, name) if self.with_context else [hit.unit for hit in hits]
                at = {unit.position: index for index, unit in enumerate(leaves)}
                hits = [Hit(leaves[at[hit.unit.position]], hit.spans, at[hit.unit.position]) for hit in hits]
                documents.append(DocumentHits(name, name, titles.get(name), leaves, hits))
            return documents, shelf.unit_count()
        finally:
            shelf.close()

    def _library_words(self, shelf) -> dict[str, list]:
        """-w across the library: word boundaries are a document's own (its names join jieba's
        dictionary), so each candidate document is searched with its segmentation. Documents
        with the same bytes read into the same units: the first of them is searched for all."""
        from ..library.index import candidates_by_document, stored_units
        from ..search import Hit, search

        source = shelf.same_bytes()
        first: dict[str, str] = {}  # a source -> the first document (by name) read from it
        for name in sorted(source):
            first.setdefault(source[name], name)
        candidates = candidates_by_document(shelf, self.matcher, list(first.values()))
        searched: dict[str, list] = {}  # a source -> the hits of its first document
        for name, units in candidates.items():
            everything = stored_units(shelf, name)
            at = {unit.position: unit for unit in everything}
            edges = self._boundaries(everything)
            searched[source[name]] = search(
                [at[u.position] for u in units], self.matcher, edges, self.max_count
            )
        found = {}
        for name in sorted(source):
            hits = searched.get(source[name])
            if hits:
                found[name] = [Hit(hit.unit._replace(doc=name), hit.spans) for hit in hits]
        return found
