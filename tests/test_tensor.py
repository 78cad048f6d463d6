"""Tensor: construction, dtypes, graph recording, accumulation, errors."""
import numpy as np
import pytest

import neurona as nr


def test_dtypes_float32_by_default_float64_when_asked_integers_kept():
    assert nr.tensor([1.0, 2.0]).dtype == np.float32
    assert nr.tensor(np.zeros(3)).dtype == np.float32
    assert nr.tensor([1.0], dtype="float64").dtype == np.float64
    assert nr.tensor([1, 2, 3]).dtype.kind == "i"
    assert nr.tensor([True, False]).dtype == np.bool_


def test_only_floating_tensors_require_grad():
    with pytest.raises(TypeError, match="int"):
        nr.tensor([1, 2], requires_grad=True)


def test_info_accessors_and_repr():
    t = nr.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
    assert t.shape == (1, 3) and t.ndim == 2 and t.size == 3 and len(t) == 1
    assert isinstance(t.numpy(), np.ndarray)
    assert nr.tensor([4.5]).item() == 4.5
    assert repr(t) == "tensor([[1., 2., 3.]], requires_grad=True)"
    assert "grad_fn=Mul" in repr(t * 2)
    assert "dtype=float64" in repr(nr.tensor([1.0], dtype="float64"))
    with pytest.raises(ValueError, match="one-element"):
        t.item()


def test_course_example_gates():
    x = nr.tensor(-2.0, requires_grad=True)
    y = nr.tensor(5.0, requires_grad=True)
    z = nr.tensor(-4.0, requires_grad=True)
    q = x + y
    q.retain_grad()
    f = q * z
    f.backward()
    assert (x.grad, y.grad, z.grad, q.grad) == (-4.0, -4.0, 3.0, -4.0)


@pytest.mark.parametrize(
    "build, expected",
    [
        (lambda a: a + a, 2.0),
        (lambda a: a * a, 6.0),  # d(a²)/da at a = 3
        (lambda a: (a * 2) * (a + 1), 14.0),  # diamond: 2(a+1) + 2a at a = 3
    ],
)
def test_gradients_accumulate_when_a_tensor_is_reused(build, expected):
    a = nr.tensor(3.0, requires_grad=True)
    build(a).backward()
    assert a.grad == pytest.approx(expected)


def test_backward_accumulates_across_calls_and_zero_grad_resets():
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    (a * 3).sum().backward()
    (a * 3).sum().backward()
    np.testing.assert_array_equal(a.grad, [6.0, 6.0])
    a.zero_grad()
    assert a.grad is None


def test_leaf_gradients_never_share_memory():
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    b = nr.tensor([3.0, 4.0], requires_grad=True)
    (a + b).sum().backward()
    assert not np.shares_memory(a.grad, b.grad)
    a.grad *= 10
    np.testing.assert_array_equal(b.grad, [1.0, 1.0])


def test_broadcast_gradients_have_the_input_shape():
    w = nr.tensor(np.ones((3, 4)), requires_grad=True)
    b = nr.tensor(np.ones(4), requires_grad=True)
    c = nr.tensor(np.ones((3, 1)), requires_grad=True)
    (w * b + c).sum().backward()
    assert b.grad.shape == (4,) and c.grad.shape == (3, 1)
    np.testing.assert_array_equal(b.grad, [3.0] * 4)
    np.testing.assert_array_equal(c.grad, [[4.0]] * 3)


def test_backward_on_non_scalar_needs_a_gradient():
    t = nr.tensor([1.0, 2.0], requires_grad=True) * 2
    with pytest.raises(RuntimeError, match=r"shape \(2,\)"):
        t.backward()
    t.backward(np.array([1.0, 1.0]))


def test_backward_twice_through_a_freed_graph_is_an_error_unless_retained():
    a = nr.tensor(2.0, requires_grad=True)
    y = a * a
    y.backward(retain_graph=True)
    y.backward()
    assert a.grad == 8.0
    with pytest.raises(RuntimeError, match="already freed.*retain_graph=True"):
        y.backward()


