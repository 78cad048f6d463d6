"""The table of dataset files: where each one lives, where it comes from, its SHA-256.

``path`` is the file's place in an offline data directory (the layout of the
project's shared data directory) and in the user cache. ``sha256`` is the hash of
that file. ``url`` is the canonical download. When the URL serves an archive that
holds the file, ``member`` names it inside that archive and ``url_sha256`` is the
archive's published hash (``None`` where none is published; the extracted file is
still checked against ``sha256``) and ``archive_name`` is the archive's file name in
the cache. ``content`` is a ``(member, sha256)`` pair that
also certifies an archive whose own bytes are not canonical (it was re-packed).
``bundled`` files ship inside the package (``neurona/datasets/files/``).

Boston housing's URL is UCI's former address; UCI withdrew the file, so in practice
it comes from the copy in the package.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataFile", "REGISTRY", "lookup"]


@dataclass(frozen=True)
class DataFile:
    """One dataset file; see the module docstring for the fields."""

    path: str
    sha256: str
    url: str
    url_sha256: str | None
    member: str | None = None
    archive_name: str | None = None
    content: tuple[str, str] | None = None
    bundled: bool = False

    @property
    def name(self) -> str:
        """The file's base name."""
        return self.path.rsplit("/", 1)[-1]


def _direct(path: str, sha256: str, url: str, bundled: bool = False) -> DataFile:
    """A file that its URL serves as is, so the download has the file's own hash."""
    return DataFile(path, sha256, url, url_sha256=sha256, bundled=bundled)


_UCI = "https://archive.ics.uci.edu/ml/machine-learning-databases"
_MNIST = "https://ossci-datasets.s3.amazonaws.com/mnist"
_FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com"
_SENTIMENT_ZIP = f"{_UCI}/00331/sentiment%20labelled%20sentences.zip"


def _sentiment(name: str, sha256: str) -> DataFile:
    return DataFile(
        f"sentiment/sentiment_labelled_sentences/{name}",
        sha256,
        _SENTIMENT_ZIP,
        url_sha256=None,
        member=f"sentiment labelled sentences/{name}",
        archive_name="sentiment_labelled_sentences.zip",
    )


_FILES = (
    _direct(
        "tabular/iris/iris.data",
        "6f608b71a7317216319b4d27b4d9bc84e6abd734eda7872b71a458569e2656c0",
        f"{_UCI}/iris/iris.data",
        bundled=True,
    ),
    _direct(
        "tabular/breast_cancer_wisconsin/wdbc.data",
        "d606af411f3e5be8a317a5a8b652b425aaf0ff38ca683d5327ffff94c3695f4a",
        f"{_UCI}/breast-cancer-wisconsin/wdbc.data",
        bundled=True,
    ),
    _direct(
        "tabular/boston_housing/housing.data",
        "baadf72995725d76efe787b664e1f083388c79ba21ef9a7990d87f774184735a",
        f"{_UCI}/housing/housing.data",
        bundled=True,
    ),
    _direct(
        "tabular/wine/wine.data",
        "6be6b1203f3d51df0b553a70e57b8a723cd405683958204f96d23d7cd6aea659",
        f"{_UCI}/wine/wine.data",
        bundled=True,
    ),
    DataFile(
        "tabular/california_housing/cal_housing.data",
        "a2b44dcc7e1c9091b43c4f458b25cbd1f7e8068d08edd26bc4703108d3fa6214",
        "https://ndownloader.figshare.com/files/5976036",
        url_sha256="aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681",
        member="CaliforniaHousing/cal_housing.data",
        archive_name="cal_housing.tgz",
    ),
    _direct(
        "digits/optdigits.tra",
        "e1b683cc211604fe8fd8c4417e6a69f31380e0c61d4af22e93cc21e9257ffedd",
        f"{_UCI}/optdigits/optdigits.tra",
    ),
    _direct(
        "digits/optdigits.tes",
        "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8",
        f"{_UCI}/optdigits/optdigits.tes",
    ),
    _direct(
        "mnist/train-images-idx3-ubyte.gz",
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        f"{_MNIST}/train-images-idx3-ubyte.gz",
    ),
    _direct(
        "mnist/train-labels-idx1-ubyte.gz",
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        f"{_MNIST}/train-labels-idx1-ubyte.gz",
    ),
    _direct(
        "mnist/t10k-images-idx3-ubyte.gz",
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        f"{_MNIST}/t10k-images-idx3-ubyte.gz",
    ),
    _direct(
        "mnist/t10k-labels-idx1-ubyte.gz",
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
        f"{_MNIST}/t10k-labels-idx1-ubyte.gz",
    ),
    _direct(
        "fashion-mnist/train-images-idx3-ubyte.gz",
        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        f"{_FASHION}/train-images-idx3-ubyte.gz",
    ),
    _direct(
        "fashion-mnist/train-labels-idx1-ubyte.gz",
        "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        f"{_FASHION}/train-labels-idx1-ubyte.gz",
    ),
    _direct(
        "fashion-mnist/t10k-images-idx3-ubyte.gz",
        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        f"{_FASHION}/t10k-images-idx3-ubyte.gz",
    ),
    _direct(
        "fashion-mnist/t10k-labels-idx1-ubyte.gz",
        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
        f"{_FASHION}/t10k-labels-idx1-ubyte.gz",
    ),
    _sentiment(
        "amazon_cells_labelled.txt",
        "47003fc0a0d4840b00e96e715b6189bad09e7443a3da41c4cbe12ffc79f86ae3",
    ),
    _sentiment(
        "imdb_labelled.txt",
        "aef2e49e3da25714d61175e3a6e68eeef74a20a2f914318dc3be9947ea86512d",
    ),
    _sentiment(
        "yelp_labelled.txt",
        "c76468b7b5c6e56a0804d728345c5f84aa2142ddb214420f61cc9cfd4c00d2ea",
    ),
    _direct(
        "sentiment/review_polarity/review_polarity.tar.gz",
        "fc0dccc2671af5db3c5d8f81f77a1ebfec953ecdd422334062df61ede36b2179",
        "http://www.cs.cornell.edu/people/pabo/movie-review-data/review_polarity.tar.gz",
    ),
    DataFile(
        "translation/spa-eng.zip",
        "f80e581ae291aa34dd3aba7bd98b5e9505234da4318e2f3295df70a1520c7f61",
        "http://storage.googleapis.com/download.tensorflow.org/data/spa-eng.zip",
        url_sha256=None,
        content=(
            "spa-eng/spa.txt",
            "6ec60e212f812ee3430f7568ea6f33b6fb080e32193c5952e8da0ee8ba45574c",
        ),
    ),
)

REGISTRY: dict[str, DataFile] = {entry.path: entry for entry in _FILES}


def lookup(path: str) -> DataFile:
    """Return the registry entry for ``path`` (relative to the data directory).

    Examples
    --------
    >>> lookup("tabular/iris/iris.data").bundled
    True
    """
    try:
        return REGISTRY[path]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise ValueError(
            f"neurona.datasets: unknown data file {path!r}; known files: {known}"
        ) from None
