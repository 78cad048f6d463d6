import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from neurona.text import Analyzer, Vocabulary, cooccurrence_matrix, ppmi


def _reference(documents, window):
    """Count every pair of positions at most ``window`` apart, one document at a time."""
    words = Vocabulary().fit([" ".join(d) for d in documents]).tokens[2:]
    index = {w: i for i, w in enumerate(words)}
    counts = np.zeros((len(words), len(words)))
    for tokens in documents:
        for i, a in enumerate(tokens):
            for j in range(max(0, i - window), min(len(tokens), i + window + 1)):
                if j != i:
                    counts[index[a], index[tokens[j]]] += 1
    return counts, words


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abcde"), max_size=7), max_size=4), st.integers(1, 4))
def test_matches_counting_pairs_one_by_one(documents, window):
    matrix, words = cooccurrence_matrix([" ".join(d) for d in documents], window=window)
    expected, expected_words = _reference(documents, window)
    assert words == expected_words
    np.testing.assert_array_equal(matrix, expected)


def test_a_word_next_to_itself_counts_twice_on_the_diagonal_like_any_symmetric_pair():
    matrix, words = cooccurrence_matrix(["very very"], window=1)
    np.testing.assert_array_equal(matrix, [[2]])


def test_documents_do_not_touch():
    matrix, words = cooccurrence_matrix(["a", "b"], window=3)
    np.testing.assert_array_equal(matrix, np.zeros((2, 2)))


def test_an_unknown_word_keeps_its_place_with_an_oov_token_and_is_dropped_without():
    texts = ["a a a b b c c x", "b x c"]                         # x, the least frequent word, is left out
    with_oov, words = cooccurrence_matrix(texts, window=1, vocabulary=Vocabulary(max_tokens=5).fit(texts))
    assert words == ["a", "b", "c"]
    assert with_oov[1, 2] == 1                                      # in "b x c", x stands between b and c
    without, _ = cooccurrence_matrix(texts, window=1, vocabulary=Vocabulary(4, oov_token=None).fit(texts))
    assert without[1, 2] == 2


def test_sparse_equals_dense():
    pytest.importorskip("scipy")
    texts = ["the cat sat on the mat", "the dog sat on the log", ""]
    dense, words = cooccurrence_matrix(texts, window=2)
    sparse, sparse_words = cooccurrence_matrix(texts, window=2, sparse=True)
    assert sparse.format == "csr" and sparse.dtype == np.float32 and sparse_words == words
    np.testing.assert_array_equal(sparse.toarray(), dense)


def test_no_words_give_an_empty_matrix():
    matrix, words = cooccurrence_matrix(["...", ""])
    assert matrix.shape == (0, 0) and words == []


def test_the_analyzer_of_the_vocabulary_is_used():
    vocabulary = Vocabulary(analyzer=Analyzer(lower=False)).fit(["A a"])
    matrix, words = cooccurrence_matrix(["A a"], vocabulary=vocabulary)
    assert words == ["A", "a"] and matrix[0, 1] == 1


@pytest.mark.parametrize("dtype", ["int16", "float16"])
def test_counts_that_do_not_fit_the_dtype_are_an_error_not_wrapped_or_infinite(dtype):
    with pytest.raises(ValueError, match=f"count 69999 does not fit dtype {dtype}"):
        cooccurrence_matrix(["a b " * 35_000], window=1, dtype=dtype)


def test_integer_counts():
    matrix, _ = cooccurrence_matrix(["a b"], window=1, dtype="int32")
    assert matrix.dtype == np.int32 and matrix[0, 1] == 1


@pytest.mark.parametrize("window", [0, -1, 1.5, True])
def test_window_must_be_a_positive_integer(window):
    with pytest.raises(ValueError, match="window must be an integer >= 1"):
        cooccurrence_matrix(["a b"], window=window)


def test_ppmi_is_the_positive_part_of_log_p_wc_over_p_w_p_c():
    counts = np.array([[0.0, 4.0, 1.0], [4.0, 2.0, 0.0], [1.0, 0.0, 0.0]])
    total, rows, columns = counts.sum(), counts.sum(1), counts.sum(0)
    with np.errstate(divide="ignore"):
        expected = np.maximum(np.log(counts * total / np.outer(rows, columns)), 0)
    np.testing.assert_allclose(ppmi(counts), expected)


def test_ppmi_of_a_word_without_contexts_is_zero_not_nan():
    weights = ppmi(np.array([[0.0, 0.0], [0.0, 3.0]], dtype=np.float32))
    np.testing.assert_array_equal(weights, [[0, 0], [0, 0]])
    assert weights.dtype == np.float32


def test_ppmi_sparse_equals_dense():
    sparse = pytest.importorskip("scipy.sparse")
    counts = np.array([[0.0, 4.0, 1.0], [4.0, 2.0, 0.0], [1.0, 0.0, 0.0]])
    result = ppmi(sparse.csr_matrix(counts))
    assert sparse.issparse(result) and result.format == "csr"
    np.testing.assert_allclose(result.toarray(), ppmi(counts))


@pytest.mark.parametrize("counts, message", [
    (np.ones((2, 3)), "must be square"),
    (np.array([[1.0, -1.0], [-1.0, 1.0]]), "finite and >= 0"),
    (np.array([[np.nan, 1.0], [1.0, 1.0]]), "finite and >= 0"),
])
def test_ppmi_refuses_bad_counts(counts, message):
    with pytest.raises(ValueError, match=message):
        ppmi(counts)
