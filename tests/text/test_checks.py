"""Checks shared by the text functions: lone strings, non-string items, missing optional packages."""
import sys

import numpy as np
import pytest

from neurona.text import (
    Vocabulary, bag_of_words, cooccurrence_matrix, embeddings, lowercase, ngrams, remove_stop_words, stem,
    svd_embeddings,
)


@pytest.mark.parametrize("call", [
    lambda: Vocabulary().fit("the cat sat"),
    lambda: Vocabulary().fit(["the cat"]).texts_to_sequences("the cat"),
    lambda: bag_of_words("the cat sat"),
    lambda: cooccurrence_matrix("the cat sat"),
    lambda: svd_embeddings("the cat sat", dim=1),
    lambda: lowercase("Canada"),
    lambda: stem("connected"),
    lambda: remove_stop_words("the"),
    lambda: ngrams("not good"),
])
def test_a_lone_string_is_refused(call):
    with pytest.raises(TypeError, match="single str"):
        call()


@pytest.mark.parametrize("bad", [None, float("nan"), b"bytes", 3])
def test_a_document_that_is_not_a_str_is_named(bad):
    with pytest.raises(TypeError, match=r"texts\[1\] is a"):
        Vocabulary().fit(["fine", bad])


def test_numpy_arrays_of_strings_and_generators_are_accepted():
    texts = np.array(["the cat", "the dog"])
    assert Vocabulary().fit(texts).tokens == Vocabulary().fit(t for t in ["the cat", "the dog"]).tokens


def test_a_2d_array_of_texts_is_refused():
    with pytest.raises(ValueError, match=r"1-D.*\(1, 2\)"):
        bag_of_words(np.array([["a", "b"]]))


@pytest.mark.parametrize("call", [lambda: bag_of_words(["a"], sparse=True),
                                  lambda: cooccurrence_matrix(["a"], sparse=True)])
def test_sparse_output_without_scipy_says_what_needs_it(call, monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)
    monkeypatch.setitem(sys.modules, "scipy.sparse", None)
    with pytest.raises(ImportError, match="sparse=True needs scipy"):
        call()


def test_svd_embeddings_without_scipy_use_dense_numpy(monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)
    monkeypatch.setattr(embeddings, "DENSE_LIMIT", 0)
    vectors = svd_embeddings(["a b c", "b c d"] * 3, dim=2, window=1)
    assert vectors.vectors.shape == (4, 2)
