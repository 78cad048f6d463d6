"""The one-pass kernels (``neurona.accelerate``) against the NumPy reference of every update rule.

Each rule, with each of its variants, runs the same steps on the same gradients twice, kernels
off and on; the parameters and the state agree within float32 rounding. The course's MNIST
recipe (784-128 tanh-10 sigmoid, MSE, Adam, batches of 32) follows the same trajectory for its
first 100 steps either way.
"""
import numpy as np
import pytest

import neurona as nr
from neurona import accelerate
from neurona.nn import Parameter
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, RMSprop

pytestmark = pytest.mark.skipif(not accelerate.available(), reason="numba is not installed")

SHAPES = [(784, 128), (128,), (128, 10), (10,)]
RULES = [
    (Adam, {}), (Adam, {"epsilon_hat": False, "weight_decay": 0.01}), (AdamW, {}),
    (SGD, {}), (SGD, {"weight_decay": 0.1}), (SGD, {"momentum": 0.9}), (SGD, {"momentum": 0.9, "nesterov": True}),
    (SGD, {"momentum": 0.9, "nesterov": "course", "weight_decay": 0.1}),
    (RMSprop, {}), (RMSprop, {"epsilon_inside_sqrt": False, "weight_decay": 0.01}),
    (Adagrad, {}), (Adagrad, {"epsilon_inside_sqrt": False}),
]


@pytest.fixture
def kernels():
    """Run the test body with the kernels off, then on: ``kernels(run)`` returns both results."""
    def both(run):
        results = []
        for flag in (False, True):
            accelerate.set_enabled(flag)
            try:
                results.append(run())
            finally:
                accelerate.set_enabled(None)
        return results
    return both


def _steps(rule, options, dtype, steps=25, shapes=SHAPES):
    rng = np.random.default_rng(1)
    params = [Parameter(rng.standard_normal(s).astype(dtype)) for s in shapes]
    opt = rule(params, lr=0.01, **options)
    for _ in range(steps):
        for p in params:
            p.grad = rng.standard_normal(p.shape).astype(dtype)
        opt.step()
    return [p.data.copy() for p in params], opt.state_dict()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("rule", "options"), RULES, ids=lambda v: getattr(v, "__name__", None) or str(v))
def test_kernel_matches_the_numpy_rule(kernels, rule, options, dtype):
    nr.set_default_dtype(dtype)
    try:
        (reference, ref_state), (fast, fast_state) = kernels(lambda: _steps(rule, options, dtype))
    finally:
        nr.set_default_dtype("float32")
    tol = 1e-5 if dtype == np.float32 else 1e-12
    for a, b in zip(reference, fast):
        assert a.dtype == b.dtype == dtype
        np.testing.assert_allclose(b, a, rtol=tol, atol=tol)
    assert ref_state.keys() == fast_state.keys()
    for key in ref_state:
        np.testing.assert_allclose(fast_state[key], ref_state[key], rtol=tol, atol=tol)


def test_loose_tensors_and_missing_gradients_take_the_same_path(kernels):
    """Tensors made one by one (packed runs) and a step where one parameter has no gradient."""
    def run():
        rng = np.random.default_rng(2)
        params = [nr.tensor(rng.standard_normal(s).astype(np.float32), requires_grad=True) for s in [(3, 4), (4,), (50,)]]
        opt = Adam(params, lr=0.1)
        for step in range(6):
            for i, p in enumerate(params):
                p.grad = None if (step == 3 and i == 1) else rng.standard_normal(p.shape).astype(np.float32)
            opt.step()
        return [p.data.copy() for p in params]
    reference, fast = kernels(run)
    for a, b in zip(reference, fast):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)


def test_nan_gradients_propagate_as_in_numpy(kernels):
    def run():
        w = nr.tensor([1.0, 2.0], requires_grad=True)
        opt = Adam([w], lr=0.1)
        w.grad = np.array([np.nan, 1.0], np.float32)
        opt.step()
        return w.data.copy()
    reference, fast = kernels(run)
    assert np.isnan(reference[0]) and np.isnan(fast[0])
    np.testing.assert_allclose(fast[1], reference[1], rtol=1e-6)


def test_course_mnist_recipe_follows_the_same_trajectory(kernels, data_dir):
    """The course's network, loss, optimizer and batch size on the first 3,200 MNIST images: 100 steps."""
    from neurona.cli.presets.course import mnist_mlp
    from neurona.datasets import load_mnist

    (x, labels), _ = load_mnist(data_home=data_dir)
    x = x[:3200].astype(np.float32) / 255
    y = np.eye(10, dtype=np.float32)[labels[:3200]]

    def run():
        nr.random.seed(0)
        model = mnist_mlp()
        model.build((None, 28, 28))
        model.compile(optimizer="adam", loss="mse")
        losses = [model.train_on_batch(x[i : i + 32], y[i : i + 32]) for i in range(0, 3200, 32)]
        return np.array(losses), model.get_weights()
    (ref_losses, ref_weights), (losses, weights) = kernels(run)
    assert len(losses) == 100 and losses[-1] < 0.5 * losses[0]
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-4)
    for a, b in zip(ref_weights, weights):
        np.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-5)
