"""The item an action applies to, with the items around it to fall back on.

In the reader the current item is the claim under the cursor, inside its article, published
by an outlet: `r` rates the claim's credibility, or the outlet's reliability when the cursor
is on no claim. `fallback` walks outwards to the first item of a kind the action accepts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    kind: str  # article, claim, entity, source
    id: int
    label: str
    parent: "Target | None" = None

    def fallback(self, kinds: tuple[str, ...]) -> "Target | None":
        node: Target | None = self
        while node is not None and node.kind not in kinds:
            node = node.parent
        return node
