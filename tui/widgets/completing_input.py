"""An input that completes what is typed; `tab` takes the completion.

The completion covers the last comma-separated part, so several tags can be typed in a row.
"""

from __future__ import annotations

from typing import Callable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input


class CompletionSuggester(Suggester):
    """Completes the last comma-separated part of the value from a lookup of known words."""

    def __init__(self, lookup: Callable[[str], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        prefix = last.lstrip()
        if not prefix:
            return None
        for word in self.lookup(prefix):
            if word.casefold().startswith(prefix.casefold()) and len(word) > len(prefix):
                return value + word[len(prefix):]
        return None


class CompletingInput(Input):
    BINDINGS = [Binding("tab", "complete", "Complete", show=False)]

    def __init__(self, lookup: Callable[[str], list[str]], **kwargs) -> None:
        super().__init__(suggester=CompletionSuggester(lookup), **kwargs)

    def action_complete(self) -> None:
        if self._suggestion and len(self._suggestion) > len(self.value):
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()
