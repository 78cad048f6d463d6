"""Text datasets: labelled sentences, movie review polarity, English-Spanish pairs."""

from __future__ import annotations

import os
import tarfile
import zipfile
from pathlib import Path

import numpy as np

from .fetch import get_data_file

__all__ = ["load_sentiment_sentences", "load_movie_reviews", "load_translation_pairs"]

DataHome = str | os.PathLike[str] | None
SENTIMENT_SOURCES = ("amazon", "imdb", "yelp")
_SENTIMENT_FILES = {
    "amazon": "amazon_cells_labelled.txt",
    "imdb": "imdb_labelled.txt",
    "yelp": "yelp_labelled.txt",
}
_TRANSLATIONS = {"spa-eng": ("translation/spa-eng.zip", "spa-eng/spa.txt")}


def _lines(text: str) -> list[str]:
    """Split on ``\\n`` only (``str.splitlines`` would also break on U+0085 and others)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _read_labelled(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for number, line in enumerate(_lines(path.read_text(encoding="utf-8")), start=1):
        text, tab, label = line.rpartition("\t")
        if not tab or label not in ("0", "1"):
            raise ValueError(
                f"load_sentiment_sentences: {path} line {number} is not "
                f"'sentence<TAB>0|1': {line!r}"
            )
        texts.append(text)
        labels.append(label)
    return texts, labels


def load_sentiment_sentences(
    source: str = "all", data_home: DataHome = None
) -> tuple[list[str], np.ndarray]:
    """Load UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015).

    Parameters
    ----------
    source : {"all", "amazon", "imdb", "yelp"}, default "all"
        One site's 1000 sentences (500 positive, 500 negative), or all three
        concatenated in that order (3000).
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache).

    Returns
    -------
    texts : list of str
        The sentences, exactly as in the files (some imdb sentences contain U+0085
        and trailing spaces).
    labels : numpy.ndarray
        int64, 1 positive, 0 negative.

    Examples
    --------
    >>> texts, labels = load_sentiment_sentences("imdb")  # doctest: +SKIP
    >>> len(texts), int(labels.sum())  # doctest: +SKIP
    (1000, 500)
    """
    if source != "all" and source not in SENTIMENT_SOURCES:
        raise ValueError(
            f"load_sentiment_sentences: unknown source {source!r}; "
            f"valid sources: {('all',) + SENTIMENT_SOURCES}"
        )
    texts: list[str] = []
    labels: list[str] = []
    for name in SENTIMENT_SOURCES if source == "all" else (source,):
        file = f"sentiment/sentiment_labelled_sentences/{_SENTIMENT_FILES[name]}"
        file_texts, file_labels = _read_labelled(get_data_file(file, data_home))
        texts += file_texts
        labels += file_labels
    return texts, np.asarray(labels, dtype=np.int64)


def _review_label(member: tarfile.TarInfo) -> int | None:
    """1 for ``txt_sentoken/pos/*``, 0 for ``txt_sentoken/neg/*``, None for other members."""
    folder, _, name = member.name.rpartition("/")
    if not member.isfile() or not name:
        return None
    return {"txt_sentoken/neg": 0, "txt_sentoken/pos": 1}.get(folder)


def load_movie_reviews(data_home: DataHome = None) -> tuple[list[str], np.ndarray]:
    """Load Pang and Lee's movie review polarity data v2.0 (ACL 2004).

    The reviews are read from ``review_polarity.tar.gz`` in memory, without
    extracting to disk.

    Returns
    -------
    texts : list of str
        2000 full reviews (tokenized, lower-cased), sorted by archive member name:
        the 1000 negative reviews first, then the 1000 positive ones.
    labels : numpy.ndarray
        int64, 1 positive, 0 negative.

    Examples
    --------
    >>> texts, labels = load_movie_reviews()  # doctest: +SKIP
    >>> len(texts), np.bincount(labels).tolist()  # doctest: +SKIP
    (2000, [1000, 1000])
    """
    path = get_data_file("sentiment/review_polarity/review_polarity.tar.gz", data_home)
    reviews: dict[str, tuple[str, int]] = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            label = _review_label(member)
            if label is not None:
                text = archive.extractfile(member).read().decode("utf-8")
                reviews[member.name] = (text, label)
    if len(reviews) != 2000:
        raise ValueError(f"load_movie_reviews: {path} holds {len(reviews)} reviews, expected 2000")
    ordered = [reviews[name] for name in sorted(reviews)]
    labels = np.asarray([label for _, label in ordered], dtype=np.int64)
    return [text for text, _ in ordered], labels


def load_translation_pairs(
    name: str = "spa-eng", data_home: DataHome = None
) -> list[tuple[str, str]]:
    """Load Tatoeba sentence pairs (via manythings.org), as in TensorFlow's NMT tutorial.

    Parameters
    ----------
    name : {"spa-eng"}, default "spa-eng"
        The language pair; ``"spa-eng"`` is English-Spanish, 118,964 pairs, read
        from ``spa-eng.zip`` in memory.
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache).

    Returns
    -------
    list of (str, str)
        ``(english, spanish)`` pairs in file order.

    Examples
    --------
    >>> pairs = load_translation_pairs("spa-eng")  # doctest: +SKIP
    >>> len(pairs), pairs[0]  # doctest: +SKIP
    (118964, ('Go.', 'Ve.'))
    """
    if name not in _TRANSLATIONS:
        raise ValueError(
            f"load_translation_pairs: unknown dataset {name!r}; valid names: {tuple(_TRANSLATIONS)}"
        )
    file, member = _TRANSLATIONS[name]
    path = get_data_file(file, data_home)
    with zipfile.ZipFile(path) as archive:
        text = archive.read(member).decode("utf-8")
    lines = _lines(text)
    pairs = [tuple(line.split("\t")) for line in lines]
    bad = next((i for i, pair in enumerate(pairs) if len(pair) != 2), None)
    if bad is not None:
        raise ValueError(
            f"load_translation_pairs: {path} member {member} line {bad + 1} is not "
            f"'english<TAB>spanish': {lines[bad]!r}"
        )
    return pairs
