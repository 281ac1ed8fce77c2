"""`corpus claims …`: mark, attribute, suggest, accept and reject claims from the command line."""

from __future__ import annotations

import click

from corpus import claims as domain
from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, for_each, pass_store
from corpus.items import Item, ItemError, resolve_item
from corpus.links import describe, links_of
from corpus.notes import get_note
from corpus.ratings import claim_rating
from corpus.safe_text import one_line
from corpus.store import Store
from corpus.tags import TagError, tags_of


@cli.group()
def claims() -> None:
    """Claims: attributed spans of articles (list, show, add, suggest, accept, reject, attribute, delete)."""


def _speaker_options(func):
    options = [
        click.option("--speaker", default=None, help="Speaker entity: its id or a name or alias."),
        click.option("--descriptor", default=None,
                     help='An unnamed speaker, as worded: "a source who requested anonymity".'),
        click.option("--speaker-text", default=None, help='The surface form the article uses ("Yoon", "he").'),
        click.option("--attribution", "wording", default=None, help='Attribution wording ("Yoon said on Sunday").'),
        click.option("--verb", default=None, help="Reporting verb: said, warned, denied, according to…"),
        click.option("--outlet", default=None, help='Cited outlet ("according to Bloomberg").'),
        click.option("--stance", type=click.Choice(sorted(domain.STANCES)), default=None,
                     help="The speaker's stance towards the statement."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _attribution_values(store: Store, speaker, descriptor, speaker_text, wording, verb, outlet, stance) -> dict:
    values = {"speaker_descriptor": descriptor, "speaker_text": speaker_text, "attribution": wording,
              "verb": verb, "cited_outlet": outlet, "stance": stance}
    if speaker is not None:
        try:
            values["speaker_entity_id"] = resolve_item(store, f"entity:{speaker}", ("entity",)).id
        except ItemError as exc:
            fail(str(exc))
    return {k: v for k, v in values.items() if v is not None}


def _claim_line(claim: domain.Claim) -> str:
    speaker = one_line(claim.speaker, 24) or "—"
    verb = one_line(claim.verb, 16)
    credibility = f"cred {claim.credibility}" if claim.credibility else ""
    flag = " [orphan]" if claim.orphan else ""
    return (f"#{claim.id:<5} art {claim.article_id:<5} {speaker:<24} {verb:<16} {credibility:<6}"
            f"{flag} “{one_line(claim.quote, 70)}”")


def in_context(before: str, span: str, after: str) -> str:
    """`…before »span« after…` on one line, keeping the spacing the text has at the span's edges."""
    head = one_line(before) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + one_line(after)
    return f"…{head}»{one_line(span)}«{tail}…"


@claims.command("list")
@click.option("--article", type=int, default=None, help="Only claims of this article.")
@click.option("--speaker", default=None, help="Only claims of this speaker entity (id or name).")
@click.option("--tag", default=None, help="Only claims carrying this tag.")
@click.option("--orphans", is_flag=True, help="Only claims whose text was lost when their article changed.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many claims.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many (for paging).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def list_command(store: Store, article, speaker, tag, orphans, limit, offset, as_json) -> None:
    """List claims, newest first."""
    speaker_id = None
    if speaker is not None:
        try:
            speaker_id = resolve_item(store, f"entity:{speaker}", ("entity",)).id
        except ItemError as exc:
            fail(str(exc))
    found = domain.list_claims(store, article_id=article, speaker_entity_id=speaker_id, tag=tag,
                               orphans_only=orphans, limit=limit, offset=offset)
    for claim in found:
        if as_json:
            echo_json(claim.as_dict())
        else:
            echo_text(_claim_line(claim))
    if not found and not as_json:
        click.echo("No claims.", err=True)


def _details(store: Store, claim: domain.Claim) -> dict:
    rating = claim_rating(store, claim.id)
    item = Item("claim", claim.id)
    note = get_note(store, item)
    return {
        **claim.as_dict(),
        "rating": rating.as_dict(),
        "tags": [t.__dict__ for t in tags_of(store, item)],
        "links": [link.as_dict() for link in links_of(store, item)],
        "note": note.body if note else None,
    }


@claims.command("show")
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the claim as one JSON object.")
@pass_store
def show_command(store: Store, claim_id: int, as_json: bool) -> None:
    """Show a claim in context with its attribution, rating, tags, links and note."""
    claim = _get(store, claim_id)
    if as_json:
        echo_json(_details(store, claim))
        return
    before, span, after = domain.model.span_context(store, claim, 120)
    rating = claim_rating(store, claim.id)
    echo_text(f"Claim {claim.id} in article {claim.article_id}, characters {claim.start}-{claim.end}"
              f" ({'ORPHAN: not found in the current text' if claim.orphan else 'anchor ' + claim.anchor})")
    echo_text(in_context(before, span, after))
    rows = [
        ("speaker", _speaker_text(claim)),
        ("described as", claim.speaker_descriptor if claim.speaker_name else None),
        ("attribution", claim.attribution), ("verb", claim.verb), ("cited outlet", claim.cited_outlet),
        ("stance", claim.stance),
        ("rating", f"{rating.code or 'unrated'}"
                   + (f" (reliability from the {rating.reliability_basis})" if rating.reliability_basis else "")),
        ("hint", rating.hint),
        ("tags", ", ".join(f"{t.tag}{'' if t.origin == 'analyst' else ' (derived)'}"
                           for t in tags_of(store, Item("claim", claim.id)))),
    ]
    for name, value in rows:
        if value:
            echo_text(f"  {name:<13} {value}")
    for link in links_of(store, Item("claim", claim.id)):
        echo_text(f"  link {link.id:<8} {describe(store, link, Item('claim', claim.id))}")
    note = get_note(store, Item("claim", claim.id))
    if note:
        echo_text(f"  note\n{note.body}")


def _speaker_text(claim: domain.Claim) -> str:
    if claim.speaker_name:
        surface = f' as “{claim.speaker_text}”' if claim.speaker_text and claim.speaker_text != claim.speaker_name else ""
        return f"{claim.speaker_name} (entity {claim.speaker_canonical_id}){surface}"
    return claim.speaker_descriptor or claim.speaker_text or ""


def _get(store: Store, claim_id: int) -> domain.Claim:
    try:
        return domain.get_claim(store, claim_id)
    except domain.ClaimError as exc:
        fail(str(exc))


@claims.command("add")
@click.argument("article_id", type=int)
@click.option("--start", type=int, default=None, help="Character offset where the claim starts.")
@click.option("--end", type=int, default=None, help="Character offset where it ends.")
@click.option("--quote", default=None, help="The claim's exact text, instead of offsets.")
@click.option("--occurrence", type=int, default=None, help="Which occurrence of a repeated quote (1 = first).")
@_speaker_options
@click.option("--credibility", type=click.IntRange(1, 6), default=None, help="Admiralty credibility 1-6.")
@click.option("--tag", "tag_names", multiple=True, help="Tag the new claim (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the new claim as JSON.")
@pass_store
def add_command(store: Store, article_id, start, end, quote, occurrence, speaker, descriptor, speaker_text,
                wording, verb, outlet, stance, credibility, tag_names, as_json) -> None:
    """Mark a claim in an article, by offsets (--start/--end) or by its exact text (--quote)."""
    if (quote is None) == (start is None or end is None):
        fail("give either --start and --end, or --quote")
    values = _attribution_values(store, speaker, descriptor, speaker_text, wording, verb, outlet, stance)
    try:
        claim_id = domain.create_claim(store, article_id, start=start, end=end, quote=quote,
                                       occurrence=occurrence, attribution=domain.Attribution(**values),
                                       credibility=credibility, tags=tag_names)
    except (domain.ClaimError, domain.AttributionError, TagError) as exc:
        fail(str(exc))
    claim = domain.get_claim(store, claim_id)
    if as_json:
        echo_json(claim.as_dict())
    else:
        echo_text(f"Marked claim {claim.id}: “{one_line(claim.quote, 80)}” ({claim.start}-{claim.end})")


@claims.command("attribute")
@click.argument("claim_id", type=int)
@_speaker_options
@click.option("--clear", "to_clear", multiple=True,
              type=click.Choice(["speaker", "descriptor", "speaker-text", "attribution", "verb", "outlet", "stance"]),
              help="Clear a field (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the claim as JSON afterwards.")
@pass_store
def attribute_command(store: Store, claim_id, speaker, descriptor, speaker_text, wording, verb, outlet,
                      stance, to_clear, as_json) -> None:
    """Set who said a claim and how: speaker entity or descriptor, verb, cited outlet, stance."""
    values = _attribution_values(store, speaker, descriptor, speaker_text, wording, verb, outlet, stance)
    columns = {"speaker": "speaker_entity_id", "descriptor": "speaker_descriptor", "speaker-text": "speaker_text",
               "attribution": "attribution", "verb": "verb", "outlet": "cited_outlet", "stance": "stance"}
    values.update({columns[name]: None for name in to_clear})
    if not values:
        fail("nothing to change: give --speaker, --descriptor, --verb, … or --clear")
    try:
        changed = domain.attribute_claim(store, claim_id, **values)
    except domain.ClaimError as exc:
        fail(str(exc))
    claim = domain.get_claim(store, claim_id)
    if as_json:
        echo_json(claim.as_dict())
    else:
        echo_text(f"Claim {claim_id}: {_speaker_text(claim) or 'no speaker'}"
                  f"{' — ' + claim.verb if claim.verb else ''}{'' if changed else ' (unchanged)'}")


@claims.command("delete")
@click.argument("claim_ids", type=int, nargs=-1, required=True)
@pass_store
def delete_command(store: Store, claim_ids) -> None:
    """Delete claims with their tags, links and notes (`corpus undo` brings them back)."""
    def delete(claim_id: int) -> None:
        domain.delete_claim(store, claim_id)
        click.echo(f"Deleted claim {claim_id}")

    for_each(claim_ids, delete, domain.ClaimError)


@claims.command("reanchor")
@click.argument("article_ids", type=int, nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON report per article.")
@pass_store
def reanchor_command(store: Store, article_ids, as_json) -> None:
    """Find claims again in their articles' current text (all articles with claims by default)."""
    ids = list(article_ids) or [r[0] for r in store.conn.execute("SELECT DISTINCT article_id FROM claims")]
    missing = [i for i in ids if store.scalar("SELECT 1 FROM articles WHERE id = ?", [i]) is None]
    if missing:
        fail(f"no article {', '.join(map(str, missing))}; nothing was re-anchored")
    if not ids and not as_json:
        click.echo("No claims to re-anchor.", err=True)
    for article_id in ids:
        report = domain.reanchor_article(store, article_id)
        if as_json:
            echo_json(report.as_dict())
        else:
            click.echo(f"article {article_id}: {report.unchanged} unchanged, {len(report.moved)} re-anchored,"
                       f" {len(report.recovered)} recovered, {len(report.orphaned)} orphaned")
