"""`corpus entities candidates|compare|decide|decisions|merge|split|rename|alias|type`."""

from __future__ import annotations

import sys

import click

from corpus.cli.context import db_option, echo_json, echo_text, fail, pass_store
from corpus.cli.entities import entities, marked_sentence, resolve_entity
from corpus.entities import candidates as candidate_store
from corpus.entities import decisions, queries, review
from corpus.entities.normalise import display_form, identity_key
from corpus.entities.scoring import THRESHOLD
from corpus.entities.types import KNOWN_TYPES
from corpus.safe_text import one_line
from corpus.store import Store


def _act(func, *args, unchanged: str = "Nothing changed.", **kwargs):
    """Run a decision and print the action it recorded (or `unchanged` when it recorded none)."""
    try:
        action = func(*args, **kwargs)
    except (decisions.EntityError, queries.EntityNotFound) as exc:
        fail(str(exc))
    echo_text(f"#{action.id} {action.summary}" if action else unchanged)
    return action


@entities.command("candidates")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=30, show_default=True, help="How many pairs.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many (for paging).")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=0.0, help="Only pairs scoring at least this (0–1).")
@click.option("--entity", default=None, help="Only pairs involving this entity (id or name).")
@click.option("--refresh", is_flag=True, help="Recompute the candidates first.")
@click.option("--auto-accept", type=click.FloatRange(0.5, 1.0), default=None, metavar="SCORE",
              help="Decide 'same' for every undecided pair scoring at least SCORE (one undoable action).")
@click.option("--context", "with_context", is_flag=True, help="Show a sentence for each name.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def candidates_command(store: Store, limit, offset, min_score, entity, refresh, auto_accept, with_context,
                       as_json) -> None:
    """The review queue: undecided pairs that may be one entity, best first, with the reason."""
    if refresh:
        count = candidate_store.refresh(store)
        click.echo(f"Recomputed {count} candidate pairs.", err=True)
    if auto_accept is not None:
        _act(decisions.auto_accept, store, auto_accept)
        return
    entity_id = resolve_entity(store, entity) if entity else None
    items = review.queue(store, limit=limit, offset=offset, min_score=min_score, entity_id=entity_id)
    for item in items:
        if as_json:
            echo_json(item.__dict__)
            continue
        echo_text(f"{item.score:.2f}  #{item.left_root} {one_line(item.left_name)} [{item.left_type}]  ↔  "
                  f"#{item.right_root} {one_line(item.right_name)} [{item.right_type}]")
        echo_text(f"      {one_line(item.explanation)}")
        if with_context:
            for side in (item.left_id, item.right_id):
                found = queries.mention_contexts(store, side, limit=1, own_only=True)
                if found:
                    echo_text(f"      “{marked_sentence(found[0], 110)}”")
    if not items and not as_json:
        narrowed = offset or min_score or entity_id is not None
        click.echo("No undecided candidates" + (" match." if narrowed else "."), err=True)


def _entity_type(value: str | None, where: str) -> str | None:
    """A type as the scorer knows it (PERSON, GPE…), or a one-line error naming the choices."""
    if not value or not value.strip():
        return None
    chosen = value.strip().upper()
    if chosen not in KNOWN_TYPES:
        fail(f"{where}: unknown type {value.strip()!r} (choose {', '.join(KNOWN_TYPES)})")
    return chosen


def _pairs_from_stdin():
    if sys.stdin.isatty():
        fail("give two names, or pipe tab-separated pairs (name, name[, type, type]) on stdin")
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            fail(f"stdin line {number}: expected two tab-separated names, got {line.strip()!r}")
        cells += [""] * (4 - len(cells))
        yield (cells[0].strip(), cells[1].strip(), _entity_type(cells[2], f"stdin line {number}"),
               _entity_type(cells[3], f"stdin line {number}"))


@entities.command("compare")
@click.argument("names", nargs=-1)
@click.option("--left-type", default=None, help="Type of the first name (PERSON, GPE, ORG…), if known.")
@click.option("--right-type", default=None, help="Type of the second name, if known.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=THRESHOLD, show_default=True,
              help="Score from which a pair is proposed (0–1).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per pair.")
@db_option  # accepted like every command's, though comparing names reads no database
def compare_command(names, left_type, right_type, threshold, as_json, db_path=None) -> None:
    """Score two names, or name pairs as TSV lines on stdin (name, name[, type, type]).

    Prints the score, whether the pair would be proposed, and why — to see why two names are,
    or are not, matched. Types are spaCy labels (PERSON, GPE, ORG, LOC, NORP…).

    \b
    corpus entities compare Kiev Kyiv
    printf 'Kyiv Post\\tKyiv\\tORG\\tGPE\\n' | corpus entities compare --json
    """
    if len(names) == 2:
        pairs = [(names[0], names[1], _entity_type(left_type, "--left-type"),
                  _entity_type(right_type, "--right-type"))]
    elif not names:
        pairs = _pairs_from_stdin()
    else:
        fail("give two names, or none and tab-separated pairs on stdin")
    for left, right, match in candidate_store.score_names(pairs, threshold):
        if as_json:
            echo_json({"left": left, "right": right, **match.__dict__})
        else:
            verdict = "proposed" if match.proposed else "not proposed"
            echo_text(f"{match.score:.2f}\t{verdict}\t{one_line(left)}\t{one_line(right)}\t{match.explanation}")


