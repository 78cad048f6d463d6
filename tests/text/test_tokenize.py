import pytest

from neurona.text import tokenize


def test_whitespace_runs_tabs_and_newlines_split_and_no_empty_tokens():
    assert tokenize("  the\tcat \n sat  ") == ["the", "cat", "sat"]
    assert tokenize("") == [] and tokenize("   ") == []


def test_an_explicit_separator_drops_empty_tokens():
    assert tokenize(",a,,b,", split=",") == ["a", "b"]


def test_an_empty_separator_is_refused():
    with pytest.raises(ValueError, match="split must be a non-empty"):
        tokenize("a b", split="")


def test_the_imdb_next_line_character_is_whitespace():
    assert tokenize("bad\u0085movie") == ["bad", "movie"]
