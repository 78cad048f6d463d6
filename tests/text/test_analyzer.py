import json

import pytest

from neurona.text import Analyzer


def test_default_is_keras_filter_whitespace_and_lower_case():
    assert Analyzer()("Hello, World! It's 9:30.") == ["hello", "world", "it's", "9", "30"]


def test_the_course_pipeline_filter_tokenize_lowercase_stem():
    pytest.importorskip("snowballstemmer")
    assert Analyzer(stemmer="english")("CONNECTED; connections... Connects") == ["connect"] * 3


def test_stop_words_are_removed_before_stemming():
    pytest.importorskip("stop_words")
    pytest.importorskip("snowballstemmer")
    # "having" is a stop word, its stem "have" too; "was" is a stop word but its stem "wa" is not
    assert Analyzer(stop_words="english", stemmer="english")("The film was having troubles") == ["film", "troubl"]


def test_explicit_stop_words_and_ngrams_up_to_n():
    analyze = Analyzer(stop_words=["a"], ngrams=2)
    assert analyze("not a good film") == ["not", "good", "film", "not good", "good film"]


def test_no_filters_and_no_lowercasing():
    assert Analyzer(filters="", lower=False)("Hi, there") == ["Hi,", "there"]


def test_config_is_json_and_round_trips():
    pytest.importorskip("snowballstemmer")
    analyzer = Analyzer(filters="!", lower=False, stop_words=["b", "a", "a"], stemmer="spanish", ngrams=3)
    config = json.loads(json.dumps(analyzer.get_config()))
    assert config["stop_words"] == ["a", "b"]
    assert Analyzer.from_config(config).get_config() == analyzer.get_config()


@pytest.mark.parametrize("kwargs, message", [
    ({"ngrams": 0}, "ngrams must be an integer >= 1"),
    ({"ngrams": 2.0}, "ngrams must be an integer >= 1"),
    ({"stemmer": "klingon"}, "unknown stemmer 'klingon'"),
    ({"stop_words": "elvish"}, "unknown language 'elvish'"),
    ({"stop_words": "the"}, "unknown language 'the'"),
])
def test_bad_settings_fail_at_construction(kwargs, message):
    pytest.importorskip("snowballstemmer")
    pytest.importorskip("stop_words")
    with pytest.raises(ValueError, match=message):
        Analyzer(**kwargs)


def test_filters_must_be_a_string():
    with pytest.raises(TypeError, match="filters must be a str"):
        Analyzer(filters=None)
