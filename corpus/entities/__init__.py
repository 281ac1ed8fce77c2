"""The entity layer: names spaCy finds, matched into canonical entities with the analyst."""
