import io
import os
import shutil
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from neurona.datasets import (
    DatasetIntegrityError,
    DatasetNotFoundError,
    get_data_file,
    load_iris,
    load_sentiment_sentences,
)
from neurona.datasets import verify as verify_module
from neurona.datasets._registry import lookup
from neurona.datasets.fetch import bundled_path

IRIS = "tabular/iris/iris.data"
LABELS = "mnist/t10k-labels-idx1-ubyte.gz"


def _copy(data_dir: Path, home: Path, path: str) -> Path:
    target = home / path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(data_dir / path, target)
    return target


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_offline_directory_comes_first(data_dir):
    assert get_data_file(IRIS, data_home=data_dir) == (data_dir / IRIS).resolve()


def test_environment_variable_names_the_offline_directory(data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    assert get_data_file(LABELS) == (data_dir / LABELS).resolve()


def test_data_home_overrides_the_environment_variable(data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(tmp_path / "elsewhere"))
    assert get_data_file(LABELS, data_home=data_dir) == (data_dir / LABELS).resolve()


def test_tiny_tables_load_without_offline_directory_or_cache(user_cache):
    x, y = load_iris()
    assert x.shape == (150, 4)
    assert get_data_file(IRIS) == bundled_path(lookup(IRIS)).resolve()
    assert _files_under(user_cache) == []


def test_user_cache_is_used_after_the_package(data_dir, user_cache):
    cached = _copy(data_dir, user_cache, LABELS)
    assert get_data_file(LABELS) == cached.resolve()


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damaged_file_is_rejected_with_path_and_both_hashes(data_dir, tmp_path, damage):
    home = tmp_path / "home"
    target = _copy(data_dir, home, LABELS)
    raw = bytearray(target.read_bytes())
    if damage == "flip":
        raw[len(raw) // 2] ^= 0xFF
    else:
        del raw[len(raw) // 2:]
    target.write_bytes(bytes(raw))
    actual = verify_module.sha256_of(target)
    with pytest.raises(DatasetIntegrityError) as info:
        get_data_file(LABELS, data_home=home)
    message = str(info.value)
    assert str(target.resolve()) in message
    assert lookup(LABELS).sha256 in message and actual in message
    assert info.value.expected == lookup(LABELS).sha256 and info.value.actual == actual


def test_damaged_offline_file_is_not_replaced_by_another_copy(data_dir, tmp_path, user_cache):
    home = tmp_path / "home"
    (home / IRIS).parent.mkdir(parents=True)
    (home / IRIS).write_bytes((data_dir / IRIS).read_bytes()[:-10])
    with pytest.raises(DatasetIntegrityError):
        load_iris(data_home=home)


def test_modified_file_is_hashed_again(data_dir, tmp_path):
    home = tmp_path / "home"
    target = _copy(data_dir, home, IRIS)
    load_iris(data_home=home)
    target.write_bytes(target.read_bytes().replace(b"5.1", b"5.10", 1))
    with pytest.raises(DatasetIntegrityError):
        load_iris(data_home=home)


def test_verification_is_remembered(data_dir, monkeypatch):
    calls = []
    real = verify_module.sha256_of
    monkeypatch.setattr(verify_module, "sha256_of", lambda p: calls.append(p) or real(p))
    get_data_file(LABELS, data_home=data_dir)
    get_data_file(LABELS, data_home=data_dir)
    assert len(calls) == 1


def test_zip_with_canonical_content_is_accepted(data_dir, tmp_path):
    path = "translation/spa-eng.zip"
    with zipfile.ZipFile(data_dir / path) as original:
        text = original.read("spa-eng/spa.txt")
    repacked = tmp_path / "home" / path
    repacked.parent.mkdir(parents=True)
    with zipfile.ZipFile(repacked, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("spa-eng/spa.txt", text)
    assert get_data_file(path, data_home=tmp_path / "home") == repacked.resolve()
    with zipfile.ZipFile(repacked, "w") as archive:
        archive.writestr("spa-eng/spa.txt", text[:-20])
    with pytest.raises(DatasetIntegrityError, match="spa-eng/spa.txt"):
        get_data_file(path, data_home=tmp_path / "home")


def test_offline_without_the_file_says_where_to_put_it(tmp_path, user_cache):
    pytest.importorskip("pooch")
    entry = lookup(LABELS)
    with pytest.raises(DatasetNotFoundError) as info:
        get_data_file(LABELS, data_home=tmp_path / "empty")
    message = str(info.value)
    assert "NEURONA_DATA" in message and entry.url in message
    assert f"<DATA_DIR>/{LABELS}" in message and str(tmp_path / "empty" / LABELS) in message
    assert "download failed" in message
    assert _files_under(user_cache) == []


def test_download_false_never_downloads(tmp_path, user_cache):
    with pytest.raises(DatasetNotFoundError, match="download=False"):
        get_data_file(LABELS, data_home=tmp_path, download=False)


def test_missing_pooch_is_explained(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pooch", None)
    with pytest.raises(DatasetNotFoundError, match="pooch is not installed"):
        get_data_file(LABELS, data_home=tmp_path)


def test_interrupted_download_leaves_no_partial_file(tmp_path, user_cache, monkeypatch):
    pooch = pytest.importorskip("pooch")
    requests = pytest.importorskip("requests")

    def broken(self, url, output_file, pooch_obj=None, check_only=False):
        with open(output_file, "wb") as f:
            f.write(b"\x1f\x8b partial bytes")
        raise requests.exceptions.ChunkedEncodingError("connection dropped midway")

    monkeypatch.setattr(pooch.HTTPDownloader, "__call__", broken)
    with pytest.raises(DatasetNotFoundError, match="connection dropped midway"):
        get_data_file(LABELS, data_home=tmp_path / "empty")
    assert _files_under(user_cache) == []


def test_download_with_wrong_hash_leaves_no_file(tmp_path, user_cache, monkeypatch):
    pooch = pytest.importorskip("pooch")

    def wrong(self, url, output_file, pooch_obj=None, check_only=False):
        Path(output_file).write_bytes(b"not the labels")

    monkeypatch.setattr(pooch.HTTPDownloader, "__call__", wrong)
    with pytest.raises(ValueError, match=lookup(LABELS).sha256):
        get_data_file(LABELS, data_home=tmp_path / "empty")
    assert _files_under(user_cache) == []


def _serve(monkeypatch, payloads: dict[str, bytes]):
    pooch = pytest.importorskip("pooch")
    served = []

    def fake(self, url, output_file, pooch_obj=None, check_only=False):
        served.append(url)
        Path(output_file).write_bytes(payloads[url])

    monkeypatch.setattr(pooch.HTTPDownloader, "__call__", fake)
    return served


def test_download_lands_in_the_cache_with_the_offline_layout(
    data_dir, tmp_path, user_cache, monkeypatch
):
    served = _serve(monkeypatch, {lookup(LABELS).url: (data_dir / LABELS).read_bytes()})
    path = get_data_file(LABELS, data_home=tmp_path / "empty")
    assert path == (user_cache / LABELS).resolve()
    assert get_data_file(LABELS, data_home=tmp_path / "empty") == path
    assert len(served) == 1


def test_archive_download_extracts_and_verifies_the_member(
    data_dir, tmp_path, user_cache, monkeypatch
):
    folder = "sentiment/sentiment_labelled_sentences"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"):
            archive.write(data_dir / folder / name, f"sentiment labelled sentences/{name}")
    _serve(monkeypatch, {lookup(f"{folder}/imdb_labelled.txt").url: buffer.getvalue()})
    texts, labels = load_sentiment_sentences("all", data_home=tmp_path / "empty")
    assert len(texts) == 3000 and np.bincount(labels).tolist() == [1500, 1500]
    cached = sorted(p.relative_to(user_cache).as_posix() for p in _files_under(user_cache))
    assert cached == [
        f"{folder}/amazon_cells_labelled.txt",
        f"{folder}/imdb_labelled.txt",
        f"{folder}/sentiment_labelled_sentences.zip",
        f"{folder}/yelp_labelled.txt",
    ]


def test_archive_member_with_wrong_content_is_not_kept(data_dir, tmp_path, user_cache, monkeypatch):
    folder = "sentiment/sentiment_labelled_sentences"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sentiment labelled sentences/yelp_labelled.txt", "Great.\t1\n")
    _serve(monkeypatch, {lookup(f"{folder}/yelp_labelled.txt").url: buffer.getvalue()})
    with pytest.raises(DatasetIntegrityError, match=lookup(f"{folder}/yelp_labelled.txt").sha256):
        load_sentiment_sentences("yelp", data_home=tmp_path / "empty")
    assert not (user_cache / folder / "yelp_labelled.txt").exists()
    assert [p.name for p in _files_under(user_cache)] == ["sentiment_labelled_sentences.zip"]


def test_unknown_file_lists_the_known_ones():
    with pytest.raises(ValueError, match="mnist/train-images-idx3-ubyte.gz"):
        get_data_file("mnist/no-such-file.gz")


def test_bundled_copy_is_verified_too(tmp_path, monkeypatch):
    fake = tmp_path / "files"
    fake.mkdir()
    (fake / "iris.data").write_bytes(bundled_path(lookup(IRIS)).read_bytes()[:-1])
    monkeypatch.setattr("neurona.datasets.fetch._FILES_DIR", fake)
    with pytest.raises(DatasetIntegrityError, match=str((fake / "iris.data").resolve())):
        load_iris()
    assert os.path.getsize(fake / "iris.data") > 0
