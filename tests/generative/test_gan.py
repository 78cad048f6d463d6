"""GAN: alternating steps with their own optimizers, the non-saturating loss, a frozen discriminator, saving."""
import numpy as np
import pytest

import neurona as nr
from neurona.function import ShapeError
from neurona.generative import GAN
from neurona.layers import Conv2D, Conv2DTranspose, Dense, Flatten, LeakyReLU, Reshape
from neurona.models import Sequential, load_model
from neurona.optimizers import SGD, Adam


def networks(latent=4, d=2, d_activation="sigmoid"):
    generator = Sequential([Dense(32, activation="relu", input_dim=latent), Dense(d)], name="generator")
    discriminator = Sequential([Dense(32, activation="relu", input_dim=d), Dense(1, activation=d_activation)],
                               name="discriminator")
    return generator, discriminator


def mixture(n, seed=0):
    """A 2-D mixture of two Gaussians."""
    rng = np.random.default_rng(seed)
    centers = np.array([[2.0, 2.0], [3.0, 1.0]])
    return (centers[rng.integers(0, 2, n)] + 0.4 * rng.standard_normal((n, 2))).astype(np.float32)


def forward(net, x):
    """A Sequential of Dense layers in float64 NumPy; the last layer's pre-activation."""
    for i, layer in enumerate(net.layers):
        x = x @ layer.kernel.numpy().astype(np.float64) + layer.bias.numpy()
        if i < len(net.layers) - 1:
            x = np.maximum(x, 0)
    return x


def bce_logits(logits, target):
    return np.mean(np.logaddexp(0, logits) - logits * target)


def test_logs_are_the_losses_and_means_of_both_steps_with_label_smoothing():
    x = mixture(32)
    gan = GAN(*networks(), latent_dim=4, label_smoothing=0.1)
    gan.compile(optimizer={"generator": SGD(learning_rate=0.0), "discriminator": SGD(learning_rate=0.0)})
    gan.fit(x, epochs=0, verbose=0)  # builds both networks (their initial weights draw from the generator)
    nr.random.seed(3)
    logs = gan.fit(x, batch_size=32, shuffle=False, verbose=0).history
    rng = np.random.default_rng(3)
    z_d, z_g = (rng.standard_normal((32, 4), dtype=np.float32) for _ in range(2))
    real = forward(gan.discriminator, x)
    fake = forward(gan.discriminator, np.float32(forward(gan.generator, z_d)))
    judged = forward(gan.discriminator, np.float32(forward(gan.generator, z_g)))
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    assert logs["d_loss"][0] == pytest.approx(bce_logits(real, 0.9) + bce_logits(fake, 0.0), rel=1e-5)
    assert logs["g_loss"][0] == pytest.approx(-np.mean(np.log(sigmoid(judged))), rel=1e-5)  # non-saturating
    assert logs["d_real"][0] == pytest.approx(sigmoid(real).mean(), rel=1e-5)
    assert logs["d_fake"][0] == pytest.approx(sigmoid(fake).mean(), rel=1e-5)


def test_each_step_moves_only_its_network_and_the_discriminator_is_frozen_in_the_generator_step():
    x = mixture(16)
    generator, discriminator = networks()
    discriminator.layers[0].trainable = False  # the user's own freezing survives the steps
    gan = GAN(generator, discriminator, latent_dim=4)
    gan.compile(optimizer={"generator": SGD(learning_rate=0.1), "discriminator": SGD(learning_rate=0.1)})
    gan.fit(x, batch_size=16, epochs=0, verbose=0)  # builds both networks
    names = {id(p): name for name, p in gan.named_parameters()}
    g_names = {names[id(p)] for p in generator.parameters()}
    d_names = {names[id(p)] for p in discriminator.layers[1].parameters()}
    steps = [(None, set(), {name: p.numpy().copy() for name, p in gan.named_parameters()})]
    original = gan.minimize

    def spy(loss, optimizer=None):
        original(loss, optimizer)
        grads = {name for name, p in gan.named_parameters() if p.grad is not None}
        steps.append((optimizer, grads, {name: p.numpy().copy() for name, p in gan.named_parameters()}))

    gan.minimize = spy
    gan.fit(x, batch_size=16, verbose=0)
    moved = [{n for n in after if not np.array_equal(before[n], after[n])}
             for (_, _, before), (_, _, after) in zip(steps, steps[1:])]
    assert [(opt, grads) for opt, grads, _ in steps[1:]] == [("discriminator", d_names), ("generator", g_names)]
    assert moved == [d_names, g_names]  # no gradient reached D's weights in the generator's step
    assert [p.requires_grad for p in discriminator.layers[0].parameters()] == [False, False]
    assert all(p.requires_grad for p in discriminator.layers[1].parameters())


