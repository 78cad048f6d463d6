"""Input checks shared by the scalers and the classic estimators: what is converted, what is refused."""
import warnings

import numpy as np
import pytest

from neurona.data.validation import as_matrix, as_numeric, as_vector, data_conversion_warning


def test_as_matrix_converts_numbers_of_dtype_object_and_keeps_numeric_dtypes():
    x = np.array([[1, 2.5], [3, 4]], dtype=object)
    converted = as_matrix("demo", x)
    assert converted.dtype == np.float64 and converted.tolist() == [[1.0, 2.5], [3.0, 4.0]]
    assert as_matrix("demo", np.ones((2, 2), np.int32)).dtype == np.int32


@pytest.mark.parametrize(
    "values, error, message",
    [
        (np.array([[1, {"a": 1}]], dtype=object), TypeError, r"x of dtype object must hold numbers: .*argument"),
        (np.array([["a", "b"]]), TypeError, r"x must be numeric, got dtype <U1"),
        (np.ones((2, 2)) * 1j, ValueError, r"Complex data not supported; x has dtype complex128"),
        (np.ones(3), ValueError, r"x must be 2-D .* got shape \(3,\)\. Reshape your data: x.reshape\(-1, 1\)"),
        (np.ones((2, 3, 4)), ValueError, r"x must be 2-D \(n_samples, n_features\), got shape \(2, 3, 4\)"),
        (np.empty((12, 0)), ValueError, r"x has 0 feature\(s\) \(shape=\(12, 0\)\) while a minimum of 1 is required"),
    ],
)
def test_as_matrix_refusals_name_the_owner(values, error, message):
    with pytest.raises(error, match="^demo: " + message):
        as_matrix("demo", values)


def test_as_matrix_refuses_sparse_input_and_empty_fits():
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match=r"demo: x is a sparse csr_array, but sparse input is not supported"):
        as_matrix("demo", sparse.csr_array(np.eye(2)))
    with pytest.raises(ValueError, match=r"demo: cannot fit on 0 samples \(x has shape \(0, 3\)\)"):
        as_matrix("demo", np.empty((0, 3)), fitting=True)
    assert as_matrix("demo", np.empty((0, 3))).shape == (0, 3)


def test_as_numeric_refuses_strings():
    with pytest.raises(TypeError, match="demo: y must be numeric, got dtype <U1"):
        as_numeric("demo", np.array(["a"]), "y")


def test_as_vector_flattens_a_column_with_a_warning_and_refuses_other_shapes():
    with pytest.warns(data_conversion_warning(), match=r"A column-vector y was passed .* demo got y of shape \(3, 1\)"):
        assert as_vector("demo", [[1], [2], [3]]).tolist() == [1, 2, 3]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert as_vector("demo", ["a", "b"]).tolist() == ["a", "b"]
    with pytest.raises(ValueError, match=r"demo: y must be 1-D \(n_samples,\), got shape \(3, 2\)"):
        as_vector("demo", np.ones((3, 2)))
    with pytest.raises(ValueError, match="demo requires y to be passed, but the target y is None"):
        as_vector("demo", None)
    with pytest.raises(ValueError, match="demo: Complex data not supported"):
        as_vector("demo", [1j, 2])


def test_data_conversion_warning_is_one_class_and_extends_sklearns_where_installed():
    from neurona.data import validation

    assert validation.DataConversionWarning is data_conversion_warning()
    assert issubclass(validation.DataConversionWarning, UserWarning)
    exceptions = pytest.importorskip("sklearn.exceptions")
    assert issubclass(data_conversion_warning(), exceptions.DataConversionWarning)
