"""Stage 6 — themes: multi-label sentence themes from cue rules plus a trained model.

Modules (heavy dependencies are imported only inside the functions that need them):

- :mod:`~govnlp.themes.labels` — the 8 labels (annotation guide §2), :class:`Unit`, ``decide``.
- :mod:`~govnlp.themes.rules` + ``cues.yaml`` — cue lexicons/patterns with weights, section and
  sub-heading priors (rules as data).
- :mod:`~govnlp.themes.model` — :class:`ThemeClassifier` (char n-gram TF-IDF + one-vs-rest logistic
  regression, calibrated; JSON + ``.npz``, never pickle).
- :mod:`~govnlp.themes.combine` — the documented rule/model combination.
- :mod:`~govnlp.themes.transformers_backend` — fine-tune any local Hugging Face encoder directory.
- :mod:`~govnlp.themes.data` — annotations (``datasets``), offset alignment, leave-one-report-out.
- :mod:`~govnlp.themes.train` / :mod:`~govnlp.themes.cli` — ``govnlp train themes``.
- :mod:`~govnlp.themes.stage` — ``label_themes(doc)``, the pipeline stage.
- :mod:`~govnlp.themes.spacy_component` — the ``govnlp`` spaCy component.
"""
