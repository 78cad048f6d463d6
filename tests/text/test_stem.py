import pytest

pytest.importorskip("snowballstemmer")

from neurona.text import stem, stem_languages  # noqa: E402


def test_the_slide_connect_family_shares_one_stem():
    assert stem(["connect", "connected", "connection", "connections", "connects"]) == ["connect"] * 5


def test_spanish():
    assert stem(["gato", "gatos", "hablamos", "hablando", "hablar"], "spanish") == ["gat", "gat", "habl", "habl", "habl"]


def test_the_languages_differ():
    assert stem(["gatos"], "english") != stem(["gatos"], "spanish")


def test_an_unknown_language_names_the_valid_ones():
    with pytest.raises(ValueError, match="unknown language 'klingon'.*english"):
        stem(["a"], "klingon")
    assert {"english", "spanish"} <= set(stem_languages())


def test_repeated_words_give_the_same_stem_and_empty_input_is_fine():
    assert stem(["running"] * 3) == ["run"] * 3
    assert stem([]) == []