def test_backward_without_graph_is_an_error():
    with pytest.raises(RuntimeError, match="does not require grad"):
        nr.tensor(1.0).backward()


def test_no_grad_records_nothing_and_detach_cuts_the_graph():
    w = nr.tensor([1.0], requires_grad=True)
    with nr.no_grad():
        y = w * 2
        assert not nr.is_grad_enabled()
    assert nr.is_grad_enabled()
    assert not y.requires_grad and y.grad_fn is None
    d = (w * 2).detach()
    assert not d.requires_grad and d.is_leaf
    assert np.shares_memory(d.numpy(), (d).numpy())


def test_requires_grad_toggles():
    t = nr.tensor([1.0]).requires_grad_()
    assert t.requires_grad
    assert not t.requires_grad_(False).requires_grad


def test_operators_and_reflected_operators():
    a = nr.tensor([2.0, 4.0], requires_grad=True)
    out = (1 - a) + (a / 2) * 3 - (8 / a) + a**2 + 2**a - (-a)
    expected = (1 - a.data) + (a.data / 2) * 3 - (8 / a.data) + a.data**2 + 2**a.data + a.data
    np.testing.assert_allclose(out.numpy(), expected)
    np_left = np.array([1.0, 1.0], dtype=np.float32) + a
    assert isinstance(np_left, nr.Tensor) and np_left.requires_grad
    m = nr.tensor([[1.0, 2.0]]) @ nr.tensor([[3.0], [4.0]])
    assert m.item() == 11.0


def test_comparisons_give_boolean_tensors_without_gradient():
    a = nr.tensor([1.0, 2.0, 3.0], requires_grad=True)
    for result, expected in [
        (a > 2, [False, False, True]), (a >= 2, [False, True, True]), (a < 2, [True, False, False]),
        (a <= 2, [True, True, False]), (a == 2, [False, True, False]), (a != 2, [True, False, True]),
    ]:
        assert result.dtype == np.bool_ and not result.requires_grad
        np.testing.assert_array_equal(result.numpy(), expected)


@pytest.mark.parametrize(
    "index",
    [1, slice(0, 2), (slice(None), 1), np.array([2, 0, 2]), np.array([True, False, True]), nr.tensor([0, 1])],
    ids=["int", "slice", "tuple", "int-array-repeats", "mask", "tensor-index"],
)
def test_indexing_and_its_gradient(index):
    data = np.arange(9.0).reshape(3, 3)
    a = nr.tensor(data, requires_grad=True, dtype="float64")
    out = a[index]
    plain = index.numpy() if isinstance(index, nr.Tensor) else index
    np.testing.assert_array_equal(out.numpy(), data[plain])
    out.sum().backward()
    expected = np.zeros_like(data)
    np.add.at(expected, plain, 1.0)
    np.testing.assert_array_equal(a.grad, expected)


def test_mixing_float32_and_float64_promotes_like_numpy_and_casts_gradients_back():
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    b = nr.tensor([3.0, 4.0], requires_grad=True, dtype="float64")
    out = a * b
    assert out.dtype == np.float64
    out.sum().backward()
    assert a.grad.dtype == np.float32 and b.grad.dtype == np.float64
    assert (nr.tensor([1.0]) * 2.5).dtype == np.float32  # Python scalars do not promote


def test_methods_delegate_to_functional():
    x = nr.tensor([[1.0, -2.0], [3.0, 0.5]])
    np.testing.assert_allclose(x.sum(axis=0).numpy(), [4.0, -1.5])
    assert x.T.shape == (2, 2) and x.reshape(4).shape == (4,) and x.reshape(1, 4).shape == (1, 4)
    assert x.flatten().shape == (4,) and x.unsqueeze(0).shape == (1, 2, 2)
    assert x.argmax(axis=1).numpy().tolist() == [0, 0]
    np.testing.assert_allclose(x.relu().numpy(), [[1.0, 0.0], [3.0, 0.5]])
    np.testing.assert_allclose(x.softmax().numpy().sum(axis=1), [1.0, 1.0], rtol=1e-6)


