"""load_state_dict is all or nothing: every name, shape and dtype is checked before the first write."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import BatchNormalization, Dense
from neurona.nn import Module


class Net(Module):
    def __init__(self):
        super().__init__()
        self.dense = Dense(4, name="hidden")
        self.norm = BatchNormalization(name="norm")
        self.out = Dense(1, name="out")

    def forward(self, x):
        return self.out(self.norm(self.dense(x)))


def built_net() -> Net:
    net = Net()
    net(nr.tensor(np.ones((2, 5))))
    return net


def snapshot(net: Module) -> dict:
    return {name: array.copy() for name, array in net._state().items()}


@pytest.mark.parametrize(
    "bad",
    [np.zeros((4,), np.float64), np.zeros((4,), np.int32), np.zeros((4,), np.float16), np.zeros((5,), np.float32),
     np.array(["a"] * 4)],
    ids=["float64", "int32", "float16", "shape", "str"],
)
def test_a_bad_third_array_leaves_the_module_bit_identical(bad):
    net, source = built_net(), built_net()
    before = snapshot(net)
    state = source.state_dict()
    third = list(state)[2]
    state[third] = bad
    with pytest.raises(ValueError, match=f"(?s)nothing was loaded.*'{third}'"):
        net.load_state_dict(state)
    for name, array in snapshot(net).items():
        np.testing.assert_array_equal(array, before[name])


def test_every_bad_array_is_named_in_one_error():
    net = built_net()
    state = net.state_dict()
    state["dense.kernel"] = state["dense.kernel"].astype(np.float64)
    state["norm.moving_mean"] = np.zeros(4, np.int64)
    with pytest.raises(ValueError) as error:
        net.load_state_dict(state)
    assert "dtype of 'dense.kernel': expected float32, got float64" in str(error.value)
    assert "dtype of 'norm.moving_mean': expected float32, got int64" in str(error.value)


def test_loading_bumps_the_version_of_each_written_parameter():
    net, source = built_net(), built_net()
    versions = {name: p.version for name, p in net.named_parameters()}
    net.load_state_dict(source.state_dict())
    assert all(p.version > versions[name] for name, p in net.named_parameters())


def test_byte_order_is_not_a_dtype_difference():
    net, source = built_net(), built_net()
    state = {name: array.astype(array.dtype.newbyteorder(">")) for name, array in source.state_dict().items()}
    net.load_state_dict(state)
    for name, array in source.state_dict().items():
        np.testing.assert_array_equal(net.state_dict()[name], array)


def test_a_read_only_target_is_refused_before_anything_is_written():
    net = built_net()
    net.norm.moving_variance.flags.writeable = False
    before = snapshot(net)
    with pytest.raises(ValueError, match="'norm.moving_variance' is a read-only array"):
        net.load_state_dict(built_net().state_dict())
    for name, array in snapshot(net).items():
        np.testing.assert_array_equal(array, before[name])
