"""Lowercasing: "Canada", "CANADA" and "canada" become one word."""
from __future__ import annotations

from neurona.text._checks import as_tokens


def lowercase(tokens: list[str]) -> list[str]:
    """Return the tokens in lower case.

    Examples
    --------
    >>> lowercase(["Canada", "CANADA", "toMcat"])
    ['canada', 'canada', 'tomcat']
    """
    return [token.lower() for token in as_tokens("lowercase", tokens)]
