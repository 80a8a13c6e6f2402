"""Stage 4 — tables: find the statistics tables, detect the template, read canonical fields."""
from .locate import crawled_regions, pipe_regions

__all__ = ["pipe_regions", "crawled_regions"]
