"""N-grams: runs of n consecutive tokens, which keep some word order ("not good")."""
from __future__ import annotations

from neurona.text._checks import as_tokens


def ngrams(tokens: list[str], n: int = 2, separator: str = " ") -> list[str]:
    """The n-grams of ``tokens``, each joined by ``separator``; none when there are fewer than n tokens.

    Examples
    --------
    >>> ngrams(["not", "a", "good", "film"])
    ['not a', 'a good', 'good film']
    >>> ngrams(["one"], 2)
    []
    """
    tokens = as_tokens("ngrams", tokens)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"ngrams: n must be an integer >= 1, got {n!r}")
    if n == 1:
        return tokens
    return [separator.join(gram) for gram in zip(*(tokens[i:] for i in range(n)))]
