"""Stage 5 — claims: numbers stated in the narrative, their units, 共/其中 structure and field links.

Modules (rules live as data next to the code):

* :mod:`.numbers` — the number grammar (Arabic with separators/decimals/PDF spaces, Chinese
  numerals with 几, 万/亿 multipliers) with ``Decimal`` values; ``units.yaml`` lists measure
  words and approximation/bound markers.
* :mod:`.find` — claims of narrative sentences (``not_claims.yaml``: ordinals, names, report
  self-description…; ``zeros.yaml``: zeros said in words such as 未收到…申请).
* :mod:`.structure` — ``parent`` (其中/含/包括/分别/brackets, continuation over ；and parallel
  "…占x%" sentences, 通过<channel> lists across paragraphs), ``metric``, ``scope``
  (``structure.yaml``).
* :mod:`.link` — canonical table fields per template era (``metric_fields.yaml``).
* :mod:`.bounds` — the interval an approximate claim allows (used by the checks in
  :mod:`govnlp.reconcile.claims_check`).

Conventions beyond annotation-guide §3 (shared with the gold notes in annotations/claims/):
markers before the number and after the unit (不低于, 近, 约, 以上, 内, 左右) are outside the
span, 余/多/几 between number and unit inside; a multiplier stays in the unit as written
(``2.26万元`` → value 2.26, unit 万元); a range ``3至5个工作日`` is one approximate claim valued
at its upper bound; a unit-less number counts only after 数/数为 (``不予公开信息数1402``);
Chinese 一 is a claim only before a measure word of persons (一名); implicit zeros have unit "".
"""
