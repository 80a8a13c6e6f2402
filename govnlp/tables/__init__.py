"""Stage 4 — tables: find the statistics tables, detect the template, read canonical fields.

``locate``      where tables are (``|`` blocks, anchors of run-together crawled stretches)
``grid``        ``|`` text → rows of cells (broken rows joined, one cell per line regrouped)
``crawled``     run-together text → row labels and their digit stretches
``runtogether`` the possible cuts of a digit stretch into n numbers
``solve``       choose cuts by row totals, column identities and priors (low confidence if unsure)
``fields``      rows → canonical field ids of fields.yaml (``FieldValue`` with offsets, confidence)
``template``    ``TemplateDetector``: 2021 / 2019 / pre2019 / unknown from headers and rows
``stage``       ``read_tables(doc)``, the pipeline stage
"""
from .locate import crawled_regions, pipe_regions

__all__ = ["pipe_regions", "crawled_regions"]
