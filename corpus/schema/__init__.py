"""Schema history: numbered migrations, applied in order whenever a Store opens.

Each module `mNNNN_<name>.py` in this package registers one migration with `MIGRATIONS`;
they are imported here in numeric order, so a new schema change is a new file with the
next number. A migration is never edited once released: change the schema with a new one.
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("corpus")


def _load_numbered_modules() -> None:
    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name[:1] == "m" and info.name[1:5].isdigit()
    )
    for name in names:
        importlib.import_module(f"{__name__}.{name}")


_load_numbered_modules()
