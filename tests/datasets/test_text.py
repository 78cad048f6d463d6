import numpy as np
import pytest

from neurona.datasets import (
    load_movie_reviews,
    load_sentiment_sentences,
    load_translation_pairs,
)


@pytest.mark.parametrize("source", ["amazon", "imdb", "yelp"])
def test_sentiment_sources(data_dir, source):
    texts, labels = load_sentiment_sentences(source, data_home=data_dir)
    assert len(texts) == 1000 and all(isinstance(t, str) for t in texts)
    assert labels.dtype == np.int64 and np.bincount(labels).tolist() == [500, 500]


def test_imdb_keeps_next_line_characters_inside_sentences(data_dir):
    texts, _ = load_sentiment_sentences("imdb", data_home=data_dir)
    assert sum("\x85" in t for t in texts) >= 1
    assert not any("\t" in t or "\n" in t for t in texts)


def test_sentiment_all_concatenates_in_order(data_dir):
    texts, labels = load_sentiment_sentences(data_home=data_dir)
    assert len(texts) == 3000 and labels.shape == (3000,)
    assert texts[0].startswith("So there is no way for me to plug it in")
    assert texts[1000].startswith("A very, very, very slow-moving")
    assert texts[2000] == "Wow... Loved this place." and labels[2000] == 1


def test_sentiment_rejects_unknown_source():
    with pytest.raises(ValueError, match="'amazon', 'imdb', 'yelp'"):
        load_sentiment_sentences("twitter")


def test_movie_reviews(data_dir):
    texts, labels = load_movie_reviews(data_home=data_dir)
    assert len(texts) == 2000 and labels.dtype == np.int64
    assert np.bincount(labels).tolist() == [1000, 1000]
    assert (labels[:1000] == 0).all() and (labels[1000:] == 1).all()
    assert texts[0].startswith("plot : two teen couples go to a church party")
    assert all(texts)


def test_translation_pairs(data_dir):
    pairs = load_translation_pairs("spa-eng", data_home=data_dir)
    assert len(pairs) == 118964
    assert pairs[0] == ("Go.", "Ve.") and pairs[1] == ("Go.", "Vete.")
    assert all(len(p) == 2 for p in pairs)


def test_translation_rejects_unknown_name():
    with pytest.raises(ValueError, match="valid names: \\('spa-eng',\\)"):
        load_translation_pairs("fra-eng")
