"""`corpus duplicates`: review near-duplicate articles and record decisions that stay decided."""

from __future__ import annotations

from dataclasses import asdict

import click

from corpus import duplicates as dups
from corpus.cli import cli
from corpus.cli.context import db_option, echo_json, echo_text, fail, pass_store
from corpus.safe_text import one_line
from corpus.store import Store

_DECISION_WORDS = {"duplicate": dups.DUPLICATE, "not-duplicate": dups.NOT_DUPLICATE,
                   "not_duplicate": dups.NOT_DUPLICATE}
_SHOWN = {None: "undecided", dups.DUPLICATE: "duplicate", dups.NOT_DUPLICATE: "not a duplicate", dups.UNSURE: "unsure"}


def _list(store: Store, show_all: bool, limit: int, as_json: bool) -> None:
    pairs = dups.duplicate_queue(store, include_decided=show_all, limit=limit)
    for pair in pairs:
        if as_json:
            echo_json(asdict(pair))
            continue
        similarity = f"{pair.similarity:.2f}" if pair.similarity is not None else "  ? "
        echo_text(f"{similarity}  #{pair.article_id} {one_line(pair.article_title, 50)}"
                  f" [{one_line(pair.article_source or '?')}]  ≈  #{pair.other_id} {one_line(pair.other_title, 50)}"
                  f" [{one_line(pair.other_source or '?')}]  {_SHOWN[pair.decision]}")
    if not pairs and not as_json:
        click.echo("No near-duplicates to review." if not show_all else "No near-duplicates.", err=True)


@cli.group(invoke_without_command=True)
@click.option("--all", "show_all", is_flag=True, help="Also list pairs already decided.")
@click.option("-n", "--limit", default=100, show_default=True, help="How many pairs to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@db_option
@click.pass_context
def duplicates(ctx: click.Context, show_all: bool, limit: int, as_json: bool, db_path: str | None) -> None:
    """Near-duplicate articles (syndicated copies): list them, undecided first, and decide.

    Without a subcommand, lists the pairs still to review with their similarity.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command, show_all=show_all, limit=limit, as_json=as_json, db_path=db_path)


@duplicates.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also list pairs already decided.")
@click.option("-n", "--limit", default=100, show_default=True, help="How many pairs to list.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def list_command(store: Store, show_all: bool, limit: int, as_json: bool) -> None:
    """List near-duplicate pairs: similarity, the copy, the article it copies, the decision."""
    _list(store, show_all, limit, as_json)


@duplicates.command("decide")
@click.argument("article_id", type=int)
@click.argument("decision", type=click.Choice(sorted(_DECISION_WORDS)), metavar="duplicate|not-duplicate")
@click.option("--of", "other_id", type=int, default=None,
              help="The earlier article (default: the one ARTICLE_ID is marked a copy of).")
@pass_store
def decide_command(store: Store, article_id: int, decision: str, other_id: int | None) -> None:
    """Record that an article is, or is not, a copy of another; `corpus undo` takes it back.

    The decision is kept for good: a later import never marks the pair again.
    """
    if other_id is None:
        other_id = store.scalar("SELECT duplicate_of FROM articles WHERE id = ?", [article_id])
        if other_id is None:
            fail(f"article {article_id} is not marked as a copy; name the other article with --of")
    try:
        dups.decide(store, article_id, other_id, _DECISION_WORDS[decision])
    except dups.DuplicateError as exc:
        fail(str(exc))
    wording = "a duplicate" if _DECISION_WORDS[decision] == dups.DUPLICATE else "not a duplicate"
    click.echo(f"Recorded: article {max(article_id, other_id)} is {wording} of article {min(article_id, other_id)}.")
