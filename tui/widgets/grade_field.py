"""A one-key rating field: type a grade of the Admiralty scale and focus moves on."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class GradeField(Widget, can_focus=True):
    DEFAULT_CSS = """
    GradeField { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    GradeField:focus { background: $primary 30%; }
    """

    value: reactive[str | None] = reactive(None)

    class Changed(Message):
        def __init__(self, field: "GradeField") -> None:
            super().__init__()
            self.field = field

    def __init__(self, scale: dict, value: str | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = {str(k): v for k, v in scale.items()}
        self.set_reactive(GradeField.value, value)

    def render(self) -> Text:
        keys = "".join(self.scale)
        if self.value is None:
            return Text(f"press {keys[0]}–{keys[-1]} (0 clears)", style="dim italic")
        text = Text(self.value, style="bold")
        text.append(f"  {self.scale[self.value]}")
        return text

    def on_key(self, event: events.Key) -> None:
        key = (event.character or "").upper()
        if key in self.scale:
            self.value = key
        elif event.key in ("0", "backspace", "delete"):
            self.value = None
        else:
            return
        event.stop()
        event.prevent_default()
        self.post_message(self.Changed(self))
        self.screen.focus_next()
