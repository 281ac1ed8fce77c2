"""`corpus tag|untag|tags|link|unlink|links|rate|note`: annotations on articles, claims and entities.

Items are named `TYPE:ID`: `article:12`, `claim:3`, `entity:7` (or `entity:Kyiv`),
`source:Bloomberg` (or `source:2`).
"""

from __future__ import annotations

import sys

import click

from corpus import links as link_domain
from corpus import notes as note_domain
from corpus import ratings as rating_domain
from corpus import tags as tag_domain
from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, for_each, pass_store
from corpus.items import Item, ItemError, label, resolve_item
from corpus.store import Store


def _item(store: Store, text: str, allowed: tuple[str, ...]) -> Item:
    try:
        return resolve_item(store, text, allowed)
    except ItemError as exc:
        fail(str(exc))


@cli.command()
@click.argument("item")
@click.argument("tag_names", nargs=-1, required=True)
@pass_store
def tag(store: Store, item: str, tag_names) -> None:
    """Tag an article or claim: `corpus tag claim:3 topic:air-defence urgent`."""
    target = _item(store, item, tag_domain.TAGGABLE)
    try:
        added = tag_domain.add_tags(store, target, tag_names)
    except tag_domain.TagError as exc:
        fail(str(exc))
    echo_text(f"Tagged {target} with {', '.join(added)}" if added else f"{target} already had those tags")


@cli.command()
@click.argument("item")
@click.argument("tag_names", nargs=-1, required=True)
@pass_store
def untag(store: Store, item: str, tag_names) -> None:
    """Remove the analyst's tags from an article or claim."""
    target = _item(store, item, tag_domain.TAGGABLE)
    try:
        removed = tag_domain.remove_tags(store, target, tag_names)
    except tag_domain.TagError as exc:
        fail(str(exc))
    echo_text(f"Removed {', '.join(removed)} from {target}" if removed else f"{target} had none of those tags")


@cli.command()
@click.argument("prefix", default="")
@click.option("--on", "item_type", type=click.Choice(tag_domain.TAGGABLE), default=None,
              help="Only tags of articles or of claims.")
@click.option("--origin", type=click.Choice(["analyst", "derived"]), default=None,
              help="Only the tags the analyst set, or only those the program derived.")
@click.option("--item", default=None, help="The tags of one item instead (e.g. claim:3).")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many tags.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def tags(store: Store, prefix: str, item_type, origin, item, limit, as_json) -> None:
    """List tags starting with PREFIX, most used first (or the tags of one --item)."""
    if item:
        for found in tag_domain.tags_of(store, _item(store, item, tag_domain.TAGGABLE)):
            if as_json:
                echo_json({**found.__dict__})
            else:
                echo_text(found.tag + ("" if found.origin == "analyst" else f"  (derived: {found.derived_from})"))
        return
    counted = tag_domain.tag_counts(store, prefix, item_type=item_type, origin=origin, limit=limit)
    for count in counted:
        if as_json:
            echo_json(count.__dict__)
        else:
            echo_text(f"{count.count:>6}  {count.tag}")
    if not counted and not as_json:
        click.echo("No tags" + (" match." if prefix or item_type or origin else " yet."), err=True)


@cli.command()
@click.argument("source")
@click.argument("relation")
@click.argument("target")
@click.option("--note", default=None, help="Why they are linked.")
@click.option("--json", "as_json", is_flag=True, help="Print the new link as JSON.")
@pass_store
def link(store: Store, source: str, relation: str, target: str, note, as_json) -> None:
    """Link two items: `corpus link claim:3 corroborates claim:9`.

    \b
    claim → claim:     repeats, corroborates, contradicts, cites
    claim → entity:    about
    article → article: follow-up, duplicate-of
    entity → entity:   any label, e.g. "member of" (quote it)
    """
    kinds = ("article", "claim", "entity")
    try:
        link_id = link_domain.add_link(store, _item(store, source, kinds), relation, _item(store, target, kinds), note)
    except link_domain.LinkError as exc:
        fail(str(exc))
    made = link_domain.get_link(store, link_id)
    if as_json:
        echo_json(made.as_dict())
    else:
        echo_text(f"Link {link_id}: {made.source} {made.relation} {made.target}")


