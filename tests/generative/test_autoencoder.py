"""AutoEncoder: the loss it minimizes, noise and sparsity, freezing, several optimizers, saving."""
import json

import numpy as np
import pytest

import neurona as nr
from neurona.generative import AutoEncoder
from neurona.layers import Conv2D, Conv2DTranspose, Dense, Flatten, GaussianNoise, Input, Reshape
from neurona.models import Model, Sequential, load_model
from neurona.optimizers import SGD, Adam
from neurona.regularizers import KLSparsity


def dense_parts(pixels=12, code=4, code_activation="sigmoid"):
    encoder = Sequential([Dense(8, activation="relu", input_dim=pixels), Dense(code, activation=code_activation)])
    decoder = Sequential([Dense(8, activation="relu", input_dim=code), Dense(pixels, activation="sigmoid")])
    return encoder, decoder


def images(n=32, pixels=12, seed=0):
    """Images in [0, 1] that a 3-number code explains."""
    rng = np.random.default_rng(seed)
    mixing = np.random.default_rng(99).standard_normal((3, pixels)) * 2
    return (1 / (1 + np.exp(-rng.standard_normal((n, 3)) @ mixing))).astype(np.float32)


def mse(a, b):
    return float(np.mean((np.asarray(a, np.float64) - b) ** 2))


def test_fit_minimizes_the_reconstruction_error_of_the_inputs():
    nr.random.seed(0)
    ae = AutoEncoder(*dense_parts())
    ae.compile(optimizer=Adam(learning_rate=0.01))
    x = images(64)
    before = mse(ae.reconstruct(x), x)
    history = ae.fit(x, epochs=30, batch_size=16, verbose=0)
    assert sorted(history.history) == ["loss", "reconstruction"]
    assert history.history["loss"] == history.history["reconstruction"]
    assert mse(ae.reconstruct(x), x) < 0.5 * before
    assert ae.evaluate(x, return_dict=True)["loss"] == pytest.approx(mse(ae.reconstruct(x), x), rel=1e-5)


def test_encode_decode_reconstruct_and_predict_agree_on_numpy_arrays():
    ae = AutoEncoder(*dense_parts())
    x = images(5)
    codes = ae.encode(x)
    assert isinstance(codes, np.ndarray) and codes.shape == (5, 4)
    np.testing.assert_array_equal(ae.decode(codes), ae.reconstruct(x))
    np.testing.assert_array_equal(ae.predict(x), ae.reconstruct(x))


def test_denoising_trains_on_noisy_inputs_against_the_clean_ones():
    """The loss of a step is MSE(clean, Dec(Enc(clean + the seeded noise))), and evaluation has no noise."""
    ae = AutoEncoder(*dense_parts(), noise=GaussianNoise(0.5))
    ae.compile(optimizer=SGD(learning_rate=0.0))
    x = images(16)
    ae.build((None, 12))  # the initializers draw from the generator too
    nr.random.seed(3)
    loss = ae.fit(x, epochs=1, batch_size=16, shuffle=False, verbose=0).history["loss"][0]
    noise = np.random.default_rng(3).standard_normal(x.shape, dtype=np.float32)
    corrupted = x + np.float32(0.5) * noise
    assert loss == pytest.approx(mse(ae.reconstruct(corrupted), x), rel=1e-5)
    assert loss != pytest.approx(mse(ae.reconstruct(corrupted), corrupted), rel=1e-2)
    assert ae.evaluate(x, return_dict=True)["loss"] == pytest.approx(mse(ae.reconstruct(x), x), rel=1e-5)


def test_given_pairs_are_trained_as_noisy_input_and_clean_target():
    ae = AutoEncoder(*dense_parts())
    ae.compile(optimizer=SGD(learning_rate=0.0))
    x, target = images(8), images(8, seed=1)
    assert ae.evaluate(x, target, return_dict=True)["reconstruction"] == pytest.approx(mse(ae.reconstruct(x), target), rel=1e-5)


@pytest.mark.parametrize("sparsity", ["l1", KLSparsity(rho=0.1, beta=0.5)])
def test_sparsity_penalizes_the_code_and_is_logged(sparsity):
    ae = AutoEncoder(*dense_parts(), sparsity=sparsity)
    ae.compile(optimizer=SGD(learning_rate=0.0))
    x = images(16)
    logs = ae.evaluate(x, return_dict=True, batch_size=16)
    codes = ae.encode(x).astype(np.float64)
    if sparsity == "l1":
        expected = 0.01 * np.abs(codes).sum()
    else:
        m = codes.mean(axis=0)
        expected = 0.5 * np.sum(0.1 * np.log(0.1 / m) + 0.9 * np.log(0.9 / (1 - m)))
    assert logs["sparsity"] == pytest.approx(expected, rel=1e-4)
    assert logs["reconstruction"] == pytest.approx(mse(ae.reconstruct(x), x), rel=1e-5)
    assert logs["loss"] == pytest.approx(logs["reconstruction"] + logs["sparsity"], rel=1e-5)


def test_kl_sparsity_drives_the_mean_code_activation_to_the_target():
    nr.random.seed(1)
    ae = AutoEncoder(*dense_parts(), sparsity=KLSparsity(rho=0.05, beta=0.5))
    ae.compile(optimizer=Adam(learning_rate=0.01))
    x = images(64)
    assert ae.encode(x).mean() > 0.2
    ae.fit(x, epochs=40, batch_size=64, verbose=0)
    assert ae.encode(x).mean() == pytest.approx(0.05, abs=0.02)