# ------------------------------------------------------------ in-place writes through the library
IN_PLACE = [
    ("add_", lambda t: t.add_(1.0), [2.0, 3.0]),
    ("sub_", lambda t: t.sub_(nr.tensor([1.0, 1.0])), [0.0, 1.0]),
    ("mul_", lambda t: t.mul_(3.0), [3.0, 6.0]),
    ("div_", lambda t: t.div_(2.0), [0.5, 1.0]),
    ("copy_", lambda t: t.copy_(np.array([7.0, 8.0])), [7.0, 8.0]),
    ("fill_", lambda t: t.fill_(4.0), [4.0, 4.0]),
    ("zero_", lambda t: t.zero_(), [0.0, 0.0]),
    ("__setitem__", lambda t: t.__setitem__(nr.tensor(1), 9.0), [1.0, 9.0]),
]


@pytest.mark.parametrize("write, expected", [(w, e) for _, w, e in IN_PLACE], ids=[n for n, _, _ in IN_PLACE])
def test_each_in_place_method_writes_in_place_and_bumps_the_version(write, expected):
    t = nr.tensor([1.0, 2.0])
    array = t.data
    result = write(t)
    assert result is t or result is None  # the methods return the tensor; t[i] = v is a statement
    assert t.data is array and t.dtype == np.float32
    np.testing.assert_array_equal(t.numpy(), expected)
    assert t.version == 1


@pytest.mark.parametrize("write", [w for _, w, _ in IN_PLACE], ids=[n for n, _, _ in IN_PLACE])
def test_in_place_methods_refuse_a_tensor_that_requires_grad_unless_under_no_grad(write):
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match=r"requires grad.*no_grad"):
        write(w)
    assert w.version == 0
    with nr.no_grad():
        write(w)
    assert w.version == 1


@pytest.mark.parametrize("write", [w for _, w, _ in IN_PLACE], ids=[n for n, _, _ in IN_PLACE])
def test_a_graph_that_saved_the_tensor_then_refuses_backward(write):
    x = nr.tensor([1.0, 2.0])
    w = nr.tensor([3.0, 4.0], requires_grad=True)
    y = (w * x).sum()
    write(x)
    with pytest.raises(RuntimeError, match="Mul needs input 1"):
        y.backward()


def test_in_place_on_a_parameter_under_no_grad_works():
    from neurona.nn import Parameter

    p = Parameter([1.0, 2.0])
    with nr.no_grad():
        p.sub_(p.grad if p.grad is not None else 0.5)
        p[0] = 0.0
    np.testing.assert_array_equal(p.numpy(), [0.0, 1.5])
    assert p.version == 2


def test_writing_a_value_that_requires_grad_is_refused_in_grad_mode():
    t = nr.tensor([0.0, 0.0])
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="the value written requires grad"):
        t[:] = w
    with pytest.raises(RuntimeError, match="the value written requires grad"):
        t.add_(w)


def test_in_place_errors_name_the_method_shape_and_dtype():
    with pytest.raises(ValueError, match=r"Tensor.add_ on a tensor of shape \(2,\) and dtype float32"):
        nr.tensor([1.0, 2.0]).add_(np.ones(3))
    with pytest.raises(TypeError, match=r"Tensor.mul_ on a tensor of shape \(2,\) and dtype int64"):
        nr.tensor([1, 2]).mul_(0.5)
    with pytest.raises(ValueError, match=r"Tensor.fill_.*read-only"):
        nr.functional.broadcast_to(nr.tensor([1.0]), (3,)).fill_(0.0)


def test_in_place_on_a_0d_tensor():
    t = nr.tensor(2.0)
    t.mul_(3.0)
    t.add_(nr.tensor(1.0))
    assert t.item() == 7.0 and t.version == 2


def test_views_and_detach_share_the_version_counter():
    base = nr.tensor(np.zeros((2, 3)))
    views = [base.reshape(3, 2), base.T, base[0], base.detach(), base.unsqueeze(0)]
    base.add_(1.0)
    assert [v.version for v in views] == [1] * len(views)
    views[2][0] = 5.0
    assert base.version == 2 and base.numpy()[0, 0] == 5.0
    assert base.astype(np.float64).version == 0  # a copy has its own


