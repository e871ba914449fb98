"""``newsdesk serve``: the SSH server (``server``), its settings, host key
and log set-up (``settings``), one session's PTY and app process (``session``), its gate against
pre-auth floods (``gate``), the apps kept started ahead of time (``spares``), each session's app
entry point (``child``) and fetching while serving (``fetch``). The click command is in
``tui.serve.command``.

Kept light: a session's app process (``python -m tui.serve.child``) imports this package first,
and must not pay for click or asyncssh.
"""

from __future__ import annotations


def __getattr__(name: str) -> object:
    if name in ("serve", "_check_library"):
        from tui.serve import command

        return getattr(command, name)
    raise AttributeError(f"module 'tui.serve' has no attribute {name!r}")
