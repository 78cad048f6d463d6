import json

import numpy as np
import pytest

from neurona.text import Analyzer, Vocabulary, pad_sequences


def test_index_order_padding_oov_then_by_frequency_ties_by_first_appearance():
    vocabulary = Vocabulary().fit(["b a c", "c a d", "a"])
    assert vocabulary.tokens == ["", "[UNK]", "a", "c", "b", "d"]
    assert len(vocabulary) == 6 and vocabulary.reserved == 2


def test_document_counts_count_documents_not_occurrences():
    vocabulary = Vocabulary(max_tokens=3).fit(["a a a", "a b", "c"])
    assert vocabulary.tokens == ["", "[UNK]", "a"]
    assert vocabulary.document_counts == [0, 2, 2]          # [UNK]: the documents with "b" and "c"
    assert vocabulary.n_documents == 3


def test_max_tokens_counts_the_reserved_tokens():
    texts = ["a a a b b c"]
    assert Vocabulary(max_tokens=4).fit(texts).tokens == ["", "[UNK]", "a", "b"]
    assert Vocabulary(max_tokens=3, oov_token=None).fit(texts).tokens == ["", "a", "b"]
    assert Vocabulary(max_tokens=2).fit(texts).tokens == ["", "[UNK]"]


def test_unknown_words_map_to_oov_or_are_dropped():
    texts = ["the cat sat"]
    assert Vocabulary().fit(texts).texts_to_sequences(["the dog sat", ""]) == [[2, 1, 4], []]
    assert Vocabulary(oov_token=None).fit(texts).texts_to_sequences(["the dog sat"]) == [[1, 3]]


def test_the_oov_token_in_the_texts_is_not_a_second_word():
    vocabulary = Vocabulary(analyzer=Analyzer(filters="", lower=False)).fit(["[UNK] [UNK] word"])
    assert vocabulary.tokens == ["", "[UNK]", "word"]
    assert vocabulary.texts_to_sequences(["[UNK] other"]) == [[1, 1]]


def test_the_texts_go_through_the_analyzer():
    pytest.importorskip("snowballstemmer")
    vocabulary = Vocabulary(analyzer=Analyzer(stemmer="english")).fit(["Connected connections"])
    assert vocabulary.tokens == ["", "[UNK]", "connect"]
    assert vocabulary.texts_to_sequences(["CONNECTS!"]) == [[2]]


def test_refit_replaces_the_vocabulary():
    vocabulary = Vocabulary().fit(["a b"])
    assert vocabulary.fit(["c"]).tokens == ["", "[UNK]", "c"]


def test_sequences_to_texts_skips_padding_and_refuses_bad_indices():
    vocabulary = Vocabulary().fit(["the cat sat"])
    assert vocabulary.sequences_to_texts([[0, 0, 2, 1, 3]]) == ["the [UNK] cat"]
    with pytest.raises(IndexError, match="sequence 1 has index 5, outside the vocabulary of 5 tokens"):
        vocabulary.sequences_to_texts([[2], [5]])
    with pytest.raises(IndexError, match="index -1"):
        vocabulary.sequences_to_texts([[-1]])
    with pytest.raises(TypeError, match="sequence 0 must hold integers"):
        vocabulary.sequences_to_texts([[1.5]])


def test_the_token_list_cannot_be_changed_from_outside():
    vocabulary = Vocabulary().fit(["a b"])
    vocabulary.tokens.append("c")
    vocabulary.get_config()["tokens"].append("d")
    assert vocabulary.tokens == ["", "[UNK]", "a", "b"]


def test_config_is_json_and_restores_the_fitted_state():
    vocabulary = Vocabulary(max_tokens=5, analyzer=Analyzer(ngrams=2)).fit(["the cat sat", "the dog"])
    restored = Vocabulary.from_config(json.loads(json.dumps(vocabulary.get_config())))
    assert restored.get_config() == vocabulary.get_config()
    texts = ["the cat and the dog"]
    assert restored.texts_to_sequences(texts) == vocabulary.texts_to_sequences(texts)


@pytest.mark.parametrize("change, message", [
    (lambda c: c.update(tokens=["", "x", "y"]), "must start with"),
    (lambda c: c.update(document_counts=[0]), "one document count each"),
    (lambda c: c.update(tokens=["", "[UNK]", "a", "a"], document_counts=[0, 0, 1, 1]), "distinct"),
    (lambda c: c.update(max_tokens=3), "at most max_tokens=3"),
])
def test_from_config_refuses_inconsistent_state(change, message):
    config = Vocabulary().fit(["a b"]).get_config()
    change(config)
    with pytest.raises(ValueError, match=message):
        Vocabulary.from_config(config)


@pytest.mark.parametrize("kwargs, message", [
    ({"max_tokens": 1}, "max_tokens must be an integer >= 2"),
    ({"max_tokens": 0, "oov_token": None}, "max_tokens must be an integer >= 1"),
    ({"max_tokens": 10.0}, "max_tokens must be an integer"),
    ({"oov_token": ""}, "oov_token must be a non-empty str"),
    ({"oov_token": 1}, "oov_token must be a non-empty str"),
])
def test_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Vocabulary(**kwargs)


def test_numpy_integer_max_tokens_and_a_foreign_analyzer():
    assert len(Vocabulary(max_tokens=np.int64(3)).fit(["a b"])) == 3
    with pytest.raises(TypeError, match="analyzer must be a neurona.text.Analyzer, got method_descriptor"):
        Vocabulary(analyzer=str.split)


def test_padded_sequences_decode():
    vocabulary = Vocabulary().fit(["the cat sat"])
    padded = pad_sequences(vocabulary.texts_to_sequences(["cat sat", "the"]), maxlen=3)
    assert vocabulary.sequences_to_texts(padded) == ["cat sat", "the"]


def test_fit_on_nothing_keeps_the_reserved_tokens():
    vocabulary = Vocabulary().fit([])
    assert vocabulary.tokens == ["", "[UNK]"] and vocabulary.n_documents == 0


def test_the_layout_settings_are_read_only_after_construction():
    vocabulary = Vocabulary().fit(["a b"])
    with pytest.raises(AttributeError):
        vocabulary.oov_token = None                     # would make "[UNK]" a word
    with pytest.raises(AttributeError):
        vocabulary.max_tokens = 3
