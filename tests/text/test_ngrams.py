import pytest

from neurona.text import ngrams


def test_bigrams_trigrams_and_unigrams():
    tokens = ["not", "a", "good", "film"]
    assert ngrams(tokens, 2) == ["not a", "a good", "good film"]
    assert ngrams(tokens, 3) == ["not a good", "a good film"]
    assert ngrams(tokens, 1) == tokens
    assert ngrams(tokens, 4) == ["not a good film"]


def test_too_few_tokens_give_none():
    assert ngrams(["one"], 2) == [] and ngrams([], 1) == []


def test_separator():
    assert ngrams(["a", "b"], 2, separator="_") == ["a_b"]


@pytest.mark.parametrize("n", [0, -1, 1.5, True])
def test_n_must_be_a_positive_integer(n):
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        ngrams(["a"], n)
