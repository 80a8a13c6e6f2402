"""Stage 5 — claims: numbers stated in the narrative, their units, 共/其中 structure and field links."""
