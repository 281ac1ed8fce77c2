"""`corpus undo`, `corpus redo`, `corpus history`: one log across every analyst action."""

from __future__ import annotations

import click

from corpus import actions
from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, pass_store
from corpus.store import Store


def _describe(action: actions.Action) -> str:
    return f"#{action.id} {action.kind}: {action.summary}"


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the undone action as JSON.")
@pass_store
def undo(store: Store, as_json: bool) -> None:
    """Undo the latest analyst action (tag, claim, link, rating, note, entity decision…)."""
    try:
        done = actions.undo(store)
    except actions.ActionConflict as exc:
        fail(f"cannot undo: {exc}")
    if as_json:
        echo_json(done.__dict__ if done else None)
    elif done is None:
        click.echo("Nothing to undo.")
    else:
        echo_text(f"Undone {_describe(done)}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the redone action as JSON.")
@pass_store
def redo(store: Store, as_json: bool) -> None:
    """Redo the action most recently undone."""
    try:
        done = actions.redo(store)
    except actions.ActionConflict as exc:
        fail(f"cannot redo: {exc}")
    if as_json:
        echo_json(done.__dict__ if done else None)
    elif done is None:
        click.echo("Nothing to redo.")
    else:
        echo_text(f"Redone {_describe(done)}")


@cli.command()
@click.option("-n", "--limit", type=click.IntRange(min=1), default=30, show_default=True,
              help="How many actions to show.")
@click.option("--kind", default=None, help="Only actions whose kind starts with this (e.g. tag, entity).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def history(store: Store, limit: int, kind: str | None, as_json: bool) -> None:
    """List recent analyst actions, newest first, with their state (done, undone, discarded).

    done: in effect; undone: taken back (`corpus redo` brings it back); discarded: undone, then
    replaced by a newer action, so it can no longer be redone.
    """
    listed = actions.history(store, limit=limit, kind_prefix=kind)
    for action in listed:
        if as_json:
            echo_json(action.__dict__)
        else:
            echo_text(f"{action.created_at}  {action.state:<9}  {_describe(action)}")
    if not listed and not as_json:
        click.echo(f"No actions{' of kind ' + repr(kind) if kind else ''} yet.", err=True)
