"""Freezing: trainable = False keeps weights bit-identical, out of the optimizers, counted as Keras counts."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import BatchNormalization, Dense, Input
from neurona.models import Model, Sequential


def data(n=32, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 3)).astype(np.float32), rng.standard_normal((n, 1)).astype(np.float32)


def test_a_frozen_layer_is_bit_identical_after_fit_and_the_rest_trains():
    x, y = data()
    model = Sequential([Dense(8, activation="tanh", input_dim=3, name="base"), Dense(1, name="head")])
    model.build()
    model.layers[0].trainable = False
    base, head = model.layers[0].state_dict(), model.layers[1].state_dict()
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    for name, array in model.layers[0].state_dict().items():
        np.testing.assert_array_equal(array, base[name])
    assert not np.array_equal(model.layers[1].kernel.numpy(), head["kernel"])
    assert {id(p) for p in model.optimizer.params} == {id(p) for p in model.layers[1].parameters()}


def test_freezing_before_the_lazy_build_also_freezes_the_weights_made_later():
    layer = Dense(2, trainable=False)
    layer(nr.tensor(np.ones((1, 3))))
    assert layer.kernel.requires_grad is False and layer.trainable_parameters() == []


def test_unfreezing_trains_again():
    x, y = data()
    model = Sequential([Dense(1, input_dim=3)])
    model.compile(optimizer="sgd", loss="mse")
    model.build()
    model.trainable = False
    before = model.get_weights()
    assert len(before) == 2
    with pytest.warns(UserWarning, match="no trainable weights"):
        history = model.fit(x, y, epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)
    model.trainable = True
    model.fit(x, y, epochs=1, verbose=0)
    assert not np.array_equal(model.get_weights()[0], before[0])


def test_summary_counts_trainable_and_non_trainable_as_keras_does(capsys):
    x = Input((3,))
    frozen = Dense(4, name="frozen", trainable=False)
    model = Model(x, Dense(2, name="head")(BatchNormalization(name="bn")(frozen(x))))
    model.summary()
    out = capsys.readouterr().out
    assert "Total params: 42" in out                      # 16 (frozen) + 16 (gamma, beta, mean, variance) + 10
    assert "Trainable params: 18" in out and "Non-trainable params: 24" in out


def test_a_frozen_batch_normalization_runs_in_inference_mode_while_training():
    bn = BatchNormalization()
    x = nr.tensor(np.random.default_rng(0).standard_normal((16, 3)) * 3 + 1)
    bn(x)                                                 # build, and move the statistics once
    bn.trainable = False
    stats = [b.copy() for b in bn.buffers()]
    bn.train()
    np.testing.assert_array_equal(bn(x).numpy(), bn.eval()(x).numpy())
    for got, want in zip(bn.buffers(), stats):
        np.testing.assert_array_equal(got, want)


def test_weight_penalties_of_frozen_weights_are_left_out_of_the_loss():
    layer = Dense(2, kernel_regularizer="l2")
    layer.build((None, 3))
    assert len(layer.losses) == 1
    layer.trainable = False
    assert layer.losses == [] and layer.regularization_losses() == []
