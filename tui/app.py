"""The workbench application."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from corpus.store import Store


class CorpusApp(App):
    TITLE = "corpus"

    def __init__(self, store: Store):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Corpus database: {self.store.path}")
        yield Footer()


def run_app(store: Store) -> None:
    CorpusApp(store).run()
