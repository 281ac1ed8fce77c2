"""What the reader shows around the text, built from domain calls (no SQL here)."""

from __future__ import annotations

from rich.text import Text

from corpus import browse, notes, ratings, tags
from corpus.articles import Article
from corpus.browse import Highlight
from corpus.claims import model as claims_model
from corpus.claims import suggestions
from corpus.items import Item
from corpus.safe_text import one_line
from corpus.sentences import Boundaries, Span
from tui.widgets.side_list import SideEntry


def boundaries(store, article: Article) -> Boundaries:
    """spaCy's sentences when the article has been extracted, else the regex splitter's."""
    stored = browse.stored_sentences(store, article.id)
    return Boundaries(article.body, [Span(s, e) for s, e in stored] if stored else None)


def header(store, article: Article) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(one_line(article.title) or "(untitled)", style="bold")
    text.append("\n")
    meta = [m for m in (article.source, (article.published or "")[:10], article.author) if m]
    reliability = ratings.reliability_of(store, Item("source", article.source_id)) if article.source_id else None
    if reliability and meta:
        meta[0] = f"{meta[0]} [{reliability}]"
    text.append(one_line(" · ".join(meta)))
    tag_names = [t.tag for t in tags.tags_of(store, Item("article", article.id))]
    if tag_names:
        text.append("  #" + one_line(" #".join(tag_names)), style="italic")
    if notes.get_note(store, Item("article", article.id)):
        text.append("  ✎ note", style="italic")
    if article.duplicate_of:
        text.append(f"  ≈ duplicate of #{article.duplicate_of}", style="italic")
    url = article.canonical_url or article.url
    if url:
        text.append("\n" + one_line(url), style="dim")
    return text


def claim_summary(claim: claims_model.Claim, store) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    rating = ratings.claim_rating(store, claim.id)
    text.append(f"#{claim.id} ", style="bold")
    text.append(one_line(claim.speaker) or "no speaker", style="bold" if claim.speaker else "italic")
    if claim.verb:
        text.append(f" {one_line(claim.verb)}")
    if rating.code:
        text.append(f"  {rating.code}")
    claim_tags = [t.tag for t in tags.tags_of(store, Item("claim", claim.id))]
    if claim_tags:
        text.append("  #" + one_line(" #".join(claim_tags)), style="italic")
    return text


def info_line(store, widget, claims: list[Highlight], suggestions_under: list[Highlight]) -> Text:
    """The two lines under the text: what the cursor is on and the keys that act on it."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if widget.selection is not None:
        words = len(widget.text[widget.selection.start:widget.selection.end].split())
        text.append(f"Selection: {words} words ", style="bold")
        text.append("· c claim · ][ word · }{ sentence · <> start · esc clear")
    elif claims:
        claim = claims_model.get_claim(store, claims[0].ref)
        text.append_text(claim_summary(claim, store))
        more = f" (+{len(claims) - 1} more)" if len(claims) > 1 else ""
        text.append(f"{more} · enter edit · t tag · r rate · l link · a note")
    elif widget.cursor_span is not None:
        text.append(f"Sentence {widget.sentence_index + 1} of {len(widget.bounds.sentences)} ", style="bold")
        text.append("· c claim · v/] select · s next suggestion")
    text.append("\n")
    if suggestions_under:
        suggestion = suggestions.get_suggestion(store, suggestions_under[0].ref)
        text.append("Suggested: ", style="bold")
        text.append(one_line(suggestion.speaker or "unknown speaker"))
        if suggestion.verb:
            text.append(f" {one_line(suggestion.verb)}")
        text.append(" · y accept · x reject", style="bold")
    return text


def side_entries(store, article_id: int) -> list[SideEntry]:
    entries = [
        SideEntry(claim.id, claim.start, _side_text(claim_summary(claim, store), claim.quote))
        for claim in claims_model.claims_of_article(store, article_id)
        if not claim.orphan
    ]
    for suggestion in suggestions.suggestions_of_article(store, article_id):
        label = Text("suggested ", style="italic")
        label.append(one_line(suggestion.speaker or "?"), style="bold")
        entries.append(SideEntry(-suggestion.id, suggestion.start, _side_text(label, suggestion.quote)))
    return sorted(entries, key=lambda e: e.offset)


def _side_text(first: Text, quote: str) -> Text:
    text = first.copy()
    text.append("\n" + one_line(quote, 120), style="dim")
    return text


def accept_suggestion(store, suggestion_id: int) -> int:
    return suggestions.accept_suggestion(store, suggestion_id)


def reject_suggestion(store, suggestion_id: int) -> None:
    suggestions.reject_suggestion(store, suggestion_id)
