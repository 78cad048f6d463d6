import re

from neurona.datasets._registry import REGISTRY
from neurona.datasets.fetch import bundled_path
from neurona.datasets.verify import sha256_of


def test_every_registered_file_matches_the_shared_data(data_dir):
    for path, entry in REGISTRY.items():
        assert re.fullmatch(r"[0-9a-f]{64}", entry.sha256), path
        assert sha256_of(data_dir / path) == entry.sha256, path


def test_bundled_tables_are_byte_copies_of_the_shared_files(data_dir):
    bundled = [entry for entry in REGISTRY.values() if entry.bundled]
    names = sorted(e.name for e in bundled)
    assert names == ["housing.data", "iris.data", "wdbc.data", "wine.data"]
    for entry in bundled:
        assert bundled_path(entry).read_bytes() == (data_dir / entry.path).read_bytes()


def test_download_hashes_are_given_where_published():
    for entry in REGISTRY.values():
        assert entry.url.startswith(("http://", "https://"))
        if entry.member is None and entry.content is None:
            assert entry.url_sha256 == entry.sha256, entry.path
        if entry.member is not None:
            assert entry.archive_name, entry.path
