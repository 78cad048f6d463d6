"""The remedies of the course's table of bias and variance (seed 000), in English with the Spanish term.

High bias (*sesgo alto*, under-fitting, *subajuste*): the training error itself is
high. High variance (*varianza alta*, over-fitting, *sobreajuste*): the validation
error is well above the training error, and the gap grows while training goes on.
"""
from __future__ import annotations

HIGH_BIAS: tuple[str, ...] = (
    "a bigger network: more layers or units (una red más grande)",
    "more or better input features (más características)",
    "train longer (entrenar más tiempo)",
    "another architecture (otra arquitectura)",
    "less regularization (menos regularización)",
)
"""Remedies for under-fitting, in the table's order."""

HIGH_VARIANCE: tuple[str, ...] = (
    "more training data (más datos)",
    "regularization: L2, dropout (regularización)",
    "early stopping (parada temprana)",
    "a smaller network (una red más pequeña)",
)
"""Remedies for over-fitting, in the table's order."""
