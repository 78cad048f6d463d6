"""Optimizer state by parameter name: keys, disjointness, validation before any write, rebinding."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.optimizers import SGD, Adam


def net(seed=0):
    nr.random.seed(seed)
    model = Sequential([Dense(4, activation="tanh", input_dim=3), Dense(2)])
    model.build((None, 3))
    return model


def train(model, opt, steps=2):
    rng = np.random.default_rng(0)
    for _ in range(steps):
        x, y = rng.standard_normal((8, 3)).astype(np.float32), rng.integers(0, 2, 8)
        opt.zero_grad()
        F.cross_entropy(model(nr.tensor(x)), y).backward()
        opt.step()


def test_named_parameters_key_the_state():
    model = net()
    opt = Adam(model.named_parameters())
    train(model, opt)
    names = [name for name, _ in model.named_parameters()]
    assert opt.names == names
    state = opt.state_dict()
    assert sorted(state) == sorted(f"{kind}/{name}" for name in names for kind in ("iterations", "step", "m", "v"))
    kernel = dict(model.named_parameters())[names[0]]
    assert state[f"m/{names[0]}"].shape == kernel.shape and state[f"step/{names[0]}"] == 2


def test_two_optimizers_over_different_parameters_have_disjoint_keys():
    model = net()
    first, second = model.named_parameters()[:2], model.named_parameters()[2:]
    a, b = Adam(first), SGD(second, momentum=0.9)
    assert not set(a.state_dict()) & set(b.state_dict())


def test_the_state_is_loaded_by_name_whatever_the_order():
    model = net()
    opt = Adam(model.named_parameters())
    train(model, opt)
    saved = opt.state_dict()
    again = Adam(list(reversed(model.named_parameters())))
    again.load_state_dict(saved)
    for key, value in again.state_dict().items():
        np.testing.assert_array_equal(value, saved[key])


def test_load_state_dict_reports_every_problem_and_writes_nothing():
    model = net()
    opt = Adam(model.named_parameters())
    train(model, opt)
    before = opt.state_dict()
    names = opt.names
    bad = {key: value.copy() for key, value in before.items()}
    bad[f"m/{names[0]}"] = np.zeros_like(bad[f"m/{names[0]}"])        # fine on its own: must not be written
    bad[f"v/{names[1]}"] = bad[f"v/{names[1]}"].astype(np.float64)
    bad[f"v/{names[2]}"] = np.zeros(7, np.float32)
    bad[f"step/{names[3]}"] = np.array(1.5)
    bad[f"iterations/{names[0]}"] = np.array(5)
    del bad[f"m/{names[3]}"]
    bad["m/other.kernel"] = np.zeros(1, np.float32)
    with pytest.raises(ValueError) as error:
        opt.load_state_dict(bad)
    message = str(error.value)
    for part in (
        f"missing keys: m/{names[3]}", "unexpected keys: m/other.kernel",
        f"dtype of 'v/{names[1]}': expected float32, got float64",
        f"shape of 'v/{names[2]}': expected (4, 2), got (7,)",
        f"'step/{names[3]}' must be a count", "the 'iterations/...' entries disagree: [2, 5]",
    ):
        assert part in message
    for key, value in opt.state_dict().items():
        np.testing.assert_array_equal(value, before[key])


def test_names_must_be_unique_and_items_tensors():
    a, b = nr.tensor([1.0], requires_grad=True), nr.tensor([2.0], requires_grad=True)
    with pytest.raises(ValueError, match="SGD: two different parameters are named 'w'"):
        SGD([("w", a), ("w", b)])
    with pytest.raises(TypeError, match="SGD: parameter 'w' is a ndarray, not a neurona Tensor"):
        SGD([("w", np.zeros(1))])
    opt = SGD([("w", a), ("again", a), b])                       # a parameter given twice counts once
    assert opt.names == ["w", "2"] and opt.params == [a, b]


def test_binding_again_keeps_the_state_of_every_parameter_still_there():
    model = net()
    opt = SGD(model.named_parameters(), momentum=0.9)
    train(model, opt)
    before = opt.state_dict()
    extra = ("extra", nr.tensor(np.ones(3), requires_grad=True))
    opt.set_parameters([extra, *reversed(model.named_parameters())])
    after = opt.state_dict()
    for name, _ in model.named_parameters():
        np.testing.assert_array_equal(after[f"v/{name}"], before[f"v/{name}"])
        assert after[f"step/{name}"] == 2
    np.testing.assert_array_equal(after["v/extra"], 0.0)
    assert after["step/extra"] == 0 and opt.iterations == 2


def test_binding_again_after_a_change_of_shape_starts_that_parameter_afresh():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    opt = SGD([("w", w)], momentum=0.9)
    w.grad = np.ones(2, np.float32)
    opt.step()
    w.data = np.zeros(3, np.float32)
    opt.set_parameters([("w", w)])
    w.grad = np.ones(3, np.float32)
    opt.step()
    np.testing.assert_allclose(w.data, -0.01)
    assert opt.state_dict()["step/w"] == 1


def test_fit_keys_the_state_by_name_and_evaluate_leaves_it_alone():
    model = net()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((16, 3)), rng.integers(0, 2, 16)
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    opt = model.optimizer
    groups, state = opt._groups, opt.state_dict()
    assert opt.names == [name for name, _ in model.named_parameters()]
    model.evaluate(x, y)
    assert opt._groups is groups and opt.iterations == 2
    for key, value in opt.state_dict().items():
        np.testing.assert_array_equal(value, state[key])
