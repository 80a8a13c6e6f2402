"""``ThemeClassifier``: character n-gram TF-IDF + one-vs-rest logistic regression, with Platt
calibration and per-label thresholds, saved as JSON + ``.npz`` arrays (never pickle).

Featurisation is vectorised over all sentences of a report at once in numpy: the text becomes an
array of code points, each character 1–3-gram an exact int64 key (code points take 21 bits), and
keys map to vocabulary columns through a static perfect hash of the vocabulary (:mod:`.keyhash`).  Prediction needs only
numpy; scikit-learn is imported by :meth:`ThemeClassifier.fit` alone.

Format of a model directory (``format: govnlp-themes-sklearn/1``)::

    model.json    labels, n-gram range, section kinds, calibration (a, b), thresholds, combination
    arrays.npz    vocab (int64 keys, sorted), idf, coef (n_features × n_labels), intercept
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ModelError
from .labels import LABELS, SECTION_KINDS, Unit

FORMAT = "govnlp-themes-sklearn/1"
_KIND_INDEX = {k: i for i, k in reversed(list(enumerate(SECTION_KINDS)))}   # first index of each kind


def _codepoints(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of all texts (whitespace dropped, digits folded to 0) and their row ids."""
    joined = "".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    rows = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    keep = (cp > 32) & (cp != 0xA0) & (cp != 0x3000)
    cp, rows = cp[keep], rows[keep]
    cp[(cp >= 48) & (cp <= 57)] = 48
    return cp, rows


def ngram_keys(texts: Sequence[str], ngram_range: tuple[int, int] = (1, 3)) -> tuple[np.ndarray, np.ndarray]:
    """(row ids, int64 keys) of every character n-gram of every text; n-grams never cross texts.

    >>> rows, keys = ngram_keys(["ab", "c"], (1, 2))
    >>> rows.tolist(), [chr(k) if k < 2**21 else "2g" for k in keys.tolist()]
    ([0, 0, 1, 0], ['a', 'b', 'c', '2g'])
    """
    cp, rows = _codepoints(texts)
    lo, hi = ngram_range
    all_rows, all_keys = [], []
    L = len(cp)
    for n in range(lo, hi + 1):
        m = L - n + 1
        if m <= 0:
            continue
        key = cp[:m].copy()
        for j in range(1, n):
            key |= cp[j:j + m] << (21 * j)
        ok = rows[:m] == rows[n - 1:n - 1 + m]
        all_rows.append(rows[:m][ok])
        all_keys.append(key[ok])
    if not all_rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(all_rows), np.concatenate(all_keys)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _check_units(units: Any) -> list[Unit]:
    if isinstance(units, (str, bytes)) or not hasattr(units, "__iter__"):
        raise TypeError("expected a sequence of sentences (str or Unit), not "
                        f"{type(units).__name__}")
    out = []
    for i, u in enumerate(units):
        if isinstance(u, str):
            u = Unit(u)
        elif not isinstance(u, Unit):
            raise TypeError(f"sentence {i}: expected str or Unit, got {type(u).__name__}")
        out.append(u)
    return out


