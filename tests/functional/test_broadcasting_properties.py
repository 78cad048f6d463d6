"""Property tests: gradients of broadcasting binary ops have each input's shape and are right."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

import neurona as nr
import neurona.functional as F

OPS = {"add": F.add, "sub": F.sub, "mul": F.mul, "div": F.div, "maximum": F.maximum, "where": None}


def _inputs(shapes, seed):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.5, 2.0, shapes[0]) * rng.choice([-1, 1], shapes[0])
    b = rng.uniform(0.5, 2.0, shapes[1])
    return a, b


@settings(max_examples=40, deadline=None)
@given(
    shapes=mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3),
    name=st.sampled_from(sorted(OPS)),
    seed=st.integers(0, 2**16),
)
def test_broadcast_gradients_have_input_shapes_and_pass_gradcheck(shapes, name, seed):
    a, b = _inputs(shapes.input_shapes, seed)
    if name == "where":
        mask = np.random.default_rng(seed).random(shapes.result_shape) > 0.5
        fn = lambda x, y: F.where(mask, x, y)  # noqa: E731
    else:
        fn = OPS[name]
    ta, tb = nr.tensor(a, requires_grad=True, dtype="float64"), nr.tensor(b, requires_grad=True, dtype="float64")
    out = fn(ta, tb)
    assert out.shape == shapes.result_shape
    out.backward(np.ones(out.shape))
    assert ta.grad.shape == a.shape and tb.grad.shape == b.shape
    assert nr.gradcheck(fn, a, b)