def test_kl_sparsity_on_a_code_outside_0_1_is_an_error():
    ae = AutoEncoder(*dense_parts(code_activation="linear"), sparsity=KLSparsity())
    ae.compile()
    with pytest.raises(ValueError, match=r"kl_sparsity: activations must lie in \[0, 1\]"):
        ae.fit(images(8) * 10, epochs=1, verbose=0)


def test_an_expanding_autoencoder_with_noise_trains():
    nr.random.seed(2)
    ae = AutoEncoder(*dense_parts(pixels=12, code=24), noise=GaussianNoise(0.2), sparsity=KLSparsity(0.1, 0.01))
    ae.compile(optimizer=Adam(learning_rate=0.01))
    x = images(64)
    history = ae.fit(x, epochs=20, batch_size=16, verbose=0)
    assert ae.encode(x).shape == (64, 24)
    assert history.history["reconstruction"][-1] < 0.75 * history.history["reconstruction"][0]


def test_a_frozen_encoder_keeps_its_weights_while_the_decoder_learns():
    ae = AutoEncoder(*dense_parts())
    ae.encoder.trainable = False
    ae.compile(optimizer="adam")
    x = images()
    ae.build((None, 12))
    encoder, decoder = ae.encoder.get_weights(), ae.decoder.get_weights()
    ae.fit(x, epochs=2, batch_size=8, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(ae.encoder.get_weights(), encoder))
    assert not any(np.array_equal(a, b) for a, b in zip(ae.decoder.get_weights(), decoder))


def test_encoder_and_decoder_may_have_their_own_optimizers():
    ae = AutoEncoder(*dense_parts())
    ae.compile(optimizer={"encoder": SGD(learning_rate=0.0), "decoder": Adam(learning_rate=0.01)})
    ae.build((None, 12))
    encoder, decoder = ae.encoder.get_weights(), ae.decoder.get_weights()
    ae.fit(images(), epochs=1, batch_size=8, verbose=0)
    assert all(np.array_equal(a, b) for a, b in zip(ae.encoder.get_weights(), encoder))
    assert not any(np.array_equal(a, b) for a, b in zip(ae.decoder.get_weights(), decoder))


def conv_autoencoder():
    """A functional convolutional encoder and a Sequential transposed-convolution decoder, noise and KL sparsity."""
    x = Input(shape=(8, 8, 1))
    hidden = Conv2D(4, 3, strides=2, padding="same", activation="relu")(x)
    encoder = Model(x, Dense(6, activation="sigmoid")(Flatten()(hidden)), name="conv_encoder")
    decoder = Sequential([Dense(64, activation="relu", input_dim=6), Reshape((4, 4, 4)),
                          Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid")])
    return AutoEncoder(encoder, decoder, noise=GaussianNoise(0.2), sparsity=KLSparsity(0.1, 0.5), name="conv_ae")


def test_save_and_load_round_trip_bit_for_bit_and_training_resumes_identically(tmp_path):
    nr.random.seed(0)
    ae = conv_autoencoder()
    ae.compile(optimizer="adam")
    x = np.random.default_rng(0).random((16, 8, 8, 1)).astype(np.float32)
    ae.fit(x, epochs=2, batch_size=8, verbose=0)
    path = tmp_path / "ae.neurona"
    ae.save(path)
    loaded = load_model(path)
    assert type(loaded) is AutoEncoder and isinstance(loaded.noise, GaussianNoise)
    assert json.dumps(loaded.get_config()) == json.dumps(ae.get_config())
    np.testing.assert_array_equal(loaded.reconstruct(x), ae.reconstruct(x))
    np.testing.assert_array_equal(loaded.encode(x), ae.encode(x))
    for ours, theirs in zip(ae.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(ours, theirs)
    nr.random.seed(5)
    ae.fit(x, epochs=1, batch_size=8, verbose=0)
    nr.random.seed(5)
    loaded.fit(x, epochs=1, batch_size=8, verbose=0)
    for ours, theirs in zip(ae.get_weights(), loaded.get_weights()):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("args, error, match", [
    ((Dense(2), Sequential([Dense(2)])), TypeError, "encoder must be a Model"),
    ((Sequential([Dense(2)]), "decoder"), TypeError, "decoder must be a Model"),
])
def test_parts_that_are_not_models_are_refused(args, error, match):
    with pytest.raises(error, match=match):
        AutoEncoder(*args)


def test_bad_noise_the_same_model_twice_and_no_loss_are_refused():
    encoder, decoder = dense_parts()
    with pytest.raises(TypeError, match="noise must be a layer"):
        AutoEncoder(encoder, decoder, noise=0.5)
    with pytest.raises(ValueError, match="two models"):
        AutoEncoder(encoder, encoder)
    with pytest.raises(ValueError, match="needs a reconstruction loss"):
        AutoEncoder(encoder, decoder).compile(loss=None)


def test_a_decoder_of_the_wrong_shape_is_an_error_naming_the_shapes():
    encoder = Sequential([Dense(4, input_dim=12)])
    ae = AutoEncoder(encoder, Sequential([Dense(10, input_dim=4)]))
    ae.compile()
    with pytest.raises(ValueError, match="12"):
        ae.fit(images(8), epochs=1, verbose=0)
