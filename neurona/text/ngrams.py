"""N-grams: runs of n consecutive tokens, which keep some word order ("not good")."""
from __future__ import annotations

from neurona.text._checks import as_tokens, check_int


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
    n = check_int("ngrams", "n", n, 1)
    if n == 1:
        return tokens
    return [separator.join(gram) for gram in zip(*(tokens[i:] for i in range(n)))]
