"""``VAE``: a variational autoencoder (Kingma & Welling), a ``Model`` with its own training step.

The encoder maps ``x`` to the mean and log-variance of a diagonal Gaussian
``q(z|x)``; a code ``z = μ + σ·ε`` is drawn (:class:`~neurona.layers.Sampling`);
the decoder maps ``z`` back to the data. The loss is the negative evidence lower
bound per sample, estimated with one draw of ``ε`` (in training and in evaluation,
as PyTorch's example computes its test loss)::

    loss = reconstruction + KL(q(z|x) ‖ N(0, I))

with the reconstruction ``Σ_pixels BCE(x̂, x)`` for a Bernoulli decoder (computed
from its logits) or ``½ Σ_pixels (x̂ − x)²`` for a unit-variance Gaussian one.
"""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona import backend
from neurona.function import ShapeError
from neurona.grad_mode import enable_grad
from neurona.layers import Sampling
from neurona.layers.base import LAYERS, deserialize, serialize
from neurona.layers.kernel_bias import positive_int
from neurona.nn import Module
from neurona.tensor import Tensor
from neurona.training import Model
from neurona.generative._common import logits_of, run_batched, standard_normal

RECONSTRUCTIONS = ("bernoulli", "gaussian")


@LAYERS.register
class VAE(Model):
    """A variational autoencoder: ``VAE(encoder, decoder, latent_dim)``, trained by ``compile`` and ``fit(x)``.

    ``encoder(x)`` returns ``(mean, log_var)``, each of shape ``(batch, latent_dim)``;
    ``decoder(z)`` returns data of ``x``'s shape: probabilities (ending in a sigmoid)
    for ``reconstruction='bernoulli'``, the Gaussian's mean for ``'gaussian'``.
    ``fit`` reports ``loss``, ``reconstruction_loss`` and ``kl_loss`` (per sample).
    Calling the model (and ``predict``) reconstructs ``x`` through the mean code.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.generative import VAE
    >>> from neurona.layers import Dense, Input
    >>> from neurona.models import Model, Sequential
    >>> x = Input((6,))
    >>> h = Dense(8, activation="relu")(x)
    >>> encoder = Model(x, [Dense(2)(h), Dense(2)(h)])
    >>> decoder = Sequential([Dense(8, activation="relu", input_dim=2), Dense(6, activation="sigmoid")])
    >>> vae = VAE(encoder, decoder, latent_dim=2)
    >>> vae.compile(optimizer="adam")
    >>> history = vae.fit(np.random.default_rng(0).random((64, 6)), epochs=2, batch_size=16, verbose=0)
    >>> sorted(history.history)
    ['kl_loss', 'loss', 'reconstruction_loss']
    >>> vae.sample(3).shape, vae.interpolate(np.zeros((1, 6)), np.ones((1, 6)), steps=5).shape
    ((3, 6), (5, 1, 6))
    """

    def __init__(self, encoder: Module, decoder: Module, latent_dim: int, reconstruction: str = "bernoulli",
                 name: str | None = None) -> None:
        super().__init__(name=name)
        if not isinstance(encoder, Module) or not isinstance(decoder, Module):
            raise TypeError(f"{self.name}: encoder and decoder must be Modules (models or layers), got "
                            f"{type(encoder).__name__} and {type(decoder).__name__}")
        if reconstruction not in RECONSTRUCTIONS:
            raise ValueError(f"{self.name}: reconstruction must be one of {RECONSTRUCTIONS}, got {reconstruction!r}")
        self.encoder, self.decoder = encoder, decoder
        self.sampling = Sampling(name="sampling")
        self.latent_dim = positive_int(self.name, "latent_dim", latent_dim)
        self.reconstruction = reconstruction

    def compile(self, optimizer="adam", loss=None, metrics=None, loss_weights=None) -> None:
        """Choose the optimizer (Adam by default); the loss is the VAE's own, so ``loss``, ``metrics``
        and ``loss_weights`` must stay None."""
        if loss is not None or metrics or loss_weights is not None:
            raise ValueError(f"{self.name}: the loss is the VAE's own (reconstruction + KL); compile takes only the optimizer")
        super().compile(optimizer=optimizer)

    # ------------------------------------------------------------ the model
    def forward(self, x):
        mean, log_var = self._encode(x)
        return self.decoder(self.sampling([mean, log_var]))

    def _encode(self, x) -> tuple[Tensor, Tensor]:
        out = self.encoder(x)
        if not isinstance(out, (list, tuple)) or len(out) != 2:
            raise ValueError(f"{self.name}: the encoder must return (mean, log_var), got "
                             f"{type(out).__name__}{'' if not isinstance(out, (list, tuple)) else f' of {len(out)}'}")
        want = (len(x), self.latent_dim)
        if tuple(out[0].shape) != want or tuple(out[1].shape) != want:
            raise ShapeError(f"{self.name}: the encoder's mean {tuple(out[0].shape)} and log_var "
                             f"{tuple(out[1].shape)} must both have shape {want} (batch, latent_dim)")
        return out[0], out[1]

    def _reconstruction_loss(self, decoded: Tensor, x) -> Tensor:
        if tuple(decoded.shape) != tuple(x.shape):
            raise ShapeError(f"{self.name}: the decoder's output {tuple(decoded.shape)} must have the input's "
                             f"shape {tuple(x.shape)}")
        if self.reconstruction == "bernoulli":
            logits = logits_of(decoded, self.name, "decoder (a Bernoulli decoder)")
            return F.binary_cross_entropy_with_logits(logits, x, reduction="sum") * (1.0 / len(x))
        return F.mse(decoded, x, reduction="sum") * (0.5 / len(x))

    def _loss_terms(self, x) -> dict:
        """The loss of a batch and its two parts, from one draw of the codes."""
        mean, log_var = self._encode(x)
        decoded = self.decoder(self.sampling.draw(mean, log_var))
        reconstruction = self._reconstruction_loss(decoded, x)
        kl = F.gaussian_kl(mean, log_var)
        loss = reconstruction + kl
        for term in [*self.encoder.losses, *self.decoder.losses]:
            loss = loss + term
        return {"loss": loss, "reconstruction_loss": reconstruction, "kl_loss": kl}

    def train_step(self, data: tuple) -> dict:
        """Minimize reconstruction + KL on the batch ``data = (x, _)``; targets are ignored."""
        logs = self._loss_terms(self._as_tensor(data[0]))
        self.minimize(logs["loss"])
        return logs

    def test_step(self, data: tuple) -> dict:
        """The same loss and parts, without training (``evaluate`` and validation)."""
        with enable_grad():  # the graph holds the decoder's logits
            return self._loss_terms(self._as_tensor(data[0]))

    @staticmethod
    def _as_tensor(x):
        return x if isinstance(x, Tensor) else Tensor(x)

    # ------------------------------------------------------------ inference
    def encode(self, x: np.ndarray, batch_size: int = 256) -> tuple[np.ndarray, np.ndarray]:
        """The mean and log-variance of ``q(z|x)`` for each sample of ``x`` (arrays, no graph)."""
        mean, log_var = run_batched(self.encoder, self._floats(x), batch_size)
        return mean, log_var

    def decode(self, z: np.ndarray, batch_size: int = 256) -> np.ndarray:
        """The decoder's output for codes ``z`` of shape ``(n, latent_dim)``: probabilities for a Bernoulli decoder."""
        z = self._floats(z)
        if z.ndim != 2 or z.shape[1] != self.latent_dim:
            raise ShapeError(f"{self.name}.decode: codes must have shape (n, {self.latent_dim}), got {z.shape}")
        return run_batched(self.decoder, z, batch_size)[0]

    def sample(self, n: int) -> np.ndarray:
        """``n`` new samples: codes drawn from the prior N(0, I) (the seeded generator), decoded."""
        n = positive_int(f"{self.name}.sample", "n", n)
        return self.decode(standard_normal((n, self.latent_dim)).numpy())

    def interpolate(self, x_a: np.ndarray, x_b: np.ndarray, steps: int = 10) -> np.ndarray:
        """Decode ``steps`` codes evenly spaced from the mean code of ``x_a`` to that of ``x_b`` (both ends included).

        ``x_a`` and ``x_b`` are batches of the same shape ``(k, ...)``; the result has shape ``(steps, k, ...)``.
        """
        x_a, x_b = self._floats(x_a), self._floats(x_b)
        if x_a.shape != x_b.shape or x_a.ndim < 2:
            raise ShapeError(f"{self.name}.interpolate: x_a {x_a.shape} and x_b {x_b.shape} must be batches "
                             "of the same shape (k, ...); pass x[i:i+1] for one sample")
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 2:
            raise ValueError(f"{self.name}.interpolate: steps must be an integer >= 2, got {steps!r}")
        start, end = self.encode(x_a)[0], self.encode(x_b)[0]
        t = np.linspace(0.0, 1.0, steps, dtype=start.dtype)[:, None, None]
        codes = (1 - t) * start + t * end
        decoded = self.decode(codes.reshape(-1, self.latent_dim))
        return decoded.reshape(steps, len(x_a), *decoded.shape[1:])

    @staticmethod
    def _floats(x) -> np.ndarray:
        x = np.asarray(x)
        return x if x.dtype.kind == "f" else x.astype(backend.get_default_dtype())

    # --------------------------------------------------------------- config
    def get_config(self) -> dict:
        return {"encoder": serialize(self.encoder), "decoder": serialize(self.decoder),
                "latent_dim": self.latent_dim, "reconstruction": self.reconstruction, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> "VAE":
        config = dict(config)
        return cls(deserialize(config.pop("encoder")), deserialize(config.pop("decoder")), **config)
