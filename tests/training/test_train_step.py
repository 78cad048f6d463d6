"""An overridable training step: a GAN with two optimizers, a VAE whose KL term is an added loss, custom losses."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.callbacks import Callback
from neurona.layers import Dense, Input, Layer
from neurona.models import Model, Sequential
from neurona.optimizers import SGD, Adam


def mixture(n, rng):
    """A 2-D mixture of two Gaussians."""
    centers = np.array([[2.0, 2.0], [3.0, 1.0]])
    return (centers[rng.integers(0, 2, n)] + 0.4 * rng.standard_normal((n, 2))).astype(np.float32)


class GAN(Model):
    def __init__(self, latent_dim=4):
        super().__init__()
        self.latent_dim = latent_dim
        self.generator = Sequential([Dense(32, activation="relu", input_dim=latent_dim), Dense(2)], name="generator")
        self.discriminator = Sequential([Dense(32, activation="relu", input_dim=2), Dense(1)], name="discriminator")
        self.generator.build()
        self.discriminator.build()

    def sample(self, n):
        return self.generator(nr.tensor(nr.random.get_rng().standard_normal((n, self.latent_dim))))

    def train_step(self, data):
        real, _ = data
        n = len(real)
        ones, zeros = np.ones((n, 1), np.float32), np.zeros((n, 1), np.float32)
        fake = self.sample(n).detach()
        d_loss = (F.binary_cross_entropy_with_logits(self.discriminator(real), ones)
                  + F.binary_cross_entropy_with_logits(self.discriminator(fake), zeros))
        self.minimize(d_loss, "discriminator")
        g_loss = F.binary_cross_entropy_with_logits(self.discriminator(self.sample(n)), ones)
        self.minimize(g_loss, "generator")
        return {"d_loss": d_loss, "g_loss": g_loss}


def test_gan_train_step_moves_the_generator_toward_the_data():
    nr.random.seed(0)
    data = mixture(1024, np.random.default_rng(0))
    gan = GAN()

    def distances():
        with nr.no_grad():
            samples = gan.sample(2000).numpy()
        mean = np.linalg.norm(samples.mean(0) - data.mean(0))
        return mean, mean + np.linalg.norm(np.cov(samples.T) - np.cov(data.T))

    mean_before, before = distances()
    gan.compile(optimizer={"generator": Adam(learning_rate=1e-3, beta_1=0.5),
                           "discriminator": Adam(learning_rate=1e-3, beta_1=0.5)})
    assert gan.optimizer is None and set(gan.optimizers) == {"generator", "discriminator"}
    history = gan.fit(data, epochs=60, batch_size=64, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss"} and len(history.history["d_loss"]) == 60
    mean_after, after = distances()
    assert mean_after < 0.1 * mean_before and after < 0.5 * before
    assert all(opt.iterations == 60 * 16 for opt in gan.optimizers.values())


class Sampling(Layer):
    """``z = mean + exp(log_var / 2) * eps`` while training (the mean in evaluation); adds the KL term."""

    def forward(self, inputs):
        mean, log_var = inputs
        kl = -0.5 * (1.0 + log_var - mean * mean - log_var.exp()).sum(axis=1).mean()
        self.add_loss(kl)
        if not self.training:
            return mean
        return mean + (0.5 * log_var).exp() * nr.random.get_rng().standard_normal(mean.shape).astype(np.float32)


def vae(d=6, latent=2):
    x = Input((d,), name="x")
    h = Dense(8, activation="tanh", name="enc")(x)
    mean, log_var = Dense(latent, name="mean")(h), Dense(latent, name="log_var")(h)
    z = Sampling(name="z")([mean, log_var])
    out = Dense(d, name="out")(Dense(8, activation="tanh", name="dec")(z))
    return Model(x, out), Model(x, [mean, log_var])


def test_vae_loss_reported_by_fit_is_reconstruction_plus_the_added_kl_term():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 6)).astype(np.float32)
    model, encoder = vae()
    model.compile(optimizer=SGD(learning_rate=0.0), loss="mse")

    mean, log_var = (a.astype(np.float64) for a in encoder.predict(x))
    kl = np.mean(-0.5 * (1 + log_var - mean**2 - np.exp(log_var)).sum(axis=1))
    reconstruction = np.mean((model.predict(x).astype(np.float64) - x) ** 2)
    assert model.evaluate(x, x, batch_size=40) == pytest.approx(reconstruction + kl, rel=1e-5)

    nr.random.seed(5)
    eps = np.random.default_rng(5).standard_normal((40, 2)).astype(np.float32)
    z = mean + np.exp(0.5 * log_var) * eps
    layers = {name: model.get_layer(name) for name in ("dec", "out")}
    decoded = layers["out"](layers["dec"](nr.tensor(z))).numpy().astype(np.float64)
    history = model.fit(x, x, batch_size=40, shuffle=False, verbose=0)
    assert history.history["loss"][0] == pytest.approx(np.mean((decoded - x) ** 2) + kl, rel=1e-4)


def test_vae_trains_without_targets_when_the_loss_is_only_added():
    class VAE(Model):
        def __init__(self):
            super().__init__()
            self.net, _ = vae()

        def forward(self, x):
            out = self.net(x)
            self.add_loss(F.mse(out, x))
            return out

    nr.random.seed(1)
    x = np.random.default_rng(1).standard_normal((64, 6)).astype(np.float32)
    model = VAE()
    model.compile(optimizer=Adam(learning_rate=0.01))
    history = model.fit(x, epochs=30, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < 0.8 * history.history["loss"][0]


def test_compute_loss_is_the_hook_for_a_custom_loss_and_logs_are_batch_means():
    class Weighted(Sequential):
        def compute_loss(self, x=None, y=None, y_pred=None):
            return 2.0 * F.mse(y_pred, y.reshape(-1, 1))

    class BatchLosses(Callback):
        def on_train_batch_end(self, batch, logs=None):
            self.last = logs["loss"]

    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((30, 3)).astype(np.float32), rng.standard_normal(30).astype(np.float32)
    model = Weighted([Dense(1, input_dim=3, kernel_initializer="zeros")])
    model.compile(optimizer=SGD(learning_rate=0.0))
    spy = BatchLosses()
    history = model.fit(x, y, batch_size=8, shuffle=False, verbose=0, callbacks=[spy])
    assert history.history["loss"][0] == pytest.approx(2.0 * np.mean(y**2), rel=1e-5)  # mean over samples
    assert spy.last == history.history["loss"][0]


def test_fit_without_compiled_loss_or_added_losses_says_there_is_nothing_to_minimize():
    model = Sequential([Dense(1, input_dim=2)])
    model.compile(optimizer="sgd")
    with pytest.raises(ValueError, match="no loss to minimize"):
        model.fit(np.ones((4, 2)), verbose=0)
