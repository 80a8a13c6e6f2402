"""The theme label set (annotation guide §2), in the fixed order every score vector uses."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LABELS: tuple[str, ...] = (
    "policy_interpretation",
    "platform_building",
    "problems_improvements",
    "proactive_disclosure",
    "request_disclosure",
    "information_management",
    "supervision_guarantee",
    "other",
)
#: The seven real themes; ``other`` is exclusive and given only when none of these applies.
THEMES: tuple[str, ...] = LABELS[:-1]
OTHER = len(LABELS) - 1

#: Section kinds (spec/output.md) used as features and priors.
SECTION_KINDS: tuple[str, ...] = ("overview", "proactive", "requests", "appeals", "problems",
                                  "other_matters", "unknown")


@dataclass(frozen=True)
class Unit:
    """One sentence as the theme stage sees it: normalized text, its section kind, heading flag."""

    text: str
    section: str = "unknown"
    heading: bool = False


def decide(scores, thresholds) -> list[list[str]]:
    """Labels per row of an (n, 8) score array: every theme whose score reaches its threshold,
    else ``["other"]`` (``other`` is exclusive).

    >>> import numpy as np
    >>> decide(np.array([[.9, .6, 0, 0, 0, 0, 0, .1], [0] * 8]), [.5] * 8)
    [['platform_building', 'policy_interpretation'], ['other']]
    """
    ok = scores[:, :OTHER] >= np.asarray(thresholds)[:OTHER]
    return [list(_BY_CODE[c]) for c in (ok @ _BITS).tolist()]


_ALPHA = sorted(range(OTHER), key=lambda k: LABELS[k])     # theme indices in alphabetical order
_ALPHA_NAMES = LABELS
_BITS = 1 << np.arange(OTHER, dtype=np.int64)               # a row's passing themes as one code
_BY_CODE = [tuple(_ALPHA_NAMES[j] for j in _ALPHA if code >> j & 1) or ("other",)
            for code in range(1 << OTHER)]
