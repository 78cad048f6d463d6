"""The datasets the command knows by name: their files in the registry, their task and their split.

A split is the course's: the official train/test files where there are some, else a
seeded (stratified for classes) split of the whole table. ``preprocess`` is the
input scaling a model of this dataset expects by default (see :mod:`neurona.cli.preprocess`).

Examples
--------
>>> get("iris").files
('tabular/iris/iris.data',)
>>> get("mnist").classes[:3]
('0', '1', '2')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from neurona.cli.errors import CLIError

Split = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                   "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


@dataclass(frozen=True)
class Dataset:
    """One named dataset; ``load(data_home, seed)`` returns its train and test parts (None: not for training)."""

    name: str
    description: str
    files: tuple[str, ...]
    task: str  # "multiclass", "binary", "regression" or "text"
    classes: tuple[str, ...] | None = None
    load: Callable[[str | None, int], Split] | None = None
    preprocess: str = "standardize"
    image_shape: tuple[int, ...] | None = None


def _table(loader: str, test_size: float, stratify: bool) -> Callable[[str | None, int], Split]:
    def load(data_home: str | None, seed: int) -> Split:
        from neurona import datasets
        from neurona.data import train_test_split

        x, y = getattr(datasets, loader)(data_home=data_home)
        parts = train_test_split(x, y, test_size=test_size, stratify=y if stratify else None, seed=seed)
        return (parts[0], parts[2]), (parts[1], parts[3])
    return load


def _official(loader: str) -> Callable[[str | None, int], Split]:
    def load(data_home: str | None, seed: int) -> Split:
        from neurona import datasets

        return getattr(datasets, loader)(data_home=data_home)
    return load


def _digits(data_home: str | None, seed: int) -> Split:
    from neurona.datasets import load_digits

    return load_digits("train", data_home=data_home), load_digits("test", data_home=data_home)


def _spiral(data_home: str | None, seed: int) -> Split:
    from neurona.data import make_spiral, train_test_split

    x, y = make_spiral(1000, noise=0.0, seed=seed)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.5, seed=seed)
    return (x_train, y_train), (x_test, y_test)


def _mnist_files(folder: str) -> tuple[str, ...]:
    return tuple(f"{folder}/{part}-{kind}-idx{dims}-ubyte.gz" for part in ("train", "t10k")
                 for kind, dims in (("images", 3), ("labels", 1)))


_SENTENCES = tuple(f"sentiment/sentiment_labelled_sentences/{site}_labelled.txt" for site in ("amazon_cells", "imdb", "yelp"))
DATASETS: dict[str, Dataset] = {d.name: d for d in (
    Dataset("iris", "Fisher's iris flowers: 150 x 4 measures, 3 species (30% stratified test)",
            ("tabular/iris/iris.data",), "multiclass", ("setosa", "versicolor", "virginica"),
            _table("load_iris", 0.3, True)),
    Dataset("breast-cancer", "Wisconsin diagnostic breast cancer: 569 x 30, benign/malignant (25% stratified test)",
            ("tabular/breast_cancer_wisconsin/wdbc.data",), "binary", ("benign", "malignant"),
            _table("load_breast_cancer", 0.25, True)),
    Dataset("boston", "Boston housing: 506 x 13, median value in k$ (20% test; see load_boston's ethics note)",
            ("tabular/boston_housing/housing.data",), "regression", None, _table("load_boston", 0.2, False)),
    Dataset("wine", "UCI wine: 178 x 13 chemical measures, 3 cultivars (30% stratified test)",
            ("tabular/wine/wine.data",), "multiclass", ("class_0", "class_1", "class_2"),
            _table("load_wine", 0.3, True)),
    Dataset("california-housing", "California housing: 20,640 x 8, median value in 100k$ (20% test)",
            ("tabular/california_housing/cal_housing.data",), "regression", None,
            _table("load_california_housing", 0.2, False)),
    Dataset("digits", "UCI optical digits: 8x8 pen counts 0..16 (official 3823/1797 split)",
            ("digits/optdigits.tra", "digits/optdigits.tes"), "multiclass", tuple("0123456789"), _digits,
            "scale16"),
    Dataset("mnist", "MNIST handwritten digits: 28x28 grey images (official 60,000/10,000 split)",
            _mnist_files("mnist"), "multiclass", tuple("0123456789"), _official("load_mnist"), "scale255", (28, 28)),
    Dataset("fashion-mnist", "Fashion-MNIST clothes: 28x28 grey images (official 60,000/10,000 split)",
            _mnist_files("fashion-mnist"), "multiclass", FASHION_CLASSES, _official("load_fashion_mnist"),
            "scale255", (28, 28)),
    Dataset("spiral", "the TensorFlow Playground's two spirals: 1000 generated points, half for testing",
            (), "binary", ("0", "1"), _spiral, "none"),
    Dataset("sentiment-sentences", "UCI sentiment labelled sentences (Amazon, IMDb, Yelp)", _SENTENCES, "text"),
    Dataset("movie-reviews", "Pang and Lee's 2,000 movie reviews (polarity 2.0)",
            ("sentiment/review_polarity/review_polarity.tar.gz",), "text"),
    Dataset("translation", "Tatoeba's English-Spanish sentence pairs", ("translation/spa-eng.zip",), "text"),
)}


def get(name: str) -> Dataset:
    """The dataset called ``name``; an unknown name is a :class:`CLIError` listing the known ones."""
    try:
        return DATASETS[name]
    except KeyError:
        raise CLIError(f"unknown dataset {name!r}; known datasets: {', '.join(DATASETS)}") from None


def trainable(name: str) -> Dataset:
    """The dataset called ``name``, which must have a train/test split (not a text corpus)."""
    dataset = get(name)
    if dataset.load is None:
        known = ", ".join(n for n, d in DATASETS.items() if d.load is not None)
        raise CLIError(f"dataset {name!r} is a text corpus, not a train/test table; these can be trained on: {known}")
    return dataset


def load_split(dataset: Dataset, data_home: str | None, seed: int) -> Split:
    """``dataset``'s train and test parts, its files fetched first (each download announced)."""
    from neurona.cli.data_files import fetch_files

    fetch_files(dataset, data_home)
    return dataset.load(data_home, seed)
