"""Word vectors from the SVD of a co-occurrence matrix: the slide "embeddings approximate the SVD".

Pang and Lee's 2,000 movie reviews give a PPMI-weighted co-occurrence matrix of the
10,000 most frequent words (window of 2 words on each side); its truncated SVD gives
100-dimensional word vectors, and the words nearest (by cosine) to a few words show
what they learned: "boring" lands next to "dull", "two" next to "three". Antonyms
share contexts too, so "good" and "bad" are each other's neighbours.
Run: ``python examples/svd_embeddings.py`` (``--words`` to choose the words).
"""
from __future__ import annotations

import argparse

from neurona.datasets import load_movie_reviews
from neurona.text import Vocabulary, WordVectors, nearest_words, svd_embeddings

WORDS = ("bad", "great", "boring", "funny", "actor", "horror", "two")


def main(words: tuple[str, ...] = WORDS, dim: int = 100, window: int = 2, k: int = 6) -> WordVectors:
    """Fit the vectors, print each word's ``k`` nearest words and return the vectors."""
    texts, _ = load_movie_reviews()
    vocabulary = Vocabulary(max_tokens=10_002).fit(texts)            # padding, [UNK] and 10,000 words
    vectors = svd_embeddings(texts, dim=dim, window=window, vocabulary=vocabulary)
    print(f"{len(vectors)} words, {dim} dimensions, window {window}")
    for word in words:
        if word not in vectors:
            print(f"{word:>10}: not among the {len(vectors)} most frequent words")
            continue
        neighbours = ", ".join(f"{other} {cosine:.2f}" for other, cosine in nearest_words(vectors, word, k))
        print(f"{word:>10}: {neighbours}")
    return vectors


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", nargs="+", default=list(WORDS))
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--window", type=int, default=2)
    args = parser.parse_args()
    main(tuple(args.words), args.dim, args.window)
