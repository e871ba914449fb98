"""Headless core of newsdesk: parsing, the SQLite library, figures and search.

Nothing in this package may import textual; ``tests/test_layering.py`` enforces it so that the
core stays usable from scripts, the command line and the SSH server alike.
"""
