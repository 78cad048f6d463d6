"""The probabilistic language model of the course: bigrams with add-k smoothing, and perplexity.

``P(w | v) = (count(v, w) + k) / (count(v) + k·V)``: every word gets some probability
after every word, however rare the pair. Perplexity ``exp(−mean log P(target))`` is
the number of words the model hesitates between, on average; lower is better.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from neurona.text._checks import check_int


def perplexity(probabilities: Any, mask: Any = None) -> float:
    """``exp(−mean log p)`` of the probabilities a model gave the words that came (where ``mask`` is True).

    Examples
    --------
    >>> perplexity([0.5, 0.5, 0.5])
    2.0
    >>> perplexity([[0.25, 0.01]], mask=[[True, False]])
    4.0
    """
    p = np.asarray(probabilities, dtype=np.float64)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != p.shape:
            raise ValueError(f"perplexity: mask of shape {mask.shape} does not match probabilities of shape {p.shape}")
        p = p[mask]
    if p.size == 0:
        raise ValueError("perplexity: no probabilities (an empty input, or a mask without True)")
    if not np.all((p > 0) & (p <= 1)):
        raise ValueError(f"perplexity: probabilities must lie in (0, 1], got values in [{p.min()}, {p.max()}]")
    return float(np.exp(-np.mean(np.log(p))))


def _pairs(name: str, sequences: Any, vocabulary_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Previous and next id of every consecutive pair in ``sequences`` (lists of ids in ``[0, V)``)."""
    if isinstance(sequences, np.ndarray) and sequences.ndim == 1 and sequences.dtype != object:
        raise ValueError(f"{name}: sequences must be a list of sequences of ids (for one, pass [sequence])")
    previous, following = [], []
    for i, sequence in enumerate(sequences):
        ids = np.asarray(sequence)
        if ids.ndim != 1 or (ids.size and ids.dtype.kind not in "iu"):
            raise ValueError(f"{name}: sequence {i} must be a 1-D sequence of integer ids, got {ids.dtype} {ids.shape}")
        if ids.size and (ids.min() < 0 or ids.max() >= vocabulary_size):
            raise ValueError(f"{name}: sequence {i} has id {int(ids.max() if ids.max() >= vocabulary_size else ids.min())}"
                             f", outside the vocabulary of {vocabulary_size} ids")
        previous.append(ids[:-1])
        following.append(ids[1:])
    if not previous:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(previous).astype(np.int64), np.concatenate(following).astype(np.int64)


class BigramLanguageModel:
    """A bigram model of sequences of word ids with add-k (Lidstone) smoothing; ``k=1`` is Laplace's.

    Parameters
    ----------
    vocabulary_size : int
        V: the ids are ``0 … V−1``.
    k : float, default 1.0
        The count added to every pair (``> 0``).

    Examples
    --------
    >>> model = BigramLanguageModel(vocabulary_size=4, k=1.0).fit([[0, 1, 2, 3], [0, 1, 3]])
    >>> model.probabilities(1).round(3).tolist()          # after word 1: 2 and 3 once each
    [0.167, 0.167, 0.333, 0.333]
    >>> round(model.perplexity([[0, 1, 2]]), 3)
    2.449
    """

    def __init__(self, vocabulary_size: int, k: float = 1.0) -> None:
        self.vocabulary_size = check_int("BigramLanguageModel", "vocabulary_size", vocabulary_size, 1)
        if isinstance(k, bool) or not isinstance(k, (int, float, np.floating, np.integer)) or not 0 < k < np.inf:
            raise ValueError(f"BigramLanguageModel: k must be a positive finite number, got {k!r}")
        self.k = float(k)
        self._pair_keys = np.zeros(0, np.int64)
        self._pair_counts = np.zeros(0, np.int64)
        self.context_counts = np.zeros(self.vocabulary_size, np.int64)

    def fit(self, sequences: list) -> BigramLanguageModel:
        """Count the pairs of consecutive ids in ``sequences`` (each a list of ids), replacing earlier counts."""
        previous, following = _pairs("BigramLanguageModel.fit", sequences, self.vocabulary_size)
        self._pair_keys, self._pair_counts = np.unique(previous * self.vocabulary_size + following, return_counts=True)
        self.context_counts = np.bincount(previous, minlength=self.vocabulary_size)
        return self

    def _pair_count(self, keys: np.ndarray) -> np.ndarray:
        if not len(self._pair_keys):
            return np.zeros(len(keys), np.int64)
        where = np.minimum(np.searchsorted(self._pair_keys, keys), len(self._pair_keys) - 1)
        return np.where(self._pair_keys[where] == keys, self._pair_counts[where], 0)

    def probability(self, previous: Any, following: Any) -> np.ndarray:
        """``P(following | previous)`` for arrays of ids (broadcast together)."""
        previous, following = np.broadcast_arrays(np.asarray(previous, np.int64), np.asarray(following, np.int64))
        for name, ids in (("previous", previous), ("following", following)):
            if ids.size and (ids.min() < 0 or ids.max() >= self.vocabulary_size):
                raise ValueError(f"BigramLanguageModel: {name} ids must lie in [0, {self.vocabulary_size}), "
                                 f"got [{ids.min()}, {ids.max()}]")
        numerator = self._pair_count(previous.ravel() * self.vocabulary_size + following.ravel()) + self.k
        denominator = self.context_counts[previous.ravel()] + self.k * self.vocabulary_size
        return (numerator / denominator).reshape(previous.shape)

    def probabilities(self, previous: int) -> np.ndarray:
        """The distribution of the next id after ``previous``: V probabilities that sum to 1."""
        return self.probability(previous, np.arange(self.vocabulary_size))

    def perplexity(self, sequences: list) -> float:
        """The perplexity of every id after the first of each sequence."""
        previous, following = _pairs("BigramLanguageModel.perplexity", sequences, self.vocabulary_size)
        return perplexity(self.probability(previous, following))
