"""newsdesk's three products, one folder each, over the headless core in ``store/``:

* ``tui.app``: the Textual app (screens, widgets, keys, its database thread);
* ``tui.cli``: the ``newsdesk`` command line (the console script is ``tui.cli.launch:main``;
  ``python -m tui.cli`` runs the same commands);
* ``tui.serve``: ``newsdesk serve``, the SSH server that gives each session its own app.

``tui.safe`` (the display sanitizer for widgets) and ``tui.dependency_warnings`` are shared.
"""
