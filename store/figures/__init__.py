"""Figures in news text: extraction (what number, what bound, what it counts) and comparison.

``extract_article`` and ``extract_text`` are the public entry points; ``EXTRACTOR_VERSION``
changes whenever the extractor's output may change, so the library re-extracts stored articles.
"""

from store.figures.extract import extract_article, extract_text
from store.figures.lexicon import synonyms_fingerprint, user_synonyms
from store.figures.sources import attributions_fingerprint, user_attributions

# Bump on any change that can alter extracted figures (the library re-extracts on mismatch).
BASE_VERSION = 19


def _user_fingerprint() -> int:
    """0..9999: 0 without user synonyms or source spellings, else a mix of both fingerprints,
    so that editing either re-extracts stored figures on the next open."""
    synonyms = synonyms_fingerprint(user_synonyms())
    sources = attributions_fingerprint(user_attributions())
    if not sources:
        return synonyms
    return (synonyms * 7919 + sources) % 9999 + 1


# The version the library stores with figures: the extractor's, and a fingerprint of the
# user's config synonyms and source spellings.
EXTRACTOR_VERSION = BASE_VERSION * 10_000 + _user_fingerprint()

__all__ = ["BASE_VERSION", "EXTRACTOR_VERSION", "extract_article", "extract_text"]
