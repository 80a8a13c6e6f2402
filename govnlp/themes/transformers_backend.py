"""Transformers backend: fine-tune any local Hugging Face encoder directory with a multi-label head.

Imported only when used (torch and transformers are heavy).  Nothing is downloaded: the base model
is a local directory (``--base-model PATH``) and is loaded with ``local_files_only=True``.

A saved model directory (``format: govnlp-themes-transformers/1``)::

    model.json     labels, max_length, calibration, thresholds, combination
    encoder/       the fine-tuned model and tokenizer (``save_pretrained``: config + safetensors)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .labels import LABELS
from .model import _check_units, labels_to_matrix, read_model_json

FORMAT = "govnlp-themes-transformers/1"


class TransformersThemeModel:
    """Same interface as :class:`~govnlp.themes.model.ThemeClassifier` (fit / decision_function /
    predict_proba / predict / save / load), backed by a fine-tuned encoder."""

    def __init__(self, base_model: str | Path, epochs: int = 3, batch_size: int = 16, max_length: int = 128,
                 lr: float = 5e-5, seed: int = 0, threads: int | None = None):
        self.base_model = str(base_model)
        self.epochs, self.batch_size, self.max_length = epochs, batch_size, max_length
        self.lr, self.seed, self.threads = lr, seed, threads
        self.model = self.tokenizer = None
        self.calibration_ = np.tile([1.0, 0.0], (len(LABELS), 1))
        self.thresholds_ = np.full(len(LABELS), 0.5)
        self.extra: dict[str, Any] = {}

    def _load_base(self):
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        _quiet()
        path = Path(self.base_model)
        if not (path / "config.json").is_file():
            raise ModelError(f"--base-model {path}: not a Hugging Face model directory (no config.json)")
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, num_labels=len(LABELS), problem_type="multi_label_classification",
            id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)},
            local_files_only=True)

    def _encode(self, texts):
        return self.tokenizer(list(texts), padding=True, truncation=True, max_length=self.max_length,
                              return_tensors="pt")

    def fit(self, X, Y) -> "TransformersThemeModel":
        import torch
        units = _check_units(X)
        Y = labels_to_matrix(Y, len(units))
        if not units:
            raise ValueError("cannot fit on zero sentences")
        torch.manual_seed(self.seed)
        if self.threads:
            torch.set_num_threads(self.threads)
        self._load_base()
        texts = [u.text for u in units]
        target = torch.tensor(Y, dtype=torch.float32)
        opt = torch.optim.AdamW(self.model.parameters(), lr=self.lr)
        rng = np.random.default_rng(self.seed)
        self.model.train()
        for _ in range(self.epochs):
            order = rng.permutation(len(texts))
            for i in range(0, len(order), self.batch_size):
                idx = order[i:i + self.batch_size]
                enc = self._encode([texts[j] for j in idx])
                out = self.model(**enc, labels=target[idx])
                opt.zero_grad()
                out.loss.backward()
                opt.step()
        self.model.eval()
        return self

    def decision_function(self, X) -> np.ndarray:
        import torch
        if self.model is None:
            raise ModelError("TransformersThemeModel is not fitted")
        units = _check_units(X)
        out = np.zeros((len(units), len(LABELS)))
        with torch.inference_mode():
            for i in range(0, len(units), 64):
                enc = self._encode([u.text for u in units[i:i + 64]])
                out[i:i + 64] = self.model(**enc).logits.float().numpy()
        return out

    def predict_proba(self, X) -> np.ndarray:
        z = self.decision_function(X)
        return 1.0 / (1.0 + np.exp(-np.clip(self.calibration_[:, 0] * z + self.calibration_[:, 1], -50, 50)))

    def predict(self, X) -> list[list[str]]:
        from .labels import decide
        return decide(self.predict_proba(X), self.thresholds_)

    def save(self, path: str | Path) -> Path:
        if self.model is None:
            raise ModelError("TransformersThemeModel is not fitted")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(path / "encoder", safe_serialization=True)
        self.tokenizer.save_pretrained(path / "encoder")
        meta = {"format": FORMAT, "labels": list(LABELS), "base_model": self.base_model,
                "epochs": self.epochs, "batch_size": self.batch_size, "max_length": self.max_length,
                "lr": self.lr, "seed": self.seed, "calibration": np.round(self.calibration_, 8).tolist(),
                "thresholds": [round(float(t), 6) for t in self.thresholds_], "extra": self.extra}
        (path / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "TransformersThemeModel":
        path = Path(path)
        meta = read_model_json(path)
        if meta["format"] != FORMAT:
            raise ModelError(f"{path}: format {meta['format']!r} is not {FORMAT!r}")
        if list(meta["labels"]) != list(LABELS):
            raise ModelError(f"{path}: label set differs from this govnlp version")
        enc = path / "encoder"
        if not (enc / "config.json").is_file() or not any(enc.glob("*.safetensors")):
            raise ModelError(f"{path}: encoder/ must hold config.json and safetensors weights")
        from transformers import AutoModelForSequenceClassification, AutoTokenizer
        _quiet()
        self = cls(meta["base_model"], meta["epochs"], meta["batch_size"], meta["max_length"],
                   meta["lr"], meta["seed"])
        self.tokenizer = AutoTokenizer.from_pretrained(enc, local_files_only=True)
        self.model = AutoModelForSequenceClassification.from_pretrained(enc, local_files_only=True,
                                                                        use_safetensors=True)
        self.model.eval()
        self.calibration_ = np.asarray(meta["calibration"], dtype=float)
        self.thresholds_ = np.asarray(meta["thresholds"], dtype=float)
        self.extra = meta.get("extra", {})
        return self


def _quiet() -> None:
    """No load reports or progress bars from transformers on govnlp's output."""
    from transformers.utils import logging as hf_logging
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def build_tiny_bert(path: str | Path, texts, hidden: int = 32, layers: int = 2, heads: int = 2,
                    seed: int = 0) -> Path:
    """A randomly initialised BERT with a character vocabulary drawn from ``texts`` — for tests and
    smoke runs of this backend without any download."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer
    _quiet()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for t in texts for c in t if not c.isspace()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + chars
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = BertTokenizer(str(path / "vocab.txt"), do_lower_case=False, tokenize_chinese_chars=True)
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers,
                     num_attention_heads=heads, intermediate_size=hidden * 2, max_position_embeddings=256)
    BertModel(cfg).save_pretrained(path, safe_serialization=True)
    tok.save_pretrained(path)
    return path