# ------------------------------------------------------------ dtype promotion (PyTorch's rule)
@pytest.mark.parametrize(
    "build, expected",
    [
        (lambda: nr.tensor(1) + 0.5, np.float32),
        (lambda: 0.5 * nr.tensor([1, 2]), np.float32),
        (lambda: nr.tensor(3) / nr.tensor(2), np.float32),
        (lambda: nr.tensor([1, 2]) ** 0.5, np.float32),
        (lambda: nr.tensor([1, 2]) * nr.tensor([1.0, 2.0]), np.float32),
        (lambda: nr.functional.exp(nr.tensor(2)), np.float32),
        (lambda: nr.functional.sigmoid(nr.tensor([1, 2])), np.float32),
        (lambda: nr.functional.tanh(nr.tensor([True, False])), np.float32),
        (lambda: nr.tensor([1, 2]).mean(), np.float32),
        (lambda: nr.tensor([1.0, 2.0]) * np.float64(2.5), np.float32),
        (lambda: nr.tensor([1.0]) + nr.tensor([1.0], dtype="float64"), np.float64),
        (lambda: nr.tensor([1], dtype="int32") * nr.tensor([1.0], dtype="float64"), np.float64),
        (lambda: nr.tensor([1, 2]) + 1, np.int64),
        (lambda: nr.tensor([1, 2]) * nr.tensor([3, 4]), np.int64),
    ],
)
def test_dtype_promotion_follows_pytorch(build, expected):
    assert build().dtype == expected


def test_integer_data_with_a_float_gives_the_default_float_dtype():
    nr.set_default_dtype("float64")
    try:
        assert (nr.tensor(1) + 0.5).dtype == np.float64
        assert nr.functional.exp(nr.tensor(2)).dtype == np.float64
    finally:
        nr.set_default_dtype("float32")


def test_a_gradient_through_a_promoted_result_has_the_input_dtype():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    out = w * np.float64(3.0)
    out.sum().backward()
    assert out.dtype == np.float32 and w.grad.dtype == np.float32


def test_as_tensor_shares_an_array_of_the_wanted_dtype():
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = nr.as_tensor(x)
    assert np.shares_memory(t.numpy(), x)
    ids = np.arange(3)
    assert np.shares_memory(nr.as_tensor(ids).numpy(), ids) and nr.as_tensor(ids).dtype == np.int64
    t.mul_(2.0)
    assert x[1, 2] == 10.0 and t.version == 1


def test_as_tensor_copies_only_to_convert():
    x64 = np.ones(3)
    t = nr.as_tensor(x64)
    assert t.dtype == np.float32 and not np.shares_memory(t.numpy(), x64)
    assert nr.as_tensor(x64, dtype="float64").numpy() is x64
    assert nr.as_tensor([1.0, 2.0]).dtype == np.float32
    same = nr.tensor([1.0])
    assert nr.as_tensor(same) is same
    assert nr.as_tensor(same, dtype="float64").dtype == np.float64


def test_from_numpy_shares_and_keeps_the_dtype():
    x = np.zeros(4)
    t = nr.Tensor.from_numpy(x)
    assert t.dtype == np.float64 and np.shares_memory(t.numpy(), x)
    with pytest.raises(TypeError, match="from_numpy.*list"):
        nr.Tensor.from_numpy([1.0])
    with pytest.raises(TypeError, match="from_numpy.*dtype object"):
        nr.Tensor.from_numpy(np.array(["a", 1], dtype=object))


def test_fit_and_predict_wrap_batches_without_copying():
    from neurona.training.data_adapter import Data, as_arrays
    x = np.ones((10, 3), np.float32)
    data = Data(as_arrays(x, None, "x", "predict"), None, "predict")
    batch, _, _ = data.rows(slice(0, 4))
    assert np.shares_memory(batch.numpy(), x)
