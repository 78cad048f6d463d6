"""TextVectorization: Keras 3's arguments and outputs, checked by hand, against scikit-learn, and through a model file."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from neurona.layers import Dense
from neurona.text import TextVectorization
from neurona.models import Sequential, load_model
from neurona.registry import register_serializable

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ["The cat sat on the mat.", "The dog sat!", "A cat, a dog; the END."]


def adapted(**kwargs):
    layer = TextVectorization(**kwargs)
    layer.adapt(CORPUS)
    return layer


def test_int_mode_counts_orders_pads_and_cuts():
    layer = adapted()
    assert layer.get_vocabulary() == ["", "[UNK]", "the", "cat", "sat", "dog", "a", "on", "mat", "end"]
    out = layer(["the bird sat on", "mat"]).numpy()
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, [[2, 1, 4, 7], [8, 0, 0, 0]])        # padded at the end to the longest
    cut = adapted(output_sequence_length=2)(["the bird sat on", ""]).numpy()
    np.testing.assert_array_equal(cut, [[2, 1], [0, 0]])                    # cut at the end, as Keras
    assert layer.get_vocabulary(include_special_tokens=False)[0] == "the" and layer.vocabulary_size() == 10


def test_standardize_strips_the_apostrophe_like_keras_and_split_modes():
    assert adapted().tokens("Don't STOP, e-mail!") == ["dont", "stop", "email"]
    assert adapted(standardize="lower").tokens("Don't STOP") == ["don't", "stop"]
    assert adapted(standardize="strip_punctuation").tokens("Don't STOP") == ["Dont", "STOP"]
    assert adapted(standardize=None, split=None).tokens("A b.") == ["A b."]
    assert adapted(split="character").tokens("ab c") == ["a", "b", " ", "c"]


def test_ngrams_int_means_up_to_n_and_a_tuple_means_exactly_those():
    assert adapted(ngrams=2).tokens("a b c") == ["a", "b", "c", "a b", "b c"]
    assert adapted(ngrams=(2, 3)).tokens("a b c") == ["a b", "b c", "a b c"]
    assert "the cat" in adapted(ngrams=2).get_vocabulary()


def test_max_tokens_counts_the_special_tokens():
    assert adapted(max_tokens=4).get_vocabulary() == ["", "[UNK]", "the", "cat"]
    assert adapted(max_tokens=3, output_mode="multi_hot").get_vocabulary() == ["[UNK]", "the", "cat"]


def test_bag_of_words_modes_by_hand():
    texts = ["the cat the bird", "dog"]
    counts = adapted(output_mode="count")(texts).numpy()
    assert counts.dtype == np.float32 and counts.shape == (2, 9)               # [UNK] and 8 words
    np.testing.assert_array_equal(counts[0, :3], [1, 2, 1])                   # bird unknown, the twice, cat
    np.testing.assert_array_equal(adapted(output_mode="multi_hot")(texts).numpy(), np.minimum(counts, 1))
    tfidf = adapted(output_mode="tf_idf")
    idf_the = np.log(1 + 3 / (1 + 3))                                          # "the" is in all 3 documents
    idf_words = np.log(1 + 3 / (1 + np.array([3, 2, 2, 2, 1, 1, 1, 1])))
    np.testing.assert_allclose(tfidf(texts).numpy()[0, :3], [idf_words.mean(), 2 * idf_the, idf_words[1]], rtol=1e-6)
    padded = adapted(output_mode="multi_hot", max_tokens=20, pad_to_max_tokens=True)(texts).numpy()
    assert padded.shape == (2, 20) and not padded[:, 9:].any()


def test_count_mode_matches_scikit_learn():
    CountVectorizer = pytest.importorskip("sklearn.feature_extraction.text").CountVectorizer
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(30)]
    texts = [" ".join(rng.choice(words, rng.integers(1, 12))) for _ in range(40)]
    layer = TextVectorization(output_mode="count", ngrams=2)
    layer.adapt(texts)
    ours = layer(texts).numpy()[:, 1:]
    sklearn = CountVectorizer(token_pattern=r"\S+", ngram_range=(1, 2)).fit(texts)
    theirs = sklearn.transform(texts).toarray()[:, [sklearn.vocabulary_[w] for w in layer.get_vocabulary()[1:]]]
    np.testing.assert_array_equal(ours, theirs)
    assert ours.shape[1] == len(sklearn.vocabulary_)


def test_a_given_vocabulary_with_or_without_its_special_tokens():
    plain = TextVectorization(vocabulary=["cat", "dog"])
    assert plain.get_vocabulary() == TextVectorization(vocabulary=["", "[UNK]", "cat", "dog"]).get_vocabulary()
    np.testing.assert_array_equal(plain(np.array([["dog cat fish"]])).numpy(), [[3, 2, 1]])   # (batch, 1) input
    np.testing.assert_array_equal(plain(np.array([b"dog"])).numpy(), [[3]])
    tfidf = TextVectorization(output_mode="tf_idf", vocabulary=["cat", "dog"], idf_weights=[1.0, 3.0])
    np.testing.assert_allclose(tfidf(["fish dog dog"]).numpy(), [[2.0, 0.0, 6.0]])   # [UNK]: the mean weight


def test_adapt_again_replaces_the_vocabulary():
    layer = adapted()
    layer.adapt(["zebra zebra lion"])
    assert layer.get_vocabulary() == ["", "[UNK]", "zebra", "lion"]


@pytest.mark.parametrize("kwargs, message", [
    ({"output_mode": "one_hot"}, "output_mode must be one of"),
    ({"standardize": "upper"}, "standardize must be one of"),
    ({"split": "comma"}, "split must be one of"),
    ({"ngrams": 0}, "ngrams must be an integer >= 1"),
    ({"ngrams": ()}, "non-empty tuple"),
    ({"max_tokens": 2}, "max_tokens must be an integer >= 3"),
    ({"output_mode": "count", "output_sequence_length": 4}, "output_sequence_length is for output_mode='int'"),
    ({"pad_to_max_tokens": True, "output_mode": "count"}, "pad_to_max_tokens needs max_tokens"),
    ({"output_mode": "tf_idf", "vocabulary": ["a"]}, "idf_weights go with output_mode='tf_idf'"),
    ({"vocabulary": ["a"], "idf_weights": [1.0]}, "idf_weights go with"),
    ({"output_mode": "tf_idf", "vocabulary": ["a"], "idf_weights": [1.0, 2.0]}, "must be 1 finite numbers"),
    ({"vocabulary": ["a", "b", "a"]}, "must be distinct"),
    ({"vocabulary": ["a", "[UNK]"]}, "must be distinct"),
    ({"vocabulary": ["a", "b"], "max_tokens": 3}, "exceed max_tokens=3"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TextVectorization(**kwargs)


def test_bad_inputs_are_named():
    layer = TextVectorization(name="vec")
    with pytest.raises(RuntimeError, match="vec.call: the layer has no vocabulary yet; call adapt"):
        layer(["a"])
    layer.adapt(CORPUS)
    with pytest.raises(TypeError, match="got a single str 'the cat'; wrap it in a list"):
        layer("the cat")
    with pytest.raises(TypeError, match=r"texts\[1\] is a int"):
        layer(["a", 3])
    with pytest.raises(ValueError, match="adapt: no documents"):
        layer.adapt([])
    with pytest.raises(TypeError, match="standardize must return a str"):
        TextVectorization(standardize=lambda s: None).adapt(["a"])


@register_serializable(package="TestVectorization")
def squash_vowels(text: str) -> str:
    return text.lower().replace("a", "").replace("e", "")


def test_config_round_trip_keeps_vocabulary_idf_and_registered_functions():
    layer = adapted(output_mode="tf_idf", ngrams=(1, 2), standardize=squash_vowels, max_tokens=12)
    clone = TextVectorization.from_config(layer.get_config())
    assert clone.get_vocabulary() == layer.get_vocabulary() and clone.standardize is squash_vowels
    np.testing.assert_array_equal(clone(CORPUS).numpy(), layer(CORPUS).numpy())
    with pytest.raises(ValueError, match="not a registered text function"):
        adapted(standardize=lambda s: s).get_config()


LOAD = """
import sys
import numpy as np
from neurona.models import load_model
model = load_model(sys.argv[1])
assert "neurona.text" in sys.modules and "tests" not in " ".join(sys.modules)
np.save(sys.argv[2], model(np.array(["the dog sat on a cat", "zebra"])).numpy())
"""


def test_a_model_with_the_layer_is_saved_and_loads_in_a_fresh_process(tmp_path):
    vectorize = adapted(output_mode="multi_hot", max_tokens=8)
    model = Sequential([vectorize, Dense(2)])
    texts = np.array(["the dog sat on a cat", "zebra"])
    expected = model(texts).numpy()
    model.save(tmp_path / "m.neurona")
    np.testing.assert_array_equal(load_model(tmp_path / "m.neurona")(texts).numpy(), expected)
    subprocess.run([sys.executable, "-c", LOAD, str(tmp_path / "m.neurona"), str(tmp_path / "y.npy")],
                   cwd=ROOT, check=True)
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), expected)
