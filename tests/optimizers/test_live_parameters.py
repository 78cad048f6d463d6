"""An optimizer updates each parameter's array in place: handles stay live, writes reach it, versions count."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.nn import Parameter
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, RMSprop

ALL = [SGD, Adagrad, RMSprop, Adam, AdamW]


def net(seed=0):
    nr.random.seed(seed)
    model = Sequential([Dense(5, activation="tanh", input_dim=3), Dense(2)])
    model.build((None, 3))
    return model


def train_step(model, opt, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal((8, 3)).astype(np.float32), rng.integers(0, 2, 8)
    opt.zero_grad()
    F.cross_entropy(model(nr.tensor(x)), y).backward()
    opt.step()


def reference_run(params, opt_class, grads_per_step):
    """The same updates on fresh copies, one optimizer per parameter (so nothing is shared or packed)."""
    copies = [nr.tensor(p.data.copy(), requires_grad=True) for p in params]
    opts = [opt_class([c], lr=0.05) for c in copies]
    for grads in grads_per_step:
        for c, o, g in zip(copies, opts, grads):
            c.grad = g
            o.step()
    return [c.data for c in copies]


@pytest.mark.parametrize("opt_class", ALL)
def test_handles_taken_before_and_after_binding_see_every_update(opt_class):
    model = net()
    kernel = model.layers[0].kernel
    before = kernel.data
    opt = opt_class(model.parameters(), lr=0.1)
    after = kernel.data
    start = before.copy()
    for seed in range(3):
        train_step(model, opt, seed)
    assert before is kernel.data and after is kernel.data
    assert not np.allclose(before, start)


def test_a_models_parameters_are_updated_as_one_slice_of_their_storage():
    model = net()
    opt = Adam(model.parameters())
    (group,) = opt._groups
    assert len(group.plan) == 1 and not group.packs
    theta = group.plan[0][0]
    assert all(np.shares_memory(theta, p.data) for p in model.parameters())


def test_handle_taken_before_fit_sees_the_training():
    model = net()
    handle = model.layers[1].kernel.data
    start = handle.copy()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(0)
    model.fit(rng.standard_normal((32, 3)), rng.integers(0, 2, 32), epochs=2, verbose=0)
    assert handle is model.layers[1].kernel.data
    assert not np.allclose(handle, start)


def test_values_assigned_through_the_library_reach_the_optimizer():
    model = net()
    layer = model.layers[0]
    handle = layer.kernel.data
    opt = SGD(model.parameters(), lr=1.0)
    layer.kernel.data = np.full((3, 5), 2.0, np.float32)        # copied into the storage
    np.testing.assert_array_equal(handle, 2.0)
    state = model.state_dict()
    state["1.bias"] = np.full(2, 7.0, np.float32)
    model.load_state_dict(state)
    for p in model.parameters():
        p.grad = np.ones_like(p.data)
    opt.step()
    np.testing.assert_array_equal(handle, 1.0)
    np.testing.assert_array_equal(model.layers[1].bias.data, 6.0)


def test_a_parameter_given_an_array_of_another_dtype_asks_to_be_bound_again():
    model = net()
    opt = SGD(model.parameters(), lr=1.0)
    model.layers[0].bias.data = np.zeros(5, np.float64)
    for p in model.parameters():
        p.grad = np.ones_like(p.data)
    with pytest.raises(ValueError, match=r"SGD: parameter '1' now holds float64 \(5,\) but was bound as float32 \(5,\).*set_parameters"):
        opt.step()
    opt.set_parameters(model.parameters())
    opt.step()
    np.testing.assert_array_equal(model.layers[0].bias.data, -1.0)


def test_a_plain_tensor_rebound_by_user_code_is_updated_in_its_new_array():
    a, b = nr.tensor([1.0, 2.0], requires_grad=True), nr.tensor([3.0], requires_grad=True)
    opt = SGD([a, b], lr=1.0)
    fresh = np.array([10.0, 20.0], np.float32)
    a.data = fresh
    a.grad, b.grad = np.ones(2, np.float32), np.ones(1, np.float32)
    opt.step()
    assert a.data is fresh
    np.testing.assert_array_equal(fresh, [9.0, 19.0])
    np.testing.assert_array_equal(b.data, [2.0])


@pytest.mark.parametrize("opt_class", ALL)
def test_loose_and_interleaved_parameters_update_as_each_alone(opt_class):
    rng = np.random.default_rng(0)
    first = [Parameter(rng.standard_normal(s)) for s in ((3, 2), (2,))]
    loose = nr.tensor(rng.standard_normal((4,)), requires_grad=True)
    second = [Parameter(rng.standard_normal(s)) for s in ((2, 2), (20_000,))]
    strided = nr.tensor(np.zeros((3, 6)), requires_grad=True)
    strided.data = strided.data[:, ::2]                           # a non-contiguous array
    strided.data[...] = rng.standard_normal((3, 3))
    params = [second[1], strided, first[0], loose, second[0], first[1]]
    handles = [p.data for p in params]
    grads_per_step = [[rng.standard_normal(p.shape).astype(np.float32) for p in params] for _ in range(3)]
    expected = reference_run(params, opt_class, grads_per_step)
    opt = opt_class(params, lr=0.05)
    for grads in grads_per_step:
        for p, g in zip(params, grads):
            p.grad = g
        opt.step()
    for p, handle, want in zip(params, handles, expected):
        assert p.data is handle
        np.testing.assert_allclose(handle, want, rtol=1e-6, atol=1e-7)


def test_a_read_only_array_is_refused_by_name():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    opt = SGD([("w", w)])
    w.data = np.broadcast_to(np.float32(1.0), (2,))
    w.grad = np.ones(2, np.float32)
    with pytest.raises(ValueError, match="SGD: parameter 'w' holds a read-only array"):
        opt.step()


@pytest.mark.parametrize("opt_class", ALL)
def test_each_step_bumps_the_version_of_each_parameter_it_wrote(opt_class):
    model = net()
    params = model.parameters()
    opt = opt_class(params, lr=0.1)
    train_step(model, opt, 0)
    assert [p.version for p in params] == [1] * len(params)
    train_step(model, opt, 1)
    assert [p.version for p in params] == [2] * len(params)
    for p in params:
        p.grad = np.ones_like(p.data)
    params[0].grad = None                                      # skipped: not written
    opt.step()
    assert [p.version for p in params] == [2, 3, 3, 3]


def test_a_real_optimizer_step_before_backward_is_refused():
    import neurona as nr
    from neurona.layers import Dense
    from neurona.models import Sequential
    from neurona.optimizers import SGD

    net = Sequential([Dense(2, input_dim=3)])
    net.build()
    opt = SGD(net.parameters(), learning_rate=0.1)
    loss = net(nr.tensor(np.ones((4, 3)))).sum()
    loss.backward(retain_graph=True)
    opt.step()
    with pytest.raises(RuntimeError, match="Linear needs input 1"):
        loss.backward()
