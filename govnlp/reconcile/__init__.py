"""Stage 7 — reconcile: findings from arithmetic — table identities, narrative vs tables, year vs year."""
