"""Several optimizers tied to sub-models; evaluating leaves the optimizers alone; a step clears every gradient."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import Dense, Input
from neurona.models import Model, Sequential
from neurona.nn import Module
from neurona.optimizers import SGD, Adam


class TwoPart(Model):
    def __init__(self):
        super().__init__()
        self.first = Dense(4, activation="tanh", input_dim=3)
        self.second = Dense(1)

    def forward(self, x):
        return self.second(self.first(x))


def data(seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((24, 3)).astype(np.float32), rng.standard_normal((24, 1)).astype(np.float32)


def test_a_dict_of_optimizers_updates_each_sub_module_with_its_own():
    x, y = data()
    model = TwoPart()
    fast, still = SGD(learning_rate=0.1), SGD(learning_rate=0.0)
    model.compile(optimizer={"first": fast, "second": still}, loss="mse")
    model.build((None, 3))
    second = model.second.state_dict()
    first = model.first.kernel.numpy().copy()
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    assert not np.array_equal(model.first.kernel.numpy(), first)
    np.testing.assert_array_equal(model.second.kernel.numpy(), second["kernel"])
    assert {id(p) for p in fast.params} == {id(p) for p in model.first.parameters()}


def test_a_list_of_optimizers_aligns_with_the_direct_sub_modules():
    model = TwoPart()
    a, b = Adam(), SGD()
    model.compile(optimizer=[a, b], loss="mse")
    assert model.optimizers == {"first": a, "second": b}
    with pytest.raises(ValueError, match=r"list of 1 optimizers must align with the model's 2 direct sub-modules \['first', 'second'\]"):
        model.compile(optimizer=[a], loss="mse")


class TestSeveralOptimizerErrors:
    def test_unknown_sub_module(self):
        with pytest.raises(ValueError, match=r"no sub-module named \['thrid'\]"):
            TwoPart().compile(optimizer={"thrid": "sgd"}, loss="mse")

    def test_one_instance_twice(self):
        opt = SGD()
        with pytest.raises(ValueError, match="its own optimizer instance"):
            TwoPart().compile(optimizer={"first": opt, "second": opt}, loss="mse")

    def test_parameters_left_without_an_optimizer(self):
        model = TwoPart()
        model.compile(optimizer={"first": "sgd"}, loss="mse")
        with pytest.raises(ValueError, match=r"no optimizer updates the trainable parameters \['second.kernel', 'second.bias'\]"):
            model.fit(*data(), verbose=0)

    def test_a_parameter_with_two_optimizers(self):
        outer = Model(TwoPart())
        outer.compile(optimizer={"module": "sgd", "module.first": "adam"}, loss="mse")
        with pytest.raises(ValueError, match="also updated by the optimizer of"):
            outer.fit(*data(), verbose=0)


def test_evaluate_does_not_rebind_or_reset_the_optimizer():
    x, y = data()
    model = Sequential([Dense(4, activation="tanh", input_dim=3), Dense(1)])
    opt = Adam(learning_rate=0.01)
    model.compile(optimizer=opt, loss="mse")
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    state = opt.state_dict()
    calls = []
    opt.set_parameters = lambda params: calls.append(params)
    model.layers[0].trainable = False                     # a rebinding now would start a fresh state
    model.evaluate(x, y)
    model.evaluate(*data(1), batch_size=5)
    assert calls == []
    for key, value in opt.state_dict().items():
        np.testing.assert_array_equal(value, state[key])


def test_evaluate_before_fit_needs_no_optimizer_binding():
    model = Sequential([Dense(1, input_dim=3)])
    opt = SGD()
    model.compile(optimizer=opt, loss="mse")
    assert np.isfinite(model.evaluate(*data()))
    assert opt.params == []


def test_a_training_step_clears_every_gradient_of_the_model():
    class Spy(Sequential):
        def train_step(self, data):
            self.layers[0].kernel.grad = np.full((3, 1), 7.0, np.float32)     # a stale gradient on a frozen weight
            return super().train_step(data)

    model = Spy([Dense(1, input_dim=3, trainable=False), Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(*data(), batch_size=24, verbose=0)
    assert model.layers[0].kernel.grad is None
    module = Module()
    module.part = Dense(2)
    module.part.build((None, 3))
    module.part.trainable = False
    module.part.kernel.grad = np.ones((3, 2), np.float32)
    module.zero_grad()
    assert module.part.kernel.grad is None
