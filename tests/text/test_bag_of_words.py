import numpy as np
import pytest

from neurona.text import Analyzer, Vocabulary, bag_of_words

# Reconstructed for the slide "counting words" (the original paragraph is not at hand): a paragraph
# about the Journal of Artificial Intelligence Research that gives the slide's counts.
JAIR = (
    "The Journal of Artificial Intelligence Research (JAIR) covers all areas of artificial "
    "intelligence. The journal was founded in 1993 as one of the first scientific journals "
    "distributed over the Internet. Articles appear online as soon as they are accepted, and "
    "the printed journal follows."
)


def test_the_jair_paragraph_counts():
    columns = Vocabulary(oov_token=None).fit(["journal intelligence internet learning text"])
    counts, names = bag_of_words([JAIR], mode="count", vocabulary=columns)
    assert names == ["journal", "intelligence", "internet", "learning", "text"]
    np.testing.assert_array_equal(counts, [[3, 2, 1, 0, 0]])


def test_the_jair_paragraph_with_stemming_counts_journals_as_journal():
    pytest.importorskip("snowballstemmer")
    analyzer = Analyzer(stemmer="english")
    counts, names = bag_of_words([JAIR], mode="count", vocabulary=Vocabulary(oov_token=None, analyzer=analyzer).fit([JAIR]))
    assert counts[0, names.index("journal")] == 4


TABLE_TEXTS = ["John likes to watch movies. Mary likes movies too.",
               "Mary also likes to watch football games."]


def test_the_binary_table_marks_presence_row_by_document_column_by_word():
    table, words = bag_of_words(TABLE_TEXTS)
    # columns from the most frequent word; ties in order of first appearance
    assert words == ["likes", "to", "watch", "movies", "mary", "john", "too", "also", "football", "games"]
    np.testing.assert_array_equal(table, [[1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
                                          [1, 1, 1, 0, 1, 0, 0, 1, 1, 1]])
    assert table.dtype == np.float32


def test_count_mode_counts_repeats():
    counts, words = bag_of_words(TABLE_TEXTS, mode="count")
    assert counts[0, words.index("likes")] == 2 and counts[0, words.index("movies")] == 2


def test_a_vocabulary_fitted_on_training_texts_gives_the_test_columns():
    vocabulary = Vocabulary().fit(["good film", "bad film"])
    matrix, words = bag_of_words(["good good plot", ""], mode="count", vocabulary=vocabulary)
    assert words == ["[UNK]", "film", "good", "bad"]                  # unknown words have a column
    np.testing.assert_array_equal(matrix, [[1, 0, 2, 0], [0, 0, 0, 0]])


def test_sparse_equals_dense_in_every_mode():
    pytest.importorskip("scipy")
    texts = TABLE_TEXTS + ["", "games games games"]
    for mode in ("binary", "count", "tfidf"):
        dense, words = bag_of_words(texts, mode=mode)
        sparse, sparse_words = bag_of_words(texts, mode=mode, sparse=True)
        assert sparse.format == "csr" and sparse.dtype == np.float32 and sparse_words == words
        np.testing.assert_array_equal(sparse.toarray(), dense)


@pytest.mark.parametrize("mode, options", [("count", {}), ("binary", {"binary": True})])
def test_count_and_binary_match_scikit_learn(mode, options):
    text = pytest.importorskip("sklearn.feature_extraction.text")
    texts = TABLE_TEXTS + ["The movies, the GAMES!", ""]
    matrix, words = bag_of_words(texts, mode=mode)
    reference = text.CountVectorizer(analyzer=Analyzer(), vocabulary=words, **options).fit_transform(texts)
    np.testing.assert_array_equal(matrix, reference.toarray())


def test_tfidf_matches_scikit_learn_with_a_vocabulary_from_other_texts():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    train, test = TABLE_TEXTS + ["The movies, the GAMES!"], ["movies movies and games", "nothing known"]
    vocabulary = Vocabulary(oov_token=None).fit(train)
    matrix, words = bag_of_words(test, mode="tfidf", vocabulary=vocabulary, dtype="float64")
    reference = text.TfidfVectorizer(analyzer=Analyzer(), vocabulary=words).fit(train).transform(test)
    np.testing.assert_allclose(matrix, reference.toarray(), rtol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(matrix[0]), 1.0)


def test_an_empty_vocabulary_is_an_error_not_an_empty_matrix():
    with pytest.raises(ValueError, match="the vocabulary has no words"):
        bag_of_words(["...", "!!"])
    with pytest.raises(ValueError, match="the vocabulary has no words"):
        bag_of_words(["a"], vocabulary=Vocabulary())


def test_a_vocabulary_must_be_a_vocabulary():
    with pytest.raises(TypeError, match="vocabulary must be a neurona.text.Vocabulary, got list"):
        bag_of_words(["a b"], vocabulary=["a", "b"])


@pytest.mark.parametrize("kwargs, message", [
    ({"mode": "tf-idf"}, "mode must be one of"),
    ({"dtype": "int32"}, "dtype must be a floating dtype"),
])
def test_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bag_of_words(["a b"], **kwargs)


def test_a_count_that_does_not_fit_float16_is_an_error_not_infinity():
    with pytest.raises(ValueError, match="value 70000.0 does not fit dtype float16"):
        bag_of_words(["a " * 70_000], mode="count", dtype="float16")
