"""Messages that travel between screens, widgets and background workers."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class TaskProgress(Message):
    """A background task moved on; `total` is None while it cannot tell how far it has to go."""

    task: str
    done: int
    total: int | None
    detail: str = ""


@dataclass
class TaskFinished(Message):
    task: str
    summary: str
    failures: list[str]


@dataclass
class TaskFailed(Message):
    task: str
    reason: str


@dataclass
class ArticlesStored(Message):
    """A running import committed articles: the article list can show them before it ends."""
