"""``neurona datasets list|fetch|verify|path``, offline, with a damaged file and with no network."""
import shutil

import pytest

from neurona.cli.catalog import DATASETS
from neurona.datasets._registry import REGISTRY
from neurona.datasets.fetch import bundled_path

from .conftest import assert_user_error

NO_NETWORK = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
              "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "no_proxy": ""}


@pytest.fixture
def offline(tmp_path):
    """An empty data folder and an empty user cache, with every download refused."""
    return {"NEURONA_DATA": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), **NO_NETWORK}


def test_every_registered_file_belongs_to_a_named_dataset():
    named = [path for dataset in DATASETS.values() for path in dataset.files]
    assert sorted(named) == sorted(REGISTRY) and len(set(named)) == len(named)


def test_list_names_every_dataset_and_counts_what_is_present(cli, offline):
    result = cli("datasets", "list", env=offline)
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(lines) == set(DATASETS)
    assert "1/1 files" in lines["iris"]                        # shipped in the package
    assert "0/4 files" in lines["mnist"] and "generated" in lines["spiral"]


def test_path_shows_where_files_are_searched_and_found(cli, offline, tmp_path):
    result = cli("datasets", "path", env=offline)
    assert result.returncode == 0
    assert f"offline folder: {tmp_path / 'data'}" in result.stdout and "user cache:" in result.stdout
    result = cli("datasets", "path", "mnist", env=offline)
    assert result.stdout.count(": absent") == 4
    result = cli("datasets", "path", "iris", env=offline)
    assert result.stdout.strip().endswith("neurona/datasets/files/iris.data")


def test_fetch_finds_a_file_offline(cli, offline, tmp_path):
    target = tmp_path / "data" / "tabular" / "wine" / "wine.data"
    target.parent.mkdir(parents=True)
    shutil.copy(bundled_path(REGISTRY["tabular/wine/wine.data"]), target)
    result = cli("datasets", "fetch", "wine", env=offline)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"tabular/wine/wine.data: {target}"


def test_fetch_of_an_absent_dataset_without_network_is_one_line(cli, offline):
    pytest.importorskip("pooch")
    result = cli("datasets", "fetch", "digits", env=offline)
    assert result.stdout.startswith("digits/optdigits.tra: downloading from https://")
    assert_user_error(result, "'digits/optdigits.tra' is not available", "NEURONA_DATA")


def test_fetch_and_path_refuse_an_unknown_name(cli, offline):
    assert_user_error(cli("datasets", "fetch", "imagenet", env=offline), "unknown dataset 'imagenet'", "mnist")
    assert_user_error(cli("datasets", "path", "imagenet", env=offline), "unknown dataset 'imagenet'")


def test_verify_reports_ok_absent_and_a_damaged_file(cli, offline, tmp_path):
    result = cli("datasets", "verify", "iris", env=offline)
    assert result.returncode == 0 and result.stdout.startswith("tabular/iris/iris.data: ok ")
    damaged = tmp_path / "data" / "tabular" / "iris" / "iris.data"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("5.1,3.5,1.4,0.2,Iris-setosa\n")
    result = cli("datasets", "verify", env=offline)
    assert result.returncode == 1
    assert f"tabular/iris/iris.data: MISMATCH {damaged}: expected 6f608b71" in result.stdout
    assert "mnist/train-images-idx3-ubyte.gz: absent" in result.stdout
    assert "tabular/wine/wine.data: ok" in result.stdout


def test_verify_the_real_data(cli, data_dir):
    result = cli("datasets", "verify", "mnist", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout
    assert result.stdout.count(": ok ") == 4


def test_training_on_an_absent_dataset_without_network_is_one_line(cli, offline, tmp_path):
    pytest.importorskip("pooch")
    result = cli("train", "mnist-mlp", "--out", str(tmp_path / "run"), env=offline)
    assert_user_error(result, "'mnist/train-images-idx3-ubyte.gz' is not available")
    assert not (tmp_path / "run").exists()
