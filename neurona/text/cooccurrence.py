"""Word co-occurrence counts within a window, and their PPMI weighting: the matrix that word vectors factorize."""
from __future__ import annotations

from typing import Any

import numpy as np

from neurona.text._checks import as_texts, cast_exactly, check_int, csr_matrix_class
from neurona.text.vocabulary import Vocabulary, fitted_vocabulary


def _pairs(vocabulary: Vocabulary, texts: list[str], window: int) -> tuple[np.ndarray, np.ndarray]:
    """Word indices (into the words after the reserved tokens) of every pair at most ``window`` apart, left first."""
    sequences = [vocabulary.encode(text) for text in texts]
    lengths = np.fromiter(map(len, sequences), dtype=np.int64, count=len(sequences))
    ids = np.fromiter((i for sequence in sequences for i in sequence), dtype=np.int64, count=int(lengths.sum()))
    document = np.repeat(np.arange(len(sequences)), lengths)
    ids -= vocabulary.reserved                                  # out-of-vocabulary words become negative
    left, right = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for distance in range(1, window + 1):
        a, b = ids[:-distance], ids[distance:]
        valid = (document[:-distance] == document[distance:]) & (a >= 0) & (b >= 0)
        left.append(a[valid])
        right.append(b[valid])
    return np.concatenate(left), np.concatenate(right)


def _symmetric_counts(left: np.ndarray, right: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and count of the nonzero entries of ``C + Cᵀ``, C[a, b] counting the pairs with a first."""
    keys = np.concatenate([left * size + right, right * size + left])           # both orders
    keys, counts = np.unique(keys, return_counts=True)
    return keys // size, keys % size, counts


def cooccurrence_matrix(
    texts: list[str],
    window: int = 2,
    vocabulary: Vocabulary | None = None,
    sparse: bool = False,
    dtype: Any = "float32",
) -> tuple[Any, list[str]]:
    """How often each pair of words occurs within ``window`` tokens of each other in one document.

    Parameters
    ----------
    texts : list of str
        The corpus.
    window : int, default 2
        The largest distance counted (1: neighbours only).
    vocabulary : Vocabulary, optional
        The words of the rows and columns (its tokens after padding and out-of-vocabulary);
        an unknown word keeps its place but counts with nothing (when the vocabulary
        has no out-of-vocabulary token, unknown words are dropped first). None fits
        ``Vocabulary()`` on ``texts``.
    sparse : bool, default False
        Return a ``scipy.sparse.csr_matrix`` (scipy needed) instead of a dense array.
    dtype : dtype, default "float32"

    Returns
    -------
    matrix : numpy.ndarray or scipy.sparse.csr_matrix
        Symmetric, shape ``(len(words), len(words))``.
    words : list of str

    Examples
    --------
    >>> matrix, words = cooccurrence_matrix(["a b c", "a b"], window=1)
    >>> words
    ['a', 'b', 'c']
    >>> matrix
    array([[0., 2., 0.],
           [2., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    """
    texts = as_texts("cooccurrence_matrix", texts)
    window = check_int("cooccurrence_matrix", "window", window, 1)
    vocabulary = fitted_vocabulary("cooccurrence_matrix", vocabulary, texts)
    size = len(vocabulary) - vocabulary.reserved
    rows, columns, counts = _symmetric_counts(*_pairs(vocabulary, texts, window), size)
    counts = cast_exactly("cooccurrence_matrix", counts, dtype, "count")
    words = vocabulary.tokens[vocabulary.reserved:]
    if sparse:
        return csr_matrix_class("cooccurrence_matrix")((counts, (rows, columns)), shape=(size, size)), words
    matrix = np.zeros((size, size), dtype=counts.dtype)
    matrix[rows, columns] = counts
    return matrix, words


def ppmi(matrix: Any) -> Any:
    """Positive pointwise mutual information ``max(0, log(P(w, c) / (P(w) P(c))))`` of co-occurrence counts.

    Frequent words co-occur with everything; PMI asks whether two words co-occur
    more often than chance would have them. Dense in, dense out; sparse in, sparse
    (CSR) out.

    Examples
    --------
    >>> ppmi(np.array([[0.0, 2.0], [2.0, 2.0]])).round(3)
    array([[0.   , 0.405],
           [0.405, 0.   ]])
    """
    sparse = hasattr(matrix, "tocoo")
    counts = matrix.tocoo() if sparse else np.asarray(matrix)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"ppmi: the co-occurrence matrix must be square, got shape {counts.shape}")
    values = counts.data if sparse else counts
    if not (np.isfinite(values).all() and (values >= 0).all()):
        raise ValueError("ppmi: co-occurrence counts must be finite and >= 0")
    total = values.sum(dtype=np.float64)
    rows = np.asarray(counts.sum(axis=1, dtype=np.float64)).ravel()
    columns = np.asarray(counts.sum(axis=0, dtype=np.float64)).ravel()
    if sparse:
        pmi = np.log(counts.data * total / (rows[counts.row] * columns[counts.col]))
        keep = pmi > 0
        return type(matrix)((pmi[keep].astype(values.dtype), (counts.row[keep], counts.col[keep])),
                            shape=counts.shape).tocsr()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / np.outer(rows, columns))
    return np.where(pmi > 0, pmi, 0).astype(counts.dtype if counts.dtype.kind == "f" else np.float64)
