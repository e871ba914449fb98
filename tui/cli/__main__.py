"""``python -m tui.cli``: the same commands as the ``newsdesk`` console script's click path."""

from tui.cli.commands import main

main()
