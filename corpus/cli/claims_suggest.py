"""`corpus claims suggest|accept|reject`: the statements the parser found, for the analyst to decide."""

from __future__ import annotations

import click

from corpus.claims import suggestions as domain
from corpus.claims.model import ClaimError
from corpus.cli.claims import claims
from corpus.cli.context import echo_json, echo_text, fail, for_each, pass_store
from corpus.nlp import ModelNotFound
from corpus.ratings import CREDIBILITY
from corpus.safe_text import one_line
from corpus.store import Store


def _line(s: domain.Suggestion) -> str:
    speaker = s.speaker or "—"
    if s.speaker_pronoun and s.speaker != s.speaker_text:
        speaker = f"{s.speaker} (“{s.speaker_pronoun}”)"
    status = "" if s.status == "open" else f" [{s.status}{' → claim ' + str(s.claim_id) if s.claim_id else ''}]"
    return (f"{s.id:>6}  {one_line(speaker, 28):<28} {one_line(s.verb or '', 20):<20} {s.pattern:<15}"
            f" “{one_line(s.quote, 70)}”{status}")


@claims.command("suggest")
@click.argument("article_id", type=int)
@click.option("--all", "show_all", is_flag=True, help="Also list accepted and rejected suggestions.")
@click.option("--refresh", is_flag=True, help="Parse the article again even if suggestions are stored.")
@click.option("--model", default=None, help="spaCy pipeline to parse with when needed.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def suggest_command(store: Store, article_id: int, show_all: bool, refresh: bool, model: str | None,
                    as_json: bool) -> None:
    """Show the attributed statements found in an article (parsing it if it has not been)."""
    if store.scalar("SELECT 1 FROM articles WHERE id = ?", [article_id]) is None:
        fail(f"article {article_id}: no such article")
    if refresh or not domain.has_been_analysed(store, article_id):
        try:
            domain.analyse_article(store, article_id, model)
        except ModelNotFound as exc:
            fail(str(exc))
    found = domain.suggestions_of_article(store, article_id, None if show_all else "open")
    for suggestion in found:
        if as_json:
            echo_json(suggestion.as_dict())
        else:
            echo_text(_line(suggestion))
    if not as_json:
        click.echo(f"{len(found)} suggestion(s). Accept with `corpus claims accept ID`,"
                   " reject with `corpus claims reject ID`.", err=True)


@claims.command("accept")
@click.argument("suggestion_ids", type=int, nargs=-1, required=True)
@click.option("--credibility", type=click.IntRange(1, 6), default=None,
              help="Rate the new claims' credibility: " + ", ".join(f"{k} {v}" for k, v in CREDIBILITY.items()))
@click.option("--json", "as_json", is_flag=True, help="Print each new claim id as JSON.")
@pass_store
def accept_command(store: Store, suggestion_ids, credibility, as_json) -> None:
    """Make claims of suggestions, with their speaker, verb and stance filled in."""
    def accept(suggestion_id: int) -> None:
        claim_id = domain.accept_suggestion(store, suggestion_id, credibility=credibility)
        if as_json:
            echo_json({"suggestion_id": suggestion_id, "claim_id": claim_id})
        else:
            click.echo(f"Suggestion {suggestion_id} → claim {claim_id}")

    for_each(suggestion_ids, accept, ClaimError)


@claims.command("reject")
@click.argument("suggestion_ids", type=int, nargs=-1, required=True)
@pass_store
def reject_command(store: Store, suggestion_ids) -> None:
    """Reject suggestions; they are not proposed again when the article is extracted anew."""
    def reject(suggestion_id: int) -> None:
        domain.reject_suggestion(store, suggestion_id)
        click.echo(f"Rejected suggestion {suggestion_id}")

    for_each(suggestion_ids, reject, ClaimError)
