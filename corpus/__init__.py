"""corpus: the domain of the workbench (store, importing, entities, claims, export). No UI here."""

__version__ = "0.1.0"
