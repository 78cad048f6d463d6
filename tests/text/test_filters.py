import pytest

from neurona.text import KERAS_FILTERS, filter_text


def test_keras_default_set():
    assert KERAS_FILTERS == '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
    assert "'" not in KERAS_FILTERS


def test_every_filtered_character_becomes_a_space_and_others_stay():
    assert filter_text(KERAS_FILTERS) == " " * len(KERAS_FILTERS)
    assert filter_text("don't stop-me now\u0085ok") == "don't stop me now\u0085ok"


def test_custom_filters_and_replacement():
    assert filter_text("a-b_c", filters="-", replacement="") == "ab_c"
    assert filter_text("a-b", filters="") == "a-b"


@pytest.mark.parametrize("bad", [None, ["a"], b"a"])
def test_a_non_string_text_is_refused(bad):
    with pytest.raises(TypeError):
        filter_text(bad)


def test_filters_must_be_a_string():
    with pytest.raises(TypeError, match="filters must be a str"):
        filter_text("a", filters=["a"])
