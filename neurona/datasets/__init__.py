"""Real datasets as NumPy arrays, checked against their SHA-256.

Files are looked up in an offline directory (``data_home=`` or ``$NEURONA_DATA``),
then in the package (the four tiny UCI tables), then in the user cache, where they
are downloaded with pooch (optional dependency) on first use.

Examples
--------
>>> from neurona.datasets import load_iris
>>> x, y = load_iris()
>>> x.shape, y.shape
((150, 4), (150,))
"""

from .errors import DatasetIntegrityError, DatasetNotFoundError
from .fetch import get_data_file
from .mnist import load_fashion_mnist, load_mnist
from .tabular import (
    load_boston,
    load_breast_cancer,
    load_california_housing,
    load_digits,
    load_iris,
    load_wine,
)
from .text import load_movie_reviews, load_sentiment_sentences, load_translation_pairs

__all__ = [
    "DatasetIntegrityError",
    "DatasetNotFoundError",
    "get_data_file",
    "load_iris",
    "load_breast_cancer",
    "load_boston",
    "load_wine",
    "load_digits",
    "load_california_housing",
    "load_mnist",
    "load_fashion_mnist",
    "load_sentiment_sentences",
    "load_movie_reviews",
    "load_translation_pairs",
]
