"""Stage 6 — themes: multi-label sentence themes from cue rules plus a trained model."""
