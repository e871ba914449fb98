"""Kinds of body a source names ("the company", "the Ministry of Health", "Kalpress"): what a
generic name ("the ministry", "the firm") may stand for when it looks back to a body named
before it in the article.
"""

from __future__ import annotations

from typing import Final

from store.figures.source_words import outlet_like

# Kinds of body a generic name or a named source ends with: "the company" is no "Miners'
# Union", "the ministry" no "Port Authority" (a company and a firm are one kind, and so are an
# agency, a department, an office, an authority and a service).
BODY_KINDS: Final = {
    "company": "company",
    "firm": "company",
    "ministry": "ministry",
    "agency": "agency",
    "department": "agency",
    "office": "agency",
    "council": "council",
    "committee": "council",
    "union": "union",
    "authority": "agency",
    "service": "agency",
    "institute": "institute",
    "regulator": "regulator",
    "watchdog": "regulator",
    "inspectorate": "regulator",
    "commission": "commission",
    "army": "army",
    "government": "government",
    "group": "group",
}


# Bodies whose names say what they are ("the Ministry of Health", "the National Institute of
# Volcanology"): a generic "the ministry" stands only for a name with its head word.
NAMED_AS_KIND: Final = frozenset({"ministry", "institute", "commission", "directorate"})


def outlet_for_body(head: str, written: str) -> bool:
    """Whether a generic body ("the company", "the ministry") would be read as a news outlet
    named before it ("Kaledpress, quoting the company"): an outlet stands only for "the
    agency", "the paper" or "the site"."""
    return head in BODY_KINDS and head not in ("agency", "service") and outlet_like(written)


def other_body(head: str, written: str) -> bool:
    """Whether a named source (lowercased ``written``) is a kind of body that a generic name
    with ``head`` cannot stand for: "the company said" is not the "Miners' Union"."""
    kind = BODY_KINDS.get(head)
    if kind is None:
        return False
    words = written.split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]  # "port authority of kessel": an authority
    last = words[-1].strip(".,;:'’\"”") if words else ""
    other = BODY_KINDS.get(last)
    return other is not None and other != kind
