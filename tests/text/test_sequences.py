"""pad_sequences follows Keras: pre/post padding and truncation, value, dtype, maxlen."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from neurona.text import pad_sequences

SEQUENCES = [[1, 2, 3, 4], [5, 6], [7], []]


@pytest.mark.parametrize("padding, truncating, expected", [
    ("pre", "pre", [[2, 3, 4], [0, 5, 6], [0, 0, 7], [0, 0, 0]]),
    ("post", "pre", [[2, 3, 4], [5, 6, 0], [7, 0, 0], [0, 0, 0]]),
    ("pre", "post", [[1, 2, 3], [0, 5, 6], [0, 0, 7], [0, 0, 0]]),
    ("post", "post", [[1, 2, 3], [5, 6, 0], [7, 0, 0], [0, 0, 0]]),
])
def test_the_four_keras_combinations(padding, truncating, expected):
    out = pad_sequences(SEQUENCES, maxlen=3, padding=padding, truncating=truncating)
    np.testing.assert_array_equal(out, expected)
    assert out.dtype == np.int32


def test_maxlen_defaults_to_the_longest_and_value_fills():
    out = pad_sequences([[1], [2, 3]], value=-1)
    np.testing.assert_array_equal(out, [[-1, 1], [2, 3]])


def test_float_dtype_keeps_fractions_and_nan_filler():
    out = pad_sequences([[0.5]], maxlen=2, dtype="float32", value=np.nan)
    np.testing.assert_array_equal(out, [[np.nan, 0.5]])


def test_empty_inputs():
    assert pad_sequences([]).shape == (0, 0)
    assert pad_sequences([], maxlen=3).shape == (0, 3)
    assert pad_sequences([[], []]).shape == (2, 0)
    np.testing.assert_array_equal(pad_sequences([[1, 2]], maxlen=0), np.zeros((1, 0)))


def test_numpy_integers_for_maxlen_and_value():
    np.testing.assert_array_equal(pad_sequences([[1]], maxlen=np.int64(2), value=np.int8(-1)), [[-1, 1]])


def test_numpy_rows_and_tuples():
    np.testing.assert_array_equal(pad_sequences(np.array([[1, 2], [3, 4]]), maxlen=3), [[0, 1, 2], [0, 3, 4]])
    np.testing.assert_array_equal(pad_sequences([(1,), np.array([2, 3])]), [[0, 1], [2, 3]])


@pytest.mark.parametrize("kwargs, error, message", [
    ({"sequences": [[300]], "dtype": "uint8"}, ValueError, "item 300 does not fit dtype uint8"),
    ({"sequences": [[1.5]]}, ValueError, "item 1.5 does not fit dtype int32"),
    ({"sequences": [[1]], "value": np.nan}, ValueError, "value nan does not fit dtype int32"),
    ({"sequences": [[1]], "value": "x"}, TypeError, "value must be a number"),
    ({"sequences": [[1]], "dtype": "U5"}, ValueError, "dtype must be a numeric dtype"),
    ({"sequences": [[1e300]], "dtype": "float32"}, ValueError, "would become inf"),
    ({"sequences": [[1]], "padding": "middle"}, ValueError, "padding must be one of"),
    ({"sequences": [[1]], "truncating": "both"}, ValueError, "truncating must be one of"),
    ({"sequences": [[1]], "maxlen": -1}, ValueError, "maxlen must be an integer >= 0"),
    ({"sequences": [[1]], "maxlen": 2.5}, ValueError, "maxlen must be an integer >= 0"),
    ({"sequences": [1, 2]}, TypeError, r"sequences\[0\] is of type int"),
    ({"sequences": ["ab"]}, TypeError, r"sequences\[0\] is of type str"),
    ({"sequences": 5}, TypeError, "must be a list of sequences"),
    ({"sequences": [[[1, 2]]]}, ValueError, "items must be scalars"),
    ({"sequences": [["a"]]}, TypeError, "items must be numbers"),
])
def test_bad_inputs_are_refused_rather_than_wrapped_or_truncated(kwargs, error, message):
    with pytest.raises(error, match=message):
        pad_sequences(**kwargs)


def _reference(sequences, maxlen, padding, truncating):
    """Keras's loop, one sequence at a time."""
    out = np.zeros((len(sequences), maxlen), dtype=np.int64)
    for i, sequence in enumerate(sequences):
        kept = min(len(sequence), maxlen)
        part = sequence[len(sequence) - kept:] if truncating == "pre" else sequence[:kept]
        start = maxlen - kept if padding == "pre" else 0
        out[i, start:start + kept] = part
    return out


@settings(deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 1000), max_size=8), max_size=6),
    st.integers(0, 10),
    st.sampled_from(["pre", "post"]),
    st.sampled_from(["pre", "post"]),
)
def test_matches_the_per_sequence_loop(sequences, maxlen, padding, truncating):
    out = pad_sequences(sequences, maxlen=maxlen, dtype="int64", padding=padding, truncating=truncating)
    np.testing.assert_array_equal(out, _reference(sequences, maxlen, padding, truncating))