def test_the_generator_moves_toward_the_data():
    nr.random.seed(0)
    data = mixture(1024)
    gan = GAN(*networks(), latent_dim=4)
    gan.compile(optimizer={"generator": Adam(learning_rate=1e-3, beta_1=0.5),
                           "discriminator": Adam(learning_rate=1e-3, beta_1=0.5)})

    def distances():
        samples = gan.generate(2000)
        mean = np.linalg.norm(samples.mean(0) - data.mean(0))
        return mean, np.linalg.norm(np.cov(samples.T) - np.cov(data.T))

    gan.fit(data[:64], epochs=0, verbose=0)
    mean_before, cov_before = distances()
    history = gan.fit(data, epochs=60, batch_size=64, verbose=0).history
    assert sorted(history) == ["d_fake", "d_loss", "d_real", "g_loss"] and len(history["g_loss"]) == 60
    mean_after, cov_after = distances()
    assert mean_after < 0.1 * mean_before and mean_after + cov_after < 0.5 * (mean_before + cov_before)
    assert all(opt.iterations == 60 * 16 for opt in gan.optimizers.values())
    assert 0.2 < history["d_real"][-1] < 0.8 and 0.2 < history["d_fake"][-1] < 0.8  # neither network has won


def test_a_convolutional_pair_trains_and_generates_images():
    nr.random.seed(1)
    generator = Sequential([Dense(2 * 2 * 4, input_dim=3), Reshape((2, 2, 4)), LeakyReLU(0.2),
                            Conv2DTranspose(1, 3, strides=2, padding="same", activation="tanh")])
    discriminator = Sequential([Conv2D(4, 3, strides=2, padding="same", input_shape=(4, 4, 1)), LeakyReLU(0.2),
                                Flatten(), Dense(1, activation="sigmoid")])
    gan = GAN(generator, discriminator, latent_dim=3)
    gan.compile()
    images = np.random.default_rng(0).uniform(-1, 1, (32, 4, 4, 1)).astype(np.float32)
    history = gan.fit(images, batch_size=8, epochs=2, verbose=0).history
    assert np.all(np.isfinite(history["d_loss"] + history["g_loss"]))
    samples = gan.generate(5)
    assert samples.shape == (5, 4, 4, 1) and np.all(np.abs(samples) <= 1)
    scores = gan.evaluate(images, batch_size=32, return_dict=True)
    assert sorted(scores) == ["d_fake", "d_loss", "d_real", "g_loss"]


def test_saved_and_loaded_with_both_optimizers_and_training_resumes_exactly(tmp_path):
    nr.random.seed(0)
    x = mixture(64)
    gan = GAN(*networks(), latent_dim=4, label_smoothing=0.2)
    gan.compile()
    gan.fit(x, batch_size=16, epochs=2, verbose=0)
    gan.save(tmp_path / "gan.neurona")
    again = load_model(tmp_path / "gan.neurona")
    assert type(again) is GAN and again.get_config() == gan.get_config() and again.label_smoothing == 0.2
    assert sorted(again.optimizers) == ["discriminator", "generator"]
    nr.random.seed(4)
    resumed = again.fit(x, batch_size=16, epochs=1, shuffle=False, verbose=0).history
    nr.random.seed(4)
    assert resumed == gan.fit(x, batch_size=16, epochs=1, shuffle=False, verbose=0).history
    nr.random.seed(5)
    samples = again.generate(3)
    nr.random.seed(5)
    np.testing.assert_array_equal(samples, gan.generate(3))


def test_bad_networks_and_arguments_are_named():
    x = mixture(8)
    generator, discriminator = networks()
    with pytest.raises(ValueError, match="label_smoothing must be a number in"):
        GAN(generator, discriminator, 4, label_smoothing=1.0)
    with pytest.raises(TypeError, match="generator and discriminator must be Modules"):
        GAN(generator, None, 4)
    gan = GAN(generator, discriminator, 4, name="gan")
    with pytest.raises(ValueError, match="gan: compile needs one optimizer per network"):
        gan.compile(optimizer="adam")
    with pytest.raises(ValueError, match="the losses are the GAN's own"):
        gan.compile(loss="mse")
    logits_d = GAN(generator, networks(d_activation=None)[1], 4)
    logits_d.compile()
    with pytest.raises(ValueError, match="the discriminator must end in a sigmoid.*comes from Linear"):
        logits_d.fit(x, verbose=0)
    wrong_g = GAN(Sequential([Dense(3, input_dim=4)]), discriminator, 4)
    wrong_g.compile()
    with pytest.raises(ShapeError, match=r"generator makes samples of shape \(3,\), but the data's samples have shape \(2,\)"):
        wrong_g.fit(x, verbose=0)
    wide_d = GAN(generator, Sequential([Dense(2, activation="sigmoid", input_dim=2)]), 4)
    wide_d.compile()
    with pytest.raises(ShapeError, match=r"one probability per sample \(batch, 1\), got shape \(None, 2\)"):
        wide_d.fit(x, verbose=0)
    with pytest.raises(ValueError, match="generate: n must be a positive integer"):
        gan.generate(0)
