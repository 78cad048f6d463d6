"""Weight files: .npz and .safetensors by suffix, atomic writes, clear refusals of anything else."""
import os
import sys
import zipfile

import numpy as np
import pytest

import neurona
from neurona import serialization
from neurona.layers import BatchNormalization, Dense
from neurona.models import Sequential
from neurona.serialization import NotAWeightsFile, load_arrays, save_arrays


def model(seed: int = 0) -> Sequential:
    neurona.random.seed(seed)
    net = Sequential([Dense(4, input_dim=3), BatchNormalization(), Dense(2)])
    net.build()
    return net


def weights_of(net) -> dict:
    return {name: array.copy() for name, array in net._state().items()}


@pytest.mark.parametrize("suffix", [".npz", ".safetensors"])
def test_weights_round_trip_in_both_formats(tmp_path, suffix):
    source, target = model(0), model(1)
    source.save_weights(tmp_path / f"w{suffix}")
    target.load_weights(tmp_path / f"w{suffix}")
    for name, array in source.state_dict().items():
        np.testing.assert_array_equal(target.state_dict()[name], array)
        assert target.state_dict()[name].dtype == array.dtype


@pytest.mark.parametrize("suffix", [".npz", ".safetensors"])
def test_arrays_keep_shape_and_dtype(tmp_path, suffix):
    arrays = {"scalar": np.array(7, np.int64), "empty": np.zeros((0, 3), np.float32),
              "strided": np.arange(6.0).reshape(2, 3).T, "flags": np.array([True, False])}
    save_arrays(tmp_path / f"a{suffix}", arrays)
    loaded = load_arrays(tmp_path / f"a{suffix}")
    assert sorted(loaded) == sorted(arrays)
    for name, array in arrays.items():
        assert loaded[name].shape == array.shape and loaded[name].dtype == array.dtype
        np.testing.assert_array_equal(loaded[name], array)


def bad_files(tmp_path) -> dict:
    np.save(tmp_path / "one.npy", np.ones(3))
    (tmp_path / "garbage.npz").write_bytes(b"this is not a zip archive" * 10)
    (tmp_path / "garbage.safetensors").write_bytes(b"\x00" * 64)
    good = tmp_path / "good.npz"
    save_arrays(good, {"a": np.ones(1000)})
    (tmp_path / "truncated.npz").write_bytes(good.read_bytes()[:300])
    save_arrays(tmp_path / "good.safetensors", {"a": np.ones(1000)})
    (tmp_path / "truncated.safetensors").write_bytes((tmp_path / "good.safetensors").read_bytes()[:300])
    np.savez(tmp_path / "pickled.npz", a=np.array([{"x": 1}], dtype=object))
    with zipfile.ZipFile(tmp_path / "other.npz", "w") as archive:
        archive.writestr("readme.txt", "hello")
    (tmp_path / "folder.npz").mkdir()
    return {
        "npy": ("one.npy", "must end in .npz or .safetensors"),
        "not a zip": ("garbage.npz", "not an .npz archive"),
        "garbage safetensors": ("garbage.safetensors", "bad safetensors data"),
        "truncated zip": ("truncated.npz", "damaged or truncated"),
        "truncated safetensors": ("truncated.safetensors", "bad safetensors data"),
        "pickle": ("pickled.npz", "holds Python objects, which neurona never loads"),
        "zip of other files": ("other.npz", "'readme.txt' is not an .npy array"),
        "directory": ("folder.npz", "it is a directory"),
    }


def test_every_bad_file_is_one_clear_error_that_never_advises_pickle(tmp_path):
    net = model()
    before = weights_of(net)
    for case, (name, reason) in bad_files(tmp_path).items():
        with pytest.raises(NotAWeightsFile) as error:
            net.load_weights(tmp_path / name)
        message = str(error.value)
        assert message.startswith(f"not a neurona weights file: {tmp_path / name}"), case
        assert reason in message, case
        assert "pickle=" not in message and "allow_pickle" not in message, case
        assert error.value.__cause__ is None and (error.value.__context__ is None or error.value.__suppress_context__), case
    for name, array in weights_of(net).items():
        np.testing.assert_array_equal(array, before[name])


@pytest.mark.parametrize("suffix", [".npz", ".safetensors"])
def test_a_file_whose_third_array_has_the_wrong_dtype_leaves_the_model_as_it_was(tmp_path, suffix):
    state = model(1).state_dict()
    third = list(state)[2]
    state[third] = state[third].astype(np.float64)
    save_arrays(tmp_path / f"w{suffix}", state)
    net = model(0)
    before = weights_of(net)
    with pytest.raises(ValueError, match=f"dtype of '{third}': expected float32, got float64"):
        net.load_weights(tmp_path / f"w{suffix}")
    for name, array in weights_of(net).items():
        np.testing.assert_array_equal(array, before[name])


def test_save_refuses_other_suffixes(tmp_path):
    with pytest.raises(ValueError, match="save_weights: the file name must end in .npz or .safetensors, got '.*w.h5'"):
        model().save_weights(tmp_path / "w.h5")
    assert list(tmp_path.iterdir()) == []


def test_writes_are_fsynced_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(serialization.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(serialization.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b)))
    save_arrays(tmp_path / "w.npz", {"a": np.ones(2)})
    assert events == ["fsync", "replace"]


def test_temporary_files_of_a_killed_write_are_removed_by_the_next_save(tmp_path):
    stale = [tmp_path / ".w.npz.0badc0de.tmp", tmp_path / ".w.npz.12345678.tmp"]
    for path in stale:
        path.write_bytes(b"half a file")
    others = [tmp_path / ".v.npz.0badc0de.tmp", tmp_path / ".w.npz.extra.0badc0de.tmp", tmp_path / "w.npz.tmp"]
    for path in others:
        path.write_bytes(b"not ours")
    save_arrays(tmp_path / "w.npz", {"a": np.ones(2)})
    assert not any(path.exists() for path in stale)
    assert all(path.exists() for path in others)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "w.npz"
    save_arrays(path, {"a": np.ones(2)})
    old = path.read_bytes()

    def explode(file):
        file.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        serialization.write_atomically(path, explode)
    assert path.read_bytes() == old and [p.name for p in tmp_path.iterdir()] == ["w.npz"]


def test_object_arrays_are_not_saved(tmp_path):
    with pytest.raises(TypeError, match="'a' must be a NumPy array of numbers"):
        save_arrays(tmp_path / "w.npz", {"a": np.array([None], dtype=object)})


def test_without_safetensors_the_error_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "safetensors", None)
    monkeypatch.setitem(sys.modules, "safetensors.numpy", None)
    with pytest.raises(ImportError, match=r'pip install "neurona\[save\]"'):
        save_arrays(tmp_path / "w.safetensors", {"a": np.ones(2)})
