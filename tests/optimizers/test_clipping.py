"""Gradient clipping: the functions, and the optimizers' clipnorm / clipvalue options."""
import numpy as np
import pytest

import neurona as nr
from neurona.optimizers import SGD, clip_grad_norm_, clip_grad_value_


def params_with_grads(*grads):
    params = []
    for g in grads:
        p = nr.tensor(np.zeros(np.shape(g)), requires_grad=True)
        p.grad = np.array(g, dtype=np.float32)
        params.append(p)
    return params


def test_clip_grad_norm_scales_to_the_global_norm():
    a, b = params_with_grads([3.0, 0.0], [[4.0], [0.0]])     # global norm 5
    norm = clip_grad_norm_([a, b], max_norm=2.5)
    assert norm == 5.0
    np.testing.assert_array_equal(a.grad, np.float32([1.5, 0.0]))
    np.testing.assert_array_equal(b.grad, np.float32([[2.0], [0.0]]))


def test_clip_grad_norm_leaves_small_gradients_and_skips_none():
    a, b = params_with_grads([0.3, 0.4], [0.0])
    b.grad = None
    assert clip_grad_norm_([a, b], max_norm=1.0) == pytest.approx(0.5)
    np.testing.assert_array_equal(a.grad, np.float32([0.3, 0.4]))
    assert b.grad is None


def test_clip_grad_value_clips_each_element():
    (a,) = params_with_grads([-3.0, 0.5, 2.0])
    clip_grad_value_(a, 1.0)
    np.testing.assert_array_equal(a.grad, np.float32([-1.0, 0.5, 1.0]))


def test_clipping_functions_reject_bad_limits():
    (a,) = params_with_grads([1.0])
    with pytest.raises(ValueError, match="max_norm"):
        clip_grad_norm_([a], 0.0)
    with pytest.raises(ValueError, match="clip_value"):
        clip_grad_value_([a], -1.0)


def test_optimizer_global_clipnorm_clips_its_copy_before_the_step():
    a, b = params_with_grads([3.0, 0.0], [4.0])
    SGD([a, b], lr=1.0, global_clipnorm=1.0).step()
    np.testing.assert_allclose(a.data, [-0.6, 0.0])
    np.testing.assert_allclose(b.data, [-0.8])
    np.testing.assert_array_equal(a.grad, np.float32([3.0, 0.0]))   # .grad itself untouched


def test_optimizer_clipvalue():
    (a,) = params_with_grads([-3.0, 0.5, 2.0])
    SGD([a], lr=1.0, clipvalue=1.0).step()
    np.testing.assert_allclose(a.data, [1.0, -0.5, -1.0])


def test_optimizer_global_clipnorm_with_a_missing_gradient():
    a, b, c = params_with_grads([3.0], [4.0], [100.0])
    c.grad = None
    SGD([a, b, c], lr=1.0, global_clipnorm=1.0).step()
    np.testing.assert_allclose([a.data[0], b.data[0], c.data[0]], [-0.6, -0.8, 0.0])


@pytest.mark.parametrize("missing", [False, True])
def test_optimizer_clipnorm_clips_each_gradient_on_its_own_as_keras(missing):
    a, b, c = params_with_grads([3.0, 4.0], [0.3], [100.0])
    if missing:
        c.grad = None
    SGD([a, b, c], lr=1.0, clipnorm=1.0).step()
    np.testing.assert_allclose(a.data, [-0.6, -0.8])
    np.testing.assert_allclose(b.data, [-0.3])
    np.testing.assert_allclose(c.data, [0.0 if missing else -1.0])
    np.testing.assert_array_equal(a.grad, np.float32([3.0, 4.0]))


def test_clipnorm_and_global_clipnorm_exclude_each_other():
    with pytest.raises(ValueError, match="SGD: give clipnorm .* or global_clipnorm .*, not both"):
        SGD(clipnorm=1.0, global_clipnorm=1.0)
