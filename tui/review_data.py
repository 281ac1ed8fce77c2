"""The two review queues of the Review pane: what is shown, what a key does to it.

Each queue remembers, for the session, the pairs skipped (not shown again) and the trail of
pairs already seen (so `b` can go back to one and change or clear its decision).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text

from corpus import articles, browse, duplicates
from corpus.entities import decisions, queries, review
from corpus.safe_text import one_line
from corpus.wording import noun
from tui.widgets.wrap import literal

Pair = tuple[int, int]
DUPLICATE_VERDICTS = {"same": duplicates.DUPLICATE, "different": duplicates.NOT_DUPLICATE, "unsure": duplicates.UNSURE}
VERDICT_WORDS = {"same": "same", "different": "different", "unsure": "unsure",
                 duplicates.DUPLICATE: "duplicate", duplicates.NOT_DUPLICATE: "not a duplicate"}


@dataclass
class HistoryEntry:
    left_id: int
    right_id: int
    verdict: str
    label: Text


class _Session:
    """What a queue remembers for the session: pairs skipped, pairs seen, the pair pinned."""

    def __init__(self) -> None:
        self.skipped: set[Pair] = set()
        self.trail: list[Pair] = []
        self.pinned: Pair | None = None

    def leave(self, pair: Pair, *, skipped: bool = False) -> None:
        """The pair was decided or skipped: remember it for `back`, and show the next one."""
        if skipped:
            self.skipped.add(pair)
        if pair not in self.trail:
            self.trail.append(pair)
        self.pinned = None

    def back(self, store) -> bool:
        if not self.trail:
            return False
        self.pinned = self.trail.pop()
        return True

    def show(self, entry: HistoryEntry) -> None:
        self.pinned = (entry.left_id, entry.right_id)


# Name pairs ------------------------------------------------------------------------------------


@dataclass
class PairView:
    left_id: int
    right_id: int
    left_name: str
    right_name: str
    left_text: Text
    right_text: Text
    score_text: Text
    decision: str | None
    contexts: dict[str, queries.MentionContext | None] = field(default_factory=dict)

    def article_of(self, side: str) -> tuple[int | None, int | None]:
        context = self.contexts.get(side)
        return (context.article_id, context.start) if context else (None, None)


def _name_card(store, entity_id: int, matched: str, contexts: list[queries.MentionContext]) -> Text:
    entity = queries.get_entity(store, entity_id)
    text = Text()
    text.append(one_line(matched), style="bold reverse")
    mentions = f"{entity.mentions} {noun(entity.mentions, 'mention')}"
    # The entity's own name only when the alias shown above differs from it (after a merge).
    about = [one_line(entity.name)] if entity.name != matched else []
    text.append("\n" + " · ".join([*about, entity.type, mentions]) + "\n", style="dim")
    for context in contexts:
        sentence = Text(literal(context.sentence).replace("\n", " "))
        sentence.stylize("bold underline", context.name_start, context.name_end)
        text.append("\n")
        text.append_text(sentence)
        text.append(f"\n  — {one_line(context.article_title, 100)}\n", style="italic dim")
    if not contexts:
        text.append("\n(no mention in context)", style="italic")
    return text


def pair_view(store, left_id: int, right_id: int, left_name: str | None = None, right_name: str | None = None,
              score: float | None = None, explanation: str | None = None) -> PairView:
    if score is None and explanation is None:
        score, explanation = browse.candidate_info(store, left_id, right_id)
    left_contexts = queries.mention_contexts(store, left_id, limit=3, own_only=True)
    right_contexts = queries.mention_contexts(store, right_id, limit=3, own_only=True)
    left_name = left_name or queries.get_entity(store, left_id).name
    right_name = right_name or queries.get_entity(store, right_id).name
    current = decisions.current_decision(store, left_id, right_id)
    score_text = Text()
    score_text.append(f"score {score:.2f}" if score is not None else "no score", style="bold")
    if explanation:
        score_text.append(f" · {one_line(explanation)}")
    if current:
        score_text.append(f"\ndecided: {current.verdict} — press its key again to clear it", style="bold")
    return PairView(
        left_id, right_id, left_name, right_name,
        _name_card(store, left_id, left_name, left_contexts), _name_card(store, right_id, right_name, right_contexts),
        score_text, current.verdict if current else None,
        {"left": left_contexts[0] if left_contexts else None, "right": right_contexts[0] if right_contexts else None},
    )


class NameQueue(_Session):
    def current(self, store) -> PairView | None:
        if self.pinned is not None:
            return pair_view(store, *self.pinned)
        item = next(review.iter_queue(store, skip=self.skipped), None)
        if item is None:
            return None
        return pair_view(store, item.left_id, item.right_id, item.left_name, item.right_name, item.score,
                         item.explanation)

    def decide(self, store, view: PairView, verdict: str) -> str:
        pair = (view.left_id, view.right_id)
        if view.decision == verdict:
            decisions.clear_decision(store, *pair)
            self.pinned = pair
            return f"Cleared: {view.left_name} ↔ {view.right_name} is back in the queue"
        decisions.decide(store, *pair, verdict)
        self.leave(pair)
        return f"{verdict.capitalize()}: {view.left_name} ↔ {view.right_name}"

    def skip(self, view: PairView) -> None:
        self.leave((view.left_id, view.right_id), skipped=True)

    def change(self, store, entry: HistoryEntry, verdict: str | None) -> str:
        if verdict is None:
            decisions.clear_decision(store, entry.left_id, entry.right_id)
            return "Decision cleared; the pair is back in the queue"
        decisions.decide(store, entry.left_id, entry.right_id, verdict)
        return f"Changed to {verdict}"


# Duplicate articles -----------------------------------------------------------------------------


@dataclass
class DuplicateView:
    pair: duplicates.DuplicatePair
    left_text: Text
    right_text: Text
    score_text: Text

    def article_of(self, side: str) -> tuple[int | None, int | None]:
        return (self.pair.other_id if side == "left" else self.pair.article_id), 0


def _article_card(store, article_id: int) -> Text:
    article = articles.get_article(store, article_id)
    text = Text()
    if article is None:
        return Text(f"article {article_id} is gone", style="italic")
    text.append(one_line(article.title, 120) or "(untitled)", style="bold reverse")
    meta = [m for m in (article.source, (article.published or "")[:10], f"#{article.id}") if m]
    text.append("\n" + one_line(" · ".join(meta)) + "\n\n", style="dim")
    text.append(one_line(article.body, 500))
    return text


def duplicate_view(store, pair: duplicates.DuplicatePair) -> DuplicateView:
    score = Text(f"similarity {pair.similarity:.2f}" if pair.similarity is not None else "similarity unknown",
                 style="bold")
    score.append(f" · is #{pair.article_id} (right) a copy of #{pair.other_id} (left)?")
    score.append("\ny copy · n not a copy · m unsure · s skip", style="dim")
    if pair.decision:
        score.append(f"\ndecided: {VERDICT_WORDS[pair.decision]} — press its key again to clear it", style="bold")
    return DuplicateView(pair, _article_card(store, pair.other_id), _article_card(store, pair.article_id), score)


class DuplicateQueue(_Session):
    def _pairs(self, store, include_decided: bool) -> list[duplicates.DuplicatePair]:
        return duplicates.duplicate_queue(store, include_decided=include_decided, limit=500)

    def current(self, store) -> DuplicateView | None:
        if self.pinned is not None:
            for pair in self._pairs(store, include_decided=True):
                if (pair.article_id, pair.other_id) == self.pinned:
                    return duplicate_view(store, pair)
            self.pinned = None
        for pair in self._pairs(store, include_decided=False):
            if (pair.article_id, pair.other_id) not in self.skipped:
                return duplicate_view(store, pair)
        return None

    def decide(self, store, view: DuplicateView, verdict: str) -> str:
        decision = DUPLICATE_VERDICTS[verdict]
        pair = (view.pair.article_id, view.pair.other_id)
        if view.pair.decision == decision:
            duplicates.clear_decision(store, *pair)
            self.pinned = pair
            return f"Cleared: article {pair[0]} ≈ article {pair[1]} is undecided again"
        _record(store, pair, decision)
        self.leave(pair)
        return f"Article {pair[0]} ≈ article {pair[1]}: {VERDICT_WORDS[decision]}"

    def skip(self, view: DuplicateView) -> None:
        self.leave((view.pair.article_id, view.pair.other_id), skipped=True)

    def change(self, store, entry: HistoryEntry, verdict: str | None) -> str:
        if verdict is None:
            duplicates.clear_decision(store, entry.left_id, entry.right_id)
            return "Decision cleared; the pair is undecided again"
        _record(store, (entry.left_id, entry.right_id), DUPLICATE_VERDICTS[verdict])
        return f"Changed to {VERDICT_WORDS[DUPLICATE_VERDICTS[verdict]]}"


def _record(store, pair: Pair, decision: str) -> None:
    if decision == duplicates.UNSURE:
        duplicates.mark_unsure(store, *pair)
    else:
        duplicates.decide(store, *pair, decision)


# What the pane shows around the cards ------------------------------------------------------------


def status_line(store, mode: str, view) -> Text:
    names = sum(1 for _ in review.iter_queue(store, refresh=False))
    copies = duplicates.count_undecided(store)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(" Name pairs ", style="reverse bold" if mode == "names" else "")
    text.append(f" {names} to review   ")
    text.append(" Duplicates ", style="reverse bold" if mode == "duplicates" else "")
    text.append(f" {copies} to review   D switches")
    return text


def history(store, mode: str, limit: int = 20) -> list[HistoryEntry]:
    entries = []
    if mode == "names":
        for d in decisions.recent_decisions(store, limit=limit):
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(f"{d.verdict:<9} ", style="bold")
            label.append(one_line(f"{d.left_name} ↔ {d.right_name}", 80))
            label.append(f"  {d.decided_at[:16]}", style="dim")
            entries.append(HistoryEntry(d.left_id, d.right_id, d.verdict, label))
        return entries
    for pair in duplicates.duplicate_queue(store, include_decided=True, limit=200):
        if pair.decision:
            label = Text(no_wrap=True, overflow="ellipsis")
            label.append(f"{VERDICT_WORDS[pair.decision]:<15} ", style="bold")
            label.append(one_line(f"#{pair.article_id} ≈ #{pair.other_id} {pair.article_title}", 80))
            entries.append(HistoryEntry(pair.article_id, pair.other_id, pair.decision, label))
    return entries[:limit]
