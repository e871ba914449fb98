"""Figures in news text: extraction (what number, what bound, what it counts) and comparison.

``extract_article`` and ``extract_text`` are the public entry points; ``EXTRACTOR_VERSION``
changes whenever the extractor's output may change, so the library re-extracts stored articles.
"""

from store.figures.extract import extract_article, extract_text
from store.figures.lexicon import synonyms_fingerprint, user_synonyms

# Bump on any change that can alter extracted figures (the library re-extracts on mismatch).
BASE_VERSION = 13
# The version the library stores with figures: the extractor's, and a fingerprint of the
# user's config synonyms, so that editing them re-keys stored figures on the next open.
EXTRACTOR_VERSION = BASE_VERSION * 10_000 + synonyms_fingerprint(user_synonyms())

__all__ = ["BASE_VERSION", "EXTRACTOR_VERSION", "extract_article", "extract_text"]