@entities.command("decide")
@click.argument("left")
@click.argument("right")
@click.argument("verdict", type=click.Choice([*decisions.VERDICTS, "clear"]))
@pass_store
def decide_command(store: Store, left, right, verdict) -> None:
    """Decide whether two entities are one: same, different, unsure — or clear the decision."""
    a, b = resolve_entity(store, left), resolve_entity(store, right)
    if a == b:
        fail(f"‘{left}’ and ‘{right}’ are already one entity (#{a}); `corpus entities split` separates them")
    if verdict == "clear":
        _act(decisions.clear_decision, store, a, b)
    else:
        _act(decisions.decide, store, a, b, verdict)


@entities.command("decisions")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=30, show_default=True, help="How many decisions.")
@click.option("--all", "include_retracted", is_flag=True, help="Also decisions since superseded or undone.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def decisions_command(store: Store, limit, include_retracted, as_json) -> None:
    """Recent merge decisions, newest first (change one with `decide`)."""
    for d in decisions.recent_decisions(store, limit, include_retracted):
        if as_json:
            echo_json(d.__dict__)
            continue
        gone = f"  (retracted {d.retracted_at})" if d.retracted_at else ""
        echo_text(f"{d.decided_at}  {d.verdict:<9} #{d.left_id} {one_line(d.left_name)} ↔ "
                  f"#{d.right_id} {one_line(d.right_name)}  by {d.decided_by}{gone}")


@entities.command("merge")
@click.argument("target")
@click.argument("others", nargs=-1, required=True)
@pass_store
def merge_command(store: Store, target, others) -> None:
    """Merge entities into TARGET (decides 'same' for each pair; undo or split reverses it).

    Entities are named by id (12 or #12) or by any of their names. The command prints which
    entity is canonical afterwards; `corpus entities rename` gives it the name to show.
    """
    ids = [resolve_entity(store, ref) for ref in (target, *others)]
    if len(set(ids)) == 1:
        fail(f"‘{target}’ and ‘{others[0]}’ are already one entity (#{ids[0]}); `corpus entities split` "
             "separates them")
    if _act(decisions.merge, store, ids[0], ids[1:]):
        merged = queries.get_entity(store, ids[0])
        echo_text(f"Now #{merged.id} {one_line(merged.name)} [{merged.type}], {merged.mentions} mentions"
                  f" (`corpus entities rename {merged.id} NAME` to show it under another name)")


@entities.command("split")
@click.argument("entity")
@click.option("--member", default=None, help="Split out only this merged entity (id or name).")
@pass_store
def split_command(store: Store, entity, member) -> None:
    """Split a merged entity back into the entities it was made of, with their aliases and mentions."""
    root = resolve_entity(store, entity)
    member_id = None
    if member:
        member_id = int(member.lstrip("#")) if member.lstrip("#").isdigit() else _member_named(store, root, member)
    _act(decisions.split, store, root, member_id)


def _member_named(store: Store, root: int, name: str) -> int:
    for alias in queries.entity_detail(store, root, mention_limit=0).aliases:
        if identity_key(alias["name"]) == identity_key(name):
            return alias["entity_id"]
    fail(f"‘{name}’ is not a name of entity #{root}")


@entities.command("rename")
@click.argument("entity")
@click.argument("name")
@pass_store
def rename_command(store: Store, entity, name) -> None:
    """Give an entity the name it should be shown and exported under."""
    entity_id = resolve_entity(store, entity)
    _act(decisions.rename, store, entity_id, name,
         unchanged=f"#{entity_id} is already named ‘{one_line(display_form(name))}’; nothing changed.")


@entities.command("alias")
@click.argument("entity")
@click.argument("name")
@click.option("--remove", is_flag=True, help="Remove an alias added by hand instead.")
@pass_store
def alias_command(store: Store, entity, name, remove) -> None:
    """Add another name of an entity; later extractions find it, typed as the entity."""
    func = decisions.remove_alias if remove else decisions.add_alias
    _act(func, store, resolve_entity(store, entity), name)


@entities.command("type")
@click.argument("entity")
@click.argument("entity_type", metavar="TYPE", type=click.Choice([*KNOWN_TYPES, "auto"], case_sensitive=False))
@pass_store
def type_command(store: Store, entity, entity_type) -> None:
    """Set an entity's type by hand ('auto' returns it to the most frequent model label)."""
    chosen = None if entity_type.lower() == "auto" else entity_type
    _act(decisions.set_type, store, resolve_entity(store, entity), chosen)
