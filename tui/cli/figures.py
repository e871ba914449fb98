"""``newsdesk figures``, ``newsdesk compare`` and ``newsdesk extract``: figures on the command line.

The ``--json`` shapes are a public interface documented in README.md ("Figures and comparison
as JSON"): add keys if needed, never rename or remove one. Heavy imports stay inside the
commands so ``newsdesk`` starts fast.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from store.sanitize import json_safe

if TYPE_CHECKING:
    from store.library import Library
    from store.model import StoredArticle


def _dumps(value: Any, *, compact: bool = False) -> str:
    """JSON with readable UTF-8; C1 and bidi controls escaped: no article byte drives a terminal."""
    text = json.dumps(
        value,
        ensure_ascii=False,
        indent=None if compact else 2,
        separators=(",", ":") if compact else None,
    )
    return json_safe(text)  # one regex pass (store.sanitize), like the C1 escaping it replaced


def _library(ctx: click.Context) -> Library:
    obj = ctx.obj
    if obj is None or not hasattr(obj, "library"):
        raise click.ClickException("No library is configured for this command.")
    # Read-only (store.opening): works while another process imports into the library.
    return obj.library(reading=True, figures=True)


def _get(lib: Library, article_id: int) -> StoredArticle:
    stored = lib.get(article_id)
    if stored is None:
        raise click.ClickException(f"There is no article with id {article_id}.")
    return stored


def _title(stored: StoredArticle) -> str:
    a = stored.article
    bits = [b for b in (a.source, a.published[:10], a.title) if b]
    version = f" (v{stored.version})" if len(stored.versions) > 1 else ""
    return " · ".join(bits) + version


@click.command("figures")
@click.argument("article_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of the figures.")
@click.pass_context
def figures(ctx: click.Context, article_id: int, as_json: bool) -> None:
    """Show every figure one article reports, with what it counts and where it was said."""
    from store.figures.render import clean, render_figures

    lib = _library(ctx)
    try:
        stored = _get(lib, article_id)
        figs = lib.figures(article_id)
    finally:
        lib.close()
    if as_json:
        click.echo(_dumps([f.to_json() for f in figs]))
        return
    click.echo(clean(f"#{article_id} {_title(stored)}")[:80])
    click.echo(render_figures(figs))


@click.command("compare")
@click.argument("article_ids", metavar="ID...", nargs=-1, type=int, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option(
    "--versions",
    is_flag=True,
    help="Compare every stored version of the (single) article given, oldest first.",
)
@click.pass_context
def compare(
    ctx: click.Context, article_ids: tuple[int, ...], as_json: bool, versions: bool
) -> None:
    """Compare the facts two or more articles report side by side: who says what, conflicts
    and revised counts marked."""
    from store.figures.compare import MAX_COMPARED, TOO_MANY, changes_of, compared_versions
    from store.figures.compare import compare as compare_figures
    from store.figures.render import render_comparison

    ids = list(dict.fromkeys(article_ids))
    lib = _library(ctx)
    try:
        if versions:
            if len(ids) != 1:
                raise click.UsageError("Give exactly one article id with --versions.")
            history = lib.versions(ids[0])
            if not history:
                _get(lib, ids[0])
            ids = compared_versions([v.id for v in sorted(history, key=lambda v: v.version)])
            if len(ids) < 2:
                raise click.ClickException(f"Article {article_ids[0]} has only one version.")
        elif len(ids) < 2:
            raise click.UsageError("Give at least two different article ids to compare.")
        elif len(ids) > MAX_COMPARED:
            raise click.UsageError(TOO_MANY)
        stored = [_get(lib, i) for i in ids]
        triples = [(s.id, s.article, lib.figures(s.id)) for s in stored]
    finally:
        lib.close()
    table = compare_figures(triples, versions=versions)
    changes = changes_of(table) if versions else None
    if as_json:
        out = table.to_json()
        if changes is not None:
            out["changes"] = [c.to_json() for c in changes]
        click.echo(_dumps(out))
        return
    titles = {s.id: _title(s) for s in stored}
    click.echo(render_comparison(table, titles, changes=changes))


@click.command("extract")
@click.argument("source", metavar="[FILE|-]", type=click.File("rb"), default="-")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--per-line",
    is_flag=True,
    help="Treat each input line as its own text; print one JSON array per line, in order.",
)
def extract(source: Any, as_json: bool, per_line: bool) -> None:
    """Print the figures of any text (a file, or standard input with -); nothing is stored."""
    from tui.cli.per_line import figures_of, write_per_line

    data = source.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251", errors="replace")
    if per_line:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the newline that ends the last line starts no new one
        write_per_line(lines, sys.stdout)
        return
    figs = figures_of(text)
    if as_json:
        click.echo(_dumps([f.to_json() for f in figs]))
    else:
        from store.figures.render import render_figures

        click.echo(render_figures(figs))
