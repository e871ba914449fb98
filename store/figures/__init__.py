"""Figures in news text: extraction (what number, what bound, what it counts) and comparison.

``extract_article`` and ``extract_text`` are the public entry points; ``EXTRACTOR_VERSION``
changes whenever the extractor's output may change, so the library re-extracts stored articles.
"""

from store.figures.extract import extract_article, extract_text

# Bump on any change that can alter extracted figures (the library re-extracts on mismatch).
EXTRACTOR_VERSION = 9

__all__ = ["EXTRACTOR_VERSION", "extract_article", "extract_text"]
