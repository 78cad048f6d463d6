import numpy as np
import pytest

from neurona.text import Vocabulary, WordVectors, cooccurrence_matrix, nearest_words, ppmi, svd_embeddings
from neurona.text import embeddings


def _corpus(n_texts=300, seed=0):
    """Two topics of 20 words each (Zipf-like frequencies), one topic per document."""
    rng = np.random.default_rng(seed)
    topics = [[f"{name}{i}" for i in range(20)] for name in ("sport", "food")]
    weights = 1 / np.arange(1, 21)
    return [" ".join(rng.choice(topics[t % 2], size=12, p=weights / weights.sum())) for t in range(n_texts)]


def _normalized(rows):
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_vectors_are_the_unit_rows_of_u_sqrt_s_of_the_ppmi_matrix():
    texts = _corpus()
    vectors = svd_embeddings(texts, dim=6, window=2)
    u, s, _ = np.linalg.svd(ppmi(cooccurrence_matrix(texts, window=2, dtype="float64")[0]))
    expected = _normalized(u[:, :6] * np.sqrt(s[:6]))
    assert vectors.vectors.dtype == np.float32 and vectors.vectors.shape == (40, 6)
    np.testing.assert_allclose(np.linalg.norm(vectors.vectors, axis=1), 1, rtol=1e-6)
    # the Gram matrix does not depend on the signs of the singular vectors
    np.testing.assert_allclose(vectors.vectors @ vectors.vectors.T, expected @ expected.T, atol=1e-5)


def test_words_of_one_topic_are_nearest_to_each_other():
    vectors = svd_embeddings(_corpus(), dim=4, window=2)
    for word in ("sport0", "food3"):
        neighbours = [other for other, _ in nearest_words(vectors, word, k=10)]
        assert all(other[:4] == word[:4] for other in neighbours)


def test_the_randomized_svd_finds_the_top_singular_vectors():
    rng = np.random.default_rng(1)
    q = np.linalg.qr(rng.standard_normal((300, 300)))[0]
    s = 0.7 ** np.arange(300)
    matrix = (q * s) @ q.T
    u, values = embeddings._randomized_svd(matrix, 8, np.random.default_rng(0))
    np.testing.assert_allclose(values, s[:8], rtol=1e-6)
    np.testing.assert_allclose(np.abs(u.T @ q[:, :8]), np.eye(8), atol=1e-5)


def test_the_sparse_randomized_path_agrees_with_the_exact_one(monkeypatch):
    pytest.importorskip("scipy")
    texts = _corpus()
    exact = svd_embeddings(texts, dim=2, window=2)
    monkeypatch.setattr(embeddings, "DENSE_LIMIT", 0)
    fast = svd_embeddings(texts, dim=2, window=2)
    np.testing.assert_allclose(fast.vectors @ fast.vectors.T, exact.vectors @ exact.vectors.T, atol=1e-4)
    again = svd_embeddings(texts, dim=2, window=2)
    np.testing.assert_array_equal(again.vectors, fast.vectors)           # seeded: the same vectors


def test_a_word_that_cooccurs_with_nothing_has_a_zero_vector_and_no_neighbours():
    vectors = svd_embeddings(["alone", "a b", "b a"], dim=2, window=1)
    np.testing.assert_array_equal(vectors["alone"], [0, 0])
    with pytest.raises(ValueError, match="'alone' has a zero"):
        nearest_words(vectors, "alone")
    assert [word for word, _ in nearest_words(vectors, "a")] == ["b"]    # "alone" is nobody's neighbour


@pytest.mark.parametrize("dim", [0, 41, 2.0, True])
def test_dim_must_be_between_1_and_the_number_of_words(dim):
    with pytest.raises(ValueError, match=r"dim must be an integer from 1 to the number of words \(40\)"):
        svd_embeddings(_corpus(), dim=dim)


def test_an_explicit_vocabulary_chooses_the_words():
    texts = _corpus()
    vectors = svd_embeddings(texts, dim=3, vocabulary=Vocabulary(max_tokens=12).fit(texts))
    assert len(vectors) == 10 and vectors.words == Vocabulary(max_tokens=12).fit(texts).tokens[2:]


WV = WordVectors(np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 2.0], [-1.0, 0.0]]), ["a", "b", "c", "d"])


def test_nearest_words_by_cosine_without_the_word_itself():
    assert nearest_words(WV, "a", k=2) == [("b", pytest.approx(0.6)), ("c", 0.0)]
    assert [word for word, _ in nearest_words(WV, "a", k=10)] == ["b", "c", "d"]


def test_nearest_words_skips_nan_rows():
    wv = WordVectors(np.array([[1.0, 0.0], [np.nan, 1.0], [1.0, 1.0]]), ["a", "b", "c"])
    assert [word for word, _ in nearest_words(wv, "a")] == ["c"]
    with pytest.raises(ValueError, match="'b' has a zero \\(or NaN\\) vector"):
        nearest_words(wv, "b")


def test_nearest_words_needs_word_vectors():
    with pytest.raises(TypeError, match="vectors must be a WordVectors, got ndarray"):
        nearest_words(np.eye(2), "a")


def test_unknown_word_and_bad_k():
    with pytest.raises(KeyError, match="'zebra' is not in the vocabulary of 4 words"):
        nearest_words(WV, "zebra")
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        nearest_words(WV, "a", k=0)


def test_word_vectors_checks_and_lookups():
    assert "a" in WV and "z" not in WV and len(WV) == 4
    np.testing.assert_array_equal(WV["c"], [0.0, 2.0])
    WV.words.append("e")
    assert WV.words == ["a", "b", "c", "d"]
    with pytest.raises(ValueError, match=r"shape \(len\(words\), dim\) = \(3, dim\), got \(2, 2\)"):
        WordVectors(np.eye(2), ["a", "b", "c"])
    with pytest.raises(ValueError, match="distinct"):
        WordVectors(np.eye(2), ["a", "a"])
