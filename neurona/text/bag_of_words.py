"""Bag of words: a document becomes a row of word presences, counts or tf-idf weights; word order is lost."""
from __future__ import annotations

from typing import Any

import numpy as np

from neurona.text._checks import as_texts, cast_exactly, csr_matrix_class
from neurona.text.vocabulary import Vocabulary, fitted_vocabulary

MODES = ("binary", "count", "tfidf")


def _entries(vocabulary: Vocabulary, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and count of every nonzero entry, in row-major order."""
    sequences = [vocabulary.encode(text) for text in texts]
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    columns = np.fromiter((i for sequence in sequences for i in sequence), dtype=np.int64, count=int(lengths.sum())) - 1
    width = len(vocabulary) - 1
    keys, counts = np.unique(rows * width + columns, return_counts=True)
    return keys // width, keys % width, counts


def _weights(mode: str, vocabulary: Vocabulary, rows: np.ndarray, columns: np.ndarray,
             counts: np.ndarray, n_rows: int) -> np.ndarray:
    """The entries' values: 1, the count, or the L2-normalized ``count · idf``."""
    if mode == "binary":
        return np.ones(len(counts))
    if mode == "count":
        return counts.astype(np.float64)
    document_counts = np.asarray(vocabulary.document_counts[1:], dtype=np.float64)
    idf = np.log((1 + vocabulary.n_documents) / (1 + document_counts)) + 1     # smoothed, as scikit-learn's
    values = counts * idf[columns]
    norms = np.sqrt(np.bincount(rows, values * values, minlength=n_rows))
    return values / norms[rows]


def bag_of_words(
    texts: list[str],
    mode: str = "binary",
    vocabulary: Vocabulary | None = None,
    sparse: bool = False,
    dtype: Any = "float32",
) -> tuple[Any, list[str]]:
    """The document-term matrix of ``texts`` and the names of its columns.

    Parameters
    ----------
    texts : list of str
        The documents, one row each.
    mode : {"binary", "count", "tfidf"}, default "binary"
        1 where a word occurs; how often it occurs; or the count times the smoothed
        inverse document frequency ``ln((1 + n) / (1 + df)) + 1`` of the fitted corpus,
        each row scaled to unit length (scikit-learn's ``TfidfVectorizer``).
    vocabulary : Vocabulary, optional
        The columns: its tokens after padding (the out-of-vocabulary token counts
        unknown words). Fit it on the training texts and reuse it for the test texts.
        None fits ``Vocabulary(oov_token=None)`` on ``texts``.
    sparse : bool, default False
        Return a ``scipy.sparse.csr_matrix`` (scipy needed) instead of a dense array.
    dtype : dtype, default "float32"

    Returns
    -------
    matrix : numpy.ndarray or scipy.sparse.csr_matrix
        Shape ``(len(texts), len(columns))``.
    columns : list of str
        The word of each column.

    Examples
    --------
    >>> matrix, columns = bag_of_words(["the cat sat on the mat", "the dog sat"], mode="count")
    >>> columns
    ['the', 'sat', 'cat', 'on', 'mat', 'dog']
    >>> matrix
    array([[2., 1., 1., 1., 1., 0.],
           [1., 1., 0., 0., 0., 1.]], dtype=float32)
    """
    texts = as_texts("bag_of_words", texts)
    if mode not in MODES:
        raise ValueError(f"bag_of_words: mode must be one of {MODES}, got {mode!r}")
    vocabulary = fitted_vocabulary("bag_of_words", vocabulary, texts, oov_token=None)
    if len(vocabulary) == vocabulary.reserved:
        raise ValueError(
            "bag_of_words: the vocabulary has no words (unfitted, or fitted on documents without words "
            "after filtering and stop words); nothing to count"
        )
    if np.dtype(dtype).kind != "f":
        raise ValueError(f"bag_of_words: dtype must be a floating dtype, got {np.dtype(dtype)}")
    rows, columns, counts = _entries(vocabulary, texts)
    values = cast_exactly("bag_of_words", _weights(mode, vocabulary, rows, columns, counts, len(texts)), dtype, "value")
    shape = (len(texts), len(vocabulary) - 1)
    if sparse:
        csr_matrix = csr_matrix_class("bag_of_words")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
        return csr_matrix((values, columns, indptr), shape=shape), vocabulary.tokens[1:]
    matrix = np.zeros(shape, dtype=dtype)
    matrix[rows, columns] = values
    return matrix, vocabulary.tokens[1:]
