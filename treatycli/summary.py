"""What a summary is: a unit's (UnitSummary) and a document's (Summaries), as summarising.py
computes them and summaries.py keeps and reads them back."""

from __future__ import annotations

from collections import namedtuple

MAX_KEYWORDS = 20  # kept per unit: `--top` asks for at most this many


class UnitSummary(
    namedtuple("UnitSummary", "keywords gist dates instruments organizations cross_references")
):
    """`keywords` (word, weight), heaviest first; `gist` an exact quote or None; `dates` ISO;
    `instruments` (name, date or None); `organizations` (name, count); `cross_references`
    refs of other units of the same document."""

    __slots__ = ()


class Summaries(namedtuple("Summaries", "units themes instruments organizations")):
    """`units` maps every ref but the root's to its UnitSummary; `themes` are the document's
    keywords; `instruments` (name, date, refs of the units citing it); `organizations`
    (name, count), commonest first."""

    __slots__ = ()
