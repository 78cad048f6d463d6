"""The add-k bigram model against a dense count matrix, and perplexity."""
import numpy as np
import pytest

from neurona.text import BigramLanguageModel, perplexity

V = 7


def corpus(seed=0, n=30):
    rng = np.random.default_rng(seed)
    return [rng.integers(0, V, rng.integers(0, 9)).tolist() for _ in range(n)]


def dense_reference(sequences, k):
    counts = np.zeros((V, V))
    for s in sequences:
        np.add.at(counts, (s[:-1], s[1:]), 1)
    return (counts + k) / (counts.sum(axis=1, keepdims=True) + k * V)


@pytest.mark.parametrize("k", [1.0, 0.05])
def test_probabilities_match_the_dense_count_matrix_and_sum_to_one(k):
    sequences = corpus()
    model = BigramLanguageModel(V, k).fit(sequences)
    table = np.stack([model.probabilities(v) for v in range(V)])
    np.testing.assert_allclose(table, dense_reference(sequences, k))
    np.testing.assert_allclose(table.sum(axis=1), 1)


def test_perplexity_is_the_exponential_of_the_mean_negative_log_probability():
    sequences, held_out = corpus(0), corpus(1)
    model = BigramLanguageModel(V, 0.5).fit(sequences)
    reference = dense_reference(sequences, 0.5)
    logs = [np.log(reference[a, b]) for s in held_out for a, b in zip(s[:-1], s[1:])]
    assert model.perplexity(held_out) == pytest.approx(np.exp(-np.mean(logs)))
    assert BigramLanguageModel(V).perplexity(held_out) == pytest.approx(V)        # unfitted: uniform


def test_a_smaller_k_fits_the_training_text_better():
    sequences = corpus()
    assert BigramLanguageModel(V, 0.01).fit(sequences).perplexity(sequences) < \
        BigramLanguageModel(V, 1.0).fit(sequences).perplexity(sequences)


def test_fit_again_replaces_the_counts():
    model = BigramLanguageModel(V).fit([[1, 2, 1, 2]])
    model.fit([[3, 4]])
    assert model.probability(1, 2) == pytest.approx(1 / V)


def test_perplexity_checks():
    assert perplexity(np.full((3, 2), 0.1)) == pytest.approx(10)
    with pytest.raises(ValueError, match="no probabilities"):
        perplexity([0.5], mask=[False])
    with pytest.raises(ValueError, match=r"must lie in \(0, 1\]"):
        perplexity([0.5, 0.0])
    with pytest.raises(ValueError, match="does not match"):
        perplexity([0.5, 0.5], mask=[True])


@pytest.mark.parametrize("call, message", [
    (lambda: BigramLanguageModel(V, 0), "k must be a positive finite number"),
    (lambda: BigramLanguageModel(0), "vocabulary_size must be an integer >= 1"),
    (lambda: BigramLanguageModel(V).fit([[1, 7]]), "sequence 0 has id 7, outside the vocabulary of 7 ids"),
    (lambda: BigramLanguageModel(V).fit([[0], [-1, 2]]), "sequence 1 has id -1"),
    (lambda: BigramLanguageModel(V).fit(np.array([1, 2, 3])), "must be a list of sequences"),
    (lambda: BigramLanguageModel(V).fit([[0.5, 1.0]]), "1-D sequence of integer ids"),
    (lambda: BigramLanguageModel(V).probability(0, 9), r"following ids must lie in \[0, 7\)"),
])
def test_bad_inputs_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
