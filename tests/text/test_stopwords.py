import pytest

pytest.importorskip("stop_words")

from neurona.text import remove_stop_words, stop_words  # noqa: E402


def test_the_lists_hold_function_words_but_not_sentiment_words():
    english, spanish = stop_words("english"), stop_words("spanish")
    assert {"the", "of", "and", "is"} <= english and {"de", "la", "que", "y"} <= spanish
    assert not {"good", "great", "bad", "best"} & english
    assert not {"bueno", "buena", "malo", "mejor"} & spanish
    assert "" not in english and "" not in spanish


def test_remove_by_language_or_by_explicit_words():
    assert remove_stop_words(["the", "cat"]) == ["cat"]
    assert remove_stop_words(["the", "cat"], ["cat"]) == ["the"]
    assert remove_stop_words(["el", "gato"], "spanish") == ["gato"]


def test_the_returned_set_is_frozen():
    with pytest.raises(AttributeError):
        stop_words("english").add("cat")


def test_an_unknown_language_names_the_valid_ones():
    with pytest.raises(ValueError, match="unknown language 'elvish'.*spanish"):
        stop_words("elvish")
