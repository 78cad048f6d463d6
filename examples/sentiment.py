"""Sentiment: a bag of words (logistic regression, a dense network) and Embedding + LSTM, in one table.

Bag of words, the course's pipeline: filter → tokenize → lowercase → stem → tf-idf
weights (the vocabulary and the document frequencies come from the training part
only), then logistic regression and a dense network vocabulary→16→1. The table
answers the slide's question "how many parameters will this model have?": one weight
per word plus a bias for logistic regression; ``V·16 + 16 + 16 + 1`` for the network.

Sequences: ``TextVectorization`` (adapted on the training part) turns each text into
word ids, then Embedding(mask_zero=True) → LSTM → Dense(1, sigmoid): word order counts.

All models share one stratified 80/20 split. Datasets: ``sentences`` (UCI sentiment
labelled sentences: Amazon, IMDb and Yelp, 3,000 sentences; all three models) or
``reviews`` (Pang and Lee's 2,000 movie reviews, the 20,000 most frequent stems;
the bag-of-words models). Run: ``python examples/sentiment.py --dataset reviews``.

Measured with the defaults (seed 0): sentences, logistic regression 0.827, dense 0.822,
Embedding + LSTM 0.808 (about 5 s of CPU in all); reviews, logistic regression 0.860 and
dense 0.855 (about 7 s of CPU).
"""
from __future__ import annotations

import argparse

import numpy as np

import neurona as nr
from neurona.classic import LogisticRegression
from neurona.data import train_test_split
from neurona.datasets import load_movie_reviews, load_sentiment_sentences
from neurona.layers import LSTM, Dense, Embedding
from neurona.models import Sequential
from neurona.text import Analyzer, TextVectorization, Vocabulary, bag_of_words

DATASETS = {
    "sentences": (load_sentiment_sentences, None, 0.3, ("logistic", "dense", "lstm")),
    "reviews": (load_movie_reviews, 20_001, 0.1, ("logistic", "dense")),
}
"""Per dataset: the loader, the vocabulary's ``max_tokens`` (padding included), the L2 penalty λ of
logistic regression and the models run by default."""


def features(train: list[str], test: list[str], max_tokens: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Tf-idf bags of stemmed words (float32, dense), with the vocabulary of the training texts."""
    vocabulary = Vocabulary(max_tokens, oov_token=None, analyzer=Analyzer(stemmer="english")).fit(train)
    return tuple(bag_of_words(texts, "tfidf", vocabulary)[0] for texts in (train, test))


def logistic_regression(x_train, y_train, x_test, y_test, l2: float) -> tuple[float, int]:
    """Test accuracy and parameter count (features + 1) of L2-penalized logistic regression."""
    model = LogisticRegression(optimizer="adam", learning_rate=0.2, l2=l2, max_iter=500, tol=1e-3,
                               dtype="float32").fit(x_train, y_train)
    return model.score(x_test, y_test), model.coef_.size + model.intercept_.size


def dense_network(x_train, y_train, x_test, y_test, epochs: int, verbose: int) -> tuple[float, int]:
    """Test accuracy and parameter count of vocabulary→16 (ReLU)→1 (sigmoid), binary cross-entropy, Adam."""
    model = Sequential([Dense(16, activation="relu", input_dim=x_train.shape[1]), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train[:, None].astype(np.float32), epochs=epochs, batch_size=32, verbose=verbose)
    accuracy = float(np.mean((model.predict(x_test)[:, 0] > 0.5) == y_test))
    return accuracy, model.count_params()


def lstm_network(train, test, y_train, y_test, epochs: int, verbose: int) -> tuple[float, int]:
    """Test accuracy and parameter count of word ids → Embedding(32, mask_zero) → LSTM(32) → Dense(1, sigmoid)."""
    vectorize = TextVectorization(max_tokens=4000, output_sequence_length=40)
    vectorize.adapt(train)
    model = Sequential([Embedding(vectorize.vocabulary_size(), 32, mask_zero=True), LSTM(32),
                        Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(vectorize(train).numpy(), y_train[:, None].astype(np.float32), epochs=epochs, batch_size=32,
              verbose=verbose)
    accuracy = float(np.mean((model.predict(vectorize(test).numpy())[:, 0] > 0.5) == y_test))
    return accuracy, model.count_params()


def bag_of_words_models(train, test, y_train, y_test, dataset: str, models, epochs: int, verbose: int) -> dict:
    """The rows of the bag-of-words models in ``models``."""
    if not {"logistic", "dense"} & set(models):
        return {}
    _, max_tokens, l2, _ = DATASETS[dataset]
    x_train, x_test = features(train, test, max_tokens)
    print(f"{dataset}: {len(train)} training and {len(test)} test texts, {x_train.shape[1]} words")
    results = {}
    if "logistic" in models:
        results["logistic regression"] = logistic_regression(x_train, y_train, x_test, y_test, l2)
    if "dense" in models:
        results[f"dense {x_train.shape[1]}-16-1"] = dense_network(x_train, y_train, x_test, y_test, epochs, verbose)
    return results


def main(dataset: str = "sentences", models: tuple[str, ...] | None = None, epochs: int = 5, lstm_epochs: int = 5,
         seed: int = 0, verbose: int = 0) -> dict[str, tuple[float, int]]:
    """Train the models, print the table and return ``{model: (test accuracy, parameters)}``."""
    nr.random.seed(seed)
    load, _, _, default = DATASETS[dataset]
    models = default if models is None else models
    texts, labels = load()
    train, test, y_train, y_test = train_test_split(texts, labels, test_size=0.2, stratify=labels, seed=seed)
    results = bag_of_words_models(train, test, y_train, y_test, dataset, models, epochs, verbose)
    if "lstm" in models:
        results["embedding + LSTM"] = lstm_network(train, test, y_train, y_test, lstm_epochs, verbose)
    print(f"{'model':<24}{'parameters':>12}{'test accuracy':>16}")
    for name, (accuracy, parameters) in results.items():
        print(f"{name:<24}{parameters:>12,}{accuracy:>16.4f}")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="sentences")
    parser.add_argument("--models", nargs="+", choices=["logistic", "dense", "lstm"],
                        help="default: all three for sentences, the bag-of-words models for reviews")
    parser.add_argument("--epochs", type=int, default=5, help="epochs of the dense network")
    parser.add_argument("--lstm-epochs", type=int, default=5, help="epochs of the LSTM")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    main(args.dataset, None if args.models is None else tuple(args.models), args.epochs, args.lstm_epochs, args.seed,
         verbose=2)
