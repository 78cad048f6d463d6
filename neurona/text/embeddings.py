"""Word vectors as a truncated SVD: the slide "embeddings approximate the SVD", made runnable.

The PPMI matrix M (words × context words) has the best rank-d approximation
``U_d S_d V_dᵀ`` (Eckart–Young). Its factors ``W = U_d √S_d`` (word embeddings) and
``C = V_d √S_d`` (context embeddings) give ``W Cᵀ ≈ M``, the product that word2vec's
embedding layers learn to approximate by gradient descent (Levy and Goldberg, 2014).
"""
from __future__ import annotations

import numpy as np

from neurona.random import Seed, as_rng
from neurona.text._checks import as_texts, check_int
from neurona.text.cooccurrence import cooccurrence_matrix, ppmi
from neurona.text.vocabulary import Vocabulary, fitted_vocabulary

DENSE_LIMIT = 2000
"""Up to this many words the SVD is NumPy's exact one; above it, a randomized SVD of the sparse
matrix (dense when scipy is missing)."""


class WordVectors:
    """One vector per word, with the word of each row.

    Parameters
    ----------
    vectors : numpy.ndarray
        Shape ``(len(words), dim)``.
    words : list of str
        Distinct words.

    Examples
    --------
    >>> wv = WordVectors(np.eye(2, dtype="float32"), ["yes", "no"])
    >>> wv["no"], "maybe" in wv, len(wv)
    (array([0., 1.], dtype=float32), False, 2)
    """

    def __init__(self, vectors: np.ndarray, words: list[str]) -> None:
        vectors = np.asarray(vectors)
        if vectors.ndim != 2 or len(vectors) != len(words):
            raise ValueError(
                f"WordVectors: vectors must have shape (len(words), dim) = ({len(words)}, dim), got {vectors.shape}"
            )
        self.vectors, self._words = vectors, tuple(words)
        self._index = {word: i for i, word in enumerate(self._words)}
        if len(self._index) != len(self._words):
            raise ValueError("WordVectors: the words must be distinct")

    @property
    def words(self) -> list[str]:
        """The word of each row (a copy)."""
        return list(self._words)

    def row(self, word: str) -> int:
        """The row of ``word``; an unknown word is a KeyError that names it."""
        if word not in self._index:
            raise KeyError(f"WordVectors: {word!r} is not in the vocabulary of {len(self._words)} words")
        return self._index[word]

    def __getitem__(self, word: str) -> np.ndarray:
        return self.vectors[self.row(word)]

    def __contains__(self, word: str) -> bool:
        return word in self._index

    def __len__(self) -> int:
        return len(self._words)

    def __repr__(self) -> str:
        return f"WordVectors({len(self._words)} words, dim={self.vectors.shape[1]})"


def _has_scipy() -> bool:
    try:
        import scipy.sparse  # noqa: F401
    except ImportError:
        return False
    return True


def _randomized_svd(matrix, dim: int, rng: np.random.Generator, oversample: int = 10,
                    power_iterations: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """The top ``dim`` left singular vectors and values of ``matrix`` (dense, or anything with ``@``), by
    Halko, Martinsson and Tropp's randomized range finder with power iterations (2011)."""
    width = min(dim + oversample, *matrix.shape)
    q = np.linalg.qr(matrix @ rng.standard_normal((matrix.shape[1], width)))[0]
    for _ in range(power_iterations):                           # sharpen the spectrum: (M Mᵀ)^p M Ω
        q = np.linalg.qr(matrix.T @ q)[0]
        q = np.linalg.qr(matrix @ q)[0]
    u, s, _ = np.linalg.svd(np.asarray(matrix.T @ q).T, full_matrices=False)   # SVD of the small Qᵀ M
    return (q @ u)[:, :dim], s[:dim]


def _truncated_svd(matrix, dim: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The top ``dim`` left singular vectors (signs fixed: largest entry positive) and singular values."""
    if isinstance(matrix, np.ndarray) and len(matrix) <= DENSE_LIMIT:
        u, s, _ = np.linalg.svd(matrix, full_matrices=False)
        u, s = u[:, :dim], s[:dim]
    else:
        u, s = _randomized_svd(matrix, dim, rng)
    signs = np.sign(u[np.argmax(np.abs(u), axis=0), np.arange(u.shape[1])])
    return u * np.where(signs == 0, 1, signs), s


def svd_embeddings(texts: list[str], dim: int = 100, window: int = 2,
                   vocabulary: Vocabulary | None = None, seed: Seed = 0) -> WordVectors:
    """Word vectors ``U_d √S_d`` from the truncated SVD of the PPMI co-occurrence matrix, rows of unit length.

    Parameters
    ----------
    texts : list of str
        The corpus.
    dim : int, default 100
        The vectors' length d (at most the number of words).
    window : int, default 2
        The co-occurrence window (see :func:`~neurona.text.cooccurrence_matrix`).
    vocabulary : Vocabulary, optional
        The words (cap them with ``max_tokens``: the work grows with their number, and
        without scipy the matrix is dense, words² floats). None fits ``Vocabulary()`` on ``texts``.
    seed : int, numpy.random.Generator or None, default 0
        The random projection of the randomized SVD (more than ``DENSE_LIMIT`` words).

    Examples
    --------
    >>> texts = ["cats purr", "dogs bark", "cats meow", "dogs growl"] * 5
    >>> vectors = svd_embeddings(texts, dim=2, window=1)
    >>> nearest_words(vectors, "purr", k=1)[0][0]
    'meow'
    """
    texts = as_texts("svd_embeddings", texts)
    vocabulary = fitted_vocabulary("svd_embeddings", vocabulary, texts)
    size = len(vocabulary) - vocabulary.reserved
    if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)) or not 1 <= dim <= size:
        raise ValueError(f"svd_embeddings: dim must be an integer from 1 to the number of words ({size}), got {dim!r}")
    sparse = size > DENSE_LIMIT and _has_scipy()
    counts, words = cooccurrence_matrix(texts, window, vocabulary, sparse=sparse, dtype="float64")
    u, s = _truncated_svd(ppmi(counts), int(dim), as_rng(seed))
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return WordVectors((vectors / np.where(norms == 0, 1, norms)).astype(np.float32), words)


def nearest_words(vectors: WordVectors, word: str, k: int = 10) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors have the largest cosine similarity with ``word``'s, most similar first.

    Examples
    --------
    >>> wv = WordVectors(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]), ["good", "great", "bad"])
    >>> nearest_words(wv, "good", k=2)
    [('great', 0.8), ('bad', 0.0)]
    """
    if not isinstance(vectors, WordVectors):
        raise TypeError(f"nearest_words: vectors must be a WordVectors, got {type(vectors).__name__}")
    k = check_int("nearest_words", "k", k, 1)
    row = vectors.row(word)
    target = vectors.vectors[row].astype(np.float64)
    if not np.linalg.norm(target) > 0:
        raise ValueError(f"nearest_words: {word!r} has a zero (or NaN) vector, so no direction to compare with")
    norms = np.linalg.norm(vectors.vectors, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = vectors.vectors @ target / (norms * np.linalg.norm(target))
    cosine = np.where(norms > 0, cosine, -np.inf)
    cosine[row] = -np.inf                                       # not its own neighbour
    order = np.argsort(-cosine, kind="stable")[:k]
    words = vectors.words
    return [(words[i], float(cosine[i])) for i in order if np.isfinite(cosine[i])]