@cli.command()
@click.argument("link_ids", type=int, nargs=-1, required=True)
@pass_store
def unlink(store: Store, link_ids) -> None:
    """Remove links by id (see `corpus links ITEM`)."""
    def remove(link_id: int) -> None:
        gone = link_domain.remove_link(store, link_id)
        echo_text(f"Removed link {link_id}: {gone.source} {gone.relation} {gone.target}")

    for_each(link_ids, remove, link_domain.LinkError)


@cli.command()
@click.argument("item")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def links(store: Store, item: str, as_json: bool) -> None:
    """The links from and to an item, to follow them."""
    target = _item(store, item, ("article", "claim", "entity"))
    for found in link_domain.links_of(store, target):
        if as_json:
            echo_json(found.as_dict())
        else:
            echo_text(f"{found.id:>6}  {link_domain.describe(store, found, target)}")


@cli.command()
@click.argument("item")
@click.argument("grade", required=False)
@click.option("--clear", is_flag=True, help="Remove the rating.")
@click.option("--json", "as_json", is_flag=True, help="Print the resulting rating as JSON.")
@pass_store
def rate(store: Store, item: str, grade: str | None, clear: bool, as_json: bool) -> None:
    """Admiralty ratings: reliability A-F of a source or entity, credibility 1-6 of a claim.

    \b
    corpus rate source:Bloomberg B     corpus rate entity:12 C
    corpus rate claim:3 2              corpus rate claim:3        (show, with the derived hint)
    """
    target = _item(store, item, ("source", "entity", "claim"))
    if grade is not None or clear:
        try:
            if target.type == "claim":
                rating_domain.set_credibility(store, target.id, None if clear else grade)
            else:
                rating_domain.set_reliability(store, target, None if clear else grade)
        except rating_domain.RatingError as exc:
            fail(str(exc))
    if target.type == "claim":
        rating = rating_domain.claim_rating(store, target.id)
        if as_json:
            echo_json({"item": str(target), **rating.as_dict()})
            return
        echo_text(f"{target}: {rating.code or 'unrated'} ({explain_claim_rating(rating)})"
                  + (f" — {rating.hint}" if rating.hint else ""))
        return
    value = rating_domain.reliability_of(store, target)
    if as_json:
        echo_json({"item": str(target), "reliability": value})
    else:
        meaning = f" ({rating_domain.RELIABILITY[value]})" if value else ""
        echo_text(f"{target} ({label(store, target)}): reliability {value or 'unrated'}{meaning}")


def explain_claim_rating(rating: rating_domain.ClaimRating) -> str:
    """Both halves of an Admiralty code in words, so `?2` is not a riddle."""
    if rating.reliability:
        reliability = (f"reliability {rating.reliability} {rating_domain.RELIABILITY[rating.reliability]}, "
                       f"from the {rating.reliability_basis}")
    else:
        reliability = "reliability unrated: rate the speaker or the outlet"
    if rating.credibility:
        credibility = f"credibility {rating.credibility} {rating_domain.CREDIBILITY[rating.credibility]}"
    else:
        credibility = "credibility unrated"
    return f"{reliability}; {credibility}"


@cli.command()
@click.argument("item")
@click.argument("text", required=False)
@click.option("--edit", is_flag=True, help="Write the note in $EDITOR.")
@click.option("--clear", is_flag=True, help="Delete the note.")
@click.option("--json", "as_json", is_flag=True, help="Print the note as JSON.")
@pass_store
def note(store: Store, item: str, text: str | None, edit: bool, clear: bool, as_json: bool) -> None:
    """Read or write the note of an article, claim or entity (TEXT, - for stdin, or --edit)."""
    target = _item(store, item, note_domain.NOTABLE)
    current = note_domain.get_note(store, target)
    if text == "-":
        text = sys.stdin.read()
    elif edit:
        text = click.edit(current.body if current else "")
        if text is None:
            fail("the editor was closed without saving; the note is unchanged")
    if text is not None and not text.strip() and not clear:
        fail("the note text is empty; `--clear` deletes the note")
    if text is not None or clear:
        try:
            note_domain.set_note(store, target, None if clear else text)
        except note_domain.NoteError as exc:
            fail(str(exc))
        current = note_domain.get_note(store, target)
    if as_json:
        echo_json({"item": str(target), "note": current.body if current else None,
                   "updated_at": current.updated_at if current else None})
    elif current:
        echo_text(current.body)
    else:
        click.echo(f"{target} has no note.", err=True)
