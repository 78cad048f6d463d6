"""Module: registration, naming, modes, state dicts, regularization and a PyTorch-style loop."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import BatchNormalization, Dense, Dropout
from neurona.nn import Module, Parameter


class Affine(Module):
    def __init__(self):
        super().__init__()
        self.weight = Parameter(np.ones((2, 2)))
        self.bias = Parameter(np.zeros(2))

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class Net(Module):
    def __init__(self):
        super().__init__()
        self.dense = Dense(4, activation="relu", kernel_regularizer="l2", name="hidden")
        self.norm = BatchNormalization(name="norm")
        self.drop = Dropout(0.5)
        self.out = Dense(1, name="out")

    def forward(self, x):
        return self.out(self.drop(self.norm(self.dense(x))))


class Stack(Module):
    def __init__(self, *layers):
        super().__init__()
        for index, layer in enumerate(layers):
            self.add_module(str(index), layer)

    def forward(self, x):
        for layer in self.children():
            x = layer(x)
        return x


def built_net():
    net = Net()
    net(nr.tensor(np.ones((3, 5))))
    return net


def test_parameters_and_modules_register_in_assignment_order():
    net = built_net()
    assert [name for name, _ in net.named_parameters()] == [
        "dense.kernel", "dense.bias", "norm.gamma", "norm.beta", "out.kernel", "out.bias",
    ]
    assert [name for name, _ in net.named_buffers()] == ["norm.moving_mean", "norm.moving_variance"]
    assert net.children() == [net.dense, net.norm, net.drop, net.out]
    assert net.modules() == [net, net.dense, net.norm, net.drop, net.out]
    assert [name for name, _ in net.named_children()] == ["dense", "norm", "drop", "out"]


def test_programmatic_names():
    seq = Stack(Affine(), Affine())
    seq.register_parameter("scale", Parameter([1.0]))
    assert [name for name, _ in seq.named_parameters()] == ["scale", "0.weight", "0.bias", "1.weight", "1.bias"]
    assert seq(nr.tensor([[1.0, 2.0]])).shape == (1, 2)
    assert getattr(seq, "0") is seq.children()[0]


@pytest.mark.parametrize("name", ["a.b", "", "train"])
def test_bad_registered_names(name):
    with pytest.raises(KeyError):
        Module().add_module(name, Affine())


def test_registration_type_errors():
    module = Affine()
    with pytest.raises(TypeError, match="'weight' is a parameter; assign a Parameter"):
        module.weight = nr.tensor(np.ones((2, 2)))
    with pytest.raises(TypeError, match="must be a Module"):
        module.add_module("x", 3)
    with pytest.raises(TypeError, match="must be a Parameter"):
        module.register_parameter("x", nr.tensor([1.0]))
    with pytest.raises(TypeError, match="must be a NumPy array"):
        module.register_buffer("x", [1.0])


def test_forgetting_super_init_is_explained():
    class Broken(Module):
        def __init__(self):
            self.weight = Parameter([1.0])

    with pytest.raises(AttributeError, match="Broken: call super\\(\\).__init__\\(\\) before assigning 'weight'"):
        Broken()


def test_shared_parameters_and_modules_are_listed_once():
    shared = Affine()
    parent = Module()
    parent.a = shared
    parent.b = shared
    parent.w = shared.weight
    assert len(parent.parameters()) == 2
    assert parent.modules() == [parent, shared]


def test_deleting_and_replacing_attributes_updates_the_registry():
    module = Affine()
    del module.bias
    assert [n for n, _ in module.named_parameters()] == ["weight"]
    module.weight = Parameter(np.zeros((2, 2)))
    assert module.parameters()[0] is module.weight


def test_train_and_eval_reach_every_module():
    net = built_net()
    assert net.eval() is net
    assert not any(m.training for m in net.modules())
    net.train()
    assert all(m.training for m in net.modules())


def test_zero_grad_clears_every_gradient():
    net = built_net()
    net(nr.tensor(np.ones((3, 5)))).sum().backward()
    assert all(p.grad is not None for p in net.parameters())
    net.zero_grad()
    assert all(p.grad is None for p in net.parameters())


def test_state_dict_is_a_copy_with_parameters_and_buffers():
    net = built_net()
    state = net.state_dict()
    assert list(state) == [
        "dense.kernel", "dense.bias", "norm.gamma", "norm.beta", "norm.moving_mean", "norm.moving_variance",
        "out.kernel", "out.bias",
    ]
    state["dense.kernel"][...] = 7.0
    assert not np.any(net.dense.kernel.data == 7.0)


def test_load_state_dict_writes_in_place():
    source, target = built_net(), built_net()
    held = [p.data for p in target.parameters()] + target.buffers()
    result = target.load_state_dict(source.state_dict())
    assert result.missing_keys == [] and result.unexpected_keys == []
    for array, (_name, value) in zip(held, [*target.named_parameters(), *target.named_buffers()]):
        assert (value.data if isinstance(value, nr.Tensor) else value) is array
    for name, value in source.state_dict().items():
        np.testing.assert_array_equal(target.state_dict()[name], value)


def test_load_state_dict_reports_every_mismatch_at_once():
    net = built_net()
    state = net.state_dict()
    del state["out.bias"], state["norm.moving_mean"]
    state["extra.weight"] = np.zeros(2)
    state["dense.kernel"] = np.zeros((6, 4))
    with pytest.raises(ValueError) as error:
        net.load_state_dict(state)
    message = str(error.value)
    assert "missing keys: norm.moving_mean, out.bias" in message
    assert "unexpected keys: extra.weight" in message
    assert "shape of 'dense.kernel': expected (5, 4), got (6, 4)" in message


def test_non_strict_loading_skips_keys_but_not_shapes():
    net = built_net()
    state = {"dense.bias": np.full(4, 3.0, np.float32), "other": np.zeros(1)}
    result = net.load_state_dict(state, strict=False)
    assert result.unexpected_keys == ["other"] and "out.bias" in result.missing_keys
    np.testing.assert_array_equal(net.dense.bias.data, 3.0)
    with pytest.raises(ValueError, match="shape of 'dense.bias'"):
        net.load_state_dict({"dense.bias": np.zeros(3)}, strict=False)


def test_loading_into_an_unbuilt_model_says_so():
    with pytest.raises(ValueError, match="(?s)unexpected keys: dense.kernel.*not built yet"):
        Net().load_state_dict(built_net().state_dict())


def test_regularization_losses_collects_every_layer():
    net = built_net()
    (loss,) = net.regularization_losses()
    assert loss.item() == pytest.approx(0.01 * np.sum(net.dense.kernel.data**2), rel=1e-6)
    loss.backward()
    np.testing.assert_allclose(net.dense.kernel.grad, 0.02 * net.dense.kernel.data, rtol=1e-6)


def test_repr_is_nested():
    text = repr(built_net())
    assert text.startswith("Net(\n  (dense): Dense(name='hidden', units=4, activation='relu'")
    assert "\n  (drop): Dropout(name='dropout" in text and text.endswith(")\n)")


def test_pytorch_style_training_loop_reduces_the_loss():
    class SGD:
        def __init__(self, params, lr):
            self.params, self.lr = params, lr

        def step(self):
            for p in self.params:
                p.data -= self.lr * p.grad

        def zero_grad(self):
            for p in self.params:
                p.grad = None

    nr.random.seed(0)
    rng = np.random.default_rng(0)
    x = nr.tensor(rng.standard_normal((64, 5)))
    y = nr.tensor(x.numpy() @ rng.standard_normal((5, 1)))
    model = Stack(Dense(8, activation="tanh"), Dense(1))
    model(x)
    opt = SGD(model.parameters(), lr=0.05)
    losses = []
    for _ in range(50):
        loss = F.mse(model(x), y)
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.item())
    assert losses[-1] < 0.2 * losses[0]
