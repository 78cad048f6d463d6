"""The text examples: sentiment from a bag of words and SVD word vectors, on the real data (slow)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from neurona.text import nearest_words

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_data(data_dir, monkeypatch):
    pytest.importorskip("snowballstemmer")
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))


@pytest.mark.parametrize("name", ["sentiment", "svd_embeddings"])
def test_help(name):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(ROOT / "examples" / f"{name}.py"), "--help"],
                            capture_output=True, text=True, env=env, check=True)
    assert "usage:" in result.stdout and "--" in result.stdout


@pytest.mark.slow
def test_sentences_bag_of_words_models_reach_0_80_and_the_lstm_0_75(load_example, real_data, capsys):
    results = load_example("sentiment").main("sentences", seed=0)
    (lr_accuracy, lr_parameters), (net_accuracy, net_parameters), (lstm_accuracy, lstm_parameters) = results.values()
    words = lr_parameters - 1
    assert lr_accuracy >= 0.80 and net_accuracy >= 0.80 and lstm_accuracy >= 0.75
    assert net_parameters == words * 16 + 16 + 16 + 1                  # the slide's question
    assert lstm_parameters == 4000 * 32 + 4 * 32 * (32 + 32 + 1) + 33   # embedding, LSTM gates, output
    assert f"dense {words}-16-1" in capsys.readouterr().out


@pytest.mark.slow
def test_movie_reviews_logistic_regression_reaches_0_85(load_example, real_data):
    results = load_example("sentiment").main("reviews", models=("logistic",), seed=0)
    lr_accuracy, lr_parameters = results["logistic regression"]
    assert lr_accuracy >= 0.85 and lr_parameters == 20_000 + 1


@pytest.mark.slow
def test_svd_word_vectors_of_the_movie_reviews_group_similar_words(load_example, real_data, capsys):
    """Relations that hold for any sensible vectors of this corpus, by a wide margin.

    Antonyms share their contexts ("a good/bad film"), so "good" is bad's nearest word;
    what must hold is that words used alike come out close: numbers, synonyms of
    "boring" and of "funny", and the negative words around "bad".
    """
    vectors = load_example("svd_embeddings").main()
    assert len(vectors) == 10_000 and vectors.vectors.shape == (10_000, 100)

    def near(word, k):
        return {other for other, _ in nearest_words(vectors, word, k)}

    assert "three" in near("two", 2)
    assert "dull" in near("boring", 10)
    assert {"witty", "humorous", "hilarious", "amusing"} & near("funny", 10)
    assert len({"awful", "terrible", "worst", "stupid", "lame", "dumb"} & near("bad", 10)) >= 2
    assert "boring:" in capsys.readouterr().out
