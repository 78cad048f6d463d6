"""Text preprocessing of the course: filter, tokenize, lowercase, stem, stop words, n-grams,
vocabularies and padded sequences, the ``TextVectorization`` layer, bag of words,
the bigram language model and perplexity, co-occurrence and SVD word vectors.

NumPy only; stemming and stop words use the ``snowballstemmer`` and ``stopwords``
packages, and sparse output scipy (``pip install 'neurona[text]'``).

Examples
--------
>>> from neurona.text import filter_text, lowercase, stem, tokenize
>>> stem(lowercase(tokenize(filter_text("Connected, CONNECTIONS..."))))
['connect', 'connect']
>>> from neurona.text import Vocabulary, pad_sequences
>>> vocabulary = Vocabulary(max_tokens=4).fit(["the cat sat", "the cat ran", "a dog"])
>>> pad_sequences(vocabulary.texts_to_sequences(["the dog sat", "cat"]), maxlen=3)
array([[2, 1, 1],
       [0, 0, 3]], dtype=int32)
"""

from .analyzer import Analyzer
from .bag_of_words import bag_of_words
from .cooccurrence import cooccurrence_matrix, ppmi
from .embeddings import WordVectors, nearest_words, svd_embeddings
from .filters import KERAS_FILTERS, filter_text
from .language_model import BigramLanguageModel, perplexity
from .lowercase import lowercase
from .ngrams import ngrams
from .sequences import pad_sequences
from .stem import stem, stem_languages
from .stopwords import remove_stop_words, stop_words
from .tokenize import tokenize
from .vectorization import TextVectorization
from .vocabulary import Vocabulary

__all__ = [
    "KERAS_FILTERS",
    "filter_text",
    "tokenize",
    "lowercase",
    "stem",
    "stem_languages",
    "stop_words",
    "remove_stop_words",
    "ngrams",
    "Analyzer",
    "Vocabulary",
    "TextVectorization",
    "pad_sequences",
    "bag_of_words",
    "cooccurrence_matrix",
    "ppmi",
    "WordVectors",
    "svd_embeddings",
    "nearest_words",
    "BigramLanguageModel",
    "perplexity",
]