class ThemeClassifier:
    """Multi-label sentence theme classifier (scikit-learn style: ``fit``/``predict_proba``/``predict``).

    ``X`` is a sequence of sentences: plain ``str`` or :class:`~govnlp.themes.labels.Unit` (text plus
    section kind and heading flag, which become extra features).  ``Y`` is an (n, 8) 0/1 array in
    :data:`~govnlp.themes.labels.LABELS` order, or a list of label lists.

    >>> clf = ThemeClassifier(min_df=1).fit(["网站建设", "依申请公开", "无。"],
    ...                                     [["platform_building"], ["request_disclosure"], ["other"]])
    >>> clf.predict(["网站"])
    [['platform_building']]
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), min_df: int = 2, C: float = 30.0,
                 section_weight: float = 0.3, class_weight: str | None = "balanced", seed: int = 0):
        self.ngram_range = tuple(ngram_range)
        self.min_df = min_df
        self.C = C
        self.section_weight = section_weight
        self.class_weight = class_weight
        self.seed = seed
        # fitted
        self.vocab_: np.ndarray | None = None
        self.idf_: np.ndarray | None = None
        self.coef_: np.ndarray | None = None
        self.intercept_: np.ndarray | None = None
        self.calibration_ = np.tile([1.0, 0.0], (len(LABELS), 1))   # p = sigmoid(a z + b)
        self.thresholds_ = np.full(len(LABELS), 0.5)
        self.extra: dict[str, Any] = {}

    _PARAMS = ("ngram_range", "min_df", "C", "section_weight", "class_weight", "seed")

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor parameters (scikit-learn estimator protocol, so ``sklearn.base.clone`` works)."""
        return {p: getattr(self, p) for p in self._PARAMS}

    def set_params(self, **params) -> "ThemeClassifier":
        for p, v in params.items():
            if p not in self._PARAMS:
                raise ValueError(f"unknown parameter {p!r}; parameters are {', '.join(self._PARAMS)}")
            setattr(self, p, tuple(v) if p == "ngram_range" else v)
        return self

    # -- features -------------------------------------------------------------------------
    @property
    def n_features_(self) -> int:
        return len(self.vocab_) + len(SECTION_KINDS) + 1

    def _tfidf(self, units: list[Unit]):
        """CSR matrix (n × vocabulary) of L2-normalised sublinear TF-IDF n-gram features: vocabulary
        lookup by a perfect hash, counting by one sort of (row, column) cells."""
        from scipy.sparse import csr_matrix
        n, V = len(units), max(len(self.vocab_), 1)
        comb = self._cells([u.text for u in units], n, V)
        comb.sort()
        if comb.size:
            first = np.empty(comb.size, bool)
            first[0] = True
            np.not_equal(comb[1:], comb[:-1], out=first[1:])
            at = np.flatnonzero(first)
            uniq = comb[at]
            counts = np.diff(np.append(at, comb.size))
        else:
            uniq, counts = comb, np.zeros(0, np.intp)
        r = uniq // V
        c = uniq - r * V                                # uniq % V
        val = (1.0 + np.log(counts)) * self.idf_[c]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n))])
        sq = np.concatenate([[0.0], np.cumsum(val * val)])
        norm = np.sqrt(sq[indptr[1:]] - sq[indptr[:-1]])
        norm[norm == 0] = 1.0
        val /= norm[r]
        return csr_matrix((val, c, indptr), shape=(n, V))

    def _cells(self, texts: list[str], n: int, V: int) -> np.ndarray:
        """``row * V + column`` of every n-gram of the texts found in the vocabulary (unsorted;
        the same multiset as :func:`ngram_keys` followed by :meth:`_lookup`).

        The keys of all n are written into one array; an n-gram that would cross from one text
        into the next (there are few: they sit at text boundaries) gets the key -1, which no
        vocabulary entry has, instead of being filtered out."""
        lo, hi = self.ngram_range
        if getattr(self, "_index", None) is None or self._index[0] is not self.vocab_:
            self._lookup(np.zeros(0, np.int64))
        ix = self._index[1]
        if lo < 1 or not (len(ix.keys) == 0 or ix.keys.min() >= 0):
            rows, keys = ngram_keys(texts, self.ngram_range)
            at, col = ix.find(keys)
            rows = rows[at]
        else:
            cp, rows1 = _codepoints(texts)
            L = len(cp)
            segs = [(k, L - k + 1) for k in range(lo, hi + 1) if L - k + 1 > 0]
            keys = np.empty(sum(m for _, m in segs), np.int64)
            rows = np.empty(len(keys), rows1.dtype)
            edge = np.flatnonzero(rows1[:-1] != rows1[1:])     # last position of each text
            o = 0
            for k, m in segs:
                out = keys[o:o + m]
                out[:] = cp[:m]
                for j in range(1, k):
                    out |= cp[j:j + m] << (21 * j)
                for j in range(k - 1):                          # crosses a text boundary
                    bad = edge - j
                    out[bad[(bad >= 0) & (bad < m)]] = -1
                rows[o:o + m] = rows1[:m]
                o += m
            at, col = ix.find(keys)
            rows = rows[at]
        comb = rows * V + col
        return comb.astype(np.int32) if n * V < 2 ** 31 else comb     # int32 sorts twice as fast

    def _extras(self, units: list[Unit]) -> tuple[np.ndarray, np.ndarray]:
        """Section-kind column index of each sentence, and the heading flags."""
        unknown = SECTION_KINDS.index("unknown")
        get = _KIND_INDEX.get
        kinds = np.fromiter((get(u.section, unknown) if type(u.section) is str       # noqa: E721
                             else SECTION_KINDS.index(u.section) if u.section in SECTION_KINDS else unknown
                             for u in units), np.int64, len(units))
        return kinds, np.fromiter((u.heading for u in units), bool, len(units))

    def transform(self, X):
        """The feature matrix (``scipy.sparse.csr_matrix``): n-gram TF-IDF columns, then one column
        per section kind (value ``section_weight``), then the heading flag."""
        from scipy.sparse import csr_matrix, hstack
        self._check_fitted()
        units = _check_units(X)
        n, V = len(units), len(self.vocab_)
        kinds, heads = self._extras(units)
        rows = np.concatenate([np.arange(n), np.flatnonzero(heads)])
        cols = np.concatenate([V + kinds, np.full(int(heads.sum()), V + len(SECTION_KINDS))])
        vals = np.concatenate([np.full(n, self.section_weight), np.ones(int(heads.sum()))])
        extra = csr_matrix((vals, (rows, cols - V)), shape=(n, len(SECTION_KINDS) + 1))
        return hstack([self._tfidf(units)[:, :V], extra]).tocsr()

    # -- fitting --------------------------------------------------------------------------
    def fit(self, X, Y) -> "ThemeClassifier":
        units = _check_units(X)
        Y = labels_to_matrix(Y, len(units))
        if not units:
            raise ValueError("cannot fit on zero sentences")
        rows, keys = ngram_keys([u.text for u in units], self.ngram_range)
        pairs = np.unique(np.stack([rows, keys]), axis=1)
        vocab, df = np.unique(pairs[1], return_counts=True)
        keep = df >= self.min_df
        self.vocab_ = vocab[keep]
        n = len(units)
        self.idf_ = np.log((1.0 + n) / (1.0 + df[keep])) + 1.0
        Xm = self.transform(units)
        self.coef_ = np.zeros((self.n_features_, len(LABELS)))
        self.intercept_ = np.zeros(len(LABELS))
        from sklearn.linear_model import LogisticRegression
        for k in range(len(LABELS)):
            y = Y[:, k]
            if y.min() == y.max():                 # a label never (or always) seen
                self.intercept_[k] = -10.0 if y.max() == 0 else 10.0
                continue
            lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                    random_state=self.seed, max_iter=1000)
            lr.fit(Xm, y)
            self.coef_[:, k] = lr.coef_[0]
            self.intercept_[k] = lr.intercept_[0]
        return self

    # -- prediction -----------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if self.vocab_ is None or self.idf_ is None:
            raise ModelError("ThemeClassifier is not fitted (call fit() or load a model directory)")

    def decision_function(self, X) -> np.ndarray:
        """Raw linear scores, (n, 8): ``transform(X) @ coef_ + intercept_`` without the stacking."""
        self._check_fitted()
        if self.coef_ is None:
            raise ModelError("ThemeClassifier is not fitted")
        units = _check_units(X)
        V = len(self.vocab_)
        z = self._tfidf(units) @ self.coef_[:V] if V else np.zeros((len(units), len(LABELS)))
        kinds, heads = self._extras(units)
        z += self.section_weight * self.coef_[V + kinds]
        z[heads] += self.coef_[V + len(SECTION_KINDS)]
        return z + self.intercept_

    def _lookup(self, keys: np.ndarray) -> np.ndarray:
        """Vocabulary column of each key, -1 where absent (a static perfect hash of the vocabulary,
        :class:`~govnlp.themes.keyhash.KeyIndex`, built on first use)."""
        if getattr(self, "_index", None) is None or self._index[0] is not self.vocab_:
            from .keyhash import KeyIndex
            self._index = (self.vocab_, KeyIndex(self.vocab_))
        return self._index[1].lookup(keys)

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated per-label probabilities, (n, 8) in LABELS order."""
        z = self.decision_function(X)
        a, b = self.calibration_[:, 0], self.calibration_[:, 1]
        return _sigmoid(a * z + b)

    def predict(self, X) -> list[list[str]]:
        """Label lists: themes whose probability reaches their threshold, else ``["other"]``."""
        from .labels import decide
        return decide(self.predict_proba(X), self.thresholds_)

    # -- persistence ----------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "labels": list(LABELS), "section_kinds": list(SECTION_KINDS),
                "ngram_range": list(self.ngram_range), "min_df": self.min_df, "C": self.C,
                "section_weight": self.section_weight, "class_weight": self.class_weight,
                "seed": self.seed, "calibration": self.calibration_.round(8).tolist(),
                "thresholds": [round(float(t), 6) for t in self.thresholds_], "extra": self.extra}
        (path / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        np.savez_compressed(path / "arrays.npz", vocab=self.vocab_, idf=self.idf_.astype(np.float32),
                            coef=self.coef_.astype(np.float32), intercept=self.intercept_)
        return path

    @classmethod
    def load(cls, path: str | Path) -> "ThemeClassifier":
        path = Path(path)
        meta = read_model_json(path)
        if meta.get("format") != FORMAT:
            raise ModelError(f"{path}: format {meta.get('format')!r} is not {FORMAT!r}")
        if list(meta["labels"]) != list(LABELS) or list(meta["section_kinds"]) != list(SECTION_KINDS):
            raise ModelError(f"{path}: label set or section kinds differ from this govnlp version")
        arrays = path / "arrays.npz"
        if not arrays.is_file():
            raise ModelError(f"{path}: arrays.npz is missing")
        try:
            with np.load(arrays, allow_pickle=False) as z:
                vocab, idf, coef, intercept = (z["vocab"], z["idf"].astype(np.float64),
                                               z["coef"].astype(np.float64), z["intercept"])
        except (ValueError, KeyError, OSError) as e:
            raise ModelError(f"{arrays}: not a readable govnlp array file ({e})") from e
        self = cls(tuple(meta["ngram_range"]), meta["min_df"], meta["C"], meta["section_weight"],
                   meta["class_weight"], meta["seed"])
        self.vocab_, self.idf_, self.coef_, self.intercept_ = vocab.astype(np.int64), idf, coef, intercept
        if coef.shape != (self.n_features_, len(LABELS)) or idf.shape != vocab.shape:
            raise ModelError(f"{arrays}: array shapes do not match")
        self.calibration_ = np.asarray(meta["calibration"], dtype=np.float64)
        self.thresholds_ = np.asarray(meta["thresholds"], dtype=np.float64)
        self.extra = meta.get("extra", {})
        return self


def read_model_json(path: Path) -> dict:
    """``model.json`` of a model directory, with :class:`ModelError` for anything else."""
    if not path.is_dir():
        raise ModelError(f"theme model directory not found: {path}")
    mj = path / "model.json"
    if not mj.is_file():
        found = ", ".join(sorted(p.name for p in path.iterdir())[:5]) or "nothing"
        raise ModelError(f"{path}: no model.json (found {found}); pickled models are not loaded")
    try:
        meta = json.loads(mj.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(f"{mj}: not JSON ({e})") from e
    if not isinstance(meta, dict) or "format" not in meta:
        raise ModelError(f"{mj}: no 'format' key; unknown model format")
    return meta


def labels_to_matrix(Y, n: int) -> np.ndarray:
    """An (n, 8) 0/1 int array from label lists or an array; errors name the bad row."""
    if isinstance(Y, np.ndarray):
        if Y.shape != (n, len(LABELS)):
            raise ValueError(f"Y has shape {Y.shape}, expected ({n}, {len(LABELS)})")
        return (Y > 0).astype(int)
    Y = list(Y)
    if len(Y) != n:
        raise ValueError(f"X has {n} sentences but Y has {len(Y)} label lists")
    M = np.zeros((n, len(LABELS)), int)
    for i, labs in enumerate(Y):
        if isinstance(labs, str):
            raise TypeError(f"Y[{i}]: expected a list of labels, got the string {labs!r}")
        for l in labs:
            if l not in LABELS:
                raise ValueError(f"Y[{i}]: unknown label {l!r}; labels are {', '.join(LABELS)}")
            M[i, LABELS.index(l)] = 1
    return M
