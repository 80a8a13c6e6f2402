"""The themes stage: ``Sentence.themes`` and ``Sentence.scores`` for every sentence.

Which model: ``doc.config["theme_model"]`` — a model directory (``models/NAME`` written by
``govnlp train themes``), ``"rules"`` for the cue rules alone, or unset for the default model that
ships inside the package (``govnlp/themes/default_model/``, a copy of ``models/themes-default/``
made by ``govnlp train themes --install-default``).  A model that cannot be loaded leaves a warning
on the report and the rules decide alone.  Rules and model combine as documented in
:mod:`govnlp.themes.combine`.
"""
from __future__ import annotations

import os
from functools import lru_cache
from stat import S_ISREG
from pathlib import Path

from ..document import Document
from ..errors import ModelError
from .labels import LABELS, Unit

DEFAULT_MODEL_DIR = Path(__file__).with_name("default_model")


def units_of(doc: Document) -> list[Unit]:
    """The report's sentences as theme units (normalized text, section kind, heading flag)."""
    kinds = [s.kind for s in doc.report.sections]
    norm = doc.norm or doc.text
    return [Unit(norm[s.start:s.end],
                 kinds[s.section] if s.section is not None and s.section < len(kinds) else "unknown",
                 s.heading)
            for s in doc.report.sentences]


@lru_cache(maxsize=8)
def _load(path: str, mtime: float):
    from .predictor import load_predictor
    return load_predictor(path)


_LAST: list = []          # [(path string, directory and model.json identity), predictor]
_PATHS: dict = {}         # theme_model setting -> (Path, its model.json, both as strings)


def get_predictor(spec):
    """The predictor for a ``theme_model`` setting (None = the packaged default; "rules" = None)."""
    if spec == "rules":
        return None
    if spec is not None and not isinstance(spec, (str, os.PathLike)):
        return spec                         # an already loaded predictor object
    key = spec if spec is None or isinstance(spec, str) else os.fspath(spec)
    paths = _PATHS.get(key)
    if paths is None:
        p = DEFAULT_MODEL_DIR if spec is None else Path(spec)
        paths = _PATHS.setdefault(key, (p, p / "model.json", str(p), str(p / "model.json")))
    path, mj, path_s, mj_s = paths
    try:
        st = os.stat(mj_s)
        is_file = S_ISREG(st.st_mode)
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        from .model import read_model_json
        read_model_json(path)               # raises a ModelError that says what is wrong
        st = mj.stat()
    # the same directory (by identity, not only by name) and the same model.json as last time:
    # the predictor _load gave then (resolving the path costs a system call per component)
    try:
        dst = os.stat(path_s)
        ident = (path_s, dst.st_dev, dst.st_ino, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_mtime)
    except (OSError, ValueError):
        ident = None
    if ident is not None and _LAST and _LAST[0] == ident:
        return _LAST[1]
    predictor = _load(str(path.resolve()), st.st_mtime)
    _LAST[:] = [ident, predictor] if ident is not None else []
    return predictor


def label_themes(doc: Document) -> None:
    """Set ``themes`` (sorted labels, ``["other"]`` when none) and ``scores`` (all 8 labels)."""
    from .combine import Combination
    from .rules import load_rules, rule_scores
    sents = doc.report.sentences
    if not sents:
        return
    units = units_of(doc)
    p_rules = rule_scores(units)
    try:
        predictor = get_predictor(doc.config.get("theme_model"))
    except ModelError as e:
        doc.warn(f"theme model not loaded ({e}); sentence themes come from the rules alone")
        predictor = None
    if predictor is None:
        comb, p_model = Combination.rules_only(load_rules()["threshold"]), None
    else:
        comb, p_model = predictor.combination, predictor.predict_proba(units)
    s = comb.scores(p_model, p_rules)
    labels = comb.decide(s)
    rounded = s.round(4).tolist()
    for sent, labs, row in zip(sents, labels, rounded):
        sent.themes = labs
        sent.scores = dict(zip(LABELS, row))
